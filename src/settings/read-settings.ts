import { createHash } from 'node:crypto';
import { InputError } from '../errors.ts';
import { destinationOf, readDelivery, readOutputsPortal } from './delivery.ts';
import { readCloud } from './endpoints.ts';
import {
  FORBIDDEN_REDIRECT_URI_CHARACTERS as FORBIDDEN_IN_URI,
  maxRedirectUris,
  normaliseBaseUrl,
  normaliseRedirectPath,
  redirectUriProblem,
} from './redirect-uris.ts';
import { createInputs, type InputReader } from './inputs.ts';
import { readIntegrations } from './integrations.ts';
import { checkTargetOptions } from './target-options.ts';
import { readOwnerPolicy } from './owner-policy.ts';
import { ROTATE_POLICIES, SECRET_PHASES, SECRETS_TARGETS, SIGN_IN_AUDIENCES, type ApiPermission, type Settings } from './settings.ts';

export type { InputReader };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const PERMISSION_NAME = /^[A-Za-z][A-Za-z0-9._-]{0,119}$/;
/** Graph's documentation does not state a uniqueName grammar; we keep to a conservative, URL-safe one. */
const UNIQUE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;
/**
 * Sources disagree on displayName's limit: 256 in learn.microsoft.com/graph/api/resources/application,
 * 120 (90 with personal accounts) in learn.microsoft.com/entra/identity-platform/supported-accounts-validation.
 * Use the lower.
 */
const MAX_DISPLAY_NAME = 120;
const MAX_DISPLAY_NAME_PERSONAL = 90;

/**
 * Parses and validates every input at once, so that one run reports every problem, each naming the
 * input and what would be valid. Pure: no network, no side effects.
 */
export function readSettings(input: InputReader, env: NodeJS.ProcessEnv): Settings {
  const inputs = createInputs(input);
  const { problems, fail, required, oneOf, integer, boolean, lines } = inputs;

  // Sign-in
  const tenantId = required('tenant-id');
  if (tenantId !== '' && !GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
    fail('tenant-id', `"${tenantId}" is neither a GUID nor a domain name (e.g. contoso.onmicrosoft.com)`);
  }
  const deployerClientId = required('client-id');
  if (deployerClientId !== '' && !GUID.test(deployerClientId)) {
    fail('client-id', `"${deployerClientId}" is not a GUID (the deployer identity's application (client) ID)`);
  }
  const audience = input('audience') || 'api://AzureADTokenExchange';
  const cloud = readCloud(inputs);

  // Registration
  const signInAudience = oneOf('sign-in-audience', SIGN_IN_AUDIENCES, 'AzureADMyOrg');
  const personal = signInAudience === 'AzureADandPersonalMicrosoftAccount' || signInAudience === 'PersonalMicrosoftAccount';
  const displayName = required('app-name');
  const maxName = personal ? MAX_DISPLAY_NAME_PERSONAL : MAX_DISPLAY_NAME;
  if (displayName.length > maxName) {
    fail('app-name', `is ${displayName.length} characters long; at most ${maxName} are allowed${personal ? ' when personal accounts may sign in' : ''}`);
  }
  const uniqueNameDerived = input('unique-name') === '';
  const uniqueName = uniqueNameDerived ? deriveUniqueName(displayName) : input('unique-name');
  if (!uniqueNameDerived && !UNIQUE_NAME.test(uniqueName)) {
    fail('unique-name', `"${uniqueName}" must be 1 to 120 letters, digits, '.', '_' or '-', starting with a letter or digit`);
  }
  // Registrations the previous release created carry the name it derived: find those too.
  const legacy = uniqueNameDerived ? deriveLegacyUniqueName(displayName) : uniqueName;
  const legacyUniqueName = legacy !== uniqueName ? { legacyUniqueName: legacy } : {};

  const baseUrls: string[] = [];
  const rawBases = lines('portal-base-url');
  if (input('portal-base-url') === '') fail('portal-base-url', 'is required (one or more https URLs, one per line)');
  else if (rawBases.length === 0) fail('portal-base-url', 'contains only empty lines (expected one or more https URLs, one per line)');
  for (const raw of rawBases) {
    const result = normaliseBaseUrl(raw);
    if ('problem' in result) fail('portal-base-url', result.problem);
    else if (!baseUrls.includes(result.url)) baseUrls.push(result.url);
  }
  const integrations = readIntegrations(input('integrations'));
  for (const problem of integrations.problems) fail('integrations', problem);
  // The integrations' paths first, then the extra redirect-paths, each once.
  const paths: string[] = [...integrations.paths];
  for (const raw of lines('redirect-paths')) {
    const result = normaliseRedirectPath(raw);
    if ('problem' in result) fail('redirect-paths', result.problem);
    else if (!paths.includes(result.path)) paths.push(result.path);
  }
  const redirectUris = [...new Set(baseUrls.flatMap((b) => paths.map((p) => (p === '/' ? `${b}/` : `${b}${p}`))))];
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    // Name the input the offending part came from: the path when the base URL alone is fine.
    const fromPath = problem !== undefined && baseUrls.some((b) => uri.startsWith(b) && redirectUriProblem(b) === undefined && FORBIDDEN_IN_URI.test(uri.slice(b.length)));
    if (problem) fail(fromPath ? 'redirect-paths' : 'portal-base-url', problem);
  }
  if (redirectUris.length > maxRedirectUris(personal)) {
    fail('portal-base-url', `yields ${redirectUris.length} redirect URIs (each base URL with the paths of integrations and redirect-paths); Entra allows at most ${maxRedirectUris(personal)}`);
  }

  const apiPermissions: ApiPermission[] = [];
  for (const token of input('api-permissions').split(/[\s,]+/).filter((t) => t !== '')) {
    const match = /^(?:(delegated|application):)?(.+)$/i.exec(token);
    const name = match?.[2] ?? token;
    if (!PERMISSION_NAME.test(name)) {
      fail('api-permissions', `"${token}" is not a permission name (expected e.g. User.Read, or application:User.Read.All)`);
      continue;
    }
    const kind = (match?.[1]?.toLowerCase() ?? 'delegated') as ApiPermission['kind'];
    if (!apiPermissions.some((p) => p.name === name && p.kind === kind)) apiPermissions.push({ name, kind });
  }
  const adminConsent = boolean('admin-consent', false);
  const owners = readOwnerPolicy(inputs);

  // Secret
  const before = problems.length;
  const lifetimeDays = integer('secret-lifetime-days', { min: 1, max: 730 }, 180);
  const rotate = oneOf('rotate', ROTATE_POLICIES, 'always');
  const rotateBeforeDays = integer('rotate-before-days', { min: 0, max: 729 }, 30);
  if (problems.length === before && rotate === 'when-expiring' && rotateBeforeDays >= lifetimeDays) {
    // A new secret would be due the moment it is made: every run would rotate.
    fail('rotate-before-days', `${rotateBeforeDays} must be less than secret-lifetime-days (${lifetimeDays}) with rotate when-expiring, or every run makes a new secret`);
  }
  const keep = integer('keep-secrets', { min: 0, max: 100 }, 2);
  const graceDays = integer('grace-period-days', { min: 0, max: 365 }, 7);
  const confirm = boolean('require-confirmation', false);
  const phase = oneOf('secret-phase', SECRET_PHASES, 'rotate-and-retire');
  const verify = boolean('verify-secret', true);
  const verifyTimeoutSeconds = integer('verify-timeout-seconds', { min: 1, max: 900 }, 120);

  // Delivery
  const target = oneOf('secrets-target', SECRETS_TARGETS, 'none');
  const delivery = readDelivery(target, inputs, env, { uniqueName, cloud: cloud.name });
  checkTargetOptions(target, inputs);
  const portal = readOutputsPortal(target, inputs, baseUrls[0] ?? '');
  const dryRun = boolean('dry-run', false);

  if (problems.length > 0) throw new InputError(problems);

  return {
    tenantId,
    deployerClientId,
    audience,
    cloud,
    registration: { displayName, uniqueName, ...legacyUniqueName, uniqueNameDerived, signInAudience, redirectUris, apiPermissions, adminConsent, owners },
    secret: { lifetimeDays, rotate, rotateBeforeDays, keep, graceDays, confirm, phase, verify, verifyTimeoutSeconds },
    delivery,
    destination: destinationOf(delivery, env.GITHUB_REPOSITORY ?? '', portal),
    dryRun,
    run: {
      id: env.GITHUB_RUN_ID ?? 'local',
      attempt: env.GITHUB_RUN_ATTEMPT ?? '1',
      repository: env.GITHUB_REPOSITORY ?? '',
    },
  };
}

/**
 * A stable registration key from the display name: a lower-case slug, with "intrexx-" in front unless
 * the slug starts with it already ("Intrexx demo portal" → intrexx-demo-portal).
 */
export function deriveUniqueName(displayName: string): string {
  const { slug, hash } = slugOf(displayName);
  return `${slug.startsWith('intrexx-') ? '' : 'intrexx-'}${slug}${hash}`;
}

/** The key the previous release derived: "intrexx-" always in front ("Intrexx demo portal" → intrexx-intrexx-demo-portal). */
export function deriveLegacyUniqueName(displayName: string): string {
  const { slug, hash } = slugOf(displayName);
  return `intrexx-${slug}${hash}`;
}

function slugOf(displayName: string): { slug: string; hash: string } {
  const latin = displayName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const slug = latin
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  // Where the slug drops letters (other scripts), two names could meet: a hash of the name keeps them apart.
  const lossy = /[^a-z0-9\s\-_.,'&()!?:;/]/.test(latin);
  const hash = lossy ? `-${createHash('sha256').update(displayName).digest('hex').slice(0, 8)}` : '';
  return { slug: slug || 'portal', hash };
}

// The runner-style warning for unknown INPUT_* variables lives with the misspelling check.
export { unexpectedInputsWarning } from './unknown-inputs.ts';

import type { Inputs } from './inputs.ts';
import { checkKeyVaultInputs, keyVaultDestination, readKeyVault, type KeyVaultContext } from './key-vault.ts';
import { ORG_VISIBILITIES, type Delivery, type OrgVisibility, type Repository, type SecretsTarget, type Destination, type WritingDelivery } from './settings.ts';
import { createHash } from 'node:crypto';

/**
 * owner/name. Owners: letters, digits and single hyphens, not first, at most 39 characters
 * (docs.github.com/get-started/signing-up-for-github/signing-up-for-a-new-github-account, "username").
 * Names: at most 100 ASCII letters, digits, '.', '-' and '_'
 * (docs.github.com/repositories/creating-and-managing-repositories/creating-a-new-repository);
 * "." and ".." are reserved (github.com/github/docs/issues/44518; GitHub answers "The repository . is reserved").
 */
const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
const RESERVED_NAME = /^\.{1,2}$/;

/**
 * "An environment name may not exceed 255 characters and must be unique within the repository", and
 * names are not case sensitive (docs.github.com/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment,
 * "Creating an environment"). The docs restrict no characters; the REST API takes any name URL-encoded
 * (docs.github.com/rest/deployments/environments). Control characters (a second line) cannot be meant.
 */
const MAX_ENVIRONMENT_NAME = 255;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The delivery secrets-target asks for; `vault` is what a Key Vault delivery needs besides its inputs (key-vault.ts). */
export function readDelivery(target: SecretsTarget, inputs: Inputs, env: NodeJS.ProcessEnv, vault: KeyVaultContext): Delivery {
  const { input, fail, oneOf } = inputs;
  const visibility = oneOf<OrgVisibility>('secrets-visibility', ORG_VISIBILITIES, 'private');
  const prefix = input('secret-name-prefix') || 'INTREXX_';
  const names = {
    clientId: `${prefix}CLIENT_ID`.toUpperCase(),
    tenantId: `${prefix}TENANT_ID`.toUpperCase(),
    clientSecret: `${prefix}CLIENT_SECRET`.toUpperCase(),
  };
  checkKeyVaultInputs(target, inputs);
  if (target === 'none') return { target };
  if (target === 'key-vault') return readKeyVault(inputs, vault);

  for (const name of Object.values(names)) {
    const problem = secretNameProblem(name);
    if (problem) fail('secret-name-prefix', `"${prefix}" yields the secret name ${name}, which ${problem}`);
  }
  const token = input('github-token');
  if (token === '') {
    fail('github-token', `is required when secrets-target is ${target}: a fine-grained personal access token or a GitHub App installation token with ${TOKEN_PERMISSIONS[target]} (GITHUB_TOKEN cannot write secrets)`);
  }
  const repository = readRepository(inputs, env);
  const environment = input('secrets-environment');
  if (target === 'environment' && environment === '') {
    fail('secrets-environment', 'is required when secrets-target is environment');
  }
  if (target !== 'environment' && environment !== '') {
    fail('secrets-environment', `is only used when secrets-target is environment (it is ${target})`);
  }
  if (target === 'environment' && environment.length > MAX_ENVIRONMENT_NAME) {
    fail('secrets-environment', `is ${environment.length} characters long; a GitHub environment name has at most ${MAX_ENVIRONMENT_NAME}`);
  }
  if (target === 'environment' && CONTROL.test(environment)) fail('secrets-environment', 'must be one environment name on one line, without control characters');
  return {
    target,
    token,
    repository,
    ...(target === 'environment' ? { environment } : {}),
    visibility,
    names,
  };
}

function readRepository({ input, fail }: Inputs, env: NodeJS.ProcessEnv): Repository {
  const text = input('secrets-repository') || env.GITHUB_REPOSITORY || '';
  const [owner = '', repo = ''] = text.split('/');
  if (text === '') fail('secrets-repository', 'is required outside GitHub Actions (expected owner/name)');
  else if (text.split('/').length === 2 && (RESERVED_NAME.test(owner) || RESERVED_NAME.test(repo))) {
    fail('secrets-repository', `"${text}" names "${RESERVED_NAME.test(owner) ? owner : repo}", which GitHub reserves: expected owner/name of an existing repository`);
  } else {
    const match = REPOSITORY.exec(text);
    if (match) return { owner: match[1] ?? '', repo: match[2] ?? '' };
    fail('secrets-repository', `"${text}" is not of the form owner/name (owner: letters, digits and hyphens; name: letters, digits, '.', '-' and '_')`);
  }
  return { owner: '', repo: '' };
}

/**
 * GitHub's rules for Actions secret names (docs.github.com "Using secrets in GitHub Actions",
 * naming your secrets): only alphanumerics and underscores, not starting with GITHUB_ or a digit;
 * stored upper-case.
 */
export function secretNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9_]+$/.test(name)) return 'may contain only letters, digits and underscores';
  if (/^[0-9]/.test(name)) return 'must not start with a digit';
  if (/^GITHUB_/i.test(name)) return 'must not start with GITHUB_';
  return undefined;
}

/** destination-name: a name for people, on one line of a log. */
const MAX_DESTINATION_NAME = 100;

/**
 * Which portal the step outputs are for (secrets-target none): destination-name, in lower case, or else
 * the first portal base URL as normalised. Two portals sharing a registration in one repository are two
 * destinations, so neither retires the other's secret. '' for the other targets, which destination-name
 * does not apply to: a GitHub destination is its secrets scope and prefix.
 */
export function readOutputsPortal(target: SecretsTarget, inputs: Inputs, firstBaseUrl: string): string {
  const name = inputs.input('destination-name');
  if (target !== 'none') {
    if (name !== '') inputs.fail('destination-name', `is only used when secrets-target is none (it is ${target}); GitHub secrets are told apart by secrets-repository, secrets-environment and secret-name-prefix`);
    return '';
  }
  if (name === '') return firstBaseUrl;
  if (name.length > MAX_DESTINATION_NAME || CONTROL.test(name)) {
    inputs.fail('destination-name', `must be one line of at most ${MAX_DESTINATION_NAME} characters without control characters, e.g. the portal's name such as intranet`);
  }
  return name.toLowerCase();
}

/**
 * The destination a run delivers to, named the same way by every run: GitHub's owner and repository
 * names are case-insensitive, secret names are stored upper-case
 * (docs.github.com/actions/security-guides/using-secrets-in-github-actions#naming-your-secrets), and
 * "Environment names are not case sensitive" (docs.github.com/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment#creating-an-environment),
 * so Production and production are one destination. The step outputs are one destination per portal
 * (`portal`, from readOutputsPortal) in each repository.
 */
export function destinationOf(delivery: Delivery, workflowRepository: string, portal: string): Destination {
  if (delivery.target === 'none') {
    const repository = workflowRepository.toLowerCase() || 'local';
    return make('output', `output:${repository}:${portal}`, `the step outputs for ${portal} (workflows of ${repository})`);
  }
  if (delivery.target === 'key-vault') {
    const { identity, description } = keyVaultDestination(delivery);
    return make('key-vault', identity, description);
  }
  const prefix = delivery.names.clientId.slice(0, -'CLIENT_ID'.length);
  const repository = `${delivery.repository.owner}/${delivery.repository.repo}`.toLowerCase();
  const owner = delivery.repository.owner.toLowerCase();
  if (delivery.target === 'environment') {
    const environment = (delivery.environment ?? '').toLowerCase();
    return make('github', `environment:${repository}:${environment}:${prefix}`, `environment ${delivery.environment} of ${repository} (${prefix}*)`);
  }
  if (delivery.target === 'organization') return make('github', `organization:${owner}:${prefix}`, `organization ${owner} (${prefix}*)`);
  return make('github', `repository:${repository}:${prefix}`, `repository ${repository} (${prefix}*)`);
}

function make(kind: Destination['kind'], identity: string, description: string): Destination {
  return { kind, identity, description, id: createHash('sha256').update(identity).digest('hex').slice(0, 12) };
}

/**
 * What github-token needs for each target, in GitHub's names for the permissions of fine-grained personal
 * access tokens and GitHub Apps (docs.github.com/rest/actions/secrets, "Fine-grained access tokens" of each
 * endpoint): "Secrets" repository permissions for create-or-update-a-repository-secret (write),
 * get-a-repository-public-key and get-a-repository-secret (read); "Environments" repository permissions
 * for create-or-update-an-environment-secret (write), get-an-environment-public-key and
 * get-an-environment-secret (read); "Secrets" organization permissions for
 * create-or-update-an-organization-secret (write), get-an-organization-public-key,
 * get-an-organization-secret and list-selected-repositories-for-an-organization-secret (read). With
 * visibility selected the action also reads the repository's ID
 * (docs.github.com/rest/repos/repos#get-a-repository: "Metadata" repository permissions, read).
 * README.md (Permissions) and action.yml (github-token) say the same, word for word.
 */
export const TOKEN_PERMISSIONS = {
  repository: 'the repository permission "Secrets: Read and write"',
  environment: 'the repository permission "Environments: Read and write"',
  organization: 'the organization permission "Secrets: Read and write" (with secrets-visibility selected, also "Metadata: Read" on secrets-repository)',
} as const satisfies Record<WritingDelivery['target'], string>;

/** The token github-token must be, for every target; action.yml's github-token description says exactly this. */
export const TOKEN_REQUIREMENT =
  'a fine-grained personal access token or a GitHub App installation token with, ' +
  `for secrets-target repository, ${TOKEN_PERMISSIONS.repository}; ` +
  `for environment, ${TOKEN_PERMISSIONS.environment}; ` +
  `for organization, ${TOKEN_PERMISSIONS.organization}`;

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { InputError } from '../../src/errors.ts';
import { CLOUDS } from '../../src/settings/clouds.ts';
import { deriveLegacyUniqueName, deriveUniqueName, readSettings, type InputReader } from '../../src/settings/read-settings.ts';
import type { Settings } from '../../src/settings/settings.ts';

const TENANT = '11111111-2222-3333-4444-555555555555';
const DEPLOYER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

const REQUIRED: Readonly<Record<string, string>> = {
  'tenant-id': TENANT,
  'client-id': DEPLOYER,
  'app-name': 'Intrexx Portal',
  'portal-base-url': 'https://portal.example.com',
};

/** An InputReader over the required inputs plus overrides; '' for anything unset, as the runner does. */
function reader(overrides: Record<string, string> = {}): InputReader {
  const values: Record<string, string> = { ...REQUIRED, ...overrides };
  return (name) => values[name] ?? '';
}

function settingsFor(overrides: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}): Settings {
  return readSettings(reader(overrides), env);
}

function problemsFor(overrides: Record<string, string>, env: NodeJS.ProcessEnv = {}): readonly string[] {
  try {
    readSettings(reader(overrides), env);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error(`readSettings accepted ${JSON.stringify(overrides)}`);
}

/** A delivery to GitHub needs a token and a repository; these make that part valid. */
const DELIVERY = { 'github-token': 'github_pat_example' };
const IN_ACTIONS: NodeJS.ProcessEnv = { GITHUB_REPOSITORY: 'octo-org/portal' };

describe('readSettings rejects invalid inputs, naming the input and what is valid', () => {
  const longHost = `https://portal.example.com/${'a'.repeat(240)}`;
  const manyBaseUrls = (n: number): string => Array.from({ length: n }, (_, i) => `https://p${i}.example.com`).join('\n');

  test.each<[string, Record<string, string>, NodeJS.ProcessEnv, string, string]>([
    // [case, inputs, env, input named, text the problem must contain]
    ['tenant-id missing', { 'tenant-id': '' }, {}, 'tenant-id', 'is required'],
    ['grace-period-days negative', { 'grace-period-days': '-1' }, {}, 'grace-period-days', 'out of range (expected 0 to 365)'],
    ['grace-period-days not a number', { 'grace-period-days': 'a week' }, {}, 'grace-period-days', 'is not a whole number (expected 0 to 365)'],
    ['secret-phase unknown', { 'secret-phase': 'prune' }, {}, 'secret-phase', '"prune" is not one of rotate-and-retire, rotate, confirm, retire'],
    ['client-id missing', { 'client-id': '' }, {}, 'client-id', 'is required'],
    ['app-name missing', { 'app-name': '' }, {}, 'app-name', 'is required'],
    ['portal-base-url missing', { 'portal-base-url': '' }, {}, 'portal-base-url', 'is required (one or more https URLs'],
    ['tenant-id free text', { 'tenant-id': 'my tenant' }, {}, 'tenant-id', '"my tenant" is neither a GUID nor a domain name (e.g. contoso.onmicrosoft.com)'],
    ['tenant-id without a top-level domain', { 'tenant-id': 'contoso' }, {}, 'tenant-id', 'neither a GUID nor a domain name'],
    ['tenant-id a truncated GUID', { 'tenant-id': '11111111-2222-3333-4444' }, {}, 'tenant-id', 'neither a GUID nor a domain name'],
    ['client-id a domain', { 'client-id': 'contoso.onmicrosoft.com' }, {}, 'client-id', '"contoso.onmicrosoft.com" is not a GUID'],
    ['client-id a GUID without hyphens', { 'client-id': 'aaaaaaaabbbbccccddddeeeeeeeeeeee' }, {}, 'client-id', 'is not a GUID'],
    ['client-id a GUID in braces', { 'client-id': `{${DEPLOYER}}` }, {}, 'client-id', 'is not a GUID'],
    ['portal-base-url ftp', { 'portal-base-url': 'ftp://portal.example.com' }, {}, 'portal-base-url', 'must use https (http is allowed only for localhost and 127.0.0.1)'],
    ['portal-base-url plain http to a remote host', { 'portal-base-url': 'http://portal.example.com' }, {}, 'portal-base-url', 'must use https'],
    ['portal-base-url http to a host named like localhost', { 'portal-base-url': 'http://localhost.example.com' }, {}, 'portal-base-url', 'must use https'],
    ['portal-base-url with a query string', { 'portal-base-url': 'https://portal.example.com/?tenant=1' }, {}, 'portal-base-url', 'must not contain a query string'],
    ['portal-base-url with an empty query string', { 'portal-base-url': 'https://portal.example.com/?' }, {}, 'portal-base-url', 'must not contain a query string'],
    ['portal-base-url with a fragment', { 'portal-base-url': 'https://portal.example.com/#top' }, {}, 'portal-base-url', 'must not contain a fragment'],
    ['portal-base-url with an empty fragment', { 'portal-base-url': 'https://portal.example.com/#' }, {}, 'portal-base-url', 'must not contain a fragment'],
    ['portal-base-url without a scheme', { 'portal-base-url': 'portal.example.com' }, {}, 'portal-base-url', 'is not an absolute URL (expected e.g. https://portal.example.com)'],
    ['portal-base-url with credentials', { 'portal-base-url': 'https://admin:pw@portal.example.com' }, {}, 'portal-base-url', 'must not contain a user name or password'],
    ['portal-base-url only empty lines', { 'portal-base-url': ' \n\n  \n' }, {}, 'portal-base-url', 'contains only empty lines'],
    ['portal-base-url one good, one bad line', { 'portal-base-url': 'https://portal.example.com\nhttp://intranet.example.com' }, {}, 'portal-base-url', '"http://intranet.example.com" must use https'],
    ['a redirect URI over 256 characters', { 'portal-base-url': longHost }, {}, 'portal-base-url', 'characters long; Entra allows at most 256'],
    ['too many redirect URIs', { 'portal-base-url': manyBaseUrls(257) }, {}, 'portal-base-url', 'yields 257 redirect URIs (each base URL with the paths of integrations and redirect-paths); Entra allows at most 256'],
    ['too many redirect URIs with personal accounts', { 'portal-base-url': manyBaseUrls(101), 'sign-in-audience': 'PersonalMicrosoftAccount' }, {}, 'portal-base-url', 'yields 101 redirect URIs (each base URL with the paths of integrations and redirect-paths); Entra allows at most 100'],
    ['app-name of 121 characters', { 'app-name': 'x'.repeat(121) }, {}, 'app-name', 'is 121 characters long; at most 120 are allowed'],
    ['app-name of 91 characters with personal accounts', { 'app-name': 'x'.repeat(91), 'sign-in-audience': 'AzureADandPersonalMicrosoftAccount' }, {}, 'app-name', 'at most 90 are allowed when personal accounts may sign in'],
    ['app-name of 91 characters, personal accounts only', { 'app-name': 'x'.repeat(91), 'sign-in-audience': 'PersonalMicrosoftAccount' }, {}, 'app-name', 'at most 90'],
    ['unique-name starting with a hyphen', { 'unique-name': '-portal' }, {}, 'unique-name', "must be 1 to 120 letters, digits, '.', '_' or '-'"],
    ['unique-name with a space', { 'unique-name': 'my portal' }, {}, 'unique-name', 'must be 1 to 120'],
    ['unique-name of 121 characters', { 'unique-name': 'u'.repeat(121) }, {}, 'unique-name', 'must be 1 to 120'],
    ['redirect-paths without a leading slash', { 'redirect-paths': 'service/oauth2/authorize' }, {}, 'redirect-paths', 'must start with /'],
    ['redirect-paths with a query string', { 'redirect-paths': '/service?x=1' }, {}, 'redirect-paths', 'must not contain a query string or fragment'],
    ['redirect-paths with white space', { 'redirect-paths': '/service oauth' }, {}, 'redirect-paths', 'must not contain white space'],
    ['secret-lifetime-days 0', { 'secret-lifetime-days': '0' }, {}, 'secret-lifetime-days', '0 is out of range (expected 1 to 730)'],
    ['secret-lifetime-days 9999', { 'secret-lifetime-days': '9999' }, {}, 'secret-lifetime-days', '9999 is out of range (expected 1 to 730)'],
    ['secret-lifetime-days "abc"', { 'secret-lifetime-days': 'abc' }, {}, 'secret-lifetime-days', '"abc" is not a whole number (expected 1 to 730)'],
    ['secret-lifetime-days "1.5"', { 'secret-lifetime-days': '1.5' }, {}, 'secret-lifetime-days', 'is not a whole number'],
    ['secret-lifetime-days "90d"', { 'secret-lifetime-days': '90d' }, {}, 'secret-lifetime-days', 'is not a whole number'],
    ['rotate-before-days 730', { 'rotate-before-days': '730' }, {}, 'rotate-before-days', 'expected 0 to 729'],
    ['keep-secrets -1', { 'keep-secrets': '-1' }, {}, 'keep-secrets', '-1 is out of range (expected 0 to 100)'],
    ['verify-timeout-seconds 0', { 'verify-timeout-seconds': '0' }, {}, 'verify-timeout-seconds', 'expected 1 to 900'],
    ['verify-timeout-seconds 901', { 'verify-timeout-seconds': '901' }, {}, 'verify-timeout-seconds', 'expected 1 to 900'],
    ['rotate not a policy', { rotate: 'sometimes' }, {}, 'rotate', '"sometimes" is not one of always, when-expiring'],
    ['cloud unknown', { cloud: 'AzureGermanCloud' }, {}, 'cloud', '"AzureGermanCloud" is not one of AzureCloud, AzureUSGovernment, AzureChinaCloud'],
    ['sign-in-audience unknown', { 'sign-in-audience': 'Everyone' }, {}, 'sign-in-audience', 'is not one of AzureADMyOrg, AzureADMultipleOrgs, AzureADandPersonalMicrosoftAccount, PersonalMicrosoftAccount'],
    ['secrets-target unknown', { 'secrets-target': 'vault' }, {}, 'secrets-target', '"vault" is not one of none, repository, environment, organization'],
    ['secrets-visibility unknown', { ...DELIVERY, 'secrets-target': 'organization', 'secrets-visibility': 'public' }, IN_ACTIONS, 'secrets-visibility', 'is not one of private, all, selected'],
    ['repository target without github-token', { 'secrets-target': 'repository' }, IN_ACTIONS, 'github-token', 'is required when secrets-target is repository'],
    ['organization target without github-token', { 'secrets-target': 'organization' }, IN_ACTIONS, 'github-token', 'is required when secrets-target is organization'],
    ['environment target without secrets-environment', { ...DELIVERY, 'secrets-target': 'environment' }, IN_ACTIONS, 'secrets-environment', 'is required when secrets-target is environment'],
    ['secrets-environment with the repository target', { ...DELIVERY, 'secrets-target': 'repository', 'secrets-environment': 'production' }, IN_ACTIONS, 'secrets-environment', 'is only used when secrets-target is environment (it is repository)'],
    ['secrets-repository not owner/name', { ...DELIVERY, 'secrets-target': 'repository', 'secrets-repository': 'just-a-name' }, IN_ACTIONS, 'secrets-repository', '"just-a-name" is not of the form owner/name'],
    ['secrets-repository unknown outside Actions', { ...DELIVERY, 'secrets-target': 'repository' }, {}, 'secrets-repository', 'is required outside GitHub Actions (expected owner/name)'],
    ['secret-name-prefix GITHUB_', { ...DELIVERY, 'secrets-target': 'repository', 'secret-name-prefix': 'GITHUB_' }, IN_ACTIONS, 'secret-name-prefix', '"GITHUB_" yields the secret name GITHUB_CLIENT_ID, which must not start with GITHUB_'],
    ['secret-name-prefix github_ (stored upper-case)', { ...DELIVERY, 'secrets-target': 'repository', 'secret-name-prefix': 'github_' }, IN_ACTIONS, 'secret-name-prefix', 'must not start with GITHUB_'],
    ['secret-name-prefix 1X', { ...DELIVERY, 'secrets-target': 'repository', 'secret-name-prefix': '1X' }, IN_ACTIONS, 'secret-name-prefix', 'yields the secret name 1XCLIENT_ID, which must not start with a digit'],
    ['secret-name-prefix A-B', { ...DELIVERY, 'secrets-target': 'environment', 'secrets-environment': 'prod', 'secret-name-prefix': 'A-B' }, IN_ACTIONS, 'secret-name-prefix', 'may contain only letters, digits and underscores'],
    ['admin-consent "yes"', { 'admin-consent': 'yes' }, {}, 'admin-consent', '"yes" is not a boolean (expected true or false)'],
    ['verify-secret "1"', { 'verify-secret': '1' }, {}, 'verify-secret', 'is not a boolean (expected true or false)'],
    ['dry-run "on"', { 'dry-run': 'on' }, {}, 'dry-run', 'is not a boolean'],
    ['dry-run "tRUE"', { 'dry-run': 'tRUE' }, {}, 'dry-run', 'is not a boolean'],
    ['authority-host over http', { 'authority-host': 'http://login.example.com' }, {}, 'authority-host', '"http://login.example.com" must be an https URL'],
    ['authority-host not the cloud\'s', { 'authority-host': 'https://login.example.com' }, {}, 'authority-host', '"https://login.example.com" is not the AzureCloud host (expected https://login.microsoftonline.com, or another cloud with cloud); to send the GitHub OIDC token and every new client secret to another host, set allow-custom-endpoints: true'],
    ['authority-host of another cloud', { cloud: 'AzureUSGovernment', 'authority-host': 'https://login.microsoftonline.com' }, {}, 'authority-host', 'is not the AzureUSGovernment host (expected https://login.microsoftonline.us'],
    ['authority-host a look-alike', { 'authority-host': 'https://login.microsoftonline.com.evil.example' }, {}, 'authority-host', 'set allow-custom-endpoints: true'],
    ['authority-host with allow-custom-endpoints false', { 'authority-host': 'https://localhost:8443', 'allow-custom-endpoints': 'false' }, {}, 'authority-host', 'set allow-custom-endpoints: true'],
    ['graph-endpoint not the cloud\'s', { 'graph-endpoint': 'https://127.0.0.1:8444' }, {}, 'graph-endpoint', '"https://127.0.0.1:8444" is not the AzureCloud host (expected https://graph.microsoft.com, or another cloud with cloud); to send the Microsoft Graph access token to another host, set allow-custom-endpoints: true'],
    ['graph-endpoint on another port', { 'graph-endpoint': 'https://graph.microsoft.com:8443' }, {}, 'graph-endpoint', 'is not the AzureCloud host'],
    ['allow-custom-endpoints not a boolean', { 'allow-custom-endpoints': 'yes' }, {}, 'allow-custom-endpoints', 'is not a boolean (expected true or false)'],
    ['allow-custom-endpoints does not allow http', { 'allow-custom-endpoints': 'true', 'graph-endpoint': 'http://127.0.0.1:8444' }, {}, 'graph-endpoint', 'must be an https URL'],
    ['portal-base-url a redirect URI', { 'portal-base-url': 'https://portal.example.com/portal/service/oauth2/authorize' }, {}, 'portal-base-url', 'ends in the redirect path /service/oauth2/authorize, which the action appends itself (integrations: office365 and exchange); give the portal\'s base URL (did you mean https://portal.example.com/portal?)'],
    ['portal-base-url a page', { 'portal-base-url': 'https://portal.example.com/default.ixsp' }, {}, 'portal-base-url', 'names a page (default.ixsp), not the portal\'s base URL (did you mean https://portal.example.com?)'],
    ['portal-base-url the IPv6 loopback', { 'portal-base-url': 'http://[::1]:8080' }, {}, 'portal-base-url', 'IPv6 loopback [::1], which Entra does not support'],
    ['portal-base-url a wildcard host', { 'portal-base-url': 'https://*.example.com' }, {}, 'portal-base-url', 'wildcard host'],
    ['portal-base-url a host with a trailing dot', { 'portal-base-url': 'https://portal.example.com.' }, {}, 'portal-base-url', 'did you mean https://portal.example.com?'],
    ['portal-base-url with a ".." segment', { 'portal-base-url': 'https://portal.example.com/x/../portal' }, {}, 'portal-base-url', 'contains the path segment ".."'],
    ['rotate-before-days equal to secret-lifetime-days', { rotate: 'when-expiring', 'secret-lifetime-days': '30' }, {}, 'rotate-before-days', '30 must be less than secret-lifetime-days (30) with rotate when-expiring, or every run makes a new secret'],
    ['secret-lifetime-days 0 with rotate when-expiring: one problem, its own', { rotate: 'when-expiring', 'secret-lifetime-days': '0' }, {}, 'secret-lifetime-days', '0 is out of range (expected 1 to 730)'],
    ['rotate-before-days over secret-lifetime-days', { rotate: 'when-expiring', 'secret-lifetime-days': '10', 'rotate-before-days': '20' }, {}, 'rotate-before-days', 'less than secret-lifetime-days (10)'],
    ['secrets-environment over 255 characters', { ...DELIVERY, 'secrets-target': 'environment', 'secrets-environment': 'e'.repeat(256) }, IN_ACTIONS, 'secrets-environment', 'is 256 characters long; a GitHub environment name has at most 255'],
    ['secrets-environment on two lines', { ...DELIVERY, 'secrets-target': 'environment', 'secrets-environment': 'prod\nstaging' }, IN_ACTIONS, 'secrets-environment', 'one environment name on one line'],
    ['secrets-repository named .', { ...DELIVERY, 'secrets-target': 'repository', 'secrets-repository': 'contoso/.' }, IN_ACTIONS, 'secrets-repository', '"contoso/." names ".", which GitHub reserves'],
    ['secrets-repository named ..', { ...DELIVERY, 'secrets-target': 'repository', 'secrets-repository': 'contoso/..' }, IN_ACTIONS, 'secrets-repository', 'names "..", which GitHub reserves'],
    ['secrets-repository owned by ..', { ...DELIVERY, 'secrets-target': 'organization', 'secrets-repository': '../portal' }, IN_ACTIONS, 'secrets-repository', 'names "..", which GitHub reserves'],
    ['secrets-repository with a third segment', { ...DELIVERY, 'secrets-target': 'repository', 'secrets-repository': 'contoso/portal/x' }, IN_ACTIONS, 'secrets-repository', 'is not of the form owner/name'],
    ['authority-host with a path', { 'authority-host': 'https://login.example.com/contoso' }, {}, 'authority-host', 'must be a host only, without a path'],
    ['authority-host with a query string', { 'authority-host': 'https://login.example.com?x=1' }, {}, 'authority-host', 'must not contain a query string or fragment'],
    ['authority-host not a URL', { 'authority-host': 'login.example.com' }, {}, 'authority-host', 'is not an absolute URL'],
    ['graph-endpoint with a version path', { 'graph-endpoint': 'https://graph.example.com/v1.0' }, {}, 'graph-endpoint', 'must be a host only'],
    ['graph-endpoint over http', { 'graph-endpoint': 'http://localhost:8080' }, {}, 'graph-endpoint', 'must be an https URL'],
    ['api-permissions with an empty application: prefix', { 'api-permissions': 'application:' }, {}, 'api-permissions', '"application:" is not a permission name (expected e.g. User.Read, or application:User.Read.All)'],
    ['api-permissions with an unknown prefix', { 'api-permissions': 'User.Read admin:User.Read.All' }, {}, 'api-permissions', '"admin:User.Read.All" is not a permission name'],
    ['api-permissions starting with a digit', { 'api-permissions': '1User.Read' }, {}, 'api-permissions', 'is not a permission name'],
  ])('%s', (_case, inputs, env, name, expected) => {
    const problems = problemsFor(inputs, env);
    expect(problems.some((p) => p.startsWith(`${name}: `) && p.includes(expected))).toBe(true);
    // One bad input is reported against that input only.
    for (const problem of problems) expect(problem.startsWith(`${name}: `)).toBe(true);
  });

  test.each(['!', '$', "'", '(', ')', ',', ';'])('a redirect URI containing %s', (character) => {
    const problems = problemsFor({ 'portal-base-url': `https://portal.example.com/a${character}b` });
    expect(problems).toEqual([
      `portal-base-url: redirect URI "https://portal.example.com/a${character}b/service/oauth2/authorize" contains "${character}", which Entra does not allow in redirect URIs`,
    ]);
  });

  test('reports every problem at once, each on its own line', () => {
    const inputs: InputReader = (name) => ({ 'keep-secrets': 'many', rotate: 'never' })[name] ?? '';
    let thrown: unknown;
    try {
      readSettings(inputs, {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const error = thrown as InputError;
    const named = error.problems.map((p) => p.slice(0, p.indexOf(':')));
    expect(named.sort()).toEqual(['app-name', 'client-id', 'keep-secrets', 'portal-base-url', 'rotate', 'tenant-id']);
    expect(error.message.split('\n')[0]).toBe('Invalid inputs:');
    for (const problem of error.problems) expect(error.message).toContain(`  - ${problem}`);
  });

  test('a single problem makes a one-line message', () => {
    expect(() => settingsFor({ 'client-id': 'nope' })).toThrow('Invalid input: client-id: "nope" is not a GUID');
  });
});

describe('readSettings accepts valid inputs', () => {
  test('fills every default', () => {
    expect(settingsFor()).toEqual({
      tenantId: TENANT,
      deployerClientId: DEPLOYER,
      audience: 'api://AzureADTokenExchange',
      cloud: CLOUDS.AzureCloud,
      registration: {
        displayName: 'Intrexx Portal',
        uniqueName: 'intrexx-portal',
        legacyUniqueName: 'intrexx-intrexx-portal',
        uniqueNameDerived: true,
        signInAudience: 'AzureADMyOrg',
        redirectUris: ['https://portal.example.com/service/oauth2/authorize'],
        apiPermissions: [],
        adminConsent: false,
        owners: { allowed: [], allowOthers: false },
      },
      secret: { lifetimeDays: 180, rotate: 'always', rotateBeforeDays: 30, keep: 2, graceDays: 7, confirm: false, phase: 'rotate-and-retire', verify: true, verifyTimeoutSeconds: 120 },
      delivery: { target: 'none' },
      destination: { kind: 'output', identity: 'output:local:https://portal.example.com', id: '87c5fc136d63', description: 'the step outputs for https://portal.example.com (workflows of local)' },
      dryRun: false,
      run: { id: 'local', attempt: '1', repository: '' },
    });
  });

  test("action.yml's defaults read the same as unset inputs", () => {
    const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    const defaults: Record<string, string> = {};
    for (const [name, spec] of Object.entries(action.inputs)) if (spec.default !== undefined) defaults[name] = String(spec.default);
    expect(Object.keys(defaults).length).toBeGreaterThan(10);
    expect(settingsFor(defaults)).toEqual(settingsFor());
  });

  test('takes the run from the runner environment', () => {
    const env = { GITHUB_RUN_ID: '987654', GITHUB_RUN_ATTEMPT: '3', GITHUB_REPOSITORY: 'octo-org/portal' };
    expect(settingsFor({}, env).run).toEqual({ id: '987654', attempt: '3', repository: 'octo-org/portal' });
  });

  test.each<[string, string, string[]]>([
    ['trailing slash dropped', 'https://portal.example.com/', ['https://portal.example.com/service/oauth2/authorize']],
    ['path prefix kept', 'https://h.example.com/portal/', ['https://h.example.com/portal/service/oauth2/authorize']],
    ['several trailing slashes dropped', 'https://h.example.com/portal///', ['https://h.example.com/portal/service/oauth2/authorize']],
    ['http to localhost with a port', 'http://localhost:8080', ['http://localhost:8080/service/oauth2/authorize']],
    ['http to 127.0.0.1', 'http://127.0.0.1:1337/', ['http://127.0.0.1:1337/service/oauth2/authorize']],
    ['host lower-cased, path case kept', 'HTTPS://Portal.Example.COM/Intrexx', ['https://portal.example.com/Intrexx/service/oauth2/authorize']],
    ['default port dropped', 'https://portal.example.com:443/', ['https://portal.example.com/service/oauth2/authorize']],
    ['other port kept', 'https://portal.example.com:8443', ['https://portal.example.com:8443/service/oauth2/authorize']],
    [
      'several, deduplicated, blank lines and CRLF ignored',
      'https://a.example.com\r\nhttps://a.example.com/\n\n  https://b.example.com/portal  \nhttps://A.example.com',
      ['https://a.example.com/service/oauth2/authorize', 'https://b.example.com/portal/service/oauth2/authorize'],
    ],
  ])('portal-base-url: %s', (_case, baseUrls, expected) => {
    expect(settingsFor({ 'portal-base-url': baseUrls }).registration.redirectUris).toEqual(expected);
  });

  test('redirect-paths are appended to every base URL, normalised and deduplicated', () => {
    const settings = settingsFor({
      'portal-base-url': 'https://a.example.com\nhttps://b.example.com/portal/',
      'redirect-paths': '/service/oauth2/authorize\n/exchange/oauth2/\n/exchange/oauth2\n/',
    });
    expect(settings.registration.redirectUris).toEqual([
      'https://a.example.com/service/oauth2/authorize',
      'https://a.example.com/exchange/oauth2',
      'https://a.example.com/',
      'https://b.example.com/portal/service/oauth2/authorize',
      'https://b.example.com/portal/exchange/oauth2',
      'https://b.example.com/portal/',
    ]);
  });

  // Bug: base URLs and redirect paths are deduplicated separately, but not the URIs made from them,
  // so "https://h" + "/portal/x" and "https://h/portal" + "/x" both yield https://h/portal/x, and the
  // planner then adds (and sends Graph) the same redirect URI twice.
  test('redirect URIs made from different base URL and path pairs are deduplicated', () => {
    const settings = settingsFor({
      'portal-base-url': 'https://h.example.com\nhttps://h.example.com/portal',
      'redirect-paths': '/portal/x\n/x',
    });
    const uris = settings.registration.redirectUris;
    expect(uris).toEqual([...new Set(uris)]);
  });

  test.each<[string, string, Settings['registration']['apiPermissions']]>([
    ['delegated by default', 'User.Read offline_access', [{ name: 'User.Read', kind: 'delegated' }, { name: 'offline_access', kind: 'delegated' }]],
    ['application: prefix', 'application:User.Read.All', [{ name: 'User.Read.All', kind: 'application' }]],
    ['explicit delegated: prefix', 'delegated:Files.ReadWrite.All', [{ name: 'Files.ReadWrite.All', kind: 'delegated' }]],
    ['prefix in any case', 'Application:Sites.Read.All', [{ name: 'Sites.Read.All', kind: 'application' }]],
    [
      'new lines and commas separate',
      'User.Read,\nMail.Send\n\napplication:Mail.Send',
      [{ name: 'User.Read', kind: 'delegated' }, { name: 'Mail.Send', kind: 'delegated' }, { name: 'Mail.Send', kind: 'application' }],
    ],
    ['duplicates dropped', 'User.Read delegated:User.Read User.Read', [{ name: 'User.Read', kind: 'delegated' }]],
    ['empty', '', []],
  ])('api-permissions: %s', (_case, value, expected) => {
    expect(settingsFor({ 'api-permissions': value }).registration.apiPermissions).toEqual(expected);
  });

  const CUSTOM = { 'allow-custom-endpoints': 'true' };
  test.each<[string, Record<string, string>, Settings['cloud']]>([
    ['AzureCloud by default', {}, CLOUDS.AzureCloud],
    [
      'AzureUSGovernment',
      { cloud: 'AzureUSGovernment' },
      { name: 'AzureUSGovernment', authorityHost: 'https://login.microsoftonline.us', graphEndpoint: 'https://graph.microsoft.us', graphScope: 'https://graph.microsoft.us/.default', adminCenter: 'https://entra.microsoft.us' },
    ],
    ['AzureChinaCloud in lower case', { cloud: 'azurechinacloud' }, CLOUDS.AzureChinaCloud],
    ["the cloud's own hosts, written differently", { 'authority-host': 'https://LOGIN.microsoftonline.com:443/', 'graph-endpoint': 'https://graph.microsoft.com/' }, CLOUDS.AzureCloud],
    [
      'authority-host override keeps the cloud’s Graph host and scope',
      { ...CUSTOM, 'authority-host': 'https://localhost:8443/' },
      { ...CLOUDS.AzureCloud, authorityHost: 'https://localhost:8443' },
    ],
    [
      'graph-endpoint override in a national cloud keeps its Graph scope',
      { ...CUSTOM, cloud: 'AzureUSGovernment', 'graph-endpoint': 'https://graph.example.test:9443' },
      { ...CLOUDS.AzureUSGovernment, graphEndpoint: 'https://graph.example.test:9443' },
    ],
    [
      'both overridden: tokens are still for https://graph.microsoft.com',
      { ...CUSTOM, 'authority-host': 'https://127.0.0.1:8443', 'graph-endpoint': 'https://127.0.0.1:8444' },
      { name: 'AzureCloud', authorityHost: 'https://127.0.0.1:8443', graphEndpoint: 'https://127.0.0.1:8444', graphScope: 'https://graph.microsoft.com/.default', adminCenter: 'https://entra.microsoft.com' },
    ],
    ['allow-custom-endpoints without overrides', CUSTOM, CLOUDS.AzureCloud],
  ])('cloud: %s', (_case, inputs, expected) => {
    expect(settingsFor(inputs).cloud).toEqual(expected);
  });

  test.each<[string, Record<string, string>, NodeJS.ProcessEnv, Settings['delivery']]>([
    [
      'repository, defaulting to the current one',
      { ...DELIVERY, 'secrets-target': 'repository' },
      IN_ACTIONS,
      {
        target: 'repository',
        token: 'github_pat_example',
        repository: { owner: 'octo-org', repo: 'portal' },
        visibility: 'private',
        names: { clientId: 'INTREXX_CLIENT_ID', tenantId: 'INTREXX_TENANT_ID', clientSecret: 'INTREXX_CLIENT_SECRET' },
      },
    ],
    [
      'environment, with a lower-case prefix stored upper-case',
      { ...DELIVERY, 'secrets-target': 'Environment', 'secrets-environment': 'production', 'secret-name-prefix': 'portal_' },
      IN_ACTIONS,
      {
        target: 'environment',
        token: 'github_pat_example',
        repository: { owner: 'octo-org', repo: 'portal' },
        environment: 'production',
        visibility: 'private',
        names: { clientId: 'PORTAL_CLIENT_ID', tenantId: 'PORTAL_TENANT_ID', clientSecret: 'PORTAL_CLIENT_SECRET' },
      },
    ],
    [
      'organization, selected, another repository, outside Actions',
      { ...DELIVERY, 'secrets-target': 'organization', 'secrets-visibility': 'selected', 'secrets-repository': 'contoso/intranet.portal' },
      {},
      {
        target: 'organization',
        token: 'github_pat_example',
        repository: { owner: 'contoso', repo: 'intranet.portal' },
        visibility: 'selected',
        names: { clientId: 'INTREXX_CLIENT_ID', tenantId: 'INTREXX_TENANT_ID', clientSecret: 'INTREXX_CLIENT_SECRET' },
      },
    ],
    // A prefix with secrets-target none fails as an option without effect: __tests__/unit/target-options.test.ts.
  ])('delivery: %s', (_case, inputs, env, expected) => {
    expect(settingsFor(inputs, env).delivery).toEqual(expected);
  });

  test.each<[string, Record<string, string>, Partial<Settings['secret']>]>([
    ['lifetime at its minimum', { 'secret-lifetime-days': '1' }, { lifetimeDays: 1 }],
    ['lifetime at its maximum', { 'secret-lifetime-days': '730' }, { lifetimeDays: 730 }],
    ['keep 0 keeps all', { 'keep-secrets': '0' }, { keep: 0 }],
    ['rotate in any case', { rotate: 'When-Expiring', 'rotate-before-days': '0' }, { rotate: 'when-expiring', rotateBeforeDays: 0 }],
    ['verify off', { 'verify-secret': 'False', 'verify-timeout-seconds': '900' }, { verify: false, verifyTimeoutSeconds: 900 }],
    ['grace period off', { 'grace-period-days': '0' }, { graceDays: 0 }],
    ['grace period at its maximum', { 'grace-period-days': '365' }, { graceDays: 365 }],
    ['two-phase: rotate', { 'secret-phase': 'rotate' }, { phase: 'rotate' }],
    ['two-phase: retire, in any case', { 'secret-phase': 'Retire' }, { phase: 'retire' }],
  ])('secret: %s', (_case, inputs, expected) => {
    expect(settingsFor(inputs).secret).toMatchObject(expected);
  });

  test.each<[string, boolean]>([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ])('boolean %s', (value, expected) => {
    const settings = settingsFor({ 'dry-run': value, 'admin-consent': value });
    expect(settings.dryRun).toBe(expected);
    expect(settings.registration.adminConsent).toBe(expected);
  });

  test.each<[string, Record<string, string>]>([
    ['120 characters', { 'app-name': 'x'.repeat(120) }],
    ['90 characters with personal accounts', { 'app-name': 'x'.repeat(90), 'sign-in-audience': 'PersonalMicrosoftAccount' }],
  ])('app-name of %s', (_case, inputs) => {
    expect(settingsFor(inputs).registration.displayName).toBe(inputs['app-name']);
  });

  test.each<[string, Record<string, string>]>([
    ['a verified domain as tenant-id', { 'tenant-id': 'contoso.onmicrosoft.com' }],
    ['an upper-case GUID as tenant-id', { 'tenant-id': TENANT.toUpperCase() }],
    ['a custom audience', { audience: 'api://custom' }],
  ])('accepts %s', (_case, inputs) => {
    expect(() => settingsFor(inputs)).not.toThrow();
  });

  test.each<[string, Record<string, string>, NodeJS.ProcessEnv]>([
    ['rotate-before-days of 0 with a one-day lifetime', { rotate: 'when-expiring', 'secret-lifetime-days': '1', 'rotate-before-days': '0' }, {}],
    ['rotate-before-days one less than the lifetime', { rotate: 'when-expiring', 'secret-lifetime-days': '31' }, {}],
    // rotate always ignores rotate-before-days: a short lifetime with its default is fine.
    ['a short lifetime with rotate always', { 'secret-lifetime-days': '7' }, {}],
    ['an environment name of 255 characters', { ...DELIVERY, 'secrets-target': 'environment', 'secrets-environment': 'e'.repeat(255) }, IN_ACTIONS],
    ['an environment name with spaces, a slash and other scripts', { ...DELIVERY, 'secrets-target': 'environment', 'secrets-environment': 'Prod EU/Ünterwegs' }, IN_ACTIONS],
    ['a repository whose name has dots', { ...DELIVERY, 'secrets-target': 'repository', 'secrets-repository': 'contoso/.github' }, IN_ACTIONS],
    ['a repository named ...', { ...DELIVERY, 'secrets-target': 'repository', 'secrets-repository': 'contoso/...' }, IN_ACTIONS],
  ])('accepts %s', (_case, inputs, env) => {
    expect(() => settingsFor(inputs, env)).not.toThrow();
  });

  test('unique-name, when given, is used as it is', () => {
    expect(settingsFor({ 'unique-name': 'Portal_1.prod-eu' }).registration.uniqueName).toBe('Portal_1.prod-eu');
  });
});

describe('deriveUniqueName', () => {
  test.each<[string, string]>([
    ['Intrexx Portal', 'intrexx-portal'],
    ['Intrexx demo portal', 'intrexx-demo-portal'],
    ['INTREXX-Intranet', 'intrexx-intranet'],
    // Only a slug that starts with "intrexx-" keeps its own prefix.
    ['Intrexx', 'intrexx-intrexx'],
    ['Intrexxportal', 'intrexx-intrexxportal'],
    ['Portal', 'intrexx-portal'],
    ['  HR portal (prod) ', 'intrexx-hr-portal-prod'],
    ['Café Zürich', 'intrexx-cafe-zurich'],
    ['!!!', 'intrexx-portal'],
    ['', 'intrexx-portal'],
  ])('%j → %s', (displayName, expected) => {
    expect(deriveUniqueName(displayName)).toBe(expected);
  });

  // The slug keeps only a-z and 0-9 after NFKD; names in other scripts get a hash of the name, so a
  // second portal named, e.g., "Портал финансов" does not find the registration of "Портал кадров".
  test('a name the slug cannot spell gets a hash suffix', () => {
    expect(deriveUniqueName('ポータル')).toMatch(/^intrexx-portal-[0-9a-f]{8}$/);
    expect(deriveUniqueName('ポータル')).toBe(deriveUniqueName('ポータル'));
  });

  test.each<[string, string]>([
    ['Портал кадров', 'Портал финансов'],
    ['人事ポータル', '財務ポータル'],
    ['Portal 人事', 'Portal 財務'],
  ])('different names %s and %s yield different unique names', (first, second) => {
    expect(deriveUniqueName(first)).not.toBe(deriveUniqueName(second));
  });

  test('is at most 108 characters and accepted as an explicit unique-name', () => {
    const derived = deriveUniqueName('x'.repeat(300));
    expect(derived).toBe(`intrexx-${'x'.repeat(100)}`);
    // Cut at 100, then no trailing hyphen left from the cut.
    expect(deriveUniqueName(`${'a'.repeat(99)} b`)).toBe(`intrexx-${'a'.repeat(99)}`);
    expect(settingsFor({ 'unique-name': derived }).registration.uniqueName).toBe(derived);
  });
});

describe('the uniqueName earlier releases derived', () => {
  test.each<[string, string]>([
    ['Intrexx Portal', 'intrexx-intrexx-portal'],
    ['Intrexx demo portal', 'intrexx-intrexx-demo-portal'],
    ['HR portal', 'intrexx-hr-portal'],
    ['', 'intrexx-portal'],
  ])('%j was keyed %s', (displayName, expected) => {
    expect(deriveLegacyUniqueName(displayName)).toBe(expected);
  });

  test('keeps the hash of a name the slug cannot spell', () => {
    expect(deriveLegacyUniqueName('Intrexx ポータル')).toBe(deriveUniqueName('Intrexx ポータル'));
    expect(deriveLegacyUniqueName('Intrexx ポータル')).toMatch(/^intrexx-intrexx-[0-9a-f]{8}$/);
    expect(deriveLegacyUniqueName('Intrexx-ポータル 2')).toMatch(/^intrexx-intrexx-2-[0-9a-f]{8}$/);
    expect(deriveUniqueName('Intrexx-ポータル 2')).toMatch(/^intrexx-2-[0-9a-f]{8}$/);
  });

  test('is in the settings when it differs from the derived key, so the lookup tries it too', () => {
    expect(settingsFor({ 'app-name': 'Intrexx demo portal' }).registration).toMatchObject({
      uniqueName: 'intrexx-demo-portal',
      legacyUniqueName: 'intrexx-intrexx-demo-portal',
    });
  });

  test.each<[string, Record<string, string>]>([
    ['the derived key is the same as before', { 'app-name': 'HR portal' }],
    ['unique-name is given', { 'app-name': 'Intrexx demo portal', 'unique-name': 'intrexx-demo-portal' }],
  ])('is not in the settings when %s', (_case, inputs) => {
    expect(settingsFor(inputs).registration).not.toHaveProperty('legacyUniqueName');
  });
});

describe('integrations and redirect-paths', () => {
  const GUID = '926B444D13B87CE9EEA22BBF9EDAA27A8C7DFE4D';
  const uris = (inputs: Record<string, string>) => settingsFor(inputs).registration.redirectUris;

  test('an unset integrations input is office365: the portal URI, as before', () => {
    expect(uris({})).toEqual(['https://portal.example.com/service/oauth2/authorize']);
    expect(uris({ integrations: 'office365' })).toEqual(uris({}));
  });

  test('every base URL gets every integration path, then the extra redirect-paths, each once and in order', () => {
    expect(
      uris({
        'portal-base-url': 'https://a.example.com\nhttps://b.example.com/portal',
        integrations: `exchange, SSO\nsharepoint:${GUID}`,
        'redirect-paths': '/oauth2/token/msexchange\n/custom/callback',
      }),
    ).toEqual([
      'https://a.example.com/service/oauth2/authorize',
      'https://a.example.com/oauth2/token/msexchange',
      'https://a.example.com/oauth2/login/azure',
      `https://a.example.com/oauth2/token/${GUID}`,
      `https://a.example.com/service/oauth2/token/${GUID}`,
      'https://a.example.com/custom/callback',
      'https://b.example.com/portal/service/oauth2/authorize',
      'https://b.example.com/portal/oauth2/token/msexchange',
      'https://b.example.com/portal/oauth2/login/azure',
      `https://b.example.com/portal/oauth2/token/${GUID}`,
      `https://b.example.com/portal/service/oauth2/token/${GUID}`,
      'https://b.example.com/portal/custom/callback',
    ]);
  });

  test('an integration without the office365 one registers only its own URIs', () => {
    expect(uris({ integrations: 'sso:Keycloak_EU' })).toEqual(['https://portal.example.com/oauth2/login/Keycloak_EU']);
    expect(uris({ integrations: 'sso-legacy' })).toEqual(['https://portal.example.com/login/oic/authenticate']);
  });

  test.each<[string, string, string]>([
    ['an unknown name', 'teams', '"teams" is not an integration (expected office365, exchange, sso, sso:<provider name>, sso-legacy or sharepoint:<connector GUID>)'],
    ['sharepoint without a GUID', 'sharepoint', 'needs the connector\'s GUID: sharepoint:<GUID>'],
    ['sharepoint with a UUID', 'sharepoint:12345e16-b7ee-41a3-ffff-76d971cc6789', 'expected the 40 hexadecimal characters Intrexx shows'],
    ['sso with a slash in the provider name', 'sso:azure/x', "use letters, digits, '-', '_' or '.'"],
  ])('%s is an integrations problem', (_case, value, expected) => {
    const problems = problemsFor({ integrations: value });
    expect(problems).toEqual([expect.stringContaining(expected)]);
    expect(problems[0]).toMatch(/^integrations: /);
  });

  test('the integrations count against the redirect URI limit', () => {
    const bases = Array.from({ length: 26 }, (_, i) => `https://p${i}.example.com`).join('\n');
    // 26 base URLs × 5 paths = 130 URIs: fine for work accounts, over the 100 allowed with personal accounts.
    expect(uris({ 'portal-base-url': bases, integrations: `exchange, sso, sharepoint:${GUID}` })).toHaveLength(130);
    expect(problemsFor({ 'portal-base-url': bases, integrations: `exchange, sso, sharepoint:${GUID}`, 'sign-in-audience': 'PersonalMicrosoftAccount' })).toEqual([
      expect.stringMatching(/^portal-base-url: yields 130 redirect URIs .*at most 100$/),
    ]);
  });
});

describe("action.yml states each numeric input's range, and readSettings enforces it", () => {
  const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { inputs: Record<string, { default?: string; description: string }> };
  const numeric = Object.entries(action.inputs).filter(([, spec]) => /^\d+$/.test(String(spec.default ?? '')));

  test('there are numeric inputs', () => {
    expect(numeric.map(([name]) => name).sort()).toEqual(['grace-period-days', 'keep-secrets', 'rotate-before-days', 'secret-lifetime-days', 'verify-timeout-seconds']);
  });

  test.each(numeric)('%s', (name, spec) => {
    const range = /(\d+) to (\d+)/.exec(spec.description);
    expect(range).not.toBeNull();
    const [min, max] = [Number(range![1]), Number(range![2])];
    expect(() => settingsFor({ [name]: String(min) })).not.toThrow();
    expect(() => settingsFor({ [name]: String(max) })).not.toThrow();
    for (const outside of [min - 1, max + 1]) {
      expect(problemsFor({ [name]: String(outside) })).toEqual([`${name}: ${outside} is out of range (expected ${min} to ${max})`]);
    }
  });
});

describe('the destination a run delivers to', () => {
  const base = { 'tenant-id': 'contoso.onmicrosoft.com', 'client-id': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', 'portal-base-url': 'https://p.example.com', 'app-name': 'P' };
  const destination = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = { GITHUB_REPOSITORY: 'Contoso/Portal' }) =>
    readSettings((name) => ({ ...base, ...inputs } as Record<string, string>)[name] ?? '', env).destination;

  test.each<[string, Record<string, string>, string, string]>([
    ['step outputs', {}, 'output:contoso/portal:https://p.example.com', 'output'],
    ['step outputs of a named portal', { 'destination-name': 'Intranet' }, 'output:contoso/portal:intranet', 'output'],
    ['repository', { 'secrets-target': 'repository', 'github-token': 't' }, 'repository:contoso/portal:INTREXX_', 'github'],
    ['environment', { 'secrets-target': 'environment', 'secrets-environment': 'prod', 'github-token': 't' }, 'environment:contoso/portal:prod:INTREXX_', 'github'],
    ['organization, custom prefix', { 'secrets-target': 'organization', 'secret-name-prefix': 'crm_', 'github-token': 't' }, 'organization:contoso:CRM_', 'github'],
  ])('%s', (_name, inputs, identity, kind) => {
    const d = destination(inputs);
    expect(d).toMatchObject({ identity, kind });
    expect(d.id).toMatch(/^[0-9a-f]{12}$/);
  });

  test('differs per prefix and per environment, and ignores the case of owner and repository', () => {
    const ids = [
      destination({ 'secrets-target': 'repository', 'github-token': 't' }).id,
      destination({ 'secrets-target': 'repository', 'github-token': 't', 'secret-name-prefix': 'B_' }).id,
      destination({ 'secrets-target': 'environment', 'secrets-environment': 'prod', 'github-token': 't' }).id,
      destination({}).id,
    ];
    expect(new Set(ids).size).toBe(4);
    expect(destination({ 'secrets-target': 'repository', 'github-token': 't' }, { GITHUB_REPOSITORY: 'contoso/portal' }).id).toBe(ids[0]);
  });

  test('environment names are compared as GitHub compares them: in any case', () => {
    const env = (name: string) => destination({ 'secrets-target': 'environment', 'secrets-environment': name, 'github-token': 't' });
    expect(env('Production').id).toBe(env('production').id);
    expect(env('PRODUCTION').identity).toBe('environment:contoso/portal:production:INTREXX_');
    expect(env('Production').description).toBe('environment Production of contoso/portal (INTREXX_*)');
    expect(env('staging').id).not.toBe(env('production').id);
  });

  test('the step outputs are one destination per portal: the first base URL, or destination-name in any case', () => {
    const a = destination({ 'portal-base-url': 'https://A.example.com/' });
    expect(a.identity).toBe('output:contoso/portal:https://a.example.com');
    expect(destination({ 'portal-base-url': 'https://a.example.com\nhttps://b.example.com' }).id).toBe(a.id);
    expect(destination({ 'portal-base-url': 'https://b.example.com' }).id).not.toBe(a.id);
    expect(destination({ 'destination-name': 'Intranet' }).id).toBe(destination({ 'destination-name': 'intranet', 'portal-base-url': 'https://b.example.com' }).id);
  });
});

describe('destination-name and the owner inputs', () => {
  test.each<[string, Record<string, string>, string]>([
    ['destination-name with GitHub secrets', { 'secrets-target': 'repository', ...DELIVERY, 'destination-name': 'intranet' }, 'destination-name: is only used when secrets-target is none (it is repository)'],
    ['destination-name on two lines', { 'destination-name': 'a\nb' }, 'destination-name: must be one line of at most 100 characters'],
    ['destination-name too long', { 'destination-name': 'x'.repeat(101) }, 'destination-name: must be one line of at most 100 characters'],
    ['allowed-owners not an object ID', { 'allowed-owners': '11111111-2222-3333-4444-555555555555, admin@contoso.com' }, 'allowed-owners: "admin@contoso.com" is not an object ID'],
    ['allow-other-owners not a boolean', { 'allow-other-owners': 'yes' }, 'allow-other-owners: "yes" is not a boolean (expected true or false)'],
  ])('%s fails, naming the input', (_case, inputs, problem) => {
    const problems = problemsFor(inputs, IN_ACTIONS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  test('allowed-owners: one per line or separated by commas, compared in any case, each once', () => {
    const owners = settingsFor({ 'allowed-owners': 'AAAAAAAA-0000-4000-8000-000000000001,\n  aaaaaaaa-0000-4000-8000-000000000001\nbbbbbbbb-0000-4000-8000-000000000002', 'allow-other-owners': 'true' }).registration.owners;
    expect(owners).toEqual({ allowed: ['aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002'], allowOthers: true });
  });
});

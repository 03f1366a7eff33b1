import { baseInputs, emulator, errorText, runAction, type Emulator } from './harness.ts';

const long = (n: number) => 'a'.repeat(n);

/** Each row: inputs to change, the input the error must name, and words of what is valid. */
const cases: [string, Record<string, string>, string, string][] = [
  ['missing tenant-id', { 'tenant-id': '' }, 'tenant-id', 'is required'],
  ['missing client-id', { 'client-id': '' }, 'client-id', 'is required'],
  ['missing app-name', { 'app-name': '' }, 'app-name', 'is required'],
  ['missing portal-base-url', { 'portal-base-url': '' }, 'portal-base-url', 'is required'],
  ['tenant-id neither GUID nor domain', { 'tenant-id': 'not a tenant' }, 'tenant-id', 'GUID nor a domain'],
  ['client-id not a GUID', { 'client-id': '1234' }, 'client-id', 'not a GUID'],
  ['ftp base URL', { 'portal-base-url': 'ftp://portal.example.com' }, 'portal-base-url', 'must use https'],
  ['plain http to a remote host', { 'portal-base-url': 'http://portal.example.com' }, 'portal-base-url', 'http is allowed only for localhost'],
  ['query string', { 'portal-base-url': 'https://portal.example.com/?x=1' }, 'portal-base-url', 'query string'],
  ['fragment', { 'portal-base-url': 'https://portal.example.com/#top' }, 'portal-base-url', 'fragment'],
  // The runner's inputs are trimmed (as @actions/core reads them), so empty lines read as no value.
  ['empty lines only', { 'portal-base-url': '\n  \n' }, 'portal-base-url', 'is required (one or more https URLs'],
  ['redirect URI over 256 characters', { 'portal-base-url': `https://portal.example.com/${long(240)}` }, 'portal-base-url', 'at most 256'],
  ['app-name too long', { 'app-name': long(121) }, 'app-name', 'at most 120'],
  ['secret-lifetime-days 0', { 'secret-lifetime-days': '0' }, 'secret-lifetime-days', '1 to 730'],
  ['secret-lifetime-days 9999', { 'secret-lifetime-days': '9999' }, 'secret-lifetime-days', '1 to 730'],
  ['secret-lifetime-days text', { 'secret-lifetime-days': 'soon' }, 'secret-lifetime-days', 'not a whole number'],
  ['rotate', { rotate: 'sometimes' }, 'rotate', 'always, when-expiring'],
  ['cloud', { cloud: 'AzureGermanCloud' }, 'cloud', 'AzureCloud, AzureUSGovernment, AzureChinaCloud'],
  ['sign-in-audience', { 'sign-in-audience': 'Everyone' }, 'sign-in-audience', 'AzureADMyOrg'],
  ['secrets-target', { 'secrets-target': 'vault' }, 'secrets-target', 'none, repository, environment, organization'],
  ['keep-secrets negative', { 'keep-secrets': '-1' }, 'keep-secrets', '0 to 100'],
  ['secrets-target without github-token', { 'secrets-target': 'repository' }, 'github-token', 'is required when secrets-target is repository'],
  ['environment without secrets-environment', { 'secrets-target': 'environment', 'github-token': 'x' }, 'secrets-environment', 'is required'],
  ['prefix yielding GITHUB_', { 'secrets-target': 'repository', 'github-token': 'x', 'secret-name-prefix': 'GITHUB_' }, 'secret-name-prefix', 'must not start with GITHUB_'],
  ['prefix with a dash', { 'secrets-target': 'repository', 'github-token': 'x', 'secret-name-prefix': 'MY-' }, 'secret-name-prefix', 'letters, digits and underscores'],
  ['dry-run not a boolean', { 'dry-run': 'yes' }, 'dry-run', 'true or false'],
  ['verify-secret not a boolean', { 'verify-secret': 'on' }, 'verify-secret', 'true or false'],
  ['authority-host over http', { 'authority-host': 'http://login.example.com' }, 'authority-host', 'https'],
  ['verify-timeout-seconds over 900', { 'verify-timeout-seconds': '901' }, 'verify-timeout-seconds', '1 to 900'],
  ['unknown integration', { integrations: 'office365\nteams' }, 'integrations', 'is not an integration (expected office365, exchange, sso'],
  ['SharePoint without its GUID', { integrations: 'sharepoint' }, 'integrations', 'sharepoint:<GUID>, the 40 hexadecimal characters'],
  ['SharePoint GUID of 41 characters', { integrations: 'sharepoint:11F8260DEA655234B087EFC539FA010BBD8B6AE99' }, 'integrations', 'it has 41'],
  ['SSO provider name with a space', { integrations: 'sso:my provider' }, 'integrations', "use letters, digits, '-', '_' or '.'"],
  ['base URL that is a redirect URI', { 'portal-base-url': 'https://portal.example.com/service/oauth2/authorize' }, 'portal-base-url', 'which the action appends itself (integrations: office365 and exchange); give the portal\'s base URL (did you mean https://portal.example.com?)'],
  ['base URL that is an SSO redirect URI', { 'portal-base-url': 'https://portal.example.com/portal/oauth2/login/azure' }, 'portal-base-url', 'did you mean https://portal.example.com/portal?'],
  ['base URL naming a page', { 'portal-base-url': 'https://portal.example.com/default.ixsp' }, 'portal-base-url', 'names a page (default.ixsp)'],
  ['IPv6 loopback base URL', { 'portal-base-url': 'http://[::1]:1337' }, 'portal-base-url', 'did you mean http://127.0.0.1:1337?'],
  ['wildcard base URL', { 'portal-base-url': 'https://*.example.com' }, 'portal-base-url', 'wildcard host'],
  ['base URL host with a trailing dot', { 'portal-base-url': 'https://portal.example.com./' }, 'portal-base-url', 'did you mean https://portal.example.com?'],
  ['base URL with a dot-dot segment', { 'portal-base-url': 'https://portal.example.com/a/../portal' }, 'portal-base-url', 'contains the path segment ".."'],
  // The emulator's hosts are not Microsoft's: without the opt-in the action must refuse to send them anything.
  ['emulator authority without allow-custom-endpoints', { 'allow-custom-endpoints': 'false' }, 'authority-host', 'set allow-custom-endpoints: true'],
  ['emulator Graph without allow-custom-endpoints', { 'allow-custom-endpoints': 'false' }, 'graph-endpoint', 'to send the Microsoft Graph access token to another host'],
  ['allow-custom-endpoints not a boolean', { 'allow-custom-endpoints': 'yes' }, 'allow-custom-endpoints', 'true or false'],
  ['rotate-before-days not under secret-lifetime-days', { rotate: 'when-expiring', 'secret-lifetime-days': '14' }, 'rotate-before-days', 'less than secret-lifetime-days (14)'],
  ['environment name over 255 characters', { 'secrets-target': 'environment', 'github-token': 'x', 'secrets-environment': long(256) }, 'secrets-environment', 'at most 255'],
  ['repository named ..', { 'secrets-target': 'repository', 'github-token': 'x', 'secrets-repository': 'contoso/..' }, 'secrets-repository', 'which GitHub reserves'],
];

describe('bad input is reported before any request', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(async () => {
    await emu.close();
  });

  test.each(cases)('%s', async (_name, change, input, valid) => {
    emu.resetRequests();
    const result = await runAction({ inputs: { ...baseInputs(emu), ...change }, env: emu.runnerEnv() });
    expect(result.exitCode).toBe(1);
    const error = errorText(result);
    expect(error).toContain(`${input}: `);
    expect(error).toContain(valid);
    expect(emu.requests()).toEqual([]);
  });

  test('an unknown input is warned about, as the runner does, before the errors', async () => {
    emu.resetRequests();
    const result = await runAction({ inputs: { ...baseInputs(emu), 'portal-base-urls': 'https://portal.example.com', 'portal-base-url': '' }, env: emu.runnerEnv() });
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.split('\n');
    const warning = lines.findIndex((l) => l.startsWith("::warning::Unexpected input(s) 'portal-base-urls', valid inputs are ['tenant-id', 'client-id', "));
    expect(warning).toBeGreaterThanOrEqual(0);
    expect(lines[warning]).toContain("'portal-base-url'");
    expect(warning).toBeLessThan(lines.findIndex((l) => l.startsWith('::error::')));
    expect(errorText(result)).toContain('portal-base-url: is required');
    expect(emu.requests()).toEqual([]);
  });

  test('known inputs alone give no such warning', async () => {
    const result = await runAction({ inputs: { ...baseInputs(emu), 'tenant-id': '' }, env: emu.runnerEnv() });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toContain('Unexpected input');
  });
});

// The runner environment the action refuses before any request (src/settings/transport.ts).
import { ActionError, describeError } from '../../src/errors.ts';
import type { Delivery } from '../../src/settings/settings.ts';
import { checkTransport, githubApiUrl } from '../../src/settings/transport.ts';

const WRITING: Delivery = {
  target: 'repository',
  token: 'github_pat_x',
  repository: { owner: 'contoso', repo: 'portal' },
  visibility: 'private',
  names: { clientId: 'INTREXX_CLIENT_ID', tenantId: 'INTREXX_TENANT_ID', clientSecret: 'INTREXX_CLIENT_SECRET' },
};
const OUTPUTS: Delivery = { target: 'none' };

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError);
    return describeError(error);
  }
  return '';
}

describe('NODE_TLS_REJECT_UNAUTHORIZED', () => {
  test('0 is refused, naming the variable and what to do instead', () => {
    const error = errorOf(() => checkTransport({ NODE_TLS_REJECT_UNAUTHORIZED: '0' }, OUTPUTS));
    expect(error).toContain('NODE_TLS_REJECT_UNAUTHORIZED is 0, which turns off TLS certificate checks');
    expect(error).toContain('Hint: Remove NODE_TLS_REJECT_UNAUTHORIZED');
    expect(error).toContain('NODE_EXTRA_CA_CERTS');
  });

  // Node turns the checks off only for '0' (nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue).
  test.each(['1', '', 'false'])('%j is fine', (value) => {
    expect(errorOf(() => checkTransport({ NODE_TLS_REJECT_UNAUTHORIZED: value }, OUTPUTS))).toBe('');
  });
});

describe('GITHUB_API_URL: only GitHub API hosts receive github-token', () => {
  test.each<[string, NodeJS.ProcessEnv, string]>([
    ['unset: github.com', {}, 'https://api.github.com'],
    ['github.com', { GITHUB_API_URL: 'https://api.github.com' }, 'https://api.github.com'],
    ['github.com with a trailing slash', { GITHUB_API_URL: 'https://api.github.com/' }, 'https://api.github.com'],
    ['GHE.com data residency', { GITHUB_API_URL: 'https://api.octocorp.ghe.com' }, 'https://api.octocorp.ghe.com'],
    ['GitHub Enterprise Server', { GITHUB_API_URL: 'https://github.contoso.com/api/v3', GITHUB_SERVER_URL: 'https://github.contoso.com' }, 'https://github.contoso.com/api/v3'],
    ['GitHub Enterprise Server on a port', { GITHUB_API_URL: 'https://ghes.contoso.com:8443/api/v3', GITHUB_SERVER_URL: 'https://ghes.contoso.com:8443' }, 'https://ghes.contoso.com:8443/api/v3'],
    ['the emulator on 127.0.0.1', { GITHUB_API_URL: 'https://127.0.0.1:41234' }, 'https://127.0.0.1:41234'],
    ['an emulator on localhost', { GITHUB_API_URL: 'https://localhost:8443' }, 'https://localhost:8443'],
  ])('%s', (_case, env, url) => {
    expect(githubApiUrl(env)).toBe(url);
    expect(errorOf(() => checkTransport(env, WRITING))).toBe('');
  });

  test.each<[string, NodeJS.ProcessEnv]>([
    ['another host', { GITHUB_API_URL: 'https://attacker.example.com' }],
    ['a host that ends like GitHub', { GITHUB_API_URL: 'https://api.github.com.attacker.example' }],
    ['a host that starts like GitHub', { GITHUB_API_URL: 'https://api.github.community' }],
    ['plain http to GitHub', { GITHUB_API_URL: 'http://api.github.com' }],
    ['github.com with a path', { GITHUB_API_URL: 'https://api.github.com/proxy' }],
    ['github.com on another port', { GITHUB_API_URL: 'https://api.github.com:8443' }],
    ['credentials in the URL', { GITHUB_API_URL: 'https://user:pass@api.github.com' }],
    ['a query', { GITHUB_API_URL: 'https://api.github.com/?x=1' }],
    ['a GHE.com host without api.', { GITHUB_API_URL: 'https://octocorp.ghe.com' }],
    ['a deeper GHE.com host', { GITHUB_API_URL: 'https://api.a.octocorp.ghe.com' }],
    ['/api/v3 of another server than GITHUB_SERVER_URL', { GITHUB_API_URL: 'https://attacker.example.com/api/v3', GITHUB_SERVER_URL: 'https://github.contoso.com' }],
    ['/api/v3 of github.com when the server is GHES', { GITHUB_API_URL: 'https://github.com/api/v4', GITHUB_SERVER_URL: 'https://github.com' }],
    ['GitHub Enterprise Server over http', { GITHUB_API_URL: 'http://github.contoso.com/api/v3', GITHUB_SERVER_URL: 'http://github.contoso.com' }],
    ['loopback over http', { GITHUB_API_URL: 'http://127.0.0.1:41234' }],
    ['another loopback address', { GITHUB_API_URL: 'https://127.0.0.2:41234' }],
    ['not a URL', { GITHUB_API_URL: 'api.github.com' }],
  ])('refuses %s, naming GITHUB_API_URL', (_case, env) => {
    const error = errorOf(() => githubApiUrl(env));
    expect(error).toContain(`GITHUB_API_URL "${env.GITHUB_API_URL}" is not an API host of GitHub`);
    expect(error).toContain('Hint: GitHub sets GITHUB_API_URL for every job');
    expect(errorOf(() => checkTransport(env, WRITING))).toBe(error);
  });

  test('is not checked when no secret goes to GitHub (secrets-target none)', () => {
    expect(errorOf(() => checkTransport({ GITHUB_API_URL: 'https://attacker.example.com' }, OUTPUTS))).toBe('');
  });
});

import { ActionError } from '../errors.ts';
import type { Delivery } from './settings.ts';

/**
 * Refuses a runner environment that would let the action's connections be intercepted, before any
 * request: NODE_TLS_REJECT_UNAUTHORIZED=0, and a GITHUB_API_URL outside the allow-list when the run
 * sends the secrets token there.
 */
export function checkTransport(env: NodeJS.ProcessEnv, delivery: Delivery): void {
  // "If value equals '0', certificate validation is disabled for TLS connections. This makes TLS, and
  // HTTPS by extension, insecure." (nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue). Every
  // connection would then accept any certificate: the GitHub OIDC token, the Graph access token, new
  // client secrets and the secrets token could go to whoever answers.
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    throw new ActionError('NODE_TLS_REJECT_UNAUTHORIZED is 0, which turns off TLS certificate checks: the action refuses to send tokens and client secrets over such connections.', {
      hint:
        'Remove NODE_TLS_REJECT_UNAUTHORIZED from the workflow, job or runner environment. For a proxy or a private CA, give Node the CA certificate with NODE_EXTRA_CA_CERTS (nodejs.org/api/cli.html#node_extra_ca_certsfile) instead.',
    });
  }
  // main.ts resolves GITHUB_API_URL for every delivery but the step outputs: checked here for the same.
  if (delivery.target !== 'none') githubApiUrl(env);
}

/**
 * GITHUB_API_URL, which receives github-token with every secrets request, if it is one of GitHub's API
 * hosts: https://api.github.com (docs.github.com/actions/reference/workflows-and-actions/variables,
 * GITHUB_API_URL); https://api.SUBDOMAIN.ghe.com for GitHub Enterprise Cloud with data residency
 * ("if your enterprise's subdomain is octocorp, users should send requests to https://api.octocorp.ghe.com",
 * docs.github.com/enterprise-cloud@latest/admin/data-residency/about-github-enterprise-cloud-with-data-residency#api-access);
 * GITHUB_SERVER_URL followed by /api/v3 for GitHub Enterprise Server ("http(s)://HOSTNAME/api/v3",
 * docs.github.com/enterprise-server@latest/rest/enterprise-admin#endpoint-urls), over
 * https only; and https on the loopback interface, for a local emulator. Unset: https://api.github.com.
 * Anything else throws an ActionError naming the variable, before the token is sent.
 */
export function githubApiUrl(env: NodeJS.ProcessEnv): string {
  const value = env.GITHUB_API_URL ?? '';
  if (value === '') return 'https://api.github.com';
  const url = parse(value);
  if (url && allowed(url, env.GITHUB_SERVER_URL ?? '')) return value.replace(/\/+$/, '');
  throw new ActionError(`GITHUB_API_URL "${value}" is not an API host of GitHub: the action sends github-token only to https://api.github.com, https://api.SUBDOMAIN.ghe.com, GITHUB_SERVER_URL/api/v3 (GitHub Enterprise Server, https) or https://127.0.0.1 or https://localhost (a local emulator).`, {
    hint: 'GitHub sets GITHUB_API_URL for every job; remove whatever overrides it (env: of the workflow, job or step, or an earlier step writing to GITHUB_ENV).',
  });
}

const GHE_COM = /^api\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.ghe\.com$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

function allowed(url: URL, serverUrl: string): boolean {
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) return false;
  const path = url.pathname.replace(/\/+$/, '');
  if (LOOPBACK.has(url.hostname)) return path === '';
  if (url.hostname === 'api.github.com' || GHE_COM.test(url.hostname)) return url.port === '' && path === '';
  const server = parse(serverUrl);
  // GitHub Enterprise Server: the API lives under the server's own origin.
  return server !== undefined && server.protocol === 'https:' && server.origin === url.origin && path === `${server.pathname.replace(/\/+$/, '')}/api/v3`;
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

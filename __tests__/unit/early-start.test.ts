/**
 * What the entry point starts early (src/entra/early-requests.ts) and how @azure/identity's requests
 * fail over the action's transport (src/entra/identity-http.ts), the abortable wait of src/retry.ts,
 * and the GitHub REST client's redirects (src/github/rest.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { startEarlyRequests } from '../../src/entra/early-requests.ts';
import { identityHttpClient } from '../../src/entra/identity-http.ts';
import { GitHubRequestError, gitHubRequest } from '../../src/github/rest.ts';
import { USER_AGENT } from '../../src/http/https.ts';
import { systemClock } from '../../src/retry.ts';
import { readSettings } from '../../src/settings/read-settings.ts';
import type { Settings } from '../../src/settings/settings.ts';

const REQUIRED: Readonly<Record<string, string>> = {
  'tenant-id': '11111111-2222-3333-4444-555555555555',
  'client-id': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  'app-name': 'Intrexx Portal',
  'portal-base-url': 'https://portal.example.com',
};
function settingsFor(inputs: Record<string, string> = {}): Settings {
  const values: Record<string, string> = { ...REQUIRED, ...inputs };
  return readSettings((name) => values[name] ?? '', { GITHUB_REPOSITORY: 'contoso/portal' });
}
/** A custom authority host nobody listens on (port 9 of this machine), as an emulator's would be. */
const CUSTOM = { 'authority-host': 'https://127.0.0.1:9', 'graph-endpoint': 'https://127.0.0.1:9', 'allow-custom-endpoints': 'true' };

describe('startEarlyRequests: the metadata is prefetched only where MSAL would read it', () => {
  test.each([
    ['a Microsoft cloud (MSAL carries its metadata)', {}, {}, false],
    ['a custom authority host', CUSTOM, {}, true],
    ['a custom host behind a proxy identity uses and the action does not', CUSTOM, { HTTPS_PROXY: 'http://proxy.example:8080' }, false],
    ['a custom host behind a proxy both use (NODE_USE_ENV_PROXY=1)', CUSTOM, { HTTPS_PROXY: 'http://proxy.example:8080', NODE_USE_ENV_PROXY: '1' }, true],
  ])('%s', async (_name, inputs, env, prefetched) => {
    // No ACTIONS_ID_TOKEN_REQUEST_URL: the OIDC token request fails at once, without sending anything.
    const { early, sent, cancel } = startEarlyRequests(settingsFor(inputs), env, () => undefined);
    try {
      expect(early.authorityMetadata !== undefined).toBe(prefetched);
      await sent;
      await expect(early.idToken()).rejects.toThrow(/ACTIONS_ID_TOKEN_REQUEST_URL/);
    } finally {
      cancel();
    }
    if (early.authorityMetadata) await expect(early.authorityMetadata.reply).resolves.toBeUndefined();
  });
});

describe("identityHttpClient: a failure without an answer is what identity's retry policy retries", () => {
  test('a refused connection is a RestError with the system code', async () => {
    const request = createPipelineRequest({ url: 'http://127.0.0.1:9/tenant/oauth2/v2.0/token', method: 'POST', body: 'grant_type=x' });
    const error = await identityHttpClient().sendRequest(request).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RestError', code: 'ECONNREFUSED' });
    expect((error as Error).message).toMatch(/^ECONNREFUSED: /);
  });

  test('a body that is not text is refused, not sent empty', async () => {
    const request = createPipelineRequest({ url: 'http://127.0.0.1:9/x', method: 'POST', body: Buffer.from('x') });
    await expect(identityHttpClient().sendRequest(request)).rejects.toThrow(/unsupported request body/);
  });
});

describe('systemClock.sleep with a signal', () => {
  test('an already aborted signal ends the wait at once', async () => {
    const abort = new AbortController();
    abort.abort();
    const started = Date.now();
    await systemClock.sleep(5_000, abort.signal);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('gitHubRequest', () => {
  let server: Server;
  let origin = '';
  let handle: (req: IncomingMessage, res: ServerResponse, body: string) => void = (_q, res) => res.end();
  const seen: { method: string; url: string; authorization: string | undefined; userAgent: string | undefined; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, userAgent: req.headers['user-agent'], body });
        handle(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
  });
  const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  test('follows a renamed repository (301 for GET, 307 for PUT) with the same method, body and token', async () => {
    handle = (req, res) => {
      if (req.url?.startsWith('/repos/contoso/old/')) return void res.writeHead(req.method === 'GET' ? 301 : 307, { location: req.url.replace('/old/', '/new/') }).end();
      json(res, req.method === 'PUT' ? 201 : 200, { key_id: 'k', key: 'AAAA' });
    };
    const read = await gitHubRequest<{ key_id: string }>({ apiUrl: origin, token: 't0k', method: 'GET', path: '/repos/contoso/old/actions/secrets/public-key' });
    expect(read).toEqual({ status: 200, data: { key_id: 'k', key: 'AAAA' } });
    const write = await gitHubRequest({ apiUrl: origin, token: 't0k', method: 'PUT', path: '/repos/contoso/old/actions/secrets/X', body: { encrypted_value: 'e', key_id: 'k' } });
    expect(write.status).toBe(201);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/contoso/old/actions/secrets/public-key',
      'GET /repos/contoso/new/actions/secrets/public-key',
      'PUT /repos/contoso/old/actions/secrets/X',
      'PUT /repos/contoso/new/actions/secrets/X',
    ]);
    expect(seen.every((r) => r.authorization === 'Bearer t0k' && r.userAgent === USER_AGENT)).toBe(true);
    expect(JSON.parse(seen[3]!.body)).toEqual({ encrypted_value: 'e', key_id: 'k' });
  });

  test('a redirect to another origin is not followed: the token stays with the API', async () => {
    handle = (_req, res) => void res.writeHead(301, { location: 'http://localhost:9/elsewhere' }).end();
    const error = await gitHubRequest({ apiUrl: origin, token: 't0k', method: 'GET', path: '/repos/contoso/old' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRequestError);
    expect(error).toMatchObject({ status: 301 });
    expect(seen).toHaveLength(1);
  });

  test('a redirect loop ends after three hops', async () => {
    handle = (req, res) => void res.writeHead(302, { location: req.url ?? '/' }).end();
    await expect(gitHubRequest({ apiUrl: origin, token: 't0k', method: 'GET', path: '/loop' })).rejects.toMatchObject({ status: 302 });
    expect(seen).toHaveLength(4);
  });
});

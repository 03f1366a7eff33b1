/**
 * The prefetched authority metadata (src/entra/early-requests.ts, src/entra/prefetch-policy.ts): the
 * policy on its own, the URL it waits for compared with the one MSAL derives (from @azure/identity's
 * and @azure/msal-common's own code, not a copy of it), and the two inside a real
 * ClientAssertionCredential whose network is a fake at the end of its pipeline.
 */
import { ClientAssertionCredential } from '@azure/identity';
import { createHttpHeaders, createPipelineRequest, type PipelinePolicy, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { Authority, Logger, ProtocolMode, StubPerformanceClient } from '@azure/msal-common';
// @azure/identity's own authority builder (src/msal/utils.ts); the package exports only its entry.
import { getAuthority } from '../../node_modules/@azure/identity/dist/esm/msal/utils.js';
import { openIdConfigurationUrl, type Prefetch } from '../../src/entra/early-requests.ts';
import { prefetchPolicy } from '../../src/entra/prefetch-policy.ts';
import { ReplyHeaders, type HttpReply } from '../../src/http/https.ts';
import { CLOUDS } from '../../src/settings/clouds.ts';

const URL_ = 'https://login.example.test/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration';
const DOCUMENT = '{"token_endpoint":"https://login.example.test/x/oauth2/v2.0/token"}';

function reply(text = DOCUMENT): HttpReply {
  return { status: 200, headers: new ReplyHeaders({ 'Content-Type': 'application/json; charset=utf-8', 'X-Ms-Request-Id': 'req-42' }), text };
}

/** The `next` of a pipeline: records what reached it and answers 299, which no prefetched reply has. */
function recordingNext() {
  const seen: PipelineRequest[] = [];
  const next = async (request: PipelineRequest): Promise<PipelineResponse> => {
    seen.push(request);
    return { request, status: 299, headers: createHttpHeaders(), bodyAsText: 'from the network' };
  };
  return { next, seen };
}

const get = (url: string) => createPipelineRequest({ url, method: 'GET' });

describe('prefetchPolicy', () => {
  test('is a per-call policy, so it answers before the retry and logging policies and the HTTP client', () => {
    expect(prefetchPolicy({ url: URL_, reply: Promise.resolve(reply()) }).position).toBe('perCall');
  });

  test('answers the first GET of the URL (in any case) with the prefetched status, body and headers, without calling next', async () => {
    const { policy } = prefetchPolicy({ url: URL_, reply: Promise.resolve(reply()) });
    const { next, seen } = recordingNext();
    const request = get(URL_.replace('contoso.onmicrosoft.com', 'Contoso.onmicrosoft.com').replace('login.example.test', 'LOGIN.example.test'));

    const response = await policy.sendRequest(request, next);

    expect(seen).toEqual([]);
    expect(response.request).toBe(request);
    expect(response.status).toBe(200);
    expect(response.bodyAsText).toBe(DOCUMENT);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-ms-request-id')).toBe('req-42');
    expect(response.headers.has('X-MS-REQUEST-ID')).toBe(true);
    expect(response.headers.has('retry-after')).toBe(false);
    expect(response.headers.get('retry-after')).toBeUndefined();
    // As @azure/core-rest-pipeline's HttpHeaders gives them: lower-case names.
    expect(response.headers.toJSON()).toEqual({ 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': 'req-42' });
    expect([...response.headers]).toEqual([
      ['content-type', 'application/json; charset=utf-8'],
      ['x-ms-request-id', 'req-42'],
    ]);
  });

  test('a second GET of the URL goes to next', async () => {
    const { policy } = prefetchPolicy({ url: URL_, reply: Promise.resolve(reply()) });
    const { next, seen } = recordingNext();
    await policy.sendRequest(get(URL_), next);
    const second = get(URL_);

    const response = await policy.sendRequest(second, next);

    expect(seen).toEqual([second]);
    expect(response.bodyAsText).toBe('from the network');
  });

  test('of two GETs that come while the prefetch is under way, only the first is answered from it', async () => {
    let answer: (r: HttpReply) => void = () => undefined;
    const { policy } = prefetchPolicy({ url: URL_, reply: new Promise<HttpReply>((resolve) => (answer = resolve)) });
    const { next, seen } = recordingNext();
    const second = get(URL_);

    const both = Promise.all([policy.sendRequest(get(URL_), next), policy.sendRequest(second, next)]);
    answer(reply());
    const [first, other] = await both;

    expect(first.bodyAsText).toBe(DOCUMENT);
    expect(other.bodyAsText).toBe('from the network');
    expect(seen).toEqual([second]);
  });

  test('a POST to the URL and a GET of another URL go to next, and leave the answer for the GET', async () => {
    const { policy } = prefetchPolicy({ url: URL_, reply: Promise.resolve(reply()) });
    const { next, seen } = recordingNext();
    const post = createPipelineRequest({ url: URL_, method: 'POST', body: 'x=1' });
    const other = get('https://login.example.test/contoso.onmicrosoft.com/discovery/v2.0/keys');
    const longer = get(`${URL_}?appid=1`);

    for (const request of [post, other, longer]) expect((await policy.sendRequest(request, next)).status).toBe(299);
    const response = await policy.sendRequest(get(URL_), next);

    expect(seen).toEqual([post, other, longer]);
    expect(response.bodyAsText).toBe(DOCUMENT);
  });

  test('a prefetch that failed (reply undefined) sends the GET on to next', async () => {
    const { policy } = prefetchPolicy({ url: URL_, reply: Promise.resolve(undefined) });
    const { next, seen } = recordingNext();
    const request = get(URL_);

    const response = await policy.sendRequest(request, next);

    expect(seen).toEqual([request]);
    expect(response.bodyAsText).toBe('from the network');
  });

  test('a GET that comes while the prefetch is still under way waits for it rather than sending its own', async () => {
    let answer: (r: HttpReply) => void = () => undefined;
    const { policy } = prefetchPolicy({ url: URL_, reply: new Promise<HttpReply>((resolve) => (answer = resolve)) });
    const { next, seen } = recordingNext();

    const pending = policy.sendRequest(get(URL_), next);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([]);
    answer(reply('{"late":true}'));

    expect((await pending).bodyAsText).toBe('{"late":true}');
    expect(seen).toEqual([]);
  });
});

/** What MSAL's Authority makes of the authority @azure/identity builds: the URL it would read the metadata from. */
function msalOpenIdConfigurationUrl(authorityHost: string, tenantId: string): string {
  const authority = new Authority(
    getAuthority(tenantId, authorityHost),
    // Neither is used to compute the URL.
    {} as ConstructorParameters<typeof Authority>[1],
    {} as ConstructorParameters<typeof Authority>[2],
    // What msal-node configures: the AAD protocol mode (@azure/identity sets no other).
    { protocolMode: ProtocolMode.AAD, knownAuthorities: [], cloudDiscoveryMetadata: '', authorityMetadata: '' },
    new Logger({}),
    'correlation-id',
    new StubPerformanceClient(),
  );
  // A protected getter (@azure/msal-common src/authority/Authority.ts).
  return (authority as unknown as { defaultOpenIdConfigurationEndpoint: string }).defaultOpenIdConfigurationEndpoint;
}

const HOSTS: [string, string][] = [
  ['https://login.microsoftonline.com', 'Contoso.onmicrosoft.com'],
  ['https://login.microsoftonline.com/', 'Contoso.onmicrosoft.com'],
  ['https://login.microsoftonline.com', '4D2F1C7A-8E3B-4F6A-9C5D-2B7E1A0F3C98'],
  ...Object.values(CLOUDS).map((c): [string, string] => [c.authorityHost, 'contoso.onmicrosoft.com']),
  ['https://Login.Example.TEST', 'Contoso.onmicrosoft.com'],
  ['https://login.example.test/', 'contoso.onmicrosoft.com'],
  ['https://127.0.0.1:8443', '4d2f1c7a-8e3b-4f6a-9c5d-2b7e1a0f3c98'],
];

describe('openIdConfigurationUrl', () => {
  test.each(HOSTS)('%s with tenant %s: the URL MSAL derives from the authority @azure/identity gives it', (host, tenant) => {
    const expected = msalOpenIdConfigurationUrl(host, tenant);
    expect(expected).toMatch(/\/v2\.0\/\.well-known\/openid-configuration$/);
    expect(openIdConfigurationUrl(host, tenant)).toBe(expected);
  });
});

// --- Inside a real ClientAssertionCredential ------------------------------------------------------

const TENANT = 'Contoso.onmicrosoft.com';
const TOKEN_PATH = '/from-the-prefetched-document/oauth2/v2.0/token';

function discoveryDocument(host: string): string {
  return JSON.stringify({
    token_endpoint: `${host}${TOKEN_PATH}`,
    authorization_endpoint: `${host}/contoso.onmicrosoft.com/oauth2/v2.0/authorize`,
    end_session_endpoint: `${host}/contoso.onmicrosoft.com/oauth2/v2.0/logout`,
    jwks_uri: `${host}/contoso.onmicrosoft.com/discovery/v2.0/keys`,
    issuer: `${host}/4d2f1c7a-8e3b-4f6a-9c5d-2b7e1a0f3c98/v2.0`,
  });
}

/**
 * The credential's network, as the last policy of its pipeline: answers any GET of the metadata with
 * a document whose token endpoint is `network-token`, and any POST with a token. Records every request.
 */
function fakeNetwork(host: string) {
  const seen: string[] = [];
  const policy: PipelinePolicy = {
    name: 'fakeNetwork',
    async sendRequest(request) {
      // The whole URL of a GET (the policy matches it whole); a token request without its client-request-id.
      seen.push(`${request.method} ${request.method === 'GET' ? request.url : request.url.split('?')[0]}`);
      const headers = createHttpHeaders({ 'content-type': 'application/json' });
      if (request.method === 'GET') return { request, status: 200, headers, bodyAsText: discoveryDocument(host).replace(TOKEN_PATH, '/network-token/oauth2/v2.0/token') };
      return { request, status: 200, headers, bodyAsText: JSON.stringify({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'access-token' }) };
    },
  };
  return { policy, seen };
}

async function signIn(host: string, prefetch: Prefetch | undefined) {
  const network = fakeNetwork(host);
  const credential = new ClientAssertionCredential(TENANT, '11111111-2222-3333-4444-555555555555', async () => 'a.b.c', {
    authorityHost: host,
    disableInstanceDiscovery: true,
    additionalPolicies: [...(prefetch ? [prefetchPolicy(prefetch)] : []), { policy: network.policy, position: 'perRetry' }],
  });
  const token = await credential.getToken('https://graph.microsoft.com/.default');
  return { token, seen: network.seen };
}

describe('the prefetched metadata inside a ClientAssertionCredential', () => {
  const HOST = 'https://login.example.test';

  test('without a prefetch, MSAL reads exactly openIdConfigurationUrl before its token request', async () => {
    const { token, seen } = await signIn(HOST, undefined);
    expect(token.token).toBe('access-token');
    expect(seen).toEqual([`GET ${openIdConfigurationUrl(HOST, TENANT)}`, `POST ${HOST}/network-token/oauth2/v2.0/token`]);
  });

  test('with it, the read is answered from the prefetch: only the token request reaches the network, at the endpoint the prefetched document named', async () => {
    const prefetch = { url: openIdConfigurationUrl(HOST, TENANT), reply: Promise.resolve({ ...reply(discoveryDocument(HOST)) }) };
    const { token, seen } = await signIn(HOST, prefetch);
    expect(token.token).toBe('access-token');
    expect(seen).toEqual([`POST ${HOST}${TOKEN_PATH}`]);
  });

  test('with a prefetch that failed, MSAL reads the metadata itself', async () => {
    const { token, seen } = await signIn(HOST, { url: openIdConfigurationUrl(HOST, TENANT), reply: Promise.resolve(undefined) });
    expect(token.token).toBe('access-token');
    expect(seen).toEqual([`GET ${openIdConfigurationUrl(HOST, TENANT)}`, `POST ${HOST}/network-token/oauth2/v2.0/token`]);
  });

  // Not a property of the action's code but of the MSAL it bundles, recorded because it decides what
  // the prefetch is worth: for the clouds' own hosts MSAL has the endpoints built in
  // (@azure/msal-common src/authority/AuthorityMetadata.ts, EndpointMetadata) and reads no metadata,
  // so there the prefetched answer is never asked for.
  test.each(Object.values(CLOUDS).map((c) => [c.name, c.authorityHost]))('%s (%s): MSAL reads no metadata, its first request is the token request', async (_name, host) => {
    const asked: string[] = [];
    const { policy } = prefetchPolicy({ url: openIdConfigurationUrl(host, TENANT), reply: Promise.resolve(reply(discoveryDocument(host))) });
    const watching: PipelinePolicy = { name: 'watching', sendRequest: (request, next) => (asked.push(request.method), policy.sendRequest(request, next)) };
    const network = fakeNetwork(host);
    const credential = new ClientAssertionCredential(TENANT, '11111111-2222-3333-4444-555555555555', async () => 'a.b.c', {
      authorityHost: host,
      additionalPolicies: [
        { policy: watching, position: 'perCall' },
        { policy: network.policy, position: 'perRetry' },
      ],
    });
    await credential.getToken('https://graph.microsoft.com/.default');
    expect(asked).toEqual(['POST']);
    expect(network.seen).toEqual([expect.stringMatching(/^POST https:\/\/[^/]+\/contoso\.onmicrosoft\.com\/oauth2\/v2\.0\/token$/)]);
  });
});

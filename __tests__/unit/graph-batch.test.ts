import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphRequestError } from '../../src/graph/graph-error.ts';
import { createGraphHttp, type GraphCall, type GraphHttp } from '../../src/graph/graph-http.ts';
import type { Application, GraphPage } from '../../src/graph/types.ts';

interface BatchRequest {
  id: string;
  method: string;
  url: string;
  dependsOn?: string[];
  body?: unknown;
  headers: Record<string, string>;
}

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly requests: BatchRequest[];
}

/** What the server answers to one $batch: the members' responses as Graph would send them. */
type Responder = (requests: BatchRequest[]) => { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];

let server: Server;
let http: GraphHttp;
let responder: Responder;
let received: Received[];

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void bodyOf(request).then((text) => {
      const requests = (JSON.parse(text) as { requests: BatchRequest[] }).requests;
      received.push({ method: request.method, url: request.url, requests });
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ responses: responder(requests) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // Plain http: the client attaches no token to it, so the token source is never asked.
  http = createGraphHttp(`http://127.0.0.1:${port}`, () => Promise.reject(new Error('no token expected')));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  received = [];
  responder = (requests) => requests.map((r) => ({ id: r.id, status: 200, body: { url: r.url } }));
});

const get = (path: string): GraphCall => ({ operation: `read ${path}`, method: 'GET', path });

describe('GraphHttp.batch', () => {
  test('sends every call in one POST /$batch, numbered from 1, with a JSON content type only where there is a body', async () => {
    await http.batch([get('/applications/a'), { operation: 'remove', method: 'POST', path: '/applications/a/removePassword', body: { keyId: 'k' }, headers: { Prefer: 'x' } }]);
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe('POST');
    expect(received[0]?.url).toBe('/v1.0/$batch');
    expect(received[0]?.requests).toEqual([
      { id: '1', method: 'GET', url: '/applications/a', headers: {} },
      { id: '2', method: 'POST', url: '/applications/a/removePassword', body: { keyId: 'k' }, headers: { 'Content-Type': 'application/json', Prefer: 'x' } },
    ]);
  });

  test('sequential: each request depends on the one before it', async () => {
    await http.batch([get('/a'), get('/b'), get('/c')], { sequential: true });
    expect(received[0]?.requests.map((r) => r.dependsOn)).toEqual([undefined, ['1'], ['2']]);
  });

  test('answers in the order of the calls, whatever order the responses come in', async () => {
    responder = (requests) => [...requests].reverse().map((r) => ({ id: r.id, status: 200, body: { url: r.url } }));
    const outcomes = await http.batch<[{ url: string }, { url: string }, { url: string }]>([get('/a'), get('/b'), get('/c')]);
    expect(outcomes.map((o) => (o instanceof GraphRequestError ? o : o.body?.url))).toEqual(['/a', '/b', '/c']);
  });

  test('a failed member is the error send would have thrown; the others are replies', async () => {
    responder = (requests) =>
      requests.map((r) =>
        r.id === '2'
          ? { id: r.id, status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'slow down', innerError: { 'request-id': 'req-2' } } } }
          : { id: r.id, status: 200, body: { value: [], id: r.id } },
      );
    const [first, second] = await http.batch<[GraphPage<Application>, Application]>([get('/applications?$top=1'), get('/applications/x')]);
    expect(first).toEqual({ status: 200, body: { value: [], id: '1' } });
    expect(second).toBeInstanceOf(GraphRequestError);
    expect(second).toMatchObject({ status: 429, code: 'TooManyRequests', graphMessage: 'slow down', requestId: 'req-2', retryAfterSeconds: 7, outcomeUnknown: false });
    expect((second as GraphRequestError).message).toContain('Failed to read /applications/x');
  });

  test('a gateway error of a member leaves its outcome unknown', async () => {
    responder = (requests) => requests.map((r) => ({ id: r.id, status: 504 }));
    const [only] = await http.batch([get('/a')]);
    expect(only).toMatchObject({ status: 504, code: 'HTTP504', outcomeUnknown: true });
  });

  test('a member the answer left out is an error whose outcome is unknown', async () => {
    responder = (requests) => requests.filter((r) => r.id !== '2').map((r) => ({ id: r.id, status: 204 }));
    const outcomes = await http.batch([get('/a'), get('/b')]);
    expect(outcomes[0]).toEqual({ status: 204, body: undefined });
    expect(outcomes[1]).toMatchObject({ code: 'BatchResponseMissing', status: 0, outcomeUnknown: true });
  });

  test('the typed answer needs no casts: a tuple of one outcome per call', async () => {
    responder = (requests) => requests.map((r) => (r.id === '1' ? { id: '1', status: 200, body: { id: 'sp-1' } } : { id: r.id, status: 200, body: { value: [{ id: 'o-1' }] } }));
    const [deployer, owners] = await http.batch<[{ id: string }, GraphPage<{ id: string }>]>([get('/servicePrincipals/x'), get('/applications/y/owners')]);
    // Type-checked by `npm run typecheck`: body types follow the declared tuple.
    const deployerId: string | undefined = deployer instanceof GraphRequestError ? undefined : deployer.body?.id;
    const ownerIds: string[] = owners instanceof GraphRequestError ? [] : (owners.body?.value ?? []).map((o) => o.id);
    expect([deployerId, ownerIds]).toEqual(['sp-1', ['o-1']]);
  });
});

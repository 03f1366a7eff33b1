import { concurrencyViolation, connectionReset, graphError, hang, serviceUnavailable, startEmulator, throttle } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { bearer, deployerToken, graphUrl, httpsClient, sleep } from './https-client.ts';
import type { Client } from './https-client.ts';

let emu: Emulator;
let c: Client;
let token: string;

beforeAll(async () => {
  emu = await startEmulator();
  c = httpsClient(emu.caCertPath);
  token = await deployerToken(emu, c);
});
afterAll(async () => {
  c.close();
  await emu.close();
});
afterEach(() => {
  emu.faults.clear();
  emu.setLatency(0);
});

const upsertWith = (name: string, signal?: AbortSignal) =>
  c.send('PATCH', graphUrl(emu, `/applications(uniqueName='${name}')`), { headers: { ...bearer(token), Prefer: 'create-if-missing' }, json: { displayName: name }, ...(signal ? { signal } : {}) });
const upsert = (name: string) => upsertWith(name);

test.each([
  ['throttle', throttle('graph', '/applications', 2, 7), 429, 'TooManyRequests', '7'],
  ['serviceUnavailable', serviceUnavailable('graph', '/applications', 2, 3), 503, 'serviceNotAvailable', '3'],
  ['concurrencyViolation', concurrencyViolation('/applications', 2), 409, 'Directory_ConcurrencyViolation', undefined],
])('%s answers in Graph shape the given number of times, then lets requests through', async (_n, rule, status, code, retryAfter) => {
  emu.faults.add(rule);
  expect(emu.faults.pending()).toHaveLength(1);
  for (let i = 0; i < 2; i++) {
    const res = await upsert(`fault-${code}`);
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(res.json.error.innerError['request-id']).toBe(res.headers['request-id']);
    expect(res.headers['retry-after']).toBe(retryAfter);
  }
  expect(emu.faults.pending()).toEqual([]);
  expect((await upsert(`fault-${code}`)).status).toBe(201);
  expect(emu.graph.applications().filter((a) => a.uniqueName === `fault-${code}`)).toHaveLength(1);
});

test('skip lets the first matching requests through; method and path narrow the match', async () => {
  emu.faults.add({ service: 'graph', method: 'POST', path: '/addPassword$', skip: 1, times: 1, response: graphError(500, 'UnknownError', '') });
  const app = emu.graph.createApplication({ displayName: 'skip' }, { ownerIds: [emu.deployer.servicePrincipalId] });
  const add = () => c.send('POST', graphUrl(emu, `/applications/${app.id}/addPassword`), { headers: bearer(token), json: {} });
  expect((await c.send('GET', graphUrl(emu, `/applications/${app.id}`), { headers: bearer(token) })).status).toBe(200);
  expect((await add()).status).toBe(200);
  expect((await add()).status).toBe(500);
  expect((await add()).status).toBe(200);
});

test("'reset' drops the connection before anything happens; the log records status 0", async () => {
  emu.faults.add(connectionReset('graph', "uniqueName='reset-before'"));
  emu.resetRequests();
  await expect(upsert('reset-before')).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect(emu.graph.application('reset-before')).toBeUndefined();
  expect(emu.requests()).toEqual([expect.objectContaining({ service: 'graph', method: 'PATCH', status: 0 })]);
  expect((await upsert('reset-before')).status).toBe(201);
});

test("'reset-after' performs the operation, then drops the connection (uncertain outcome)", async () => {
  emu.faults.add({ service: 'graph', path: "uniqueName='reset-after'", response: 'reset-after' });
  await expect(upsert('reset-after')).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect(emu.graph.application('reset-after')).toBeDefined();
  expect((await upsert('reset-after')).status).toBe(204);
});

test("'cut-body' performs the operation and answers, but the body never arrives whole", async () => {
  emu.faults.add({ service: 'graph', path: "uniqueName='cut-body'", response: 'cut-body' });
  await expect(upsert('cut-body')).rejects.toThrow();
  expect(emu.graph.application('cut-body')).toBeDefined();
  expect(emu.requests().at(-1)).toEqual(expect.objectContaining({ method: 'PATCH', status: 201 }));
});

test('faults apply to other services in their own shapes', async () => {
  emu.faults.add(throttle('github', '/public-key', 1, 2));
  const gh = emu.github.issueToken({ secretsPermission: 'write' });
  const res = await c.send('GET', `${emu.urls.githubApiUrl}/repos/contoso/portal-infra/actions/secrets/public-key`, { headers: { Authorization: `Bearer ${gh}` } });
  expect([res.status, res.headers['retry-after'], typeof res.json.message]).toEqual([429, '2', 'string']);
});

test('$batch members can be throttled individually', async () => {
  emu.faults.add(throttle('graph', '/applications\\?\\$top=1$', 1, 4));
  const res = await c.send('POST', graphUrl(emu, '/$batch'), {
    headers: bearer(token),
    json: { requests: [{ id: 'a', method: 'GET', url: '/applications?$top=1' }, { id: 'b', method: 'GET', url: '/applications?$top=2' }] },
  });
  expect(res.status).toBe(200);
  const [a, b] = res.json.responses;
  expect([a.status, a.headers['Retry-After'], a.body.error.code]).toEqual([429, '4', 'TooManyRequests']);
  expect(b.status).toBe(200);
});

test('latency is added to every answer and logged', async () => {
  emu.setLatency(120);
  emu.resetRequests();
  const t0 = Date.now();
  await c.send('GET', graphUrl(emu, '/applications?$top=1'), { headers: bearer(token) });
  expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
  expect(emu.requests()[0]).toMatchObject({ service: 'graph', method: 'GET', path: '/v1.0/applications?$top=1', status: 200 });
  expect(emu.requests()[0]?.durationMs).toBeGreaterThanOrEqual(115);
});

/** Resolves once the emulator has logged a request matching `path` (the hang fault has taken it). */
async function logged(e: Emulator, path: RegExp): Promise<void> {
  for (let i = 0; i < 200 && !e.requests().some((r) => path.test(r.path)); i++) await sleep(10);
}

test("'hang' logs the request (status 0) and never answers until the client gives up; the next one is answered", async () => {
  emu.faults.add(hang('graph', "uniqueName='hung'", 1, 'PATCH'));
  emu.resetRequests();
  const abort = new AbortController();
  let settled = false;
  const hung = upsertWith('hung', abort.signal).finally(() => (settled = true));
  await logged(emu, /uniqueName='hung'/);
  await sleep(300);
  expect(settled).toBe(false);
  expect(emu.graph.application('hung')).toBeUndefined(); // never handled
  expect(emu.requests()).toEqual([expect.objectContaining({ service: 'graph', method: 'PATCH', status: 0 })]);
  abort.abort();
  await expect(hung).rejects.toThrow(/abort/i);
  await sleep(50);
  expect(emu.requests()[0]?.durationMs).toBeGreaterThanOrEqual(250); // the held socket closed when the client went away
  expect(emu.faults.pending()).toEqual([]);
  expect((await upsert('hung')).status).toBe(201);
});

test("'hang' does not apply to a $batch member: the batch is answered and the rule stays pending", async () => {
  emu.faults.add(hang('graph', '/applications\\?\\$top=3$'));
  const res = await c.send('POST', graphUrl(emu, '/$batch'), { headers: bearer(token), json: { requests: [{ id: 'a', method: 'GET', url: '/applications?$top=3' }] } });
  expect([res.status, res.json.responses[0].status]).toEqual([200, 200]);
  expect(emu.faults.pending()).toEqual([expect.objectContaining({ response: 'hang', times: 1 })]);
});

test('close() finishes promptly while a request hangs; the client sees its connection end', async () => {
  const other = await startEmulator();
  const client = httpsClient(other.caCertPath);
  try {
    other.faults.add(hang('github', '/public-key'));
    const gh = other.github.issueToken({ secretsPermission: 'read' });
    const hung = client.send('GET', `${other.urls.githubApiUrl}/repos/contoso/portal-infra/actions/secrets/public-key`, { headers: { Authorization: `Bearer ${gh}` } });
    const outcome = hung.then(() => 'answered', (err: Error) => err.message);
    await logged(other, /public-key/);
    const t0 = Date.now();
    await other.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await outcome).toMatch(/socket hang up|ECONNRESET/);
    expect(other.requests()).toEqual([expect.objectContaining({ service: 'github', status: 0 })]);
  } finally {
    client.close();
  }
});

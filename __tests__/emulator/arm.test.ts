import { startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { bearer, deployerToken, httpsClient } from './https-client.ts';
import type { Client } from './https-client.ts';

// The Resource Manager stub `az login --service-principal --federated-token` needs
// (learn.microsoft.com/rest/api/resources/subscriptions/list, /tenants/list).

let emu: Emulator;
let c: Client;
let token: string;

beforeAll(async () => {
  emu = await startEmulator();
  c = httpsClient(emu.caCertPath);
  token = await deployerToken(emu, c, 'https://management.core.windows.net/');
});
afterAll(async () => {
  c.close();
  await emu.close();
});
beforeEach(() => emu.resetRequests());

const arm = (path: string, headers: Record<string, string> = bearer(token)) => c.send('GET', `${emu.urls.resourceManager}${path}`, { headers });

test('GET /subscriptions lists one enabled subscription in the emulator tenant', async () => {
  const res = await arm('/subscriptions?api-version=2022-12-01');
  expect(res.status).toBe(200);
  expect(res.json.value).toEqual([expect.objectContaining({ tenantId: emu.tenantId, state: 'Enabled', id: expect.stringMatching(/^\/subscriptions\/[0-9a-f-]{36}$/) })]);
  const [sub] = res.json.value;
  expect((await arm(`/subscriptions/${sub.subscriptionId}?api-version=2022-12-01`)).json).toEqual(sub);
  expect(emu.requests().every((r) => r.service === 'arm')).toBe(true);
});

test('GET /tenants lists the emulator tenant', async () => {
  const res = await arm('/tenants?api-version=2022-12-01');
  expect(res.status).toBe(200);
  expect(res.json.value).toEqual([expect.objectContaining({ id: `/tenants/${emu.tenantId}`, tenantId: emu.tenantId, defaultDomain: emu.tenantDomain })]);
});

test('without a token: 401; without api-version: 400 MissingApiVersionParameter', async () => {
  expect((await arm('/subscriptions?api-version=2022-12-01', {})).status).toBe(401);
  expect((await arm('/subscriptions?api-version=2022-12-01', bearer('not-a-token'))).status).toBe(401);
  const res = await arm('/subscriptions');
  expect(res.status).toBe(400);
  expect(res.json.error.code).toBe('MissingApiVersionParameter');
  expect(emu.unmodelled()).toEqual([]);
});

test('anything else is refused and logged as unmodelled', async () => {
  expect((await arm('/subscriptions/x/resourceGroups?api-version=2021-04-01')).status).toBe(404);
  expect((await arm('/tenants?api-version=2022-12-01&$top=1')).status).toBe(400);
  expect(emu.unmodelled().map((r) => r.service)).toEqual(['arm', 'arm']);
});

test('a token issued for Graph is refused, and an ARM token is refused by Graph', async () => {
  const graphToken = await deployerToken(emu, c);
  const res = await arm('/subscriptions?api-version=2022-12-01', bearer(graphToken));
  expect(res.status).toBe(401);
  expect(res.json.error.code).toBe('InvalidAuthenticationToken');
  const onGraph = await c.send('GET', `${emu.urls.graphEndpoint}/v1.0/applications`, { headers: bearer(token) });
  expect(onGraph.status).toBe(401);
  expect(onGraph.json.error.message).toContain('Invalid audience');
});

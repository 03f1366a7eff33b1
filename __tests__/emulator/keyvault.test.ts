import { startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { bearer, deployerToken, httpsClient } from './https-client.ts';
import type { Client } from './https-client.ts';

// Key Vault's data plane, Secrets only, as learn.microsoft.com/rest/api/keyvault/secrets documents it:
// Set Secret, Get Secret, Get Secret Versions; challenge authentication, RBAC and soft delete.

const VAULT = 'contoso-kv';
const API = 'api-version=2025-07-01';
const KV = 'https://vault.azure.net';

let emu: Emulator;
let c: Client;
let token: string;

beforeAll(async () => {
  emu = await startEmulator();
  c = httpsClient(emu.caCertPath);
  token = await deployerToken(emu, c, KV);
});
afterAll(async () => {
  c.close();
  await emu.close();
});
beforeEach(() => {
  emu.resetRequests();
  emu.keyVault.grantRole(VAULT, emu.deployer.clientId);
});

const url = (path: string, query = API): string => `${emu.urls.keyVault}${path}?${query}`;
const put = (name: string, json: unknown, query = API) => c.send('PUT', url(`/secrets/${name}`, query), { headers: bearer(token), json });
const get = (path: string, headers = bearer(token), query = API) => c.send('GET', url(path, query), { headers });

test('without a token: 401 with the challenge naming the authority and the resource Key Vault tokens are for', async () => {
  const res = await c.send('PUT', url('/secrets/portal'), { headers: {} });
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toBe(`Bearer authorization="${emu.urls.authorityHost}/${emu.tenantId}", resource="${KV}"`);
  expect(res.json.error.code).toBe('Unauthorized');
  expect(emu.keyVault.versions(VAULT, 'portal')).toEqual([]);
});

test('a Graph token is refused by the vault, and a vault token by Graph: tokens remember their API', async () => {
  const graphToken = await deployerToken(emu, c);
  const res = await get('/secrets/portal', bearer(graphToken));
  expect(res.status).toBe(401);
  expect(res.json.error.message).toContain(`Invalid audience. Expected ${KV}, found: ${emu.urls.graphEndpoint}`);
  expect((await get('/secrets/portal', bearer('not-a-token'))).status).toBe(401);
  const onGraph = await c.send('GET', `${emu.urls.graphEndpoint}/v1.0/applications`, { headers: bearer(token) });
  expect(onGraph.status).toBe(401);
});

test('Set Secret answers a SecretBundle: versioned id, attributes in Unix seconds, content type and tags', async () => {
  const exp = Math.floor(Date.now() / 1000) + 86_400;
  const before = Math.floor(Date.now() / 1000);
  const res = await put('portal-a', { value: 's3cret-a', contentType: 'app:client:key', tags: { clientId: 'c', tenantId: 't' }, attributes: { exp } });
  expect(res.status).toBe(200);
  expect(res.json.id).toMatch(new RegExp(`^${emu.urls.keyVault}/secrets/portal-a/[0-9a-f]{32}$`));
  expect(res.json).toMatchObject({ value: 's3cret-a', contentType: 'app:client:key', tags: { clientId: 'c', tenantId: 't' } });
  expect(res.json.attributes).toEqual({ enabled: true, exp, created: expect.any(Number), updated: expect.any(Number), recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90 });
  expect(res.json.attributes.updated).toBeGreaterThanOrEqual(before);
  expect(emu.keyVault.versions(VAULT, 'PORTAL-A')).toEqual([expect.objectContaining({ value: 's3cret-a', expires: exp, contentType: 'app:client:key' })]);
});

test('each Set makes a new version: Get gives the current one or a named one, Get Secret Versions lists them without values, page by page', async () => {
  const first = await put('portal-b', { value: 'one' });
  const second = await put('Portal-B', { value: 'two' });
  const firstVersion = String(first.json.id).split('/').pop();
  expect((await get('/secrets/portal-b')).json).toMatchObject({ value: 'two', id: second.json.id });
  expect((await get('/secrets/portal-b/')).json.value).toBe('two');
  expect((await get(`/secrets/portal-b/${firstVersion}`)).json).toMatchObject({ value: 'one', id: first.json.id });
  const page1 = await get('/secrets/portal-b/versions', bearer(token), `${API}&maxresults=1`);
  expect(page1.status).toBe(200);
  expect(page1.json.value).toEqual([{ id: first.json.id, attributes: first.json.attributes }]);
  expect(page1.text).not.toContain('"value":"one"');
  const page2 = await c.send('GET', page1.json.nextLink as string, { headers: bearer(token) });
  expect(page2.json).toEqual({ value: [{ id: second.json.id, attributes: second.json.attributes }], nextLink: null });
  expect((await get('/secrets/portal-b/versions', bearer(token), `${API}&maxresults=26`)).status).toBe(400);
  expect(emu.unmodelled()).toEqual([]);
});

test('a secret that does not exist: 404 SecretNotFound, and an empty list of versions', async () => {
  const res = await get('/secrets/nothing-here');
  expect(res.status).toBe(404);
  expect(res.json.error.code).toBe('SecretNotFound');
  expect((await get('/secrets/portal-b/0123456789abcdef0123456789abcdef')).status).toBe(404);
  expect((await get('/secrets/nothing-here/versions')).json).toEqual({ value: [], nextLink: null });
});

test('names follow ^[0-9a-zA-Z-]{1,127}$ and values are at most 25 KB', async () => {
  expect((await put('portal_x', { value: 'v' })).status).toBe(400);
  expect((await put('a'.repeat(128), { value: 'v' })).status).toBe(400);
  expect((await put('a'.repeat(127), { value: 'v' })).status).toBe(200);
  expect((await put('big', { value: 'x'.repeat(25 * 1024 + 1) })).status).toBe(400);
  expect((await put('big', { value: 'x'.repeat(25 * 1024) })).status).toBe(200);
  expect((await put('no-value', { contentType: 'x' })).status).toBe(400);
});

test('without a role on the vault: 403 ForbiddenByRbac naming the action; Secrets User may read but not set', async () => {
  await put('portal-c', { value: 'c' });
  emu.keyVault.revokeRole(VAULT, emu.deployer.clientId);
  const refused = await put('portal-c', { value: 'd' });
  expect(refused.status).toBe(403);
  expect(refused.json.error).toMatchObject({ code: 'Forbidden', innererror: { code: 'ForbiddenByRbac' } });
  expect(refused.json.error.message).toContain('Caller is not authorized to perform action on resource.');
  expect(refused.json.error.message).toContain("Action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action'");
  expect((await get('/secrets/portal-c')).status).toBe(403);
  emu.keyVault.grantRole(VAULT, emu.deployer.clientId, 'Key Vault Secrets User');
  expect((await get('/secrets/portal-c')).json.value).toBe('c');
  expect((await put('portal-c', { value: 'd' })).status).toBe(403);
  emu.keyVault.grantRole(VAULT, emu.deployer.clientId, 'Microsoft.KeyVault/vaults/secrets/setSecret/action');
  expect((await put('portal-c', { value: 'd' })).status).toBe(200);
  emu.keyVault.revokeRole(VAULT, emu.deployer.clientId, 'Key Vault Secrets User');
  emu.keyVault.revokeRole(VAULT, emu.deployer.clientId, 'Microsoft.KeyVault/vaults/secrets/setSecret/action');
  expect(emu.keyVault.versions(VAULT, 'portal-c').map((v) => v.value)).toEqual(['c', 'd']);
});

test('a soft-deleted secret is not found, and its name cannot be set: 409 ObjectIsDeletedButRecoverable', async () => {
  await put('portal-d', { value: 'd' });
  emu.keyVault.softDeleteSecret(VAULT, 'portal-d');
  expect((await get('/secrets/portal-d')).status).toBe(404);
  const res = await put('portal-d', { value: 'e' });
  expect(res.status).toBe(409);
  expect(res.json.error).toMatchObject({ code: 'Conflict', innererror: { code: 'ObjectIsDeletedButRecoverable' } });
  expect(res.json.error.message).toContain('deleted but recoverable state');
  expect(emu.keyVault.versions(VAULT, 'portal-d').map((v) => v.value)).toEqual(['d']);
});

test('api-version: required; 7.4, 7.5 and 2025-07-01 are answered, others are not modelled', async () => {
  for (const version of ['7.4', '7.5', '2025-07-01']) expect((await put('portal-e', { value: version }, `api-version=${version}`)).status).toBe(200);
  expect((await get('/secrets/portal-e', bearer(token), '')).status).toBe(400);
  expect(emu.unmodelled()).toEqual([]);
  expect((await get('/secrets/portal-e', bearer(token), 'api-version=2026-04-01')).status).toBe(400);
  expect((await get('/keys/portal-e')).status).toBe(404);
  expect(emu.unmodelled().map((r) => r.service)).toEqual(['keyvault', 'keyvault']);
});

test('advanceTime moves created, updated and exp into the past', async () => {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const set = await put('portal-f', { value: 'f', attributes: { exp } });
  emu.advanceTime(2 * 86_400_000);
  const now = (await get('/secrets/portal-f')).json.attributes;
  expect(now.created).toBe(set.json.attributes.created - 2 * 86_400);
  expect(now.updated).toBe(set.json.attributes.updated - 2 * 86_400);
  expect(now.exp).toBe(exp - 2 * 86_400);
});

test('each vault is a host of its own, with its own role assignments; vault names follow Azure\'s rule', async () => {
  const other = await emu.keyVault.createVault('fabrikam-kv');
  expect(other.url).not.toBe(emu.urls.keyVault);
  expect(other.resourceId).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/fabrikam-kv$/);
  const refused = await c.send('PUT', `${other.url}/secrets/portal?${API}`, { headers: bearer(token), json: { value: 'x' } });
  expect(refused.status).toBe(403);
  emu.keyVault.grantRole('fabrikam-kv', emu.deployer.clientId);
  expect((await c.send('PUT', `${other.url}/secrets/portal?${API}`, { headers: bearer(token), json: { value: 'x' } })).status).toBe(200);
  expect(emu.keyVault.versions(VAULT, 'portal')).toEqual([]);
  await expect(emu.keyVault.createVault('a--b')).rejects.toThrow('not a key vault name');
  await expect(emu.keyVault.createVault('fabrikam-kv')).rejects.toThrow('exists already');
});

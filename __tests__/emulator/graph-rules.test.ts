import { startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { bearer, deployerToken, graphUrl, httpsClient } from './https-client.ts';
import type { Client } from './https-client.ts';

// Validation Graph applies to application writes: signInAudience values, displayName length,
// redirect URIs without a fragment, and v2 access tokens for apps open to personal accounts.

let emu: Emulator;
let c: Client;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ readings: {} });
  c = httpsClient(emu.caCertPath);
  token = await deployerToken(emu, c);
});
afterAll(async () => {
  c.close();
  await emu.close();
});

const send = (method: string, path: string, json?: unknown, headers: Record<string, string> = {}) =>
  c.send(method, graphUrl(emu, path), { headers: { ...bearer(token), ...headers }, ...(json === undefined ? {} : { json }) });
const create = (props: Record<string, unknown>) => send('POST', '/applications', props);
const upsert = (name: string, props: Record<string, unknown>) => send('PATCH', `/applications(uniqueName='${name}')`, props, { Prefer: 'create-if-missing' });
const invalid = (prop: string) => ({ code: 'Request_BadRequest', message: `Invalid value specified for property '${prop}' of resource 'Application'.` });
const V2 = { api: { requestedAccessTokenVersion: 2 } };

describe('signInAudience', () => {
  test.each(['AzureADAndMicrosoftAccounts', 'AzureADMyOrganization', 'azureadmyorg', ''])('%j is refused on create and on PATCH', async (signInAudience) => {
    const res = await create({ displayName: 'bad audience', signInAudience });
    expect([res.status, res.json.error]).toEqual([400, expect.objectContaining(invalid('signInAudience'))]);
    const ok = await create({ displayName: 'good audience' });
    expect(ok.status).toBe(201);
    const patched = await send('PATCH', `/applications/${ok.json.id}`, { signInAudience });
    expect([patched.status, patched.json.error]).toEqual([400, expect.objectContaining(invalid('signInAudience'))]);
  });

  test.each(['AzureADMyOrg', 'AzureADMultipleOrgs'])('%s is taken', async (signInAudience) => {
    expect((await create({ displayName: 'fine', signInAudience })).status).toBe(201);
  });
});

describe('displayName length', () => {
  test('120 characters are fine, 121 are not', async () => {
    expect((await create({ displayName: 'a'.repeat(120) })).status).toBe(201);
    const res = await create({ displayName: 'a'.repeat(121) });
    expect([res.status, res.json.error]).toEqual([400, expect.objectContaining(invalid('displayName'))]);
  });

  test('90 when personal accounts may sign in, also when a PATCH widens the audience', async () => {
    expect((await create({ displayName: 'b'.repeat(90), signInAudience: 'AzureADandPersonalMicrosoftAccount', ...V2 })).status).toBe(201);
    const res = await create({ displayName: 'b'.repeat(91), signInAudience: 'PersonalMicrosoftAccount', ...V2 });
    expect([res.status, res.json.error]).toEqual([400, expect.objectContaining(invalid('displayName'))]);
    const app = await create({ displayName: 'c'.repeat(100), ...V2 });
    expect(app.status).toBe(201);
    const widen = await send('PATCH', `/applications/${app.json.id}`, { signInAudience: 'AzureADandPersonalMicrosoftAccount' });
    expect([widen.status, widen.json.error]).toEqual([400, expect.objectContaining(invalid('displayName'))]);
  });
});

describe('redirect URIs', () => {
  test.each(['https://portal.example.com/cb#frag', 'https://portal.example.com/cb#'])('%s (a fragment) is refused on create and PATCH', async (uri) => {
    const res = await create({ displayName: 'fragment', web: { redirectUris: [uri] } });
    expect([res.status, res.json.error]).toEqual([400, expect.objectContaining(invalid('web'))]);
    const ok = await create({ displayName: 'no fragment', web: { redirectUris: ['https://portal.example.com/cb'] } });
    const patched = await send('PATCH', `/applications/${ok.json.id}`, { spa: { redirectUris: [uri] } });
    expect([patched.status, patched.json.error]).toEqual([400, expect.objectContaining(invalid('spa'))]);
  });
});

describe('personal accounts need api.requestedAccessTokenVersion 2 in the same write', () => {
  const refusal = { code: 'InvalidAccessTokenVersion', message: 'One or more properties contains invalid values.' };

  test.each(['AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'])('%s: create without it is refused, with it stored and returned', async (signInAudience) => {
    const bad = await create({ displayName: 'v1 personal', signInAudience });
    expect([bad.status, bad.json.error]).toEqual([400, expect.objectContaining(refusal)]);
    const v1 = await create({ displayName: 'v1 personal', signInAudience, api: { requestedAccessTokenVersion: 1 } });
    expect([v1.status, v1.json.error?.code]).toEqual([400, 'InvalidAccessTokenVersion']);
    const good = await create({ displayName: 'v2 personal', signInAudience, ...V2 });
    expect(good.status).toBe(201);
    expect(good.json.api).toMatchObject({ requestedAccessTokenVersion: 2, oauth2PermissionScopes: [] });
    const read = await send('GET', `/applications/${good.json.id}`);
    expect(read.json.api.requestedAccessTokenVersion).toBe(2);
  });

  test('upsert-create is checked the same way', async () => {
    const bad = await upsert('personal-upsert', { displayName: 'upsert', signInAudience: 'AzureADandPersonalMicrosoftAccount' });
    expect([bad.status, bad.json.error]).toEqual([400, expect.objectContaining(refusal)]);
    expect(emu.graph.application('personal-upsert')).toBeUndefined();
    const good = await upsert('personal-upsert', { displayName: 'upsert', signInAudience: 'AzureADandPersonalMicrosoftAccount', ...V2 });
    expect(good.status).toBe(201);
  });

  test('PATCH: widening the audience needs the version in the same write (or already stored); lowering it back is refused', async () => {
    const app = await create({ displayName: 'widen me' });
    const id = app.json.id as string;
    const alone = await send('PATCH', `/applications/${id}`, { signInAudience: 'AzureADandPersonalMicrosoftAccount' });
    expect([alone.status, alone.json.error]).toEqual([400, expect.objectContaining(refusal)]);
    expect(emu.graph.application(id)?.signInAudience).toBe('AzureADMyOrg');
    expect((await send('PATCH', `/applications/${id}`, { signInAudience: 'AzureADandPersonalMicrosoftAccount', ...V2 })).status).toBe(204);
    const lower = await send('PATCH', `/applications/${id}`, { api: { requestedAccessTokenVersion: null } });
    expect([lower.status, lower.json.error?.code]).toEqual([400, 'InvalidAccessTokenVersion']);
    const other = await create({ displayName: 'version first', ...V2 });
    expect((await send('PATCH', `/applications/${other.json.id}`, { signInAudience: 'PersonalMicrosoftAccount' })).status).toBe(204);
  });
});

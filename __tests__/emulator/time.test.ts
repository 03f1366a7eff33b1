import sodium from 'libsodium-wrappers';
import { shiftIso } from '../../emulator/clock.ts';
import { startEmulator } from '../../emulator/index.ts';
import type { Emulator, SecretTarget } from '../../emulator/index.ts';
import { bearer, deployerToken, graphUrl, httpsClient, tokenUrl } from './https-client.ts';
import type { Client } from './https-client.ts';

// Emulator.advanceTime: stored timestamps move into the past; Entra and Graph judge them against
// the real clock. Its own emulator, since time only moves one way.

let emu: Emulator;
let c: Client;

beforeAll(async () => {
  await sodium.ready;
  emu = await startEmulator();
  c = httpsClient(emu.caCertPath);
  emu.github.addEnvironment('contoso/portal-infra', 'prod');
});
afterAll(async () => {
  c.close();
  await emu.close();
});

const DAY = 24 * 3600_000;
const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const secretSignIn = (appId: string, secret: string) =>
  c.send('POST', tokenUrl(emu), { form: { grant_type: 'client_credentials', client_id: appId, client_secret: secret, scope: `${emu.urls.graphEndpoint}/.default` } });

test('shiftIso keeps the format: whole seconds round down, fractions keep milliseconds', () => {
  expect(shiftIso('2025-03-01T10:00:00Z', 1500)).toBe('2025-03-01T09:59:58Z');
  expect(shiftIso('2025-03-01T10:00:00Z', DAY)).toBe('2025-02-28T10:00:00Z');
  expect(shiftIso('2025-03-01T10:00:00.250Z', 1500)).toBe('2025-03-01T09:59:58.750Z');
  expect(shiftIso('not a date', 1000)).toBe('not a date');
});

test('password dates move back by exactly ms, in the stored format, in Graph reads too', async () => {
  const app = emu.graph.createApplication({ displayName: 'shifted dates' }, { ownerIds: [emu.deployer.servicePrincipalId] });
  const { keyId } = emu.graph.addPassword(app.id, { startDateTime: '2030-01-01T00:00:00Z', endDateTime: '2031-01-01T00:00:00Z' });
  emu.advanceTime(DAY + 2000);
  const cred = emu.graph.application(app.id)?.passwordCredentials.find((p) => p.keyId === keyId);
  expect(cred).toMatchObject({ startDateTime: '2029-12-30T23:59:58Z', endDateTime: '2030-12-30T23:59:58Z' });
  const token = await deployerToken(emu, c);
  const read = await c.send('GET', graphUrl(emu, `/applications/${app.id}?$select=passwordCredentials`), { headers: bearer(token) });
  expect(read.json.passwordCredentials).toEqual([expect.objectContaining({ keyId, startDateTime: '2029-12-30T23:59:58Z', endDateTime: '2030-12-30T23:59:58Z' })]);
});

test('a secret whose shifted endDateTime is past answers AADSTS7000222; a later-expiring one signs in until time passes it too', async () => {
  const app = emu.graph.createApplication({ displayName: 'expiring' }, { withServicePrincipal: true });
  const soon = emu.graph.addPassword(app.id, { endDateTime: new Date(Date.now() + DAY).toISOString() });
  const later = emu.graph.addPassword(app.id, { endDateTime: new Date(Date.now() + 3 * DAY).toISOString() });
  expect((await secretSignIn(app.appId, soon.secretText)).status).toBe(200);
  emu.advanceTime(DAY + 60_000);
  const expired = await secretSignIn(app.appId, soon.secretText);
  expect(expired.status).toBe(401);
  expect(expired.json).toMatchObject({ error: 'invalid_client', error_codes: [7000222] });
  expect(await emu.entra.signInWithSecret(app.appId, soon.secretText)).toBe(false);
  expect(await emu.entra.signInWithSecret(app.appId, later.secretText)).toBe(true);
  emu.advanceTime(2 * DAY);
  expect(await emu.entra.signInWithSecret(app.appId, later.secretText)).toBe(false);
});

test('a secret still waiting out secretPropagationMs signs in once that much time has been made to pass', async () => {
  const token = await deployerToken(emu, c);
  const app = emu.graph.createApplication({ displayName: 'propagating' }, { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true });
  emu.setSecretPropagation(10 * 60_000);
  try {
    const added = await c.send('POST', graphUrl(emu, `/applications/${app.id}/addPassword`), { headers: bearer(token), json: {} });
    expect(added.status).toBe(200);
    const early = await secretSignIn(app.appId, added.json.secretText);
    expect(early.json.error_codes).toEqual([7000215]);
    emu.advanceTime(5 * 60_000);
    expect(await emu.entra.signInWithSecret(app.appId, added.json.secretText)).toBe(false);
    emu.advanceTime(5 * 60_000);
    expect((await secretSignIn(app.appId, added.json.secretText)).status).toBe(200);
  } finally {
    emu.setSecretPropagation(0);
  }
});

test('a new app waiting out the replication delay becomes visible once that much time has been made to pass', async () => {
  const token = await deployerToken(emu, c);
  emu.setReplicationDelay(10 * 60_000);
  try {
    const made = await c.send('PATCH', graphUrl(emu, "/applications(uniqueName='time-replicated')"), { headers: { ...bearer(token), Prefer: 'create-if-missing' }, json: { displayName: 'time replicated' } });
    expect(made.status).toBe(201);
    expect((await c.send('GET', graphUrl(emu, `/applications/${made.json.id}`), { headers: bearer(token) })).status).toBe(404);
    emu.advanceTime(10 * 60_000);
    expect((await c.send('GET', graphUrl(emu, `/applications/${made.json.id}`), { headers: bearer(token) })).status).toBe(200);
  } finally {
    emu.setReplicationDelay(0);
  }
});

test.each<[string, string, SecretTarget, Record<string, unknown>]>([
  ['repository', '/repos/contoso/portal-infra/actions', { repository: 'contoso/portal-infra' }, {}],
  ['environment', '/repos/contoso/portal-infra/environments/prod', { repository: 'contoso/portal-infra', environment: 'prod' }, {}],
  ['organization', '/orgs/contoso/actions', { organization: 'contoso' }, { visibility: 'private' }],
])('%s secret created_at/updated_at move back by ms and stay at second resolution', async (_n, base, target, extra) => {
  const gh = emu.github.issueToken({ secretsPermission: 'write' });
  const headers = { Authorization: `Bearer ${gh}` };
  const key = await c.send('GET', `${emu.urls.githubApiUrl}${base}/secrets/public-key`, { headers });
  const sealed = sodium.to_base64(sodium.crypto_box_seal(sodium.from_string('v'), sodium.from_base64(key.json.key, sodium.base64_variants.ORIGINAL)), sodium.base64_variants.ORIGINAL);
  const put = await c.send('PUT', `${emu.urls.githubApiUrl}${base}/secrets/TRAVELLER`, { headers, json: { encrypted_value: sealed, key_id: key.json.key_id, ...extra } });
  expect(put.status).toBe(201);
  const before = emu.github.secretMeta(target, 'TRAVELLER');
  emu.advanceTime(90 * DAY + 500);
  const after = emu.github.secretMeta(target, 'TRAVELLER');
  for (const field of ['created_at', 'updated_at'] as const) {
    expect(after?.[field]).toMatch(SECONDS);
    expect(Date.parse(before?.[field] ?? '') - Date.parse(after?.[field] ?? '')).toBe(90 * DAY + 1000);
  }
  const read = await c.send('GET', `${emu.urls.githubApiUrl}${base}/secrets/TRAVELLER`, { headers });
  expect(read.json).toMatchObject({ created_at: after?.created_at, updated_at: after?.updated_at });
});

test('advanceTime(0) changes nothing; a negative or non-finite ms is refused', () => {
  const snapshot = JSON.stringify(emu.graph.applications());
  emu.advanceTime(0);
  expect(JSON.stringify(emu.graph.applications())).toBe(snapshot);
  expect(() => emu.advanceTime(-1)).toThrow(/non-negative/);
  expect(() => emu.advanceTime(Number.NaN)).toThrow(/finite/);
});

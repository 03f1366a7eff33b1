import sodium from 'libsodium-wrappers';
import { READING_VALUES, startEmulator } from '../../emulator/index.ts';
import type { Emulator, SecretTarget } from '../../emulator/index.ts';
import { httpsClient } from './https-client.ts';
import type { Client } from './https-client.ts';

let emu: Emulator;
let c: Client;
let token: string;

beforeAll(async () => {
  await sodium.ready;
  emu = await startEmulator();
  c = httpsClient(emu.caCertPath);
  token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
  emu.github.addEnvironment('contoso/portal-infra', 'prod eu');
});
afterAll(async () => {
  c.close();
  await emu.close();
});

const api = (path: string) => `${emu.urls.githubApiUrl}${path}`;
const auth = (t = token) => ({ Authorization: `Bearer ${t}` });

/** What a client does: fetch the target's public key, seal the value with libsodium, PUT it. */
async function putSecret(base: string, name: string, value: string, extra: Record<string, unknown> = {}, t = token) {
  const key = await c.send('GET', api(`${base}/secrets/public-key`), { headers: auth(t) });
  expect(key.status).toBe(200);
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key.json.key, sodium.base64_variants.ORIGINAL));
  return c.send('PUT', api(`${base}/secrets/${name}`), { headers: auth(t), json: { encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL), key_id: key.json.key_id, ...extra } });
}

test.each<[string, string, SecretTarget]>([
  ['repository', '/repos/contoso/portal-infra/actions', { repository: 'contoso/portal-infra' }],
  ['environment (URL-encoded name)', `/repos/contoso/portal-infra/environments/${encodeURIComponent('prod eu')}`, { repository: 'contoso/portal-infra', environment: 'prod eu' }],
])('%s secret: sealed PUT is 201, again 204, and decrypts to the value', async (_n, base, target) => {
  const first = await putSecret(base, 'intrexx_client_secret', 'first value');
  expect(first.status).toBe(201);
  const second = await putSecret(base, 'INTREXX_CLIENT_SECRET', 'second value');
  expect([second.status, second.text]).toEqual([204, '']);
  expect(emu.github.secretNames(target)).toEqual(['INTREXX_CLIENT_SECRET']);
  expect(await emu.github.decryptSecret(target, 'INTREXX_CLIENT_SECRET')).toBe('second value');
  const meta = await c.send('GET', api(`${base}/secrets/INTREXX_CLIENT_SECRET`), { headers: auth() });
  expect(meta.json).toEqual({ name: 'INTREXX_CLIENT_SECRET', created_at: expect.any(String), updated_at: expect.any(String) });
  const list = await c.send('GET', api(`${base}/secrets`), { headers: auth() });
  expect(list.json.total_count).toBe(1);
  expect((await c.send('DELETE', api(`${base}/secrets/INTREXX_CLIENT_SECRET`), { headers: auth() })).status).toBe(204);
  expect(emu.github.secretNames(target)).toEqual([]);
});

test('the public key is a base64 X25519 key with a numeric-looking key_id', async () => {
  const key = await c.send('GET', api('/repos/contoso/portal-infra/actions/secrets/public-key'), { headers: { Authorization: `token ${token}` } });
  expect(key.json.key_id).toMatch(/^\d{10,}$/);
  expect(Buffer.from(key.json.key, 'base64')).toHaveLength(32);
});

test('organization secrets require a visibility; selected keeps the repository ids', async () => {
  const repo = await c.send('GET', api('/repos/contoso/portal-infra'), { headers: auth() });
  expect(repo.json).toMatchObject({ full_name: 'contoso/portal-infra', owner: { login: 'contoso' } });
  const missing = await putSecret('/orgs/contoso/actions', 'ORG_SECRET', 'v');
  expect([missing.status, missing.json.message]).toEqual([422, 'Invalid request.\n\n"visibility" wasn\'t supplied.']);
  const ok = await putSecret('/orgs/contoso/actions', 'ORG_SECRET', 'v', { visibility: 'selected', selected_repository_ids: [repo.json.id] });
  expect(ok.status).toBe(201);
  expect(emu.github.secretMeta({ organization: 'contoso' }, 'ORG_SECRET')).toMatchObject({ visibility: 'selected', selected_repository_ids: [repo.json.id] });
  expect(await emu.github.decryptSecret({ organization: 'contoso' }, 'ORG_SECRET')).toBe('v');
  const wrongCombo = await putSecret('/orgs/contoso/actions', 'ORG_SECRET', 'v', { visibility: 'private', selected_repository_ids: [1] });
  expect(wrongCombo.status).toBe(422);
});

test.each([
  ['github_token', 403, 'Resource not accessible by integration'],
  ['app', 403, 'Resource not accessible by integration'],
  ['fine-grained', 403, 'Resource not accessible by personal access token'],
  ['pat', 404, 'Not Found'],
] as const)('a %s token without secrets permission: %i %s', async (kind, status, message) => {
  const weak = emu.github.issueToken({ secretsPermission: 'none', kind });
  const res = await c.send('GET', api('/repos/contoso/portal-infra/actions/secrets/public-key'), { headers: auth(weak) });
  expect(res.status).toBe(status);
  expect(res.json).toMatchObject({ message, status: String(status), documentation_url: expect.stringContaining('docs.github.com') });
});

test('a read-only token may read the key but not write', async () => {
  const reader = emu.github.issueToken({ secretsPermission: 'read', kind: 'app' });
  expect((await c.send('GET', api('/repos/contoso/portal-infra/actions/secrets/public-key'), { headers: auth(reader) })).status).toBe(200);
  const res = await putSecret('/repos/contoso/portal-infra/actions', 'X', 'v', {}, reader);
  expect(res.status).toBe(403);
});

test.each([
  ['starts with a digit', '1SECRET'],
  ['has a dash', 'MY-SECRET'],
  ['uses the GITHUB_ prefix', 'github_token_copy'],
])('a name that %s is a 422', async (_n, name) => {
  const res = await putSecret('/repos/contoso/portal-infra/actions', name, 'v');
  expect(res.status).toBe(422);
});

test('an unknown key_id or a value sealed for another key is a 422; missing key_id too', async () => {
  const key = await c.send('GET', api('/repos/contoso/portal-infra/actions/secrets/public-key'), { headers: auth() });
  const sealedForOther = sodium.to_base64(sodium.crypto_box_seal(sodium.from_string('v'), sodium.crypto_box_keypair().publicKey), sodium.base64_variants.ORIGINAL);
  const bad = await c.send('PUT', api('/repos/contoso/portal-infra/actions/secrets/X'), { headers: auth(), json: { encrypted_value: sealedForOther, key_id: key.json.key_id } });
  expect([bad.status, bad.json.message]).toEqual([422, 'Bad request - validation failed due to an improperly encrypted secret']);
  const noKey = await c.send('PUT', api('/repos/contoso/portal-infra/actions/secrets/X'), { headers: auth(), json: { encrypted_value: sealedForOther } });
  expect([noKey.status, noKey.json.message]).toEqual([422, 'Invalid request.\n\n"key_id" wasn\'t supplied.']);
});

test('bad credentials, missing auth and unknown repositories', async () => {
  expect((await c.send('GET', api('/repos/contoso/portal-infra'), { headers: auth('ghp_nope') })).json.message).toBe('Bad credentials');
  expect((await c.send('GET', api('/repos/contoso/portal-infra'))).status).toBe(401);
  const unknown = await c.send('GET', api('/repos/contoso/nope/actions/secrets/public-key'), { headers: auth() });
  expect([unknown.status, unknown.json.message]).toEqual([404, 'Not Found']);
});

// "Get a repository/environment/organization secret" (docs.github.com/rest/actions/secrets): metadata only,
// timestamps at whole seconds like the docs' example "2019-08-10T14:59:22Z"; a read-level token suffices.
const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
test.each<[string, string, string, Record<string, unknown>, Record<string, unknown>]>([
  ['repository', '/repos/contoso/portal-infra/actions', 'get-a-repository-secret', {}, {}],
  ['environment', `/repos/contoso/portal-infra/environments/${encodeURIComponent('prod eu')}`, 'get-an-environment-secret', {}, {}],
  ['organization', '/orgs/contoso/actions', 'get-an-organization-secret', { visibility: 'all' }, { visibility: 'all' }],
  [
    'organization (selected)',
    '/orgs/contoso/actions',
    'get-an-organization-secret',
    { visibility: 'selected', selected_repository_ids: [] },
    { visibility: 'selected', selected_repositories_url: expect.stringMatching(/\/orgs\/contoso\/actions\/secrets\/META_[A-Z_()]+\/repositories$/) },
  ],
])('GET a single %s secret with a read-only token: 200 metadata at second resolution; unknown → 404', async (label, base, anchor, extra, more) => {
  const name = `META_${label.toUpperCase().replace(/[^A-Z]+/g, '_')}`;
  expect((await putSecret(base, name, 'v', extra)).status).toBe(201);
  const reader = emu.github.issueToken({ secretsPermission: 'read', kind: 'app' });
  const res = await c.send('GET', api(`${base}/secrets/${name.toLowerCase()}`), { headers: auth(reader) });
  expect(res.status).toBe(200);
  expect(res.json).toEqual({ name, created_at: expect.stringMatching(SECONDS), updated_at: expect.stringMatching(SECONDS), ...more });
  expect(Math.abs(Date.parse(res.json.updated_at) - Date.now())).toBeLessThan(5000);
  const missing = await c.send('GET', api(`${base}/secrets/NO_SUCH_SECRET`), { headers: auth(reader) });
  expect(missing.status).toBe(404);
  expect(missing.json).toEqual({ message: 'Not Found', documentation_url: `https://docs.github.com/rest/actions/secrets#${anchor}`, status: '404' });
  const none = emu.github.issueToken({ secretsPermission: 'none', kind: 'app' });
  expect((await c.send('GET', api(`${base}/secrets/${name}`), { headers: auth(none) })).status).toBe(403);
});

test('an update keeps created_at and moves updated_at, both without milliseconds', async () => {
  const target = { repository: 'contoso/portal-infra' };
  await putSecret('/repos/contoso/portal-infra/actions', 'STAMPED', 'one');
  const first = emu.github.secretMeta(target, 'STAMPED');
  await new Promise((r) => setTimeout(r, 1100));
  await putSecret('/repos/contoso/portal-infra/actions', 'STAMPED', 'two');
  const second = emu.github.secretMeta(target, 'STAMPED');
  expect(second?.created_at).toBe(first?.created_at);
  expect(second?.updated_at).toMatch(SECONDS);
  expect(Date.parse(second?.updated_at ?? '')).toBeGreaterThan(Date.parse(first?.updated_at ?? ''));
});

test('a request without a User-Agent is refused with 403, as GitHub does', async () => {
  const res = await c.send('GET', api('/repos/contoso/portal-infra/actions/secrets/public-key'), { headers: { ...auth(), 'User-Agent': '' } });
  expect(res.status).toBe(403);
  expect(res.json.message).toMatch(/User-Agent/);
});

describe('selected repositories of an organization secret (docs.github.com/rest/actions/secrets)', () => {
  const base = '/orgs/contoso/actions';
  const repos = `${base}/secrets/PICKED/repositories`;

  test('list, add and remove; 404 for a secret that does not exist; writes need the write permission', async () => {
    const own = emu.github.addRepository('contoso/picked-own');
    const added = emu.github.addRepository('contoso/picked-added');
    expect((await putSecret(base, 'PICKED', 'v', { visibility: 'selected', selected_repository_ids: [own.id] })).status).toBe(201);
    const listed = await c.send('GET', api(repos), { headers: auth() });
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({ total_count: 1, repositories: [{ id: own.id, full_name: 'contoso/picked-own' }] });

    const reader = emu.github.issueToken({ secretsPermission: 'read', kind: 'fine-grained' });
    expect((await c.send('GET', api(repos), { headers: auth(reader) })).status).toBe(200);
    expect((await c.send('PUT', api(`${repos}/${added.id}`), { headers: auth(reader) })).status).toBe(403);
    expect((await c.send('PUT', api(`${repos}/${added.id}`), { headers: auth() })).status).toBe(204);
    expect(emu.github.secretMeta({ organization: 'contoso' }, 'PICKED')?.selected_repository_ids).toEqual([own.id, added.id]);
    const paged = await c.send('GET', api(`${repos}?per_page=1&page=2`), { headers: auth() });
    expect(paged.json).toMatchObject({ total_count: 2, repositories: [{ id: added.id }] });
    expect((await c.send('DELETE', api(`${repos}/${own.id}`), { headers: auth() })).status).toBe(204);
    expect(emu.github.secretMeta({ organization: 'contoso' }, 'PICKED')?.selected_repository_ids).toEqual([added.id]);

    expect((await c.send('GET', api(`${base}/secrets/NO_SUCH_SECRET/repositories`), { headers: auth() })).status).toBe(404);
    expect((await c.send('PUT', api(`${repos}/999`), { headers: auth() })).status).toBe(404);
  });

  test.each(READING_VALUES.selectedReposOfUnselected.map((r) => [r]))('a secret whose visibility is not selected: adding is a 409; the list answers %s', async (reading) => {
    const own = await startEmulator({ readings: { selectedReposOfUnselected: reading } });
    try {
      const writer = own.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
      const repo = own.github.addRepository('contoso/picked-private');
      const ca = httpsClient(own.caCertPath);
      try {
        const key = await ca.send('GET', `${own.urls.githubApiUrl}${base}/secrets/public-key`, { headers: auth(writer) });
        const sealed = sodium.crypto_box_seal(sodium.from_string('v'), sodium.from_base64(key.json.key, sodium.base64_variants.ORIGINAL));
        const body = { encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL), key_id: key.json.key_id, visibility: 'private' };
        expect((await ca.send('PUT', `${own.urls.githubApiUrl}${base}/secrets/PRIVATE_ONE`, { headers: auth(writer), json: body })).status).toBe(201);
        const add = await ca.send('PUT', `${own.urls.githubApiUrl}${base}/secrets/PRIVATE_ONE/repositories/${repo.id}`, { headers: auth(writer) });
        expect(add.status).toBe(409);
        const list = await ca.send('GET', `${own.urls.githubApiUrl}${base}/secrets/PRIVATE_ONE/repositories`, { headers: auth(writer) });
        if (reading === '409') expect(list.status).toBe(409);
        else expect([list.status, list.json]).toEqual([200, { total_count: 0, repositories: [] }]);
      } finally {
        ca.close();
      }
    } finally {
      await own.close();
    }
  });
});

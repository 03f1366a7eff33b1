import { startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { bearer, deployerToken, graphUrl, httpsClient } from './https-client.ts';
import type { Client } from './https-client.ts';

// Two Graph rules the action meets when it keeps state on the application: the two-secret cap for
// apps open to personal Microsoft accounts, and application.tags.

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

const get = (path: string) => c.send('GET', graphUrl(emu, path), { headers: bearer(token) });
const send = (method: string, path: string, json?: unknown) => c.send(method, graphUrl(emu, path), { headers: bearer(token), ...(json === undefined ? {} : { json }) });
const mine = (props: Record<string, unknown>) => emu.graph.createApplication(props, { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true });
const addPassword = (id: string) => send('POST', `/applications/${id}/addPassword`, { passwordCredential: { displayName: 'rotation' } });

describe('two client secrets at most when personal Microsoft accounts may sign in', () => {
  test.each(['AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'])('%s: the third addPassword is a 400 and stores nothing', async (signInAudience) => {
    const app = mine({ displayName: `capped ${signInAudience}`, signInAudience });
    expect((await addPassword(app.id)).status).toBe(200);
    expect((await addPassword(app.id)).status).toBe(200);
    const third = await addPassword(app.id);
    expect(third.status).toBe(400);
    expect(third.json.error).toMatchObject({ code: 'Request_BadRequest', message: 'Not allowed to add 3 passwords. You can only add a maximum of 2 passwords.' });
    expect(emu.graph.application(app.id)?.passwordCredentials).toHaveLength(2);
    // Removing one makes room again.
    const [first] = emu.graph.application(app.id)?.passwordCredentials ?? [];
    expect((await send('POST', `/applications/${app.id}/removePassword`, { keyId: first?.keyId })).status).toBe(204);
    expect((await addPassword(app.id)).status).toBe(200);
  });

  test('expired secrets count; the cap also applies inside $batch', async () => {
    const app = mine({ displayName: 'capped with expired', signInAudience: 'AzureADandPersonalMicrosoftAccount' });
    emu.graph.addPassword(app.id, { startDateTime: '2020-01-01T00:00:00Z', endDateTime: '2021-01-01T00:00:00Z' });
    emu.graph.addPassword(app.id, { startDateTime: '2020-01-01T00:00:00Z', endDateTime: '2021-01-01T00:00:00Z' });
    const res = await send('POST', '/$batch', {
      requests: [{ id: '1', method: 'POST', url: `/applications/${app.id}/addPassword`, headers: { 'Content-Type': 'application/json' }, body: {} }],
    });
    expect(res.json.responses[0]).toMatchObject({ status: 400, body: { error: { code: 'Request_BadRequest' } } });
  });

  test('the seeding helper bypasses the cap; Graph then refuses with the next count', async () => {
    const app = mine({ displayName: 'seeded past the cap', signInAudience: 'PersonalMicrosoftAccount' });
    for (let i = 0; i < 3; i++) emu.graph.addPassword(app.id, { displayName: `seed ${i}` });
    expect(emu.graph.application(app.id)?.passwordCredentials).toHaveLength(3);
    const res = await addPassword(app.id);
    expect([res.status, res.json.error.message]).toEqual([400, 'Not allowed to add 4 passwords. You can only add a maximum of 2 passwords.']);
  });

  test.each(['AzureADMyOrg', 'AzureADMultipleOrgs'])('%s: no such cap', async (signInAudience) => {
    const app = mine({ displayName: `uncapped ${signInAudience}`, signInAudience });
    for (let i = 0; i < 4; i++) expect((await addPassword(app.id)).status).toBe(200);
    expect(emu.graph.application(app.id)?.passwordCredentials).toHaveLength(4);
  });
});

describe('application tags', () => {
  test('PATCH replaces the whole collection; GET, list and $batch return it under $select=tags', async () => {
    const app = mine({ displayName: 'tagged' });
    expect(emu.graph.application(app.id)?.tags).toEqual([]);
    expect((await send('PATCH', `/applications/${app.id}`, { tags: ['a:1', 'b:2', 'x'.repeat(256)] })).status).toBe(204);
    expect((await send('PATCH', `/applications/${app.id}`, { tags: ['b:2', 'c:3'] })).status).toBe(204);
    const one = await get(`/applications/${app.id}?$select=tags`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ '@odata.context': `${emu.urls.graphEndpoint}/v1.0/$metadata#applications(tags)/$entity`, tags: ['b:2', 'c:3'] });
    const list = await get(`/applications?$filter=${encodeURIComponent(`appId eq '${app.appId}'`)}&$select=id,tags`);
    expect(list.json.value).toEqual([{ id: app.id, tags: ['b:2', 'c:3'] }]);
    const batch = await send('POST', '/$batch', {
      requests: [
        { id: 'w', method: 'PATCH', url: `/applications/${app.id}`, headers: { 'Content-Type': 'application/json' }, body: { tags: ['d:4'] } },
        { id: 'r', method: 'GET', url: `/applications(appId='${app.appId}')?$select=id,tags`, dependsOn: ['w'] },
      ],
    });
    const by = Object.fromEntries(batch.json.responses.map((r: { id: string }) => [r.id, r]));
    expect(by.w.status).toBe(204);
    expect(by.r).toMatchObject({ status: 200, body: { id: app.id, tags: ['d:4'] } });
    expect(emu.graph.application(app.id)?.tags).toEqual(['d:4']);
    const dumped = (emu.state() as { applications: { application: { id: string; tags: string[] } }[] }).applications.find((a) => a.application.id === app.id);
    expect(dumped?.application.tags).toEqual(['d:4']);
    expect((await send('PATCH', `/applications/${app.id}`, { tags: [] })).status).toBe(204);
    expect(emu.graph.application(app.id)?.tags).toEqual([]);
  });

  test.each<[string, unknown]>([
    ['a number', [1]],
    ['an object', [{ tag: 'x' }]],
    ['null in the collection', ['ok', null]],
    ['an empty string', ['']],
    ['257 characters', ['x'.repeat(257)]],
    ['white space inside', ['a b']],
    ['a duplicate', ['a', 'a']],
    ['null instead of a collection', null],
    ['a string instead of a collection', 'a:1'],
  ])('a tag that is %s is a 400 and changes nothing', async (_label, tags) => {
    const app = mine({ displayName: 'tag validation', tags: ['keep'] });
    const res = await send('PATCH', `/applications/${app.id}`, { tags });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'Request_BadRequest', message: "Invalid value specified for property 'tags' of resource 'Application'." });
    expect(emu.graph.application(app.id)?.tags).toEqual(['keep']);
  });

  test('seeding validates tags too', () => {
    expect(() => emu.graph.createApplication({ displayName: 'bad seed', tags: [''] })).toThrow(/invalid seed/);
  });
});

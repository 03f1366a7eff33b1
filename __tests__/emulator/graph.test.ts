import { startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { bearer, callerToken, deployerToken, graphUrl, httpsClient, sleep } from './https-client.ts';
import type { Client } from './https-client.ts';

let emu: Emulator;
let c: Client;
let token: string; // the deployer: Application.ReadWrite.OwnedBy

beforeAll(async () => {
  emu = await startEmulator();
  c = httpsClient(emu.caCertPath);
  token = await deployerToken(emu, c);
});
afterAll(async () => {
  c.close();
  await emu.close();
});
afterEach(() => emu.setReplicationDelay(0));

const get = (path: string, t = token) => c.send('GET', graphUrl(emu, path), { headers: bearer(t) });
const send = (method: string, path: string, json?: unknown, headers: Record<string, string> = {}, t = token) =>
  c.send(method, graphUrl(emu, path), { headers: { ...bearer(t), ...headers }, ...(json === undefined ? {} : { json }) });
const upsert = (uniqueName: string, json: unknown) => send('PATCH', `/applications(uniqueName='${encodeURIComponent(uniqueName)}')`, json, { Prefer: 'create-if-missing' });
const mine = (displayName: string) => emu.graph.createApplication({ displayName }, { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true });

describe('authentication and error shape', () => {
  test('no token is 401 InvalidAuthenticationToken in Graph error shape, echoing client-request-id', async () => {
    const res = await c.send('GET', graphUrl(emu, '/applications'), { headers: { 'client-request-id': 'abc-123' } });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('InvalidAuthenticationToken');
    expect(res.headers['client-request-id']).toBe('abc-123');
    expect(res.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json.error.innerError).toEqual({ date: expect.any(String), 'request-id': res.headers['request-id'], 'client-request-id': 'abc-123' });
  });

  test('a caller without Graph app roles gets 403 on everything', async () => {
    const nobody = await callerToken(emu, c, []);
    const res = await get('/applications', nobody.token);
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
  });
});

describe('listing and reading applications', () => {
  test("$filter on displayName with '' escaping, $select and @odata.context", async () => {
    const name = "O'Brien's portal";
    mine(name);
    mine('another portal');
    const filter = encodeURIComponent(`displayName eq '${name.replace(/'/g, "''")}'`);
    const res = await get(`/applications?$filter=${filter}&$select=id,displayName,uniqueName`);
    expect(res.status).toBe(200);
    expect(res.json.value).toEqual([{ id: expect.any(String), displayName: name, uniqueName: null }]);
    expect(res.json['@odata.context']).toBe(`${emu.urls.graphEndpoint}/v1.0/$metadata#applications(id,displayName,uniqueName)`);
    const sw = await get(`/applications?$filter=${encodeURIComponent("startswith(displayName,'O''Brien')")}`);
    expect(sw.json.value.map((a: { displayName: string }) => a.displayName)).toEqual([name]);
    const unknown = await get('/applications?$select=nope');
    expect(unknown.status).toBe(400);
  });

  test('$top pages and @odata.nextLink walks the rest', async () => {
    for (let i = 0; i < 5; i++) mine(`paged ${i}`);
    const seen: string[] = [];
    let url: string | undefined = graphUrl(emu, `/applications?$filter=${encodeURIComponent("startswith(displayName,'paged ')")}&$top=2`);
    while (url) {
      const res = await c.send('GET', url, { headers: bearer(token) });
      expect(res.status).toBe(200);
      expect(res.json.value.length).toBeLessThanOrEqual(2);
      seen.push(...res.json.value.map((a: { displayName: string }) => a.displayName));
      url = res.json['@odata.nextLink'];
    }
    expect(seen).toEqual(['paged 0', 'paged 1', 'paged 2', 'paged 3', 'paged 4']);
    expect((await get('/applications?$top=1000')).status).toBe(400);
  });

  test('GET by id, appId and uniqueName; 404 with the real message', async () => {
    const created = (await upsert('read-keys', { displayName: 'read keys' })).json;
    for (const path of [`/applications/${created.id}`, `/applications(appId='${created.appId}')`, `/applications(uniqueName='read-keys')`]) {
      const res = await get(`${path}?$select=id,appId`);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ id: created.id, appId: created.appId });
    }
    const missing = await get('/applications/00000000-0000-0000-0000-000000000001');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({
      code: 'Request_ResourceNotFound',
      message: "Resource '00000000-0000-0000-0000-000000000001' does not exist or one of its queried reference-property objects are not present.",
    });
  });
});

describe('upsert by uniqueName', () => {
  test('creates (201 + body, caller owns it), then updates (204); without Prefer a missing app is 404', async () => {
    const first = await upsert('intrexx-upsert', { displayName: 'Intrexx', web: { redirectUris: ['https://portal.example.com/service/oauth2/authorize'] } });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ uniqueName: 'intrexx-upsert', displayName: 'Intrexx', signInAudience: 'AzureADMyOrg', passwordCredentials: [] });
    expect(emu.graph.owners(first.json.id)).toEqual([emu.deployer.servicePrincipalId]);
    const second = await upsert('intrexx-upsert', { displayName: 'Intrexx renamed' });
    expect(second.status).toBe(204);
    expect(second.text).toBe('');
    expect(emu.graph.application('intrexx-upsert')?.displayName).toBe('Intrexx renamed');
    const noPrefer = await send('PATCH', "/applications(uniqueName='never-made')", { displayName: 'x' });
    expect(noPrefer.status).toBe(404);
  });

  test('ten concurrent upserts of one uniqueName end in one application', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => upsert('concurrent-one', { displayName: `concurrent ${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 204, 204, 204, 204, 204, 204, 204, 204, 204]);
    expect(emu.graph.applications().filter((a) => a.uniqueName === 'concurrent-one')).toHaveLength(1);
  });

  test('uniqueName is immutable once set but may be set while null', async () => {
    const made = mine('late unique name');
    expect((await send('PATCH', `/applications/${made.id}`, { uniqueName: 'late-name' })).status).toBe(204);
    const change = await send('PATCH', `/applications/${made.id}`, { uniqueName: 'other-name' });
    expect(change.status).toBe(400);
  });
});

describe('validation of application writes', () => {
  let id: string;
  beforeAll(() => {
    id = mine('validation target').id;
  });

  test.each([
    ['unknown property', { foo: 1 }, "Property 'foo' does not exist on type 'microsoft.graph.application'."],
    ['unknown nested property', { web: { redirectUris: [], colour: 'red' } }, "Property 'colour' does not exist on type 'microsoft.graph.webApplication'."],
    ['passwordCredentials', { passwordCredentials: [{ displayName: 'x' }] }, 'New password credentials must be generated using service actions.'],
    ['read-only appId', { appId: '11111111-1111-1111-1111-111111111111' }, "Property 'appId' is read-only and cannot be set."],
    ['wrong type', { isFallbackPublicClient: 'yes' }, "Invalid value specified for property 'isFallbackPublicClient' of resource 'Application'."],
    ['http redirect URI', { web: { redirectUris: ['http://portal.example.com/cb'] } }, "Invalid value specified for property 'web' of resource 'Application'."],
    ['redirect URI over 256 chars', { web: { redirectUris: ['https://portal.example.com/' + 'a'.repeat(260)] } }, "Invalid value specified for property 'web' of resource 'Application'."],
    ['257 redirect URIs', { web: { redirectUris: Array.from({ length: 257 }, (_, i) => `https://p.example.com/${i}`) } }, "Invalid value specified for property 'web' of resource 'Application'."],
  ])('PATCH with %s → 400', async (_label, body, message) => {
    const res = await send('PATCH', `/applications/${id}`, body);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'Request_BadRequest', message });
  });

  test('http redirect URIs are fine for localhost; PATCH of web replaces the whole web object', async () => {
    expect((await send('PATCH', `/applications/${id}`, { web: { homePageUrl: 'https://portal.example.com', implicitGrantSettings: { enableIdTokenIssuance: true }, redirectUris: ['http://localhost:8080/cb'] } })).status).toBe(204);
    expect((await send('PATCH', `/applications/${id}`, { web: { redirectUris: ['https://portal.example.com/cb'] } })).status).toBe(204);
    expect(emu.graph.application(id)?.web).toEqual({
      homePageUrl: null,
      logoutUrl: null,
      redirectUris: ['https://portal.example.com/cb'],
      redirectUriSettings: [],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    });
  });
});

describe('passwords and ownership', () => {
  test('addPassword returns the secret once; reads never show it; removePassword deletes it', async () => {
    const app = mine('password app');
    const added = await send('POST', `/applications(appId='${app.appId}')/addPassword`, { passwordCredential: { displayName: 'rotation 1' } });
    expect(added.status).toBe(200);
    expect(Object.keys(added.json).filter((k) => !k.startsWith('@')).sort()).toEqual(['customKeyIdentifier', 'displayName', 'endDateTime', 'hint', 'keyId', 'secretText', 'startDateTime']);
    expect(added.json.hint).toBe(added.json.secretText.slice(0, 3));
    const years = (Date.parse(added.json.endDateTime) - Date.parse(added.json.startDateTime)) / (365.25 * 24 * 3600_000);
    expect(years).toBeCloseTo(2, 1);
    const read = await get(`/applications/${app.id}?$select=passwordCredentials`);
    expect(read.json.passwordCredentials).toEqual([expect.objectContaining({ keyId: added.json.keyId, secretText: null, hint: added.json.hint })]);
    expect((await send('POST', `/applications/${app.id}/removePassword`, { keyId: added.json.keyId })).status).toBe(204);
    expect(emu.graph.application(app.id)?.passwordCredentials).toEqual([]);
    expect((await send('POST', `/applications/${app.id}/removePassword`, { keyId: added.json.keyId })).status).toBe(400);
  });

  test('OwnedBy may read a foreign application but not write it', async () => {
    const user = '9a9a9a9a-0000-4000-8000-000000000001';
    const foreign = emu.graph.createApplication({ displayName: 'foreign' }, { ownerIds: [user], withServicePrincipal: true });
    expect((await get(`/applications/${foreign.id}`)).status).toBe(200);
    for (const [method, path, body] of [
      ['PATCH', `/applications/${foreign.id}`, { displayName: 'mine now' }],
      ['POST', `/applications/${foreign.id}/addPassword`, {}],
      ['DELETE', `/applications/${foreign.id}`, undefined],
    ] as const) {
      const res = await send(method, path, body);
      expect([method, res.status, res.json?.error?.code]).toEqual([method, 403, 'Authorization_RequestDenied']);
    }
    const owners = await get(`/applications/${foreign.id}/owners`);
    expect(owners.json.value).toEqual([{ '@odata.type': '#microsoft.graph.user', id: user }]);
  });

  test('an application with several owners: users answer only @odata.type and id to OwnedBy, service principals in full', async () => {
    const user = '9a9a9a9a-0000-4000-8000-000000000002';
    const other = emu.graph.createApplication({ displayName: 'Someone else' }, { withServicePrincipal: true });
    const otherSp = emu.graph.servicePrincipals().find((sp) => sp.appId === other.appId)!;
    const squatted = emu.graph.createApplication({ displayName: 'squatted', uniqueName: 'squatted-owners' }, { ownerIds: [user, String(otherSp.id), emu.deployer.servicePrincipalId] });
    expect(emu.graph.owners(squatted.id)).toEqual([user, otherSp.id, emu.deployer.servicePrincipalId]);
    const owners = await get(`/applications/${squatted.id}/owners?$select=id,displayName`);
    expect(owners.status).toBe(200);
    expect(owners.json.value).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: user },
      { '@odata.type': '#microsoft.graph.servicePrincipal', id: otherSp.id, displayName: 'Someone else' },
      { '@odata.type': '#microsoft.graph.servicePrincipal', id: emu.deployer.servicePrincipalId, displayName: 'github-portal-deployer' },
    ]);
  });

  test("ownedObjects lists the deployer's applications", async () => {
    const app = mine('owned object');
    const res = await get(`/servicePrincipals/${emu.deployer.servicePrincipalId}/ownedObjects`);
    expect(res.json.value.map((o: { id: string }) => o.id)).toContain(app.id);
  });
});

describe('service principals', () => {
  test('create, read by appId and $filter; a second one is 409', async () => {
    const app = (await upsert('sp-app', { displayName: 'sp app' })).json;
    const sp = await send('POST', '/servicePrincipals', { appId: app.appId });
    expect(sp.status).toBe(201);
    expect(sp.json).toMatchObject({ appId: app.appId, displayName: 'sp app', servicePrincipalType: 'Application' });
    expect((await get(`/servicePrincipals(appId='${app.appId}')`)).json.id).toBe(sp.json.id);
    expect((await get(`/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${app.appId}'`)}`)).json.value).toHaveLength(1);
    const again = await send('POST', '/servicePrincipals', { appId: app.appId });
    expect([again.status, again.json.error.code]).toEqual([409, 'Request_MultipleObjectsWithSameKeyValue']);
  });

  test('Microsoft Graph service principal carries the real permission ids', async () => {
    const res = await get("/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')?$select=appRoles,oauth2PermissionScopes");
    const role = (v: string) => res.json.appRoles.find((r: { value: string }) => r.value === v)?.id;
    const scope = (v: string) => res.json.oauth2PermissionScopes.find((r: { value: string }) => r.value === v)?.id;
    expect(role('Application.ReadWrite.OwnedBy')).toBe('18a4783c-866b-4cc7-a460-3d5e5662c884');
    expect(scope('User.Read')).toBe('e1fe6dd8-ba31-4d61-89e7-88639da4683d');
    expect(scope('offline_access')).toBe('7427e0e9-2fba-42fe-b0c0-848c9e6a8182');
  });
});

describe('eventual consistency', () => {
  test('a new app is 404 and missing from lists until replicated; SP creation is 403 inside the window', async () => {
    emu.setReplicationDelay(300);
    const created = await upsert('replicating', { displayName: 'replicating app' });
    expect(created.status).toBe(201);
    expect((await get(`/applications/${created.json.id}`)).status).toBe(404);
    expect((await send('POST', `/applications/${created.json.id}/addPassword`, {})).status).toBe(404);
    expect((await get(`/applications?$filter=${encodeURIComponent("displayName eq 'replicating app'")}`)).json.value).toEqual([]);
    const sp = await send('POST', '/servicePrincipals', { appId: created.json.appId });
    expect(sp.status).toBe(403);
    expect(sp.json.error.message).toMatch(/backing application of the service principal being created must in the local tenant/);
    // The upsert key sees the object at once: no twin.
    expect((await upsert('replicating', { displayName: 'replicating app' })).status).toBe(204);
    await sleep(350);
    expect((await get(`/applications/${created.json.id}`)).status).toBe(200);
    expect((await send('POST', '/servicePrincipals', { appId: created.json.appId })).status).toBe(201);
    expect(emu.graph.applications().filter((a) => a.uniqueName === 'replicating')).toHaveLength(1);
  });
});

describe('$batch and consent', () => {
  test('runs members with dependsOn, answers 424 after a failed dependency', async () => {
    const app = mine('batched');
    const res = await send('POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `/applications(appId='${app.appId}')?$select=id,displayName` },
        { id: '2', method: 'PATCH', url: `/applications/${app.id}`, headers: { 'Content-Type': 'application/json' }, body: { notes: 'batched' }, dependsOn: ['1'] },
        { id: '3', method: 'GET', url: '/applications/00000000-0000-0000-0000-000000000009' },
        { id: '4', method: 'GET', url: '/applications?$top=1', dependsOn: ['3'] },
      ],
    });
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.json.responses.map((r: { id: string }) => [r.id, r]));
    expect(by['1']).toMatchObject({ status: 200, body: { id: app.id, displayName: 'batched' } });
    expect(by['2'].status).toBe(204);
    expect(by['3'].status).toBe(404);
    expect(by['4'].status).toBe(424);
    expect(emu.graph.application(app.id)?.notes).toBe('batched');
    const tooMany = await send('POST', '/$batch', { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/applications' })) });
    expect(tooMany.status).toBe(400);
  });

  test('admin consent needs its own roles', async () => {
    const app = mine('consented');
    const sp = emu.graph.servicePrincipals().find((s) => s.appId === app.appId) as { id: string };
    const graphSp = emu.graph.msGraphServicePrincipalId;
    const assignment = { principalId: sp.id, resourceId: graphSp, appRoleId: 'df021288-bdef-4463-88db-98f22de89214' };
    expect((await send('POST', `/servicePrincipals/${graphSp}/appRoleAssignedTo`, assignment)).status).toBe(403);
    const admin = await callerToken(emu, c, ['AppRoleAssignment.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Application.Read.All']);
    const ok = await send('POST', `/servicePrincipals/${graphSp}/appRoleAssignedTo`, assignment, {}, admin.token);
    expect(ok.status).toBe(201);
    expect((await send('POST', `/servicePrincipals/${graphSp}/appRoleAssignedTo`, assignment, {}, admin.token)).status).toBe(400);
    const grant = { clientId: sp.id, consentType: 'AllPrincipals', resourceId: graphSp, scope: 'User.Read offline_access' };
    expect((await send('POST', '/oauth2PermissionGrants', grant)).status).toBe(403);
    expect((await send('POST', '/oauth2PermissionGrants', grant, {}, admin.token)).status).toBe(201);
    const list = await get(`/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${sp.id}'`)}`, admin.token);
    expect(list.json.value).toEqual([expect.objectContaining({ scope: 'User.Read offline_access', consentType: 'AllPrincipals' })]);
  });
});

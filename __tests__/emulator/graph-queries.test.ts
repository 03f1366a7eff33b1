import { startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { bearer, deployerToken, graphUrl, httpsClient } from './https-client.ts';
import type { Client } from './https-client.ts';

// Query options on directory objects: $expand=owners, the advanced query parameters
// (learn.microsoft.com/graph/aad-advanced-queries), in/any() filters, refusals of what the emulator
// does not model (flagged `unmodelled` in the request log) and empty $batch.

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
beforeEach(() => emu.resetRequests());

const EVENTUAL = { ConsistencyLevel: 'eventual' };
const get = (path: string, headers: Record<string, string> = {}) => c.send('GET', graphUrl(emu, path), { headers: { ...bearer(token), ...headers } });
const q = (s: string) => encodeURIComponent(s);
const mine = (props: Record<string, unknown>) => emu.graph.createApplication(props, { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true });

describe('$expand=owners', () => {
  test('on one application: owners as directoryObjects with @odata.type and id', async () => {
    const app = mine({ displayName: 'expand one' });
    const res = await get(`/applications/${app.id}?$select=id,displayName&$expand=owners`);
    expect(res.status).toBe(200);
    expect(res.json.owners).toEqual([expect.objectContaining({ '@odata.type': '#microsoft.graph.servicePrincipal', id: emu.deployer.servicePrincipalId })]);
    expect(res.json.displayName).toBe('expand one');
    expect(emu.unmodelled()).toEqual([]);
  });

  test('on a list and on service principals, with a nested $select', async () => {
    const app = mine({ displayName: 'expand list' });
    const list = await get(`/applications?$filter=${q(`appId eq '${app.appId}'`)}&$expand=${q('owners($select=id)')}`);
    expect(list.status).toBe(200);
    expect(list.json.value[0].owners).toEqual([{ '@odata.type': '#microsoft.graph.servicePrincipal', id: emu.deployer.servicePrincipalId }]);
    const foreign = emu.graph.createApplication({ displayName: 'expand foreign' }, { withServicePrincipal: true });
    const sps = await get(`/servicePrincipals?$filter=${q(`appId eq '${foreign.appId}'`)}&$expand=owners`);
    expect(sps.json.value[0].owners).toEqual([]);
  });

  test('another navigation property is refused as not modelled, never ignored', async () => {
    const app = mine({ displayName: 'expand other' });
    const res = await get(`/applications/${app.id}?$expand=extensionProperties`);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BadRequest');
    expect(emu.unmodelled()).toHaveLength(1);
  });
});

describe('advanced queries need ConsistencyLevel: eventual and $count=true', () => {
  const ADVANCED_ONLY = "Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information";
  test.each([
    ['ne', "displayName ne 'x'"],
    ['not', "not(displayName eq 'x')"],
    ['endsWith', "endsWith(displayName,'x')"],
  ])('%s without them: 400 Request_UnsupportedQuery', async (op, filter) => {
    const res = await get(`/applications?$filter=${q(filter)}`);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: `Operator '${op}' is not supported because the required parameters might be missing. ${ADVANCED_ONLY}` });
    // Only the header, or only $count=true, is not enough.
    expect((await get(`/applications?$filter=${q(filter)}`, EVENTUAL)).status).toBe(400);
    expect((await get(`/applications?$filter=${q(filter)}&$count=true`)).status).toBe(400);
  });

  test('ne and not with them; @odata.count counts all matches', async () => {
    mine({ displayName: 'adv alpha' });
    mine({ displayName: 'adv beta' });
    const res = await get(`/applications?$filter=${q("startsWith(displayName,'adv ') and displayName ne 'adv alpha'")}&$count=true`, EVENTUAL);
    expect(res.status).toBe(200);
    expect(res.json['@odata.count']).toBe(1);
    expect(res.json.value.map((a: { displayName: string }) => a.displayName)).toEqual(['adv beta']);
    const not = await get(`/applications?$filter=${q("startsWith(displayName,'adv ') and not(displayName eq 'adv beta')")}&$count=true`, EVENTUAL);
    expect(not.json.value.map((a: { displayName: string }) => a.displayName)).toEqual(['adv alpha']);
  });

  test('endsWith on an application property stays unsupported even with them', async () => {
    const res = await get(`/applications?$filter=${q("endsWith(displayName,'x')")}&$count=true`, EVENTUAL);
    expect(res.json.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: "Unsupported or invalid query filter clause specified for property 'displayName' of resource 'application'." });
  });

  test('$count=true without the header is silently ignored, as Graph does', async () => {
    const res = await get('/applications?$count=true');
    expect(res.status).toBe(200);
    expect(res.json['@odata.count']).toBeUndefined();
  });

  test('$orderby: "Sorting not supported for current query." without them; sorted with them', async () => {
    mine({ displayName: 'sort b' });
    mine({ displayName: 'sort a' });
    const bad = await get('/applications?$orderby=displayName');
    expect(bad.json.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: 'Sorting not supported for current query.' });
    const res = await get(`/applications?$filter=${q("startsWith(displayName,'sort ')")}&$orderby=${q('displayName desc')}&$count=true`, EVENTUAL);
    expect(res.json.value.map((a: { displayName: string }) => a.displayName)).toEqual(['sort b', 'sort a']);
    const unsortable = await get('/applications?$orderby=appId&$count=true', EVENTUAL);
    expect(unsortable.json.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: "Unsupported sort property 'appId' for 'Application'." });
  });

  test('$search: the documented 400 without the header; refused as not modelled with it', async () => {
    const res = await get(`/applications?$search=${q('"displayName:x"')}`);
    expect(res.json.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'" });
    expect(emu.unmodelled()).toEqual([]);
    expect((await get(`/applications?$search=${q('"displayName:x"')}`, EVENTUAL)).status).toBe(400);
    expect(emu.unmodelled()).toHaveLength(1);
  });

  test('/applications/$count: "$count is not currently supported." without the header, the number with it', async () => {
    mine({ displayName: 'count me' });
    const bad = await get('/applications/$count');
    expect(bad.json.error).toMatchObject({ code: 'Request_BadRequest', message: '$count is not currently supported.' });
    const res = await get(`/applications/$count?$filter=${q("displayName eq 'count me'")}`, EVENTUAL);
    expect(res.status).toBe(200);
    expect(res.text).toBe('1');
  });
});

describe('in and any() filters', () => {
  test("appId in ('a','b')", async () => {
    const a = mine({ displayName: 'in a' });
    const b = mine({ displayName: 'in b' });
    mine({ displayName: 'in c' });
    const res = await get(`/applications?$filter=${q(`appId in ('${a.appId}','${b.appId.toUpperCase()}')`)}&$select=displayName`);
    expect(res.status).toBe(200);
    expect(res.json.value.map((x: { displayName: string }) => x.displayName).sort()).toEqual(['in a', 'in b']);
  });

  test("identifierUris/any(x:x eq 'api://…')", async () => {
    const app = mine({ displayName: 'with uri', identifierUris: ['api://emulated-any'] });
    const res = await get(`/applications?$filter=${q("identifierUris/any(x:x eq 'api://emulated-any')")}`);
    expect(res.json.value.map((x: { id: string }) => x.id)).toEqual([app.id]);
    // A collection is not compared with eq directly.
    expect((await get(`/applications?$filter=${q("identifierUris eq 'api://emulated-any'")}`)).json.error.code).toBe('Request_UnsupportedQuery');
  });

  test("servicePrincipalNames/any(c:c eq '…'), as `az ad sp show --id` sends it", async () => {
    const app = mine({ displayName: 'spn any' });
    const res = await get(`/servicePrincipals?$filter=${q(`servicePrincipalNames/any(c:c eq '${app.appId}')`)}`);
    expect(res.status).toBe(200);
    expect(res.json.value.map((x: { appId: string }) => x.appId)).toEqual([app.appId]);
  });

  test('or binds looser than and', async () => {
    mine({ displayName: 'prec one' });
    const res = await get(`/applications?$filter=${q("displayName eq 'nothing' and displayName eq 'x' or displayName eq 'prec one'")}`);
    expect(res.json.value).toHaveLength(1);
  });
});

describe('query options Graph does not have, or the emulator does not model', () => {
  test("$skip: Graph's 400", async () => {
    const res = await get('/applications?$skip=1');
    expect(res.json.error).toMatchObject({ code: 'Request_BadRequest', message: "'$skip' is not supported by the service." });
  });

  test.each(['$foo=1', 'foo=1', '$format=json'])('%s is refused and logged as unmodelled', async (option) => {
    const res = await get(`/applications?${option}`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('not modelled');
    expect(emu.unmodelled()).toEqual([expect.objectContaining({ service: 'graph', status: 400, unmodelled: true })]);
  });

  test('an option a handler ignores is refused (e.g. $filter on GET by id)', async () => {
    const app = mine({ displayName: 'ignored filter' });
    const res = await get(`/applications/${app.id}?$filter=${q("displayName eq 'x'")}`);
    expect(res.status).toBe(400);
    expect(emu.unmodelled()).toHaveLength(1);
  });

  test('$select on owners keeps @odata.type and the selected properties', async () => {
    const app = mine({ displayName: 'owners select' });
    const res = await get(`/applications/${app.id}/owners?$select=id`);
    expect(res.status).toBe(200);
    expect(res.json.value).toEqual([{ '@odata.type': '#microsoft.graph.servicePrincipal', id: emu.deployer.servicePrincipalId }]);
  });

  test('unknown segments, methods the emulator refuses, and beta are flagged unmodelled', async () => {
    expect((await get('/users')).status).toBe(400);
    expect((await c.send('PATCH', graphUrl(emu, `/servicePrincipals/${emu.deployer.servicePrincipalId}`), { headers: bearer(token), json: {} })).status).toBe(405);
    expect((await c.send('GET', `${emu.urls.graphEndpoint}/beta/applications`, { headers: bearer(token) })).status).toBe(400);
    expect(emu.unmodelled()).toHaveLength(3);
  });
});

describe('$batch', () => {
  test('an empty batch is a 400', async () => {
    const res = await c.send('POST', graphUrl(emu, '/$batch'), { headers: bearer(token), json: { requests: [] } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BadRequest');
  });

  test('21 requests is a 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/applications?$top=1' }));
    expect((await c.send('POST', graphUrl(emu, '/$batch'), { headers: bearer(token), json: { requests } })).status).toBe(400);
  });

  test('an unmodelled member flags the batch in the request log', async () => {
    const res = await c.send('POST', graphUrl(emu, '/$batch'), { headers: bearer(token), json: { requests: [{ id: '1', method: 'GET', url: '/applications?$foo=1' }] } });
    expect(res.status).toBe(200);
    expect(res.json.responses[0].status).toBe(400);
    expect(emu.unmodelled()).toEqual([expect.objectContaining({ method: 'POST', unmodelled: true })]);
  });
});

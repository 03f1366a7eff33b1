import { startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { bearer, deployerToken, graphUrl, httpsClient } from './https-client.ts';
import type { Client } from './https-client.ts';

// What Graph documents that it refuses on application writes, beyond graph-rules.test.ts: tag rules
// (supported-accounts-validation, reference-app-manifest), wildcard redirect URIs with personal
// accounts (reply-url), identifierUris (supported-accounts-validation, identifier-uri-restrictions,
// reference-breaking-changes) and the limits that differ by audience. The readings are fixed here;
// readings.test.ts plays each one.

let emu: Emulator;
let c: Client;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ readings: { tagDuplicates: 'exact', identifierUriPolicy: 'enforced' }, verifiedDomains: ['contoso.com'] });
  c = httpsClient(emu.caCertPath);
  token = await deployerToken(emu, c);
});
afterAll(async () => {
  c.close();
  await emu.close();
});

const send = (method: string, path: string, json?: unknown, headers: Record<string, string> = {}) =>
  c.send(method, graphUrl(emu, path), { headers: { ...bearer(token), ...headers }, ...(json === undefined ? {} : { json }) });
const create = (props: Record<string, unknown>) => send('POST', '/applications', { displayName: 'rules', ...props });
const invalid = (prop: string) => ({ code: 'Request_BadRequest', message: `Invalid value specified for property '${prop}' of resource 'Application'.` });
const PERSONAL = { signInAudience: 'AzureADandPersonalMicrosoftAccount', api: { requestedAccessTokenVersion: 2 } };
const guid = (i: number) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`;

describe('tags', () => {
  test('a refusal has Graph error shape, with innerError date, request-id and client-request-id', async () => {
    const res = await send('POST', '/applications', { displayName: 'shape', tags: ['two words'] }, { 'client-request-id': 'crid-1' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: { ...invalid('tags'), innerError: { date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), 'request-id': res.headers['request-id'], 'client-request-id': 'crid-1' } },
    });
  });

  test.each<[string, string[]]>([
    ['a space inside', ['intrexx entra']],
    ['a leading space', [' a']],
    ['a tab', ['a\tb']],
    ['a line break', ['a\nb']],
    ['a duplicate', ['a:1', 'b:2', 'a:1']],
    ['257 characters', ['x'.repeat(257)]],
    ['an empty tag', ['']],
  ])('%s is refused on create and on PATCH, and nothing changes', async (_label, tags) => {
    const made = await create({ tags });
    expect([made.status, made.json.error]).toEqual([400, expect.objectContaining(invalid('tags'))]);
    const app = await create({ tags: ['keep'] });
    const res = await send('PATCH', `/applications/${app.json.id}`, { tags });
    expect([res.status, res.json.error]).toEqual([400, expect.objectContaining(invalid('tags'))]);
    expect(emu.graph.application(app.json.id)?.tags).toEqual(['keep']);
  });

  test('1 and 256 characters, and the ledger tags the action writes, are taken', async () => {
    const ledger = ['intrexx-entra-action:0123456789ab:holds:11111111-2222-3333-4444-555555555555:-1234', 'intrexx-entra-action:unique-name-refused'];
    expect((await create({ tags: ['x', 'y'.repeat(256), ...ledger] })).status).toBe(201);
  });
});

describe('redirect URIs with wildcards', () => {
  test.each(['AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'])('%s: refused for web and spa', async (signInAudience) => {
    const audience = { ...PERSONAL, signInAudience };
    const web = await create({ ...audience, web: { redirectUris: ['https://*.portal.example.com/cb'] } });
    expect([web.status, web.json.error]).toEqual([400, expect.objectContaining(invalid('web'))]);
    const spa = await create({ ...audience, spa: { redirectUris: ['https://portal.example.com/*'] } });
    expect([spa.status, spa.json.error]).toEqual([400, expect.objectContaining(invalid('spa'))]);
  });

  test('work or school accounts only: taken; widening the audience afterwards is refused', async () => {
    const app = await create({ web: { redirectUris: ['https://*.portal.example.com/cb'] } });
    expect(app.status).toBe(201);
    const widen = await send('PATCH', `/applications/${app.json.id}`, PERSONAL);
    expect([widen.status, widen.json.error]).toEqual([400, expect.objectContaining(invalid('web'))]);
  });

  test('http on the IPv6 loopback gets no localhost exception', async () => {
    const res = await create({ web: { redirectUris: ['http://[::1]/cb'] } });
    expect([res.status, res.json.error]).toEqual([400, expect.objectContaining(invalid('web'))]);
    expect((await create({ web: { redirectUris: ['http://localhost:8080/cb', 'http://127.0.0.1/cb'] } })).status).toBe(201);
  });
});

describe('identifierUris', () => {
  const notVerified = (uri: string) => ({ code: 'HostNameNotOnVerifiedDomain', message: `Values of identifierUris property must use a verified domain of the organization or its subdomain: '${uri}'` });

  test('https on an unverified domain: 400 HostNameNotOnVerifiedDomain; verified domains and their subdomains are taken', async () => {
    const res = await create({ identifierUris: ['https://portal.example.com/api'] });
    expect([res.status, res.json.error]).toEqual([400, expect.objectContaining(notVerified('https://portal.example.com/api'))]);
    for (const uri of ['https://contoso.onmicrosoft.com/portal-a', 'https://contoso.com/portal-b', 'https://api.contoso.com', 'https://API.Contoso.com/portal-c']) {
      expect([uri, (await create({ identifierUris: [uri] })).status]).toEqual([uri, 201]);
    }
    const evil = await create({ identifierUris: ['https://notcontoso.com/x'] });
    expect(evil.json.error?.code).toBe('HostNameNotOnVerifiedDomain');
  });

  test('only newly added URIs are checked; single-tenant v2 apps are exempt, multitenant ones are not', async () => {
    const held = emu.graph.createApplication({ displayName: 'legacy', identifierUris: ['https://legacy.example.net/api'] }, { ownerIds: [emu.deployer.servicePrincipalId] });
    expect((await send('PATCH', `/applications/${held.id}`, { identifierUris: ['https://legacy.example.net/api', `api://${held.appId}`] })).status).toBe(204);
    const added = await send('PATCH', `/applications/${held.id}`, { identifierUris: ['https://legacy.example.net/api', 'https://new.example.net'] });
    expect(added.json.error).toEqual(expect.objectContaining(notVerified('https://new.example.net')));
    expect((await create({ api: { requestedAccessTokenVersion: 2 }, identifierUris: ['https://v2.example.net/api'] })).status).toBe(201);
    const multi = await create({ signInAudience: 'AzureADMultipleOrgs', api: { requestedAccessTokenVersion: 2 }, identifierUris: ['https://multi.example.net/api'] });
    expect(multi.json.error?.code).toBe('HostNameNotOnVerifiedDomain');
  });

  test('unique in the tenant, whatever the case', async () => {
    expect((await create({ identifierUris: ['https://contoso.com/shared'] })).status).toBe(201);
    const twin = await create({ identifierUris: ['https://Contoso.com/Shared'] });
    expect([twin.status, twin.json.error]).toEqual([400, expect.objectContaining({ code: 'Request_BadRequest', message: 'Another object with the same value for property identifierUris already exists.' })]);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['a wildcard', {}, ['https://*.contoso.com']],
    ['a trailing slash', {}, ['https://contoso.com/trailing/']],
    ['256 characters', {}, [`https://contoso.com/${'a'.repeat(236)}`]],
    ['urn: with personal accounts', PERSONAL, ['urn:contoso:portal']],
    ['a query with personal accounts', PERSONAL, ['https://contoso.com/q?x=1']],
    ['a fragment with personal accounts', PERSONAL, ['https://contoso.com/f#x']],
    ['121 characters with personal accounts', PERSONAL, [`https://contoso.com/${'b'.repeat(101)}`]],
    ['51 URIs with personal accounts', PERSONAL, Array.from({ length: 51 }, (_, i) => `https://contoso.com/many-${i}`)],
  ])('%s is refused', async (_label, props, identifierUris) => {
    const res = await create({ ...props, identifierUris });
    expect([res.status, res.json.error]).toEqual([400, expect.objectContaining(invalid('identifierUris'))]);
  });

  test('255 characters, urn: and 50 URIs are taken for work or school accounts', async () => {
    // v2 access tokens, so that the tenant policy on identifier URIs lets urn: through.
    const v2 = { api: { requestedAccessTokenVersion: 2 } };
    expect((await create({ ...v2, identifierUris: [`https://contoso.com/${'c'.repeat(235)}`, `urn:contoso:${guid(1)}`] })).status).toBe(201);
    expect((await create({ identifierUris: Array.from({ length: 50 }, (_, i) => `https://contoso.com/fifty-${i}`) })).status).toBe(201);
  });
});

describe('limits by audience', () => {
  const access = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => ({ id: guid(offset + i), type: 'Scope' }));
  const graph = (n: number) => [{ resourceAppId: '00000003-0000-0000-c000-000000000000', resourceAccess: access(n) }];

  test('requiredResourceAccess: 30 permissions per resource with personal accounts, 400 in all otherwise', async () => {
    expect((await create({ ...PERSONAL, requiredResourceAccess: graph(30) })).status).toBe(201);
    const personal = await create({ ...PERSONAL, requiredResourceAccess: graph(31) });
    expect([personal.status, personal.json.error]).toEqual([400, expect.objectContaining(invalid('requiredResourceAccess'))]);
    expect((await create({ requiredResourceAccess: graph(400) })).status).toBe(201);
    expect((await create({ requiredResourceAccess: graph(401) })).json.error).toEqual(expect.objectContaining(invalid('requiredResourceAccess')));
    const app = await create({ requiredResourceAccess: graph(31) });
    expect((await send('PATCH', `/applications/${app.json.id}`, PERSONAL)).json.error).toEqual(expect.objectContaining(invalid('requiredResourceAccess')));
  });

  test('requiredResourceAccess: at most 10 APIs from other tenants, 50 in all', async () => {
    const apis = (n: number) => Array.from({ length: n }, (_, i) => ({ resourceAppId: guid(100 + i), resourceAccess: access(1) }));
    expect((await create({ requiredResourceAccess: apis(10) })).status).toBe(201);
    expect((await create({ requiredResourceAccess: apis(11) })).json.error).toEqual(expect.objectContaining(invalid('requiredResourceAccess')));
  });

  test('appRoles, scopes, pre-authorized clients and the front-channel logout URL', async () => {
    const role = { id: guid(1), value: 'Reader', displayName: 'Reader', description: 'r', allowedMemberTypes: ['User'], isEnabled: true };
    expect((await create({ appRoles: [role] })).status).toBe(201);
    expect((await create({ ...PERSONAL, appRoles: [role] })).json.error).toEqual(expect.objectContaining(invalid('appRoles')));
    const scope = (value: string) => ({ id: guid(2), value, type: 'User', isEnabled: true });
    expect((await create({ api: { oauth2PermissionScopes: [scope('s'.repeat(120))] } })).status).toBe(201);
    expect((await create({ api: { oauth2PermissionScopes: [scope('s'.repeat(121))] } })).json.error).toEqual(expect.objectContaining(invalid('api')));
    expect((await create({ ...PERSONAL, api: { requestedAccessTokenVersion: 2, oauth2PermissionScopes: [scope('s'.repeat(41))] } })).json.error).toEqual(expect.objectContaining(invalid('api')));
    const client = { appId: guid(3), delegatedPermissionIds: Array.from({ length: 31 }, (_, i) => guid(10 + i)) };
    expect((await create({ ...PERSONAL, api: { requestedAccessTokenVersion: 2, preAuthorizedApplications: [client] } })).json.error).toEqual(expect.objectContaining(invalid('api')));
    expect((await create({ web: { logoutUrl: 'https://localhost/logout' } })).status).toBe(201);
    for (const logoutUrl of ['http://localhost/logout', 'http://portal.example.com/logout', `https://portal.example.com/${'l'.repeat(236)}`]) {
      expect([logoutUrl, (await create({ web: { logoutUrl } })).json.error]).toEqual([logoutUrl, expect.objectContaining(invalid('web'))]);
    }
    expect((await create({ ...PERSONAL, web: { logoutUrl: 'https://*.portal.example.com/logout' } })).json.error).toEqual(expect.objectContaining(invalid('web')));
  });
});

import { createPublicKey, verify } from 'node:crypto';
import { startEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { httpsClient, sleep, tokenUrl } from './https-client.ts';
import type { Client } from './https-client.ts';

let emu: Emulator;
let c: Client;

beforeAll(async () => {
  emu = await startEmulator();
  c = httpsClient(emu.caCertPath);
});
afterAll(async () => {
  c.close();
  await emu.close();
});
afterEach(() => {
  emu.setJob({ environment: undefined, eventName: 'push', ref: 'refs/heads/main' });
  emu.entra.setFederatedCredentials(emu.deployer.clientId, [
    { issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:contoso/portal-infra:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] },
  ]);
  emu.setSecretPropagation(0);
});

const decode = (jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } => {
  const [h, p] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(h ?? '', 'base64url').toString()), payload: JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) };
};

async function requestIdToken(audience = 'api://AzureADTokenExchange'): Promise<string> {
  const env = emu.runnerEnv();
  const res = await c.send('GET', `${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(audience)}`, {
    headers: { Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return res.json.value as string;
}

const assertionForm = (assertion: string, clientId = emu.deployer.clientId): Record<string, string> => ({
  grant_type: 'client_credentials',
  client_id: clientId,
  scope: `${emu.urls.graphEndpoint}/.default`,
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: assertion,
});

describe('GitHub OIDC token service', () => {
  test('issues an RS256 ID token whose signature verifies against the published JWKS', async () => {
    const jwt = await requestIdToken();
    const { header, payload } = decode(jwt);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    const jwks = await c.send('GET', `${emu.urls.oidcIssuerUrl}/.well-known/jwks`);
    const jwk = (jwks.json.keys as Record<string, unknown>[]).find((k) => k.kid === header.kid);
    expect(jwk).toBeDefined();
    const [h, p, s] = jwt.split('.');
    expect(verify('RSA-SHA256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk as never, format: 'jwk' }), Buffer.from(s ?? '', 'base64url'))).toBe(true);
    expect(payload).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'api://AzureADTokenExchange',
      sub: 'repo:contoso/portal-infra:ref:refs/heads/main',
      repository: 'contoso/portal-infra',
      repository_owner: 'contoso',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      event_name: 'push',
      runner_environment: 'github-hosted',
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(300);
    const config = await c.send('GET', `${emu.urls.oidcIssuerUrl}/.well-known/openid-configuration`);
    expect(config.json.issuer).toBe('https://token.actions.githubusercontent.com');
  });

  test.each([
    [{ environment: 'production' }, 'repo:contoso/portal-infra:environment:production'],
    [{ eventName: 'pull_request', ref: 'refs/pull/7/merge' }, 'repo:contoso/portal-infra:pull_request'],
    [{ ref: 'refs/tags/v1.2.0' }, 'repo:contoso/portal-infra:ref:refs/tags/v1.2.0'],
  ])('subject for job %j is %s', async (job, subject) => {
    emu.setJob(job);
    expect(decode(await requestIdToken()).payload.sub).toBe(subject);
  });

  test('a wrong or missing request token is a 401', async () => {
    const url = `${emu.runnerEnv().ACTIONS_ID_TOKEN_REQUEST_URL}&audience=x`;
    expect((await c.send('GET', url, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await c.send('GET', url)).status).toBe(401);
  });
});

describe('Entra token endpoint', () => {
  test('discovery answers for the tenant id and the tenant domain', async () => {
    for (const tenant of [emu.tenantId, emu.tenantDomain]) {
      const res = await c.send('GET', `${emu.urls.authorityHost}/${tenant}/v2.0/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      expect(res.json.token_endpoint).toBe(`${emu.urls.authorityHost}/${emu.tenantId}/oauth2/v2.0/token`);
      expect(res.json).toHaveProperty('authorization_endpoint');
      expect(res.json).toHaveProperty('jwks_uri');
      expect(res.json).toHaveProperty('issuer');
    }
  });

  test('exchanges a GitHub ID token for a Graph access token', async () => {
    const res = await c.send('POST', tokenUrl(emu), { form: assertionForm(await requestIdToken()) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(decode(res.json.access_token).payload).toMatchObject({ appid: emu.deployer.clientId, roles: ['Application.ReadWrite.OwnedBy'], tid: emu.tenantId });
  });

  type Case = [string, () => void | Promise<void>, () => Promise<Record<string, string>>, number, string, number, RegExp];
  const cases: Case[] = [
    ['issuer mismatch', () => emu.entra.setFederatedCredentials(emu.deployer.clientId, [{ issuer: 'https://example.com', subject: 'x', audiences: ['api://AzureADTokenExchange'] }]), async () => assertionForm(emu.idToken()), 401, 'invalid_client', 700211, /presented assertion issuer 'https:\/\/token\.actions\.githubusercontent\.com'/],
    ['subject mismatch', () => emu.setJob({ ref: 'refs/heads/dev' }), async () => assertionForm(emu.idToken()), 401, 'invalid_client', 700213, /presented assertion subject 'repo:contoso\/portal-infra:ref:refs\/heads\/dev'/],
    ['subject differs only by case', () => emu.entra.setFederatedCredentials(emu.deployer.clientId, [{ issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:Contoso/Portal-Infra:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] }]), async () => assertionForm(emu.idToken()), 401, 'invalid_client', 7002138, /case-insensitive comparison, but not with case-sensitive/],
    ['audience mismatch', () => undefined, async () => assertionForm(emu.idToken('https://github.com/contoso')), 401, 'invalid_client', 700212, /assertion audience/],
    ['unknown client id', () => undefined, async () => assertionForm(emu.idToken(), '11111111-2222-3333-4444-555555555555'), 400, 'unauthorized_client', 700016, /Application with identifier '11111111-2222-3333-4444-555555555555' was not found in the directory/],
    ['scope of another resource', () => undefined, async () => ({ ...assertionForm(emu.idToken()), scope: 'https://management.azure.com/.default' }), 400, 'invalid_resource', 500011, /resource principal named https:\/\/management\.azure\.com was not found/],
    ['scope without /.default', () => undefined, async () => ({ ...assertionForm(emu.idToken()), scope: `${emu.urls.graphEndpoint}/Application.ReadWrite.All` }), 400, 'invalid_scope', 1002012, /\/\.default/],
    ['tampered assertion', () => undefined, async () => assertionForm(emu.idToken().slice(0, -4) + 'AAAA'), 401, 'invalid_client', 700027, /signature/],
    ['no credential at all', () => undefined, async () => ({ grant_type: 'client_credentials', client_id: emu.deployer.clientId, scope: `${emu.urls.graphEndpoint}/.default` }), 401, 'invalid_client', 7000218, /client_assertion' or 'client_secret'/],
  ];
  test.each(cases)('%s', async (_name, arrange, form, status, error, code, message) => {
    await arrange();
    const res = await c.send('POST', tokenUrl(emu), { form: await form(), headers: { 'client-request-id': 'corr-1' } });
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error, error_codes: [code], correlation_id: 'corr-1', error_uri: `https://login.microsoftonline.com/error?code=${code}` });
    expect(res.json.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(res.json.error_description).toMatch(message);
    expect(res.json.error_description).toMatch(/\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: corr-1\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(Object.keys(res.json).sort()).toEqual(['correlation_id', 'error', 'error_codes', 'error_description', 'error_uri', 'timestamp', 'trace_id']);
  });

  test.each([
    ['an unknown tenant', 'fabrikam.onmicrosoft.com', 'invalid_tenant', 90002],
    ["'organizations'", 'organizations', 'invalid_request', 90010],
  ])('client credentials at %s fail', async (_n, tenant, error, code) => {
    const res = await c.send('POST', tokenUrl(emu, tenant), { form: assertionForm(emu.idToken()) });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error, error_codes: [code] });
  });

  test('the tenant domain works as authority tenant', async () => {
    expect((await c.send('POST', tokenUrl(emu, emu.tenantDomain), { form: assertionForm(emu.idToken()) })).status).toBe(200);
  });
});

describe('client secrets', () => {
  const secretForm = (appId: string, secret: string): Record<string, string> => ({ grant_type: 'client_credentials', client_id: appId, client_secret: secret, scope: `${emu.urls.graphEndpoint}/.default` });

  test('a valid secret signs in; a wrong one is AADSTS7000215; an expired one AADSTS7000222', async () => {
    const app = emu.graph.createApplication({ displayName: 'secret app' }, { withServicePrincipal: true });
    const { secretText } = emu.graph.addPassword(app.id, {});
    expect(secretText).toHaveLength(40);
    expect(emu.graph.application(app.id)?.passwordCredentials[0]?.hint).toBe(secretText.slice(0, 3));
    expect((await c.send('POST', tokenUrl(emu), { form: secretForm(app.appId, secretText) })).status).toBe(200);
    const wrong = await c.send('POST', tokenUrl(emu), { form: secretForm(app.appId, secretText + 'x') });
    expect([wrong.status, wrong.json.error, wrong.json.error_codes]).toEqual([401, 'invalid_client', [7000215]]);
    const expired = emu.graph.addPassword(app.id, { startDateTime: '2020-01-01T00:00:00Z', endDateTime: '2021-01-01T00:00:00Z' });
    const old = await c.send('POST', tokenUrl(emu), { form: secretForm(app.appId, expired.secretText) });
    expect([old.status, old.json.error_codes]).toEqual([401, [7000222]]);
  });

  test('an app without a service principal gets AADSTS7000229', async () => {
    const app = emu.graph.createApplication({ displayName: 'no sp' });
    const { secretText } = emu.graph.addPassword(app.id, {});
    const res = await c.send('POST', tokenUrl(emu), { form: secretForm(app.appId, secretText) });
    expect(res.json.error_codes).toEqual([7000229]);
  });

  test('a secret added through Graph signs in only after secretPropagationMs', async () => {
    emu.setSecretPropagation(400);
    const app = emu.graph.createApplication({ displayName: 'propagating' }, { withServicePrincipal: true, ownerIds: [emu.deployer.servicePrincipalId] });
    const token = (await c.send('POST', tokenUrl(emu), { form: assertionForm(emu.idToken()) })).json.access_token as string;
    const added = await c.send('POST', `${emu.urls.graphEndpoint}/v1.0/applications/${app.id}/addPassword`, { json: { passwordCredential: { displayName: 'p' } }, headers: { Authorization: `Bearer ${token}` } });
    expect(added.status).toBe(200);
    expect(await emu.entra.signInWithSecret(app.appId, added.json.secretText)).toBe(false);
    const early = await c.send('POST', tokenUrl(emu), { form: secretForm(app.appId, added.json.secretText) });
    expect(early.json.error_codes).toEqual([7000215]);
    await sleep(450);
    expect(await emu.entra.signInWithSecret(app.appId, added.json.secretText)).toBe(true);
  });
});

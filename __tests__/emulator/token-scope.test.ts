import { startEmulator, MS_GRAPH_APP_ID } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { decodeJwt } from '../../emulator/jwt.ts';
import { bearer, graphUrl, httpsClient, tokenUrl } from './https-client.ts';
import type { Client } from './https-client.ts';

// The token endpoint takes Microsoft Graph's real scopes (every national cloud's origin and its app ID)
// as well as the emulator's own Graph origin; the token's aud is the resource as requested.

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

const signIn = (scope: string) =>
  c.send('POST', tokenUrl(emu), {
    form: {
      grant_type: 'client_credentials',
      client_id: emu.deployer.clientId,
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: emu.idToken(),
    },
  });

test.each([
  ['https://graph.microsoft.com/.default', 'https://graph.microsoft.com'],
  ['https://graph.microsoft.us/.default', 'https://graph.microsoft.us'],
  ['https://dod-graph.microsoft.us/.default', 'https://dod-graph.microsoft.us'],
  ['https://microsoftgraph.chinacloudapi.cn/.default', 'https://microsoftgraph.chinacloudapi.cn'],
  ['https://graph.microsoft.com//.default', 'https://graph.microsoft.com'],
  [`${MS_GRAPH_APP_ID}/.default`, MS_GRAPH_APP_ID],
])('scope %s gives a token with aud %s that the emulated Graph accepts', async (scope, aud) => {
  const res = await signIn(scope);
  expect(res.status).toBe(200);
  const token = res.json.access_token as string;
  expect(decodeJwt(token)?.payload).toMatchObject({ aud, ver: '1.0', appid: emu.deployer.clientId });
  const apps = await c.send('GET', graphUrl(emu, '/applications'), { headers: bearer(token) });
  expect(apps.status).toBe(200);
});

test("the emulator's own Graph origin still works, aud being that origin", async () => {
  const res = await signIn(`${emu.urls.graphEndpoint}/.default`);
  expect(res.status).toBe(200);
  expect(decodeJwt(res.json.access_token as string)?.payload.aud).toBe(emu.urls.graphEndpoint);
});

test.each(['https://management.core.windows.net//.default', 'https://management.azure.com//.default'])('%s (Resource Manager, as the Azure CLI asks) is issued', async (scope) => {
  const res = await signIn(scope);
  expect(res.status).toBe(200);
  expect(decodeJwt(res.json.access_token as string)?.payload.aud).toBe(scope.slice(0, -'/.default'.length));
});

test.each(['https://vault.azure.net/.default', 'https://vault.azure.cn/.default'])('%s (Key Vault) is issued with its resource as aud', async (scope) => {
  const res = await signIn(scope);
  expect(res.status).toBe(200);
  expect(decodeJwt(res.json.access_token as string)?.payload.aud).toBe(scope.slice(0, -'/.default'.length));
});

test.each(['https://graph.windows.net/.default', 'https://graph.microsoft.de/.default', 'https://evil.graph.microsoft.com/.default', 'https://evil.vault.azure.net/.default'])(
  '%s is not Microsoft Graph: AADSTS500011',
  async (scope) => {
    const res = await signIn(scope);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: 'invalid_resource', error_codes: [500011] });
  },
);

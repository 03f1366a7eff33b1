import { startEmulator, type Emulator } from '../../emulator/index.ts';
import { httpsClient, type Client } from './https-client.ts';

// Every service answers a route it does not serve as the real one would (404), and flags it, so a test
// can never pass on a request the emulator silently did not model.
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
beforeEach(() => emu.resetRequests());

test.each<[string, () => string]>([
  ['Entra', () => `${emu.urls.authorityHost}/${emu.tenantId}/oauth2/v2.0/devicecode`],
  ['OIDC', () => `${new URL(emu.urls.oidcRequestUrl).origin}/somewhere-else`],
  ['GitHub, under a repository', () => `${emu.urls.githubApiUrl}/repos/contoso/portal-infra/actions/variables`],
  ['GitHub, elsewhere', () => `${emu.urls.githubApiUrl}/user`],
])('%s: an unserved route is a 404 flagged unmodelled', async (_name, url) => {
  const token = emu.github.issueToken({ secretsPermission: 'write' });
  const res = await c.send('GET', url(), { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(404);
  expect(emu.unmodelled()).toEqual([expect.objectContaining({ status: 404, unmodelled: true })]);
});

test('a served route that finds nothing is a plain 404, not unmodelled', async () => {
  const token = emu.github.issueToken({ secretsPermission: 'write' });
  const res = await c.send('GET', `${emu.urls.githubApiUrl}/repos/contoso/portal-infra/actions/secrets/NOPE`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(404);
  expect(emu.unmodelled()).toEqual([]);
});

import { baseInputs, emulator, runAction, type Emulator } from './harness.ts';

/**
 * The emulator's endpoints are custom ones (allow-custom-endpoints: true): the run warns about each
 * before it sends anything there. (That tokens are still asked for https://graph.microsoft.com/.default
 * is checked in __tests__/unit/clouds.test.ts and read-settings.test.ts.)
 */
describe('custom endpoints', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(async () => {
    await emu.close();
  });

  test('are warned about, naming what each host receives', async () => {
    const result = await runAction({ inputs: { ...baseInputs(emu), 'dry-run': 'true' }, env: emu.runnerEnv() });
    const lines = result.stdout.split('\n');
    const authority = lines.findIndex((l) => l === `::warning::authority-host is ${emu.urls.authorityHost}, not an AzureCloud host (allow-custom-endpoints is true): it receives the GitHub OIDC token and every new client secret.`);
    const graph = lines.findIndex((l) => l === `::warning::graph-endpoint is ${emu.urls.graphEndpoint}, not an AzureCloud host (allow-custom-endpoints is true): it receives the Microsoft Graph access token.`);
    expect(authority).toBeGreaterThanOrEqual(0);
    expect(graph).toBeGreaterThanOrEqual(0);
    // Before anything is sent: the warnings come before the first log group.
    expect(Math.max(authority, graph)).toBeLessThan(lines.findIndex((l) => l.startsWith('::group::')));
  });
});

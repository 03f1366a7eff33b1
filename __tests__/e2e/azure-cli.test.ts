import { ARM_AUDIENCE, AzureCli, EMULATOR_CLOUD as CLOUD, federatedLoginArgs, findAz, formatRequests } from '../../scripts/azure-cli.ts';
import type { RequestLogEntry } from '../../emulator/index.ts';
import { emulator, REDIRECT_URI, type Emulator } from './harness.ts';

// The real Azure CLI against the emulator: sign in with a GitHub ID token (workload identity
// federation), register an app, give it a service principal and a client secret — the manual path
// the README's newcomers may take instead of the action. Runs only where `az` is on PATH
// (.ci/run installs it from Debian's packages when it can); skips, saying so, elsewhere.

const AZ = findAz();

const suite = AZ ? describe : describe.skip;
// Said once at load so that the skip shows in jest's default (non-verbose) output too.
// (jest shows no console output from a suite whose tests are all skipped, hence stderr.)
if (!AZ) process.stderr.write('azure-cli.test.ts skipped: `az` (the Azure CLI) is not on PATH; .ci/run installs it with apt-get when it can.\n');
const title = AZ ? `Azure CLI (${AZ}) against the emulator` : 'Azure CLI against the emulator — SKIPPED: `az` is not on PATH (install azure-cli to run it)';

suite(title, () => {
  let emu: Emulator;
  let az: AzureCli;

  beforeEach(async () => {
    emu = await emulator();
    az = await AzureCli.create(AZ as string, emu);
  });
  afterEach(async () => {
    await az.dispose();
    await emu.close();
  });

  test('az login --federated-token, ad app create, ad sp create/show, ad app credential reset', async () => {
    await az.registerCloud(emu, CLOUD, emu.urls.resourceManager, ARM_AUDIENCE);

    const accounts = await az.json<Record<string, unknown>[]>(federatedLoginArgs(emu, emu.idToken('api://AzureADTokenExchange')), emu);
    expect(accounts.length).toBeGreaterThan(0);
    expect(accounts[0]).toMatchObject({ cloudName: CLOUD, user: { name: emu.deployer.clientId, type: 'servicePrincipal' } });

    const app = await az.json<{ appId: string; id: string }>(
      ['ad', 'app', 'create', '--display-name', 'Intrexx Portal (az)', '--web-redirect-uris', REDIRECT_URI, '--is-fallback-public-client', 'true'],
      emu,
    );
    expect(app.appId).toMatch(/^[0-9a-f-]{36}$/);

    const sp = await az.json<{ id: string; appId: string }>(['ad', 'sp', 'create', '--id', app.appId], emu);
    expect(sp.appId).toBe(app.appId);

    const shown = await az.json<{ id: string; appId: string }>(['ad', 'sp', 'show', '--id', app.appId], emu);
    expect(shown).toMatchObject({ id: sp.id, appId: app.appId });

    const cred = await az.json<{ appId: string; password: string; tenant: string }>(['ad', 'app', 'credential', 'reset', '--id', app.appId, '--append'], emu);
    expect(cred).toMatchObject({ appId: app.appId, tenant: emu.tenantId });

    // What the emulator holds.
    const held = emu.graph.application(app.appId);
    expect(held?.web?.redirectUris).toEqual([REDIRECT_URI]);
    expect(held?.isFallbackPublicClient).toBe(true);
    expect(held?.passwordCredentials).toHaveLength(1);
    expect(emu.graph.servicePrincipals().filter((s) => s.appId === app.appId)).toHaveLength(1);
    expect(Object.values(emu.graph.secretTexts(held!.id))).toEqual([cred.password]);
    expect(await emu.entra.signInWithSecret(app.appId, cred.password)).toBe(true);

    // Every request the CLI made was one the emulator models.
    const requests: RequestLogEntry[] = emu.requests();
    const unmodelled = requests.filter((r) => r.unmodelled);
    // Named in the failure, so that a request the emulator does not model is visible.
    expect(formatRequests(unmodelled)).toBe('');
  }, 180_000);
});

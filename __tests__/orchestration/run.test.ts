import { DeliveryFailed } from '../../src/secret/github-delivery.ts';
import { defaultServices, type Services } from '../../src/context.ts';
import { parseLedger } from '../../src/plan/ledger.ts';
import { runInProcess as runAction, trustedEmulator, writes, type Emulator } from './in-process.ts';

const REPO = 'contoso/orchestration';

// One emulator for the file: its certificate is trusted once per process (a TLS client caches what it trusts).
// Each test has its own registration (app-name) and, where GitHub is involved, its own repository.
describe('run() in process against the emulator', () => {
  let emu: Emulator;
  let n = 0;
  let name = '';
  beforeAll(async () => {
    emu = await trustedEmulator();
  });
  afterAll(async () => {
    await emu.close();
  });
  beforeEach(() => {
    name = `Orchestration portal ${++n}`;
    emu.resetRequests();
  });

  const runInProcess = (emulator: Emulator, inputs: Record<string, string> = {}, options: Parameters<typeof runAction>[2] = {}) => runAction(emulator, { 'app-name': name, ...inputs }, options);
  const portal = () => emu.graph.applications().find((a) => a.displayName === name);

  test('creates the registration, masks the secret first, sets the outputs and records the delivery', async () => {
    const runtime = await runInProcess(emu);
    expect(runtime.failure).toBeUndefined();
    const app = portal();
    expect(app?.web?.redirectUris).toEqual(['https://portal.example.com/service/oauth2/authorize']);
    const keyId = runtime.outputs['secret-key-id'] ?? '';
    const secret = emu.graph.secretTexts(app?.id ?? '')[keyId] ?? '';
    expect(runtime.outputs['client-secret']).toBe(secret);
    expect(runtime.masked).toContain(secret);
    expect([...runtime.log, ...runtime.warnings, runtime.summary].join('\n')).not.toContain(secret);
    expect(await emu.entra.signInWithSecret(app?.appId ?? '', secret)).toBe(true);
    expect(parseLedger(app?.tags).facts).toEqual([expect.objectContaining({ kind: 'holds', keyId }), expect.objectContaining({ kind: 'policy', graceDays: 7, keep: 2, confirm: false })]);
    expect(runtime.groups).toEqual(['Sign in to Microsoft Graph', 'Read the app registration', 'Plan', 'Apply the registration', 'Add a new client secret', expect.stringMatching(/^Deliver it to the step outputs/), 'Verify the new client secret', 'Retire client secrets']);
  });

  test('a second run with nothing due writes nothing', async () => {
    await runInProcess(emu, { rotate: 'when-expiring' });
    emu.resetRequests();
    expect(writes(emu)).toEqual([]);
    const runtime = await runInProcess(emu, { rotate: 'when-expiring' });
    expect(runtime.failure).toBeUndefined();
    expect(writes(emu)).toEqual([]);
    expect(runtime.outputs.changes).toBe('[]');
  });

  test('an injected secret check that never succeeds fails the run, removes nothing, and says what the destination holds', async () => {
    const first = await runInProcess(emu);
    const services: Services = { ...defaultServices, secretCheck: async () => Promise.reject(new Error('not propagated')) };
    const runtime = await runInProcess(emu, {}, { services });
    expect(runtime.failure).toContain('did not sign in');
    expect(runtime.failure).toContain('What each destination holds now:');
    const ids = (portal()?.passwordCredentials ?? []).map((c) => c.keyId);
    expect(ids).toEqual(expect.arrayContaining([first.outputs['secret-key-id'], runtime.outputs['secret-key-id']]));
    expect(runtime.summary).toContain('Intrexx Entra registration: failed');
  });

  test('an injected GitHub destination whose client-secret write fails leaves the repository with what it held', async () => {
    const token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
    emu.github.addRepository(REPO);
    const inputs = { 'secrets-target': 'repository', 'secrets-repository': REPO, 'github-token': token };
    const first = await runInProcess(emu, inputs);
    // Long enough after the first write that an unchanged updated_at proves the failed write did not land.
    emu.advanceTime(2 * 60_000);
    const failing: Services = {
      ...defaultServices,
      secretsDestination: async (delivery, apiUrl, deployer) => {
        const prepared = await defaultServices.secretsDestination(delivery, apiUrl, deployer);
        // The client-secret write is answered with a 500: it may or may not have landed.
        return { ...prepared, deliver: async () => Promise.reject(new DeliveryFailed('maybe', Object.assign(new Error('HTTP 500'), { status: 500 }))) };
      },
    };
    const runtime = await runInProcess(emu, inputs, { services: failing });
    expect(runtime.failure).toContain('failed before INTREXX_CLIENT_SECRET changed');
    expect(runtime.failure).toContain(`client secret ${first.outputs['secret-key-id']}`);
    const app = portal();
    expect((app?.passwordCredentials ?? []).map((c) => c.keyId)).toEqual([first.outputs['secret-key-id']]);
    const held = await emu.github.decryptSecret({ repository: REPO }, 'INTREXX_CLIENT_SECRET');
    expect(held).toBe(emu.graph.secretTexts(app?.id ?? '')[first.outputs['secret-key-id'] ?? '']);
    expect(runtime.outputs['client-id']).toBe(app?.appId);
  });

  test('dry run: the plan, and no write', async () => {
    const runtime = await runInProcess(emu, { 'dry-run': 'true', rotate: 'when-expiring' });
    expect(runtime.failure).toBeUndefined();
    expect(writes(emu)).toEqual([]);
    expect(runtime.log).toContain('would add a client secret valid for 180 days (no client secret was given to the step outputs yet)');
  });
});

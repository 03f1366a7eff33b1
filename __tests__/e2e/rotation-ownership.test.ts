import { destinationOfSecret, emulator, errorText, githubHolds, githubSecretSignsIn, keyIdsOf, ledgerTags, portalApps, run, type Emulator } from './harness.ts';

// keep-secrets counts per destination: rotating one destination never removes the secret another
// destination holds. Secrets not labelled by the action (even one whose name merely starts with
// "intrexx-entra-action") are never touched. The ledger has one holds fact per destination.

const REPO = 'contoso/portal-infra';
const REPO_TARGET = { repository: REPO };
const ENV_TARGET = { repository: REPO, environment: 'production' };
const DAY = 86_400_000;

describe('rotation: per-destination counting and ownership', () => {
  let emu: Emulator;
  let repoInputs: Record<string, string>;
  let envInputs: Record<string, string>;
  beforeEach(async () => {
    emu = await emulator();
    const token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
    emu.github.addEnvironment(REPO, 'production');
    repoInputs = { 'secrets-target': 'repository', 'github-token': token, rotate: 'always' };
    envInputs = { 'secrets-target': 'environment', 'secrets-environment': 'production', 'github-token': token };
  });
  afterEach(async () => {
    await emu.close();
  });

  test("repeated rotations of the repository, past the grace period, never remove the environment's secret or a hand-made one", async () => {
    const toEnv = await run(emu, envInputs);
    expect(errorText(toEnv)).toBe('');
    const app = portalApps(emu)[0]!;
    const envKey = toEnv.outputs['secret-key-id']!;
    const old = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    const backup = emu.graph.addPassword(app.id, { displayName: 'intrexx-entra-action backup', startDateTime: old(400), endDateTime: new Date(Date.now() + 300 * DAY).toISOString() });
    const byHand = emu.graph.addPassword(app.id, { displayName: 'made by hand', startDateTime: old(300), endDateTime: new Date(Date.now() + 300 * DAY).toISOString() });

    const repoKeys: string[] = [];
    for (let i = 0; i < 4; i++) {
      emu.advanceTime(8 * DAY);
      const r = await run(emu, repoInputs);
      expect(errorText(r)).toBe('');
      repoKeys.push(r.outputs['secret-key-id']!);
      expect(await githubHolds(emu, app.id, REPO_TARGET)).toBe(repoKeys.at(-1));
    }

    // The repository keeps two (keep-secrets 2): the one it holds and the one it held before; older ones went.
    const keys = keyIdsOf(emu, app.id);
    expect(keys).toEqual([envKey, backup.keyId, byHand.keyId, ...repoKeys.slice(-2)].sort());
    for (const gone of repoKeys.slice(0, 2)) expect(keys).not.toContain(gone);
    // The environment still holds its secret, 32 days on, and it signs in.
    expect(await githubHolds(emu, app.id, ENV_TARGET)).toBe(envKey);
    expect(await githubSecretSignsIn(emu, app.appId, ENV_TARGET)).toBe(true);
    expect(await emu.entra.signInWithSecret(app.appId, backup.secretText)).toBe(true);

    // One holds fact per destination, naming what each holds.
    const envId = destinationOfSecret(emu, app.id, envKey)!;
    const repoId = destinationOfSecret(emu, app.id, repoKeys.at(-1)!)!;
    expect(envId).toMatch(/^[0-9a-f]{12}$/);
    expect(repoId).toMatch(/^[0-9a-f]{12}$/);
    expect(repoId).not.toBe(envId);
    const holds = ledgerTags(emu, app.id).filter((f) => f.kind === 'holds');
    expect(holds.map((f) => [f.destination, f.keyId]).sort()).toEqual(
      [
        [envId, envKey.toLowerCase()],
        [repoId, repoKeys.at(-1)!.toLowerCase()],
      ].sort(),
    );
  });

  test('secret-phase retire at the repository never removes what the environment holds', async () => {
    const toEnv = await run(emu, envInputs);
    expect(errorText(toEnv)).toBe('');
    const app = portalApps(emu)[0]!;
    const envKey = toEnv.outputs['secret-key-id']!;
    emu.advanceTime(DAY);
    const r1 = await run(emu, repoInputs);
    expect(errorText(r1)).toBe('');
    emu.advanceTime(DAY);
    const r2 = await run(emu, repoInputs);
    expect(errorText(r2)).toBe('');

    const retire = await run(emu, { ...repoInputs, 'secret-phase': 'retire' });
    expect(errorText(retire)).toBe('');
    expect(keyIdsOf(emu, app.id)).toEqual([envKey, r2.outputs['secret-key-id']!].sort());
    expect(keyIdsOf(emu, app.id)).not.toContain(r1.outputs['secret-key-id']);
    expect(await githubSecretSignsIn(emu, app.appId, ENV_TARGET)).toBe(true);
    expect(await githubSecretSignsIn(emu, app.appId, REPO_TARGET)).toBe(true);
  });
});

import { emulator, errorText, githubHolds, githubSecretSignsIn, keyIdsOf, portalApps, run, writes, type Emulator } from './harness.ts';

// rotate: when-expiring decides per destination, from what that destination holds: a fresh secret
// at another destination does not count, and a destination whose secret is not known rotates.

const REPO = 'contoso/portal-infra';
const REPO_TARGET = { repository: REPO };
const ENV_TARGET = { repository: REPO, environment: 'production' };
const MINUTE = 60_000;

describe('rotation: when-expiring per destination', () => {
  let emu: Emulator;
  let repoInputs: Record<string, string>;
  let envInputs: Record<string, string>;
  beforeEach(async () => {
    emu = await emulator();
    const token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
    emu.github.addEnvironment(REPO, 'production');
    repoInputs = { 'secrets-target': 'repository', 'github-token': token };
    envInputs = { 'secrets-target': 'environment', 'secrets-environment': 'production', 'github-token': token, rotate: 'when-expiring' };
  });
  afterEach(async () => {
    await emu.close();
  });

  test("a fresh secret at the repository does not stop the environment's first rotation; then nothing is due", async () => {
    const first = await run(emu, repoInputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    const k1 = first.outputs['secret-key-id']!;
    emu.advanceTime(MINUTE);

    const second = await run(emu, envInputs);
    expect(errorText(second)).toBe('');
    const k2 = second.outputs['secret-key-id']!;
    expect(k2).toMatch(/^[0-9a-f-]{36}$/);
    expect(k2).not.toBe(k1);
    expect(await githubHolds(emu, app.id, ENV_TARGET)).toBe(k2);
    expect(await githubSecretSignsIn(emu, app.appId, ENV_TARGET)).toBe(true);
    // The repository keeps its secret, which still exists and signs in.
    expect(await githubHolds(emu, app.id, REPO_TARGET)).toBe(k1);
    expect(await githubSecretSignsIn(emu, app.appId, REPO_TARGET)).toBe(true);
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2].sort());
    emu.advanceTime(MINUTE);

    emu.resetRequests();
    const third = await run(emu, envInputs);
    expect(errorText(third)).toBe('');
    expect(third.outputs['secret-key-id']).toBe('');
    expect(writes(emu)).toEqual([]);
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2].sort());
    expect(await githubHolds(emu, app.id, ENV_TARGET)).toBe(k2);
    expect(await githubHolds(emu, app.id, REPO_TARGET)).toBe(k1);
  });

  test('the repository, already holding a fresh secret, is not rotated by when-expiring after the environment was', async () => {
    const first = await run(emu, repoInputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    emu.advanceTime(MINUTE);
    const toEnvironment = await run(emu, envInputs);
    expect(errorText(toEnvironment)).toBe('');
    expect(await githubHolds(emu, app.id, ENV_TARGET)).toBe(toEnvironment.outputs['secret-key-id']);
    emu.advanceTime(MINUTE);

    emu.resetRequests();
    const again = await run(emu, { ...repoInputs, rotate: 'when-expiring' });
    expect(errorText(again)).toBe('');
    expect(again.outputs['secret-key-id']).toBe('');
    expect(writes(emu)).toEqual([]);
    expect(await githubHolds(emu, app.id, REPO_TARGET)).toBe(first.outputs['secret-key-id']);
  });

  test("after a delivery whose client-secret write may have landed, the next when-expiring run rotates", async () => {
    const first = await run(emu, repoInputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    emu.advanceTime(MINUTE);
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_SECRET', response: 'reset-after' });
    const failed = await run(emu, repoInputs);
    expect(failed.exitCode).not.toBe(0);
    expect(emu.faults.pending()).toEqual([]);
    expect(failed.outputs['secret-key-id']).toMatch(/^[0-9a-f-]{36}$/); // kept: GitHub may hold it
    emu.advanceTime(MINUTE);

    const next = await run(emu, { ...repoInputs, rotate: 'when-expiring' });
    expect(errorText(next)).toBe('');
    const k3 = next.outputs['secret-key-id']!;
    expect(k3).toMatch(/^[0-9a-f-]{36}$/);
    expect(await githubHolds(emu, app.id, REPO_TARGET)).toBe(k3);
    expect(await githubSecretSignsIn(emu, app.appId, REPO_TARGET)).toBe(true);
    // Both earlier secrets stay: either may be in use, and both are within the grace period.
    expect(keyIdsOf(emu, app.id)).toEqual([first.outputs['secret-key-id']!, failed.outputs['secret-key-id']!, k3].sort());
  });

  test('after a delivery that failed before the client secret changed, when-expiring leaves the working secret alone', async () => {
    const first = await run(emu, repoInputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    const k1 = first.outputs['secret-key-id']!;
    emu.advanceTime(MINUTE);
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_TENANT_ID', response: { status: 502, body: { message: 'Bad Gateway' } } });
    const failed = await run(emu, repoInputs);
    expect(failed.exitCode).not.toBe(0);
    expect(emu.faults.pending()).toEqual([]);
    emu.advanceTime(MINUTE);

    emu.resetRequests();
    const next = await run(emu, { ...repoInputs, rotate: 'when-expiring' });
    expect(errorText(next)).toBe('');
    expect(next.outputs['secret-key-id']).toBe('');
    expect(writes(emu, 'github')).toEqual([]);
    expect(keyIdsOf(emu, app.id)).toEqual([k1]);
    expect(await githubHolds(emu, app.id, REPO_TARGET)).toBe(k1);
    expect(await githubSecretSignsIn(emu, app.appId, REPO_TARGET)).toBe(true);
  });
});

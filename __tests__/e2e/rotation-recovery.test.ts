import { emulator, errorText, githubHolds, githubSecretSignsIn, keyIdsOf, ledgerTags, portalApps, run, runKilled, type Emulator } from './harness.ts';

// A run killed between addPassword and delivery (cancelled job, lost runner) leaves a secret no
// destination was given. The re-run of that workflow run recovers: it delivers its own secret, and
// the leftover is removed at once, never taking one of the keep-secrets places.

const REPO = 'contoso/portal-infra';
const TARGET = { repository: REPO };
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('rotation: recovery from a killed run', () => {
  let emu: Emulator;
  let inputs: Record<string, string>;
  beforeEach(async () => {
    emu = await emulator();
    const token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
    inputs = { 'secrets-target': 'repository', 'github-token': token };
  });
  afterEach(async () => {
    await emu.close();
  });

  /**
   * Run 1 (an earlier workflow run) delivers K1; run 2 (workflow run R, attempt 1) adds K2 and is
   * killed while its GitHub writes hang. Returns the app, K1, K2 and R.
   */
  async function killedRotation() {
    const runId = emu.runnerEnv().GITHUB_RUN_ID!;
    const first = await run(emu, inputs, { GITHUB_RUN_ID: String(Number(runId) - 7), GITHUB_RUN_ATTEMPT: '1' });
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    const k1 = first.outputs['secret-key-id']!;
    emu.advanceTime(MINUTE);

    emu.faults.add({ service: 'github', method: 'PUT', response: 'hang', times: 3 });
    const killed = await runKilled(emu, { ...inputs, rotate: 'always' }, { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '1' }, (out) => out.includes('Added client secret'));
    expect(killed.exitCode).toBe(137);
    const k2 = keyIdsOf(emu, app.id).find((k) => k !== k1);
    expect(k2).toBeDefined(); // the orphan
    expect(keyIdsOf(emu, app.id)).toHaveLength(2);
    // GitHub still holds K1: run 2 never wrote the client secret.
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k1);
    emu.faults.clear();
    emu.advanceTime(MINUTE);
    return { app, k1, k2: k2!, runId };
  }

  test('the re-run removes the orphan and keeps the previous secret within its grace period (keep-secrets 2)', async () => {
    const { app, k1, k2, runId } = await killedRotation();

    const rerun = await run(emu, { ...inputs, rotate: 'always', 'keep-secrets': '2' }, { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '2' });
    expect(errorText(rerun)).toBe('');
    const k3 = rerun.outputs['secret-key-id']!;
    expect(k3).toMatch(/^[0-9a-f-]{36}$/);
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k3);
    expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
    // The orphan is gone; K1, which the repository held until now, stays for its grace period.
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k3].sort());
    expect(rerun.stdout).toMatch(new RegExp(`Removed client secret ${k2} \\(`));
    expect(ledgerTags(emu, app.id).some((f) => f.keyId === k2.toLowerCase())).toBe(false);
  });

  test('once the grace period is over, the held secret and the one it replaced stay; the orphan never counts', async () => {
    const { app, k1, k2, runId } = await killedRotation();
    const rerun = await run(emu, { ...inputs, rotate: 'always', 'keep-secrets': '2' }, { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '2' });
    expect(errorText(rerun)).toBe('');
    const k3 = rerun.outputs['secret-key-id']!;
    expect(k3).toMatch(/^[0-9a-f-]{36}$/);
    emu.advanceTime(8 * DAY);

    const later = await run(emu, { ...inputs, rotate: 'when-expiring', 'keep-secrets': '2' });
    expect(errorText(later)).toBe('');
    expect(later.outputs['secret-key-id']).toBe('');
    // keep-secrets 2 for the repository: the one it holds (K3) and the one it held before (K1).
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k3].sort());
    expect(keyIdsOf(emu, app.id)).not.toContain(k2);
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k3);
    expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
  });

  test('a leftover of an earlier attempt is removed even when the re-run has nothing to rotate', async () => {
    const { app, k1, k2, runId } = await killedRotation();

    const rerun = await run(emu, { ...inputs, rotate: 'when-expiring' }, { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '2' });
    expect(errorText(rerun)).toBe('');
    expect(rerun.outputs['secret-key-id']).toBe('');
    expect(keyIdsOf(emu, app.id)).toEqual([k1]);
    expect(rerun.stdout).toMatch(new RegExp(`Removed client secret ${k2} \\(`));
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k1);
    expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
  });
});

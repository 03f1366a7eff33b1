import { emulator, errorText, githubHolds, githubSecretSignsIn, keyIdsOf, ledgerTags, portalApps, run, writes, type Emulator } from './harness.ts';

// Delivery to GitHub: client ID and tenant ID first, the client secret last. A failure before the
// client secret changed undoes the new secret; one after which the write may have landed keeps both.

const REPO = 'contoso/portal-infra';
const TARGET = { repository: REPO };
const UNCHANGED_LINE = (keyId: string) => new RegExp(`^  - repository contoso/portal-infra \\(INTREXX_\\*\\): .*${keyId}.*\\(unchanged by this run\\)$`, 'm');

describe('rotation: partial delivery to GitHub', () => {
  let emu: Emulator;
  let token: string;
  let inputs: Record<string, string>;
  beforeEach(async () => {
    emu = await emulator();
    token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
    inputs = { 'secrets-target': 'repository', 'github-token': token };
  });
  afterEach(async () => {
    await emu.close();
  });

  /**
   * A first run that delivers K1 to the repository, a minute ago (GitHub's updated_at has whole
   * seconds: the next run's write must be told apart from this one); returns the app and K1.
   */
  async function deliverFirst(advanceMs = 60_000) {
    const first = await run(emu, inputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    const k1 = first.outputs['secret-key-id']!;
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k1);
    emu.advanceTime(advanceMs);
    return { app, k1, k1Text: emu.graph.secretTexts(app.id)[k1]! };
  }

  test('a 500 on only the client-ID write removes the new secret and leaves the old one delivered and working', async () => {
    const { app, k1, k1Text } = await deliverFirst();
    const updatedBefore = emu.github.secretMeta(TARGET, 'INTREXX_CLIENT_SECRET')!.updated_at;
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_ID', response: { status: 500, body: { message: 'boom' } } });
    emu.resetRequests();

    const result = await run(emu, inputs);
    expect(result.exitCode).not.toBe(0);
    expect(emu.faults.pending()).toEqual([]); // the fault was hit

    // Entra: only the old secret, which still signs in.
    expect(keyIdsOf(emu, app.id)).toEqual([k1]);
    expect(await emu.entra.signInWithSecret(app.appId, k1Text)).toBe(true);
    // GitHub: the client secret was never written, so it still holds the old, working value.
    expect(await emu.github.decryptSecret(TARGET, 'INTREXX_CLIENT_SECRET')).toBe(k1Text);
    expect(emu.github.secretMeta(TARGET, 'INTREXX_CLIENT_SECRET')!.updated_at).toBe(updatedBefore);
    expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
    expect(writes(emu, 'github').filter((r) => r.path.includes('INTREXX_CLIENT_SECRET'))).toEqual([]);
    // The ledger still says the repository holds K1.
    expect(ledgerTags(emu, app.id).filter((f) => f.kind === 'holds').map((f) => f.keyId)).toEqual([k1.toLowerCase()]);

    const error = errorText(result);
    expect(error).toContain('What each destination holds now:');
    expect(error).toMatch(UNCHANGED_LINE(k1));
    expect(result.outputs['secret-key-id']).toBe('');
  });

  test("a 'reset-after' on the client-secret write keeps the new secret (GitHub holds it) and the old one", async () => {
    const { app, k1, k1Text } = await deliverFirst();
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_SECRET', response: 'reset-after' });

    const result = await run(emu, inputs);
    expect(result.exitCode).not.toBe(0);
    expect(emu.faults.pending()).toEqual([]);

    const k2 = result.outputs['secret-key-id']!;
    expect(k2).toMatch(/^[0-9a-f-]{36}$/);
    expect(k2).not.toBe(k1);
    // The write landed: GitHub holds the new secret, and it signs in.
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k2);
    expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
    // The old secret stays too (a portal may still use it).
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2].sort());
    expect(await emu.entra.signInWithSecret(app.appId, k1Text)).toBe(true);

    const error = errorText(result);
    expect(error).toContain('What each destination holds now:');
    expect(error).toMatch(new RegExp(`^  - repository contoso/portal-infra \\(INTREXX_\\*\\): either the new client secret ${k2}.* or what it held before`, 'm'));
    // Nothing records it as held for certain: a pending fact keeps it.
    const facts = ledgerTags(emu, app.id);
    expect(facts.some((f) => f.kind === 'pending' && f.keyId === k2.toLowerCase())).toBe(true);
  });

  test("after a 'reset-after' the next run delivers a fresh secret and keeps both earlier ones within the grace period", async () => {
    const { app, k1 } = await deliverFirst();
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_SECRET', response: 'reset-after' });
    const failed = await run(emu, inputs);
    expect(failed.exitCode).not.toBe(0);
    const k2 = failed.outputs['secret-key-id']!;
    expect(k2).toMatch(/^[0-9a-f-]{36}$/); // kept: GitHub may hold it

    const next = await run(emu, inputs);
    expect(errorText(next)).toBe('');
    const k3 = next.outputs['secret-key-id']!;
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k3);
    expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2, k3].sort());
    const holds = ledgerTags(emu, app.id).filter((f) => f.kind === 'holds');
    expect(holds.map((f) => f.keyId)).toEqual([k3.toLowerCase()]);
  });

  // GitHub's updated_at has whole seconds: right after the previous write, an unchanged updated_at does
  // not prove that the write did not land, so the new secret must stay whatever the timing.
  test("a 'reset-after' right after the previous write still keeps the new secret GitHub holds", async () => {
    const { app, k1 } = await deliverFirst(0);
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_SECRET', response: 'reset-after' });
    const result = await run(emu, inputs);
    expect(result.exitCode).not.toBe(0);
    const k2 = result.outputs['secret-key-id']!;
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k2);
    expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2].sort());
  });

  test('a 500 on the client-secret write that did not land, long after the previous write, removes the new secret', async () => {
    const { app, k1 } = await deliverFirst();
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_SECRET', response: { status: 500, body: { message: 'boom' } } });
    const result = await run(emu, inputs);
    expect(result.exitCode).not.toBe(0);
    expect(errorText(result)).toContain('failed before INTREXX_CLIENT_SECRET changed');
    expect(keyIdsOf(emu, app.id)).toEqual([k1]);
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k1);
    expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
  });
});

import { emulator, errorText, keyIdsOf, ledgerTags, portalApps, run, writes, type Emulator } from './harness.ts';

// Retirement with the step outputs as the destination (secrets-target none): the replaced secret
// stays for the grace period even with keep-secrets 1; secret-phase retire removes it at once; a
// run with nothing to rotate removes it once the grace period is over.

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('rotation: retirement at the step outputs', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await emulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  /** Two runs (rotate always, keep-secrets 1): K1 then K2 to the step outputs. */
  async function twoRotations() {
    const first = await run(emu, { 'keep-secrets': '1' });
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    const k1 = first.outputs['secret-key-id']!;
    const k1Text = first.outputs['client-secret']!;
    emu.advanceTime(HOUR);
    const second = await run(emu, { 'keep-secrets': '1', rotate: 'always' });
    expect(errorText(second)).toBe('');
    const k2 = second.outputs['secret-key-id']!;
    const k2Text = second.outputs['client-secret']!;
    expect(k2).toMatch(/^[0-9a-f-]{36}$/);
    expect(emu.graph.secretTexts(app.id)[k2]).toBe(k2Text);
    return { app, k1, k1Text, k2, k2Text };
  }

  test('keep-secrets 1 keeps the replaced secret, working, for the grace period', async () => {
    const { app, k1, k1Text, k2 } = await twoRotations();
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2].sort());
    expect(await emu.entra.signInWithSecret(app.appId, k1Text)).toBe(true);
    const facts = ledgerTags(emu, app.id);
    expect(facts.filter((f) => f.kind === 'holds').map((f) => f.keyId)).toEqual([k2.toLowerCase()]);
    expect(facts.some((f) => f.kind === 'retiring' && f.keyId === k1.toLowerCase() && f.rest === k2.toLowerCase())).toBe(true);
  });

  test('secret-phase retire makes no secret and removes the replaced one at once', async () => {
    const { app, k1, k2, k2Text } = await twoRotations();
    emu.resetRequests();
    const retire = await run(emu, { 'keep-secrets': '1', 'secret-phase': 'retire' });
    expect(errorText(retire)).toBe('');
    expect(retire.outputs['secret-key-id']).toBe('');
    expect(retire.outputs['client-secret']).toBeUndefined();
    expect(keyIdsOf(emu, app.id)).toEqual([k2]);
    expect(retire.stdout).toMatch(new RegExp(`Removed client secret ${k1} \\(`));
    expect(writes(emu, 'graph').filter((r) => /addPassword/.test(r.path))).toEqual([]);
    expect(await emu.entra.signInWithSecret(app.appId, k2Text)).toBe(true);
    expect(ledgerTags(emu, app.id).some((f) => f.keyId === k1.toLowerCase())).toBe(false);
  });

  test('secret-phase rotate delivers a new secret and removes nothing, even past the grace period', async () => {
    const { app, k1, k2 } = await twoRotations();
    emu.advanceTime(8 * DAY);
    const rotate = await run(emu, { 'keep-secrets': '1', 'secret-phase': 'rotate', rotate: 'always' });
    expect(errorText(rotate)).toBe('');
    const k3 = rotate.outputs['secret-key-id']!;
    expect(k3).toMatch(/^[0-9a-f-]{36}$/);
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2, k3].sort());
    expect(await emu.entra.signInWithSecret(app.appId, rotate.outputs['client-secret']!)).toBe(true);
  });

  test('8 days later a when-expiring run with nothing due removes the replaced secret', async () => {
    const { app, k1, k2, k2Text } = await twoRotations();
    emu.advanceTime(8 * DAY);
    emu.resetRequests();
    const later = await run(emu, { 'keep-secrets': '1', rotate: 'when-expiring' });
    expect(errorText(later)).toBe('');
    expect(later.outputs['secret-key-id']).toBe('');
    expect(keyIdsOf(emu, app.id)).toEqual([k2]);
    expect(later.stdout).toMatch(new RegExp(`Removed client secret ${k1} \\(`));
    expect(writes(emu, 'graph').filter((r) => /addPassword/.test(r.path))).toEqual([]);
    expect(await emu.entra.signInWithSecret(app.appId, k2Text)).toBe(true);
  });

  test('within the grace period even a rotation with keep-secrets 1 removes nothing', async () => {
    const { app, k1, k1Text, k2, k2Text } = await twoRotations();
    emu.advanceTime(6 * DAY);
    const later = await run(emu, { 'keep-secrets': '1', rotate: 'always' });
    expect(errorText(later)).toBe('');
    const k3 = later.outputs['secret-key-id']!;
    expect(k3).toMatch(/^[0-9a-f-]{36}$/);
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2, k3].sort());
    expect(later.stdout).toMatch(new RegExp(`Keeping client secret ${k1}: .*grace period`));
    expect(await emu.entra.signInWithSecret(app.appId, k1Text)).toBe(true);
    expect(await emu.entra.signInWithSecret(app.appId, k2Text)).toBe(true);
  });
});

import { emulator, errorText, githubHolds, githubSecretSignsIn, keyIdsOf, portalApps, run, writes, type Emulator } from './harness.ts';

// Registrations that admit personal Microsoft accounts may hold at most two client secrets. The
// action makes room by removing a secret whose grace period is over (keep-secrets does not apply
// there), and fails before writing anything when no secret may go.

const REPO = 'contoso/portal-infra';
const TARGET = { repository: REPO };
const DAY = 86_400_000;

describe('rotation: personal-account audiences (at most 2 client secrets)', () => {
  let emu: Emulator;
  let inputs: Record<string, string>;
  beforeEach(async () => {
    emu = await emulator();
    const token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
    inputs = { 'secrets-target': 'repository', 'github-token': token, 'sign-in-audience': 'AzureADandPersonalMicrosoftAccount', rotate: 'always' };
  });
  afterEach(async () => {
    await emu.close();
  });

  test('scheduled rotations 8 days apart keep working with default keep-secrets, never above 2 secrets', async () => {
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      if (i > 0) emu.advanceTime(8 * DAY);
      const result = await run(emu, inputs);
      expect(errorText(result)).toBe('');
      expect(result.exitCode).toBe(0);
      const app = portalApps(emu)[0]!;
      expect(app.signInAudience).toBe('AzureADandPersonalMicrosoftAccount');
      const keyId = result.outputs['secret-key-id']!;
      expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
      made.push(keyId);
      const keys = keyIdsOf(emu, app.id);
      expect(keys.length).toBeLessThanOrEqual(2);
      // The new secret is delivered and works; the one it replaced stays for its grace period.
      expect(await githubHolds(emu, app.id, TARGET)).toBe(keyId);
      expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
      expect(keys).toEqual(made.slice(-2).sort());
    }
    // Each run after the second made room by removing the secret replaced 8 days before.
    expect(made).toHaveLength(4);
  });

  test('a second rotation within the grace period fails before any write, and what GitHub holds keeps working', async () => {
    const first = await run(emu, inputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    emu.advanceTime(DAY);
    const second = await run(emu, inputs);
    expect(errorText(second)).toBe('');
    const k1 = first.outputs['secret-key-id']!;
    const k2 = second.outputs['secret-key-id']!;
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2].sort());
    const updatedAt = emu.github.secretMeta(TARGET, 'INTREXX_CLIENT_SECRET')!.updated_at;
    emu.advanceTime(DAY);

    emu.resetRequests();
    const third = await run(emu, inputs);
    expect(third.exitCode).not.toBe(0);
    expect(errorText(third)).toContain(
      'Cannot add a new client secret: the registration allows personal Microsoft accounts, where Entra ID allows at most 2 client secrets; ',
    );
    // Before any write: no Graph or GitHub write at all, not even a refused addPassword.
    expect(writes(emu)).toEqual([]);
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2].sort());
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k2);
    // updated_at moved only by advanceTime: the client secret was not written.
    expect(Date.parse(emu.github.secretMeta(TARGET, 'INTREXX_CLIENT_SECRET')!.updated_at)).toBe(Date.parse(updatedAt) - DAY);
    expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
    expect(third.outputs['secret-key-id']).toBe('');
  });

  test('keep-secrets does not block making room: keep-secrets 5 still rotates once the grace period is over', async () => {
    const keep = { ...inputs, 'keep-secrets': '5' };
    const first = await run(emu, keep);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    emu.advanceTime(8 * DAY);
    const second = await run(emu, keep);
    expect(errorText(second)).toBe('');
    emu.advanceTime(8 * DAY);
    const third = await run(emu, keep);
    expect(errorText(third)).toBe('');
    const k3 = third.outputs['secret-key-id']!;
    expect(keyIdsOf(emu, app.id)).toEqual([second.outputs['secret-key-id']!, k3].sort());
    expect(third.stdout).toMatch(new RegExp(`Removed client secret ${first.outputs['secret-key-id']} \\(`));
    expect(await githubHolds(emu, app.id, TARGET)).toBe(k3);
    expect(await githubSecretSignsIn(emu, app.appId, TARGET)).toBe(true);
  });
});

import { emulator, errorText, portalApps, run, type Emulator } from './harness.ts';

// A deadline everyone can see: whether the run rotated, by when the portal must run on the new secret
// (the step outputs and the job summary say the same), and a warning while a destination holds a
// secret close to its end.

const DAY = 86_400_000;

describe('the deadline of a rotation', () => {
  let emu: Emulator;
  let inputs: Record<string, string>;
  beforeEach(async () => {
    emu = await emulator();
    const token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
    inputs = { 'secrets-target': 'repository', 'github-token': token, rotate: 'always' };
  });
  afterEach(async () => {
    await emu.close();
  });

  test('a rotation says by when the portal must use the new secret; a run with nothing due says it did not rotate', async () => {
    const first = await run(emu, inputs);
    expect(errorText(first)).toBe('');
    expect(first.outputs.rotated).toBe('true');
    // The first secret replaced nothing: no deadline.
    expect(first.outputs['reconfigure-by']).toBe('');

    emu.advanceTime(DAY);
    const second = await run(emu, inputs);
    expect(errorText(second)).toBe('');
    expect(second.outputs.rotated).toBe('true');
    const app = portalApps(emu)[0]!;
    const fresh = app.passwordCredentials.find((c) => c.keyId === second.outputs['secret-key-id'])!;
    // grace-period-days 7 from the new secret's making (Entra's startDateTime).
    expect(second.outputs['reconfigure-by']).toBe(new Date(Date.parse(fresh.startDateTime!) + 7 * DAY).toISOString());
    const line = `by ${second.outputs['reconfigure-by']}: client secret ${first.outputs['secret-key-id']}`;
    expect(second.stdout).toContain(`Reconfigure the portal of repository contoso/portal-infra (INTREXX_*) ${line}`);
    expect(second.summary).toContain('| Reconfigure by |');
    expect(second.summary).toContain(line);

    const rerun = await run(emu, { ...inputs, rotate: 'when-expiring' });
    expect(errorText(rerun)).toBe('');
    expect(rerun.outputs.rotated).toBe('false');
    expect(rerun.outputs['reconfigure-by']).toBe('');
  });

  test('a destination holding a secret that expires within 14 days is warned about on every run', async () => {
    const first = await run(emu, { ...inputs, 'secret-lifetime-days': '30', 'rotate-before-days': '5', rotate: 'when-expiring' });
    expect(errorText(first)).toBe('');
    emu.advanceTime(20 * DAY);
    const later = await run(emu, { ...inputs, 'secret-lifetime-days': '30', 'rotate-before-days': '5', rotate: 'when-expiring' });
    expect(errorText(later)).toBe('');
    expect(later.outputs.rotated).toBe('false');
    expect(later.stdout).toMatch(new RegExp(`::warning::Destination [0-9a-f]{12} holds client secret ${first.outputs['secret-key-id']}, which expires on .* \\(in (9|10) days\\)`));
  });
});

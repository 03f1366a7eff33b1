import { emulator, errorText, keyIdsOf, portalApps, run, type Emulator } from './harness.ts';

// A failed run still tells the workflow what it needs: the outputs that identify the registration
// (and the new secret's key ID when it was kept), and a job summary that says what each
// destination holds now.

const REPO = 'contoso/portal-infra';
const MINUTE = 60_000;

describe('rotation: reporting a failed delivery', () => {
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

  test('a delivery that failed before the client secret changed: outputs identify the registration, the summary says it failed', async () => {
    const first = await run(emu, inputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    const k1 = first.outputs['secret-key-id']!;
    emu.advanceTime(MINUTE);
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_ID', response: { status: 500, body: { message: 'boom' } } });

    const result = await run(emu, inputs);
    expect(result.exitCode).not.toBe(0);
    expect(keyIdsOf(emu, app.id)).toEqual([k1]);
    expect(result.outputs['client-id']).toBe(app.appId);
    expect(result.outputs['tenant-id']).toBe(emu.tenantId);
    expect(result.outputs['object-id']).toBe(app.id);
    expect(result.outputs['secret-key-id']).toBe('');
    expect(result.outputs['client-secret']).toBeUndefined();

    const summary = result.summary;
    expect(summary).toContain('Intrexx Entra registration: failed');
    expect(summary).toContain('What each destination holds');
    expect(summary).toMatch(new RegExp(`^- repository contoso/portal-infra \\(INTREXX_\\*\\): .*${k1}.*\\(unchanged by this run\\)$`, 'm'));
    expect(summary).toContain('boom');
    expect(await emu.github.decryptSecret({ repository: REPO }, 'INTREXX_CLIENT_SECRET')).toBe(emu.graph.secretTexts(app.id)[k1]);
  });

  test('a delivery whose write may have landed: secret-key-id names the kept secret, the summary says "either"', async () => {
    const first = await run(emu, inputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    const k1 = first.outputs['secret-key-id']!;
    emu.advanceTime(MINUTE);
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_SECRET', response: 'reset-after' });

    const result = await run(emu, inputs);
    expect(result.exitCode).not.toBe(0);
    const k2 = result.outputs['secret-key-id']!;
    expect(k2).toMatch(/^[0-9a-f-]{36}$/);
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2].sort());
    expect(result.outputs['client-id']).toBe(app.appId);
    expect(result.outputs['object-id']).toBe(app.id);
    expect(result.outputs['tenant-id']).toBe(emu.tenantId);
    expect(result.summary).toContain('Intrexx Entra registration: failed');
    expect(result.summary).toContain('What each destination holds');
    expect(result.summary).toMatch(new RegExp(`^- repository contoso/portal-infra \\(INTREXX_\\*\\): either the new client secret ${k2}`, 'm'));
    expect(await emu.github.decryptSecret({ repository: REPO }, 'INTREXX_CLIENT_SECRET')).toBe(emu.graph.secretTexts(app.id)[k2]);
  });

  test('the first delivery of a new registration fails: the registration is still reported', async () => {
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_SECRET', response: { status: 500, body: { message: 'boom' } } });
    const result = await run(emu, inputs);
    expect(result.exitCode).not.toBe(0);
    const app = portalApps(emu)[0]!;
    expect(app.passwordCredentials).toEqual([]);
    expect(result.outputs['client-id']).toBe(app.appId);
    expect(result.outputs['object-id']).toBe(app.id);
    expect(result.outputs.created).toBe('true');
    expect(result.summary).toContain('Intrexx Entra registration: failed');
    expect(result.summary).toMatch(/^- repository contoso\/portal-infra \(INTREXX_\*\): no client secret \(unchanged by this run\)$/m);
    expect(errorText(result)).toMatch(/^ {2}- repository contoso\/portal-infra \(INTREXX_\*\): no client secret \(unchanged by this run\)$/m);
    expect(emu.github.secretNames({ repository: REPO })).not.toContain('INTREXX_CLIENT_SECRET');
  });
});

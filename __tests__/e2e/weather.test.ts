import { concurrencyViolation, throttle } from '../../emulator/index.ts';
import { changeKinds, emulator, errorText, expectSecretOnlyMasked, run, portalApps, type Emulator } from './harness.ts';

describe("Entra's weather: replication, throttling, resets, concurrency", () => {
  let emu: Emulator;
  afterEach(async () => {
    await emu.close();
  });

  test('succeeds through a replication window after create, with exactly one new secret', async () => {
    emu = await emulator({ replicationDelayMs: 2500 });
    const result = await run(emu);
    expect(errorText(result)).toBe('');
    expect(result.stdout).toMatch(/not yet replicated/);
    const apps = portalApps(emu);
    expect(apps).toHaveLength(1);
    expect(apps[0]!.passwordCredentials).toHaveLength(1);
    expect(emu.graph.servicePrincipals().filter((sp) => sp.appId === apps[0]!.appId)).toHaveLength(1);
    expectSecretOnlyMasked(result, result.outputs['client-secret']!);
  });

  test('succeeds through throttling (429 with Retry-After) with exactly one new secret', async () => {
    emu = await emulator();
    emu.faults.add(throttle('graph', '/applications', 2, 1));
    emu.faults.add(throttle('graph', '/addPassword', 1, 1));
    const result = await run(emu);
    expect(errorText(result)).toBe('');
    expect(result.stdout).toMatch(/throttled \(HTTP 429/);
    expect(portalApps(emu)).toHaveLength(1);
    expect(portalApps(emu)[0]!.passwordCredentials).toHaveLength(1);
  });

  test('a 409 Directory_ConcurrencyViolation on the update is retried', async () => {
    emu = await emulator();
    emu.graph.createApplication({ displayName: 'Intrexx Portal' }, { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true });
    emu.faults.add(concurrencyViolation('^/v1.0/applications/[^/?]+$', 1));
    const result = await run(emu);
    expect(errorText(result)).toBe('');
    expect(result.stdout).toMatch(/409 Directory_ConcurrencyViolation/);
    expect(portalApps(emu)[0]!.uniqueName).toBe(emu.readings.uniqueNameWhileNull === 'settable' ? 'intrexx-portal' : null);
  });

  test.each(['reset', 'reset-after', 'cut-body'] as const)('an addPassword whose answer is lost (%s) leaves exactly one secret', async (fault) => {
    emu = await emulator();
    emu.faults.add({ service: 'graph', method: 'POST', path: '/addPassword$', response: fault });
    const result = await run(emu);
    expect(errorText(result)).toBe('');
    const app = portalApps(emu)[0]!;
    expect(app.passwordCredentials).toHaveLength(1);
    expect(app.passwordCredentials[0]!.keyId).toBe(result.outputs['secret-key-id']);
    expect(await emu.entra.signInWithSecret(app.appId, result.outputs['client-secret']!)).toBe(true);
  });

  test('a 503 on a read is retried', async () => {
    emu = await emulator();
    emu.faults.add({ service: 'graph', method: 'GET', path: "uniqueName=", response: { status: 503, headers: { 'Retry-After': '1' } } });
    const result = await run(emu);
    expect(errorText(result)).toBe('');
    expect(result.stdout).toMatch(/HTTP 503/);
  });

  test('a permanent error fails at once with operation, status, Graph code and request-id', async () => {
    emu = await emulator();
    emu.faults.add({ service: 'graph', method: 'PATCH', response: { status: 400, body: { error: { code: 'Request_BadRequest', message: 'Something is off.', innerError: { 'request-id': 'req-123' } } }, headers: { 'request-id': 'req-123' } } });
    const result = await run(emu);
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    expect(error).toContain('Failed to create application');
    expect(error).toContain('HTTP 400 Request_BadRequest: Something is off.');
    expect(error).toMatch(/\(request-id [\w-]+\)/);
    expect(result.stdout).not.toMatch(/retrying/);
  });

  test('three concurrent runs end with one registration and each delivered secret works', async () => {
    emu = await emulator({ replicationDelayMs: 500 });
    const token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
    const results = await Promise.all([1, 2, 3].map(() => run(emu, { 'secrets-target': 'repository', 'github-token': token })));
    for (const r of results) expect(errorText(r)).toBe('');
    const apps = portalApps(emu);
    expect(apps).toHaveLength(1);
    const app = apps[0]!;
    expect(emu.graph.servicePrincipals().filter((sp) => sp.appId === app.appId)).toHaveLength(1);
    expect(results.filter((r) => r.outputs.created === 'true')).toHaveLength(1);
    const texts = emu.graph.secretTexts(app.id);
    for (const r of results) {
      const keyId = r.outputs['secret-key-id']!;
      expect(texts[keyId]).toBeDefined();
      expect(await emu.entra.signInWithSecret(app.appId, texts[keyId]!)).toBe(true);
    }
    const delivered = await emu.github.decryptSecret({ repository: 'contoso/portal-infra' }, 'INTREXX_CLIENT_SECRET');
    expect(Object.values(texts)).toContain(delivered);
    expect(changeKinds(results[0]!)).toContain('add-client-secret');
  });
});

import { randomUUID } from 'node:crypto';
import { changeKinds, emulator, errorText, portalApps, REDIRECT_URI, run, writes, type Emulator } from './harness.ts';

const REFUSED_TAG = 'intrexx-entra-action:unique-name-refused';
const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning::'));

describe('sign-in diagnoses', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await emulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  test('an unknown tenant GUID is named as such, with how to find the right tenant ID; nothing is written', async () => {
    const tenant = randomUUID();
    const result = await run(emu, { 'tenant-id': tenant });
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    expect(error).toMatch(new RegExp(`^Unknown tenant: Entra ID at ${emu.urls.authorityHost.replace(/[.]/g, '\\.')} has no tenant ${tenant}: AADSTS90002: Tenant '${tenant}' not found`));
    expect(error).toContain('Hint: Set tenant-id to the directory (tenant) ID');
    expect(error).toContain('az account show --query tenantId');
    // The emulator was asked for the tenant's discovery document, answered 400, and holds nothing new.
    const discovery = emu.requests().filter((r) => r.service === 'entra' && r.path.startsWith(`/${tenant}/`));
    expect(discovery.length).toBeGreaterThan(0);
    expect(discovery.every((r) => r.status === 400)).toBe(true);
    expect(emu.requests().filter((r) => r.service === 'graph')).toEqual([]);
    expect(portalApps(emu)).toEqual([]);
  });

  test('an authority host that does not answer is named as unreachable, not as an unknown tenant', async () => {
    // A port on this machine where nothing listens (the emulator's own, once closed).
    const closed = await emulator();
    const url = closed.urls.authorityHost;
    await closed.close();
    const result = await run(emu, { 'authority-host': url });
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    expect(error).toContain(`Cannot reach the Entra authority ${url}`);
    expect(error).toMatch(/ECONNREFUSED/);
    expect(error).toContain('Hint: Check cloud');
    expect(emu.requests().filter((r) => r.service === 'graph')).toEqual([]);
  });

  test('GitHub errors carry the x-github-request-id the emulator sent', async () => {
    const token = emu.github.issueToken({ secretsPermission: 'none', kind: 'fine-grained' });
    const result = await run(emu, { 'secrets-target': 'repository', 'github-token': token });
    expect(result.exitCode).not.toBe(0);
    expect(errorText(result)).toMatch(/HTTP 403: Resource not accessible by personal access token \(x-github-request-id [0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\)/);
    expect(emu.requests().some((r) => r.service === 'github' && r.status === 403)).toBe(true);
    expect(writes(emu, 'github')).toEqual([]);
  });
});

describe('an audience with personal Microsoft accounts', () => {
  test('the registration is created with api.requestedAccessTokenVersion 2', async () => {
    const emu = await emulator();
    try {
      const result = await run(emu, { 'sign-in-audience': 'AzureADandPersonalMicrosoftAccount' });
      expect(errorText(result)).toBe('');
      const app = portalApps(emu)[0]!;
      expect(app.signInAudience).toBe('AzureADandPersonalMicrosoftAccount');
      expect((app.api as { requestedAccessTokenVersion?: unknown }).requestedAccessTokenVersion).toBe(2);
      expect(changeKinds(result)).toContain('set-access-token-version');
    } finally {
      await emu.close();
    }
  });
});

describe('switching an existing registration to personal Microsoft accounts', () => {
  test('the audience and api.requestedAccessTokenVersion 2 go in one write, keeping the rest of api', async () => {
    const emu = await emulator();
    try {
      const first = await run(emu);
      expect(errorText(first)).toBe('');
      const id = portalApps(emu)[0]!.id;
      emu.resetRequests();
      const result = await run(emu, { 'sign-in-audience': 'AzureADandPersonalMicrosoftAccount' });
      expect(errorText(result)).toBe('');
      const app = emu.graph.application(id)!;
      expect(app.signInAudience).toBe('AzureADandPersonalMicrosoftAccount');
      expect((app.api as { requestedAccessTokenVersion?: unknown }).requestedAccessTokenVersion).toBe(2);
      expect(changeKinds(result)).toEqual(expect.arrayContaining(['set-sign-in-audience', 'set-access-token-version']));
      // No refused write on the way (Graph answers 400 InvalidAccessTokenVersion to the audience alone).
      expect(emu.requests().filter((r) => r.service === 'graph' && r.status >= 400)).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});

describe('Graph refuses uniqueName on an existing registration', () => {
  let emu: Emulator;
  beforeEach(async () => {
    // An emulator that ignored the reading would accept the uniqueName; the first check below says so.
    emu = await emulator({ readings: { uniqueNameWhileNull: 'read-only' } });
  });
  afterEach(async () => {
    await emu.close();
  });

  test('the app is adopted by display name and ownership, one warning explains it, and a rerun sends no refused write', async () => {
    const handMade = emu.graph.createApplication({ displayName: 'Intrexx Portal', web: { redirectUris: [REDIRECT_URI] } }, { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true });

    const first = await run(emu);
    const held = emu.graph.application(handMade.id)!;
    if (held.uniqueName !== null) {
      throw new Error(`The emulator stored uniqueName ${String(held.uniqueName)}: its reading uniqueNameWhileNull: 'read-only' (EmulatorOptions.readings) is not in effect yet.`);
    }
    expect(errorText(first)).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.outputs['object-id']).toBe(handMade.id);
    expect(portalApps(emu)).toHaveLength(1);
    expect(held.tags).toContain(REFUSED_TAG);
    expect(held.isFallbackPublicClient).toBe(true);
    expect(changeKinds(first)).not.toContain('adopt-application');
    const refusals = warnings(first.stdout).filter((w) => w.includes('refused to set uniqueName'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain('display name');
    expect(refusals[0]).toContain('Setting unique-name does not help');
    expect(emu.requests().filter((r) => r.service === 'graph' && r.method === 'PATCH' && r.status === 400)).toHaveLength(1);

    emu.resetRequests();
    const second = await run(emu);
    expect(errorText(second)).toBe('');
    expect(second.outputs['object-id']).toBe(handMade.id);
    expect(warnings(second.stdout).filter((w) => w.includes('uniqueName'))).toEqual([]);
    expect(emu.requests().filter((r) => r.status >= 400)).toEqual([]);
    // The rerun's only Graph writes are the new secret and the ledger.
    expect(writes(emu, 'graph').map((r) => r.method)).toEqual(['POST', 'PATCH']);
    const after = emu.graph.application(handMade.id)!;
    expect(after.uniqueName).toBeNull();
    expect(after.tags).toContain(REFUSED_TAG);
    expect(portalApps(emu)).toHaveLength(1);
  });
});

import { errorText, emulator, keyIdsOf, ledgerTags, portalApps, run, runKilled, writes, type Emulator } from './harness.ts';

// secrets-target key-vault: the client secret goes to one Azure Key Vault secret, signing in to the
// vault with the deployer's federated identity; the delivery ledger treats the vault as it treats a
// GitHub destination (attributes.updated plays GitHub's updated_at).

const VAULT = 'contoso-kv';
/** The default secret name for app-name "Intrexx Portal": unique name intrexx-portal, then -client-secret. */
const SECRET = 'intrexx-portal-client-secret';
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('secrets-target key-vault', () => {
  let emu: Emulator;
  let inputs: Record<string, string>;
  beforeEach(async () => {
    emu = await emulator();
    emu.keyVault.grantRole(VAULT, emu.deployer.clientId);
    inputs = { 'secrets-target': 'key-vault', 'key-vault-url': emu.urls.keyVault };
  });
  afterEach(async () => {
    await emu.close();
  });

  /** The key ID of the client secret the vault's current version holds, 'none', or 'gone' (no such secret in Entra). */
  function vaultHolds(appObjectId: string): string {
    const current = emu.keyVault.versions(VAULT, SECRET).at(-1);
    if (!current) return 'none';
    const found = Object.entries(emu.graph.secretTexts(appObjectId)).find(([, text]) => text === current.value);
    return found ? found[0] : 'gone';
  }

  async function vaultSignsIn(appId: string): Promise<boolean> {
    const current = emu.keyVault.versions(VAULT, SECRET).at(-1);
    return current !== undefined && (await emu.entra.signInWithSecret(appId, current.value));
  }

  test('delivers the client secret to the vault: it signs in, and content type, tags and expiry name it', async () => {
    const result = await run(emu, inputs);
    expect(errorText(result)).toBe('');
    expect(result.exitCode).toBe(0);
    const app = portalApps(emu)[0]!;
    const keyId = result.outputs['secret-key-id']!;
    expect(vaultHolds(app.id)).toBe(keyId);
    expect(await vaultSignsIn(app.appId)).toBe(true);
    const [version] = emu.keyVault.versions(VAULT, SECRET);
    expect(version).toMatchObject({ contentType: `intrexx-portal:${app.appId}:${keyId}`, tags: { clientId: app.appId, tenantId: emu.tenantId }, enabled: true });
    const end = app.passwordCredentials.find((c) => c.keyId === keyId)?.endDateTime;
    expect(version?.expires).toBe(Math.floor(Date.parse(end!) / 1000));
    // The step outputs do not carry it; the ledger records that the vault holds it.
    expect(result.outputs['client-secret'] ?? '').toBe('');
    expect(result.stdout).toContain(`key vault ${new URL(emu.urls.keyVault).host} (secret ${SECRET})`);
    expect(ledgerTags(emu, app.id)).toEqual([expect.objectContaining({ kind: 'holds', keyId: keyId.toLowerCase() })]);
  });

  test('a second run with rotate when-expiring writes nothing: the vault is known to hold a fresh secret', async () => {
    const first = await run(emu, inputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    emu.advanceTime(MINUTE);
    emu.resetRequests();
    const again = await run(emu, { ...inputs, rotate: 'when-expiring' });
    expect(errorText(again)).toBe('');
    expect(again.outputs['secret-key-id']).toBe('');
    expect(writes(emu)).toEqual([]);
    expect(emu.requests().some((r) => r.service === 'keyvault' && r.method === 'GET')).toBe(true);
    expect(emu.keyVault.versions(VAULT, SECRET)).toHaveLength(1);
    expect(vaultHolds(app.id)).toBe(first.outputs['secret-key-id']);
  });

  test('a rotation keeps the replaced secret for its grace period, then retires it; the vault keeps a working secret throughout', async () => {
    const first = await run(emu, { ...inputs, 'keep-secrets': '1' });
    const k1 = first.outputs['secret-key-id']!;
    const app = portalApps(emu)[0]!;
    emu.advanceTime(MINUTE);
    const second = await run(emu, { ...inputs, 'keep-secrets': '1', 'grace-period-days': '7' });
    expect(errorText(second)).toBe('');
    const k2 = second.outputs['secret-key-id']!;
    expect(k2).not.toBe(k1);
    expect(vaultHolds(app.id)).toBe(k2);
    expect(await vaultSignsIn(app.appId)).toBe(true);
    // The replaced secret stays: a portal that read the vault before may still use it.
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2].sort());
    expect(emu.keyVault.versions(VAULT, SECRET).map((v) => v.contentType?.split(':')[2])).toEqual([k1, k2]);

    emu.advanceTime(8 * DAY);
    const later = await run(emu, { ...inputs, 'keep-secrets': '1', 'grace-period-days': '7', rotate: 'when-expiring' });
    expect(errorText(later)).toBe('');
    expect(later.outputs['secret-key-id']).toBe('');
    expect(keyIdsOf(emu, app.id)).toEqual([k2]);
    expect(await vaultSignsIn(app.appId)).toBe(true);
  });

  test('without a role on the vault the run fails before anything changes in Entra, naming the role and the command', async () => {
    emu.keyVault.revokeRole(VAULT, emu.deployer.clientId);
    const result = await run(emu, inputs);
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    expect(error).toContain(`Reading ${SECRET} from key vault`);
    expect(error).toContain('HTTP 403 Forbidden (ForbiddenByRbac)');
    expect(error).toContain(`az role assignment create --role "Key Vault Secrets Officer" --assignee ${emu.deployer.clientId} --scope`);
    expect(portalApps(emu)).toEqual([]);
    expect(writes(emu, 'graph')).toEqual([]);
    expect(emu.keyVault.versions(VAULT, SECRET)).toEqual([]);
  });

  test('a soft-deleted secret of that name: the write is refused (409), the new client secret removed again, and recover or purge explained', async () => {
    const first = await run(emu, inputs);
    const k1 = first.outputs['secret-key-id']!;
    const app = portalApps(emu)[0]!;
    emu.keyVault.softDeleteSecret(VAULT, SECRET);
    emu.advanceTime(MINUTE);
    const result = await run(emu, { ...inputs, rotate: 'when-expiring' });
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    expect(error).toContain('answered HTTP 409 Conflict (ObjectIsDeletedButRecoverable)');
    expect(error).toContain(`az keyvault secret recover --vault-name ${new URL(emu.urls.keyVault).host} --name ${SECRET}`);
    expect(error).toContain('az keyvault secret purge');
    expect(error).toContain('was removed again');
    expect(keyIdsOf(emu, app.id)).toEqual([k1]);
  });

  test('a run killed after its write landed, before the ledger recorded it, leaves a working secret; the next run settles the ledger', async () => {
    const first = await run(emu, inputs);
    const k1 = first.outputs['secret-key-id']!;
    const app = portalApps(emu)[0]!;
    emu.advanceTime(MINUTE);
    // The pending fact is written; the holds fact (the second PATCH of the application) never is.
    emu.faults.add({ service: 'graph', method: 'PATCH', path: '^/v1.0/applications', skip: 1, response: 'hang', times: 5 });
    const killed = await runKilled(emu, inputs, {}, (out) => out.includes('written in key vault'));
    expect(killed.exitCode).toBe(137);
    const k2 = keyIdsOf(emu, app.id).find((k) => k !== k1)!;
    expect(vaultHolds(app.id)).toBe(k2);
    expect(await vaultSignsIn(app.appId)).toBe(true);
    expect(ledgerTags(emu, app.id).filter((f) => f.kind === 'pending').map((f) => f.keyId)).toEqual([k2.toLowerCase()]);
    emu.faults.clear();
    emu.advanceTime(MINUTE);

    const next = await run(emu, { ...inputs, rotate: 'when-expiring' });
    expect(errorText(next)).toBe('');
    const k3 = next.outputs['secret-key-id']!;
    expect(k3).toMatch(/^[0-9a-f-]{36}$/);
    expect(vaultHolds(app.id)).toBe(k3);
    expect(await vaultSignsIn(app.appId)).toBe(true);
    // Both earlier secrets may be in use by a portal that read the vault: neither goes before its grace period ends.
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2, k3].sort());
  });

  test('bad key-vault inputs fail before any request, naming the input and what is valid', async () => {
    const result = await run(emu, { ...inputs, 'key-vault-url': 'https://kv.vault.azure.net', 'key-vault-secret-name': 'portal_secret' });
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    expect(error).toContain('key-vault-url: "kv" is not a key vault name: 3 to 24 letters, digits and single hyphens');
    expect(error).toContain('key-vault-secret-name: "portal_secret" is not a Key Vault secret name: 1 to 127 letters, digits and hyphens');
    expect(emu.requests()).toEqual([]);
  });
});

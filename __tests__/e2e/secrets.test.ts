import { changeKinds, emulator, errorText, expectSecretOnlyMasked, run, writes, portalApps, type Emulator } from './harness.ts';

const DAY = 86_400_000;
const REPO = 'contoso/portal-infra';

describe('deliver secrets to GitHub and rotate safely', () => {
  let emu: Emulator;
  let token: string;
  beforeEach(async () => {
    emu = await emulator();
    token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
  });
  afterEach(async () => {
    await emu.close();
  });

  const targets: { name: string; inputs: Record<string, string>; target: { repository: string; environment?: string } | { organization: string } }[] = [
    { name: 'repository', inputs: { 'secrets-target': 'repository' }, target: { repository: REPO } },
    { name: 'environment', inputs: { 'secrets-target': 'environment', 'secrets-environment': 'production' }, target: { repository: REPO, environment: 'production' } },
    { name: 'organization', inputs: { 'secrets-target': 'organization' }, target: { organization: 'contoso' } },
  ];

  test.each(targets)('writes the three secrets to the $name, decryptable to the right values', async ({ inputs, target }) => {
    emu.github.addEnvironment(REPO, 'production');
    const result = await run(emu, { ...inputs, 'github-token': token });
    expect(errorText(result)).toBe('');
    const app = portalApps(emu)[0]!;
    const keyId = result.outputs['secret-key-id']!;
    const secretText = emu.graph.secretTexts(app.id)[keyId]!;
    expect(await emu.github.decryptSecret(target, 'INTREXX_CLIENT_ID')).toBe(app.appId);
    expect(await emu.github.decryptSecret(target, 'INTREXX_TENANT_ID')).toBe(emu.tenantId);
    expect(await emu.github.decryptSecret(target, 'INTREXX_CLIENT_SECRET')).toBe(secretText);
    expect(result.outputs['client-secret']).toBeUndefined();
    expect(changeKinds(result)).toContain('deliver-secrets');
    if ('organization' in target) expect(emu.github.secretMeta(target, 'INTREXX_CLIENT_SECRET')?.visibility).toBe('private');
    expectSecretOnlyMasked(result, secretText);
  });

  test('organization secrets with visibility selected are limited to the secrets repository', async () => {
    const repo = emu.github.addRepository('contoso/portal-web');
    const result = await run(emu, { 'secrets-target': 'organization', 'secrets-visibility': 'selected', 'secrets-repository': 'contoso/portal-web', 'github-token': token });
    expect(errorText(result)).toBe('');
    const meta = emu.github.secretMeta({ organization: 'contoso' }, 'INTREXX_CLIENT_SECRET');
    expect(meta?.visibility).toBe('selected');
    expect(meta?.selected_repository_ids).toEqual([repo.id]);
  });

  test('a missing environment fails before any secret is made, saying what to check', async () => {
    const result = await run(emu, { 'secrets-target': 'environment', 'secrets-environment': 'staging', 'github-token': token });
    expect(result.exitCode).not.toBe(0);
    expect(errorText(result)).toContain('environment staging of contoso/portal-infra');
    expect(errorText(result)).toContain('an environment must be created first');
    expect(portalApps(emu)[0]?.passwordCredentials ?? []).toHaveLength(0);
  });

  test('custom secret-name-prefix names the three secrets', async () => {
    const result = await run(emu, { 'secrets-target': 'repository', 'secret-name-prefix': 'portal_prod_', 'github-token': token });
    expect(errorText(result)).toBe('');
    expect(emu.github.secretNames({ repository: REPO }).sort()).toEqual(['PORTAL_PROD_CLIENT_ID', 'PORTAL_PROD_CLIENT_SECRET', 'PORTAL_PROD_TENANT_ID']);
  });

  test('secrets of the first release stay until they expire (a destination not yet upgraded may hold them); a hand-made one never goes', async () => {
    const app = emu.graph.createApplication(
      { displayName: 'Intrexx Portal', uniqueName: 'intrexx-intrexx-portal', web: { redirectUris: ['https://portal.example.com/service/oauth2/authorize'] }, isFallbackPublicClient: true },
      { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
    );
    const old = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    const handMade = emu.graph.addPassword(app.id, { displayName: 'made by hand', startDateTime: old(400), endDateTime: new Date(Date.now() + 30 * DAY).toISOString() });
    const oldest = emu.graph.addPassword(app.id, { displayName: 'intrexx-entra-action run 1.1 aaaa', startDateTime: old(300), endDateTime: new Date(Date.now() + 10 * DAY).toISOString() });
    const older = emu.graph.addPassword(app.id, { displayName: 'intrexx-entra-action run 2.1 bbbb', startDateTime: old(200), endDateTime: new Date(Date.now() + 100 * DAY).toISOString() });

    // The first release named no destination in its labels: no delivery of this release replaces them.
    const first = await run(emu, { 'keep-secrets': '2' });
    expect(errorText(first)).toBe('');
    expect(emu.graph.application(app.id)!.passwordCredentials.map((c) => c.keyId).sort()).toEqual([handMade.keyId, oldest.keyId, older.keyId, first.outputs['secret-key-id']!].sort());

    emu.advanceTime(8 * DAY);
    const later = await run(emu, { 'keep-secrets': '2', rotate: 'when-expiring' });
    expect(errorText(later)).toBe('');
    const keyIdsNow = () => emu.graph.application(app.id)!.passwordCredentials.map((c) => c.keyId).sort();
    expect(keyIdsNow()).toEqual([handMade.keyId, oldest.keyId, older.keyId, first.outputs['secret-key-id']!].sort());
    expect(changeKinds(later)).toEqual([]);
    // Four days on, the oldest expired two days ago: it signs in nowhere and goes.
    emu.advanceTime(4 * DAY);
    const expired = await run(emu, { 'keep-secrets': '2', rotate: 'when-expiring' });
    expect(errorText(expired)).toBe('');
    expect(keyIdsNow()).toEqual([handMade.keyId, older.keyId, first.outputs['secret-key-id']!].sort());
    expect(changeKinds(expired)).toEqual(['remove-client-secret']);
  });

  test('rotate=when-expiring with a fresh secret makes none and changes nothing', async () => {
    const first = await run(emu);
    expect(first.exitCode).toBe(0);
    emu.resetRequests();
    const second = await run(emu, { rotate: 'when-expiring' });
    expect(errorText(second)).toBe('');
    expect(second.outputs['client-secret']).toBeUndefined();
    expect(second.outputs['secret-key-id']).toBe('');
    expect(changeKinds(second)).toEqual([]);
    expect(second.stdout).toMatch(/No new client secret: the step outputs .*: it holds client secret .*, valid until .*, more than rotate-before-days \(30\) away/);
    expect(portalApps(emu)[0]!.passwordCredentials).toHaveLength(1);
    expect(writes(emu, 'graph')).toEqual([]);
  });

  test('rotate=when-expiring with a secret about to expire makes a new one', async () => {
    const app = emu.graph.createApplication(
      { displayName: 'Intrexx Portal', uniqueName: 'intrexx-intrexx-portal', web: { redirectUris: ['https://portal.example.com/service/oauth2/authorize'] }, isFallbackPublicClient: true },
      { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
    );
    emu.graph.addPassword(app.id, { displayName: 'intrexx-entra-action run 9.1 cccc', startDateTime: new Date(Date.now() - 170 * DAY).toISOString(), endDateTime: new Date(Date.now() + 10 * DAY).toISOString() });
    const result = await run(emu, { rotate: 'when-expiring', 'rotate-before-days': '30' });
    expect(errorText(result)).toBe('');
    expect(result.outputs['secret-key-id']).not.toBe('');
    expect(changeKinds(result)).toContain('add-client-secret');
    expect(emu.graph.application(app.id)!.passwordCredentials).toHaveLength(2);
  });

  test('a failed delivery removes the new secret again and keeps the old ones', async () => {
    const first = await run(emu);
    const keyBefore = first.outputs['secret-key-id']!;
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_SECRET', response: { status: 500, body: { message: 'Server Error' } } });
    const result = await run(emu, { 'secrets-target': 'repository', 'github-token': token });
    expect(result.exitCode).not.toBe(0);
    expect(errorText(result)).toContain('was removed again');
    const keys = portalApps(emu)[0]!.passwordCredentials.map((c) => c.keyId);
    expect(keys).toEqual([keyBefore]);
  });

  test('a token without the secrets permission fails before anything changes in Entra ID, naming the permission that works', async () => {
    // A brand-new portal: nothing exists yet, so any Graph write would create its registration.
    expect(portalApps(emu)).toEqual([]);
    const weak = emu.github.issueToken({ secretsPermission: 'none', kind: 'github_token' });
    const result = await run(emu, { 'secrets-target': 'repository', 'github-token': weak });
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    expect(error).toContain('403');
    expect(error).toContain('GITHUB_TOKEN can never write Actions secrets');
    expect(error).toContain('the repository permission "Secrets: Read and write"');
    // Zero Graph writes: no application, no service principal, no client secret, no ledger tag.
    expect(writes(emu, 'graph')).toEqual([]);
    expect(portalApps(emu)).toEqual([]);
    expect(emu.github.secretNames({ repository: REPO })).toEqual([]);
    expect(writes(emu, 'github')).toEqual([]);
  });

  test('verification waits through Entra propagating the new secret', async () => {
    emu.setSecretPropagation(2500);
    const result = await run(emu, { 'secrets-target': 'repository', 'github-token': token });
    expect(errorText(result)).toBe('');
    expect(result.stdout).toMatch(/not yet propagated \(AADSTS7000215\)/);
    expect(result.stdout).toContain('Signed in with the new client secret');
  });

  test('verification that times out removes nothing old and fails with an explanation', async () => {
    const app = emu.graph.createApplication(
      { displayName: 'Intrexx Portal', uniqueName: 'intrexx-intrexx-portal', web: { redirectUris: ['https://portal.example.com/service/oauth2/authorize'] }, isFallbackPublicClient: true },
      { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
    );
    // Old enough that keep-secrets 1 would remove it once the new secret is verified.
    const keyBefore = emu.graph.addPassword(app.id, { displayName: 'intrexx-entra-action run 3.1 dddd', startDateTime: new Date(Date.now() - 90 * DAY).toISOString(), endDateTime: new Date(Date.now() + 90 * DAY).toISOString() }).keyId;
    emu.setSecretPropagation(60_000);
    const result = await run(emu, { 'verify-timeout-seconds': '2', 'keep-secrets': '1' });
    expect(result.exitCode).not.toBe(0);
    expect(errorText(result)).toContain('did not sign in within 2 s');
    expect(errorText(result)).toContain('Nothing was removed');
    expect(errorText(result)).toContain(`the step outputs for https://portal.example.com (workflows of contoso/portal-infra): the new client secret ${result.outputs['secret-key-id']}`);
    const keys = portalApps(emu)[0]!.passwordCredentials.map((c) => c.keyId);
    expect(keys).toContain(keyBefore);
    expect(keys).toHaveLength(2);
  });
});

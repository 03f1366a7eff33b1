import { baseInputs, changeKinds, emulator, errorText, expectSecretOnlyMasked, PORTAL, REDIRECT_URI, run, runAction, writes, portalApps, type Emulator } from './harness.ts';

describe('register a portal end to end', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await emulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  test('creates the registration, its service principal and a working secret', async () => {
    const result = await run(emu);
    expect(errorText(result)).toBe('');
    expect(result.exitCode).toBe(0);

    const apps = portalApps(emu);
    expect(apps).toHaveLength(1);
    const app = apps[0]!;
    expect(app.displayName).toBe('Intrexx Portal');
    expect(app.uniqueName).toBe('intrexx-portal');
    expect(app.web?.redirectUris).toEqual([REDIRECT_URI]);
    expect(app.isFallbackPublicClient).toBe(true);
    expect(app.signInAudience).toBe('AzureADMyOrg');
    expect(emu.graph.owners(app.id)).toContain(emu.deployer.servicePrincipalId);
    expect(emu.graph.servicePrincipals().filter((sp) => sp.appId === app.appId)).toHaveLength(1);
    expect(app.passwordCredentials).toHaveLength(1);

    const secret = result.outputs['client-secret']!;
    const credential = app.passwordCredentials[0]!;
    expect(emu.graph.secretTexts(app.id)[credential.keyId]).toBe(secret);
    // The label names the destination (here the step outputs) and the run.
    expect(credential.displayName).toMatch(/^intrexx-entra-action [0-9a-f]{12} run \S+\.\d+ [0-9a-f]{6} [0-9a-f]{8}$/);
    expect(await emu.entra.signInWithSecret(app.appId, secret)).toBe(true);

    expect(result.outputs).toMatchObject({
      'client-id': app.appId,
      'tenant-id': emu.tenantId,
      'object-id': app.id,
      'secret-key-id': credential.keyId,
      created: 'true',
      'redirect-uris': JSON.stringify([REDIRECT_URI]),
    });
    expect(changeKinds(result)).toEqual(['create-application', 'add-redirect-uri', 'enable-public-client-flows', 'create-service-principal', 'add-client-secret']);
    expectSecretOnlyMasked(result, secret);
    expect(result.summary).toContain(app.appId);
    expect(result.summary).toContain(credential.keyId);
    expect(result.stdout).toContain('::group::Sign in to Microsoft Graph');
  });

  test('a second run changes only the secret and keeps one registration', async () => {
    const first = await run(emu);
    expect(first.exitCode).toBe(0);
    const before = portalApps(emu)[0]!;
    emu.resetRequests();

    const second = await run(emu);
    expect(errorText(second)).toBe('');
    const apps = portalApps(emu);
    expect(apps).toHaveLength(1);
    const after = apps[0]!;
    expect(after.id).toBe(before.id);
    expect(second.outputs.created).toBe('false');
    expect(changeKinds(second)).toEqual(['add-client-secret']);
    expect(after.passwordCredentials).toHaveLength(2);
    // Besides the secret, only the delivery ledger in tags changed: the outputs now hold the new secret.
    expect({ ...after, passwordCredentials: [], tags: [] }).toEqual({ ...before, passwordCredentials: [], tags: [] });
    expect(after.tags).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`:holds:${second.outputs['secret-key-id']}:-$`))]));
    // The only Graph writes of the rerun are the new secret and the ledger's record of it.
    expect(writes(emu, 'graph').map((r) => `${r.method} ${r.path.replace(/\/applications\/[^/]+/, '/applications/{id}')}`)).toEqual([
      'POST /v1.0/applications/{id}/addPassword',
      'PATCH /v1.0/applications/{id}',
    ]);
    expectSecretOnlyMasked(second, second.outputs['client-secret']!);
  });

  test('adopts a registration made by hand, keeping its other redirect URIs and web settings', async () => {
    const exchange = `${PORTAL}/oauth2/token/msexchange`;
    const handMade = emu.graph.createApplication(
      { displayName: 'Intrexx Portal', web: { redirectUris: [exchange], homePageUrl: PORTAL, logoutUrl: `${PORTAL}/logout` }, isFallbackPublicClient: false },
      { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
    );
    const result = await run(emu);
    expect(errorText(result)).toBe('');

    const apps = portalApps(emu);
    expect(apps).toHaveLength(1);
    const app = apps[0]!;
    expect(app.id).toBe(handMade.id);
    // Where Graph refuses to set uniqueName on an existing app (one reading), the app is adopted without it.
    const settable = emu.readings.uniqueNameWhileNull === 'settable';
    expect(app.uniqueName).toBe(settable ? 'intrexx-portal' : null);
    expect(app.web?.redirectUris).toEqual([exchange, REDIRECT_URI]);
    expect(app.web?.homePageUrl).toBe(PORTAL);
    expect(app.web?.logoutUrl).toBe(`${PORTAL}/logout`);
    expect(app.isFallbackPublicClient).toBe(true);
    expect(changeKinds(result)).toEqual([...(settable ? ['adopt-application'] : []), 'add-redirect-uri', 'enable-public-client-flows', 'add-client-secret']);
    expect(emu.graph.servicePrincipals().filter((sp) => sp.appId === app.appId)).toHaveLength(1);
  });

  test('a registration the deployer does not own is a clear error and nothing is written', async () => {
    const foreign = emu.graph.createApplication({ displayName: 'Intrexx Portal' }, { ownerIds: [] });
    const result = await run(emu);
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    expect(error).toContain(foreign.appId);
    expect(error).toContain('not one of its owners');
    expect(error).toContain(`az ad app owner add --id ${foreign.appId} --owner-object-id ${emu.deployer.servicePrincipalId}`);
    expect(writes(emu, 'graph')).toEqual([]);
    expect(portalApps(emu)[0]!.passwordCredentials).toHaveLength(0);
  });

  test('two registrations with the name are listed and nothing is written', async () => {
    const a = emu.graph.createApplication({ displayName: 'Intrexx Portal' }, { ownerIds: [emu.deployer.servicePrincipalId] });
    const b = emu.graph.createApplication({ displayName: 'Intrexx Portal' }, { ownerIds: [emu.deployer.servicePrincipalId] });
    const result = await run(emu);
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    for (const app of [a, b]) {
      expect(error).toContain(app.id);
      expect(error).toContain(app.appId);
    }
    expect(writes(emu, 'graph')).toEqual([]);
    expect(portalApps(emu)).toHaveLength(2);
  });

  test('display names with quotes are found (OData escaping)', async () => {
    const name = "O'Brien's Portal";
    emu.graph.createApplication({ displayName: name }, { ownerIds: [emu.deployer.servicePrincipalId] });
    const result = await run(emu, { 'app-name': name });
    expect(errorText(result)).toBe('');
    expect(portalApps(emu)).toHaveLength(1);
    expect(changeKinds(result)[0]).toBe(emu.readings.uniqueNameWhileNull === 'settable' ? 'adopt-application' : 'add-redirect-uri');
  });

  test('dry-run shows the plan and writes nothing', async () => {
    const result = await run(emu, { 'dry-run': 'true' });
    expect(errorText(result)).toBe('');
    expect(changeKinds(result)).toEqual(['create-application', 'add-redirect-uri', 'enable-public-client-flows', 'create-service-principal', 'add-client-secret']);
    expect(result.stdout).toContain('would create app registration "Intrexx Portal"');
    expect(result.summary).toContain('dry run');
    expect(writes(emu, 'graph')).toEqual([]);
    expect(portalApps(emu)).toHaveLength(0);
    expect(result.outputs['client-secret']).toBeUndefined();
  });

  test('a job without id-token: write is told exactly that', async () => {
    const result = await run(emu, {}, { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined });
    expect(result.exitCode).not.toBe(0);
    expect(errorText(result)).toContain('permissions: id-token: write');
    expect(emu.requests().filter((r) => r.service === 'graph')).toEqual([]);
  });

  test('a federated credential mismatch shows the AADSTS code and the subject to create', async () => {
    emu.setJob({ ref: 'refs/heads/feature/x' });
    const result = await run(emu);
    expect(result.exitCode).not.toBe(0);
    const error = errorText(result);
    expect(error).toMatch(/AADSTS70021\d*/);
    expect(error).toContain('sub=repo:contoso/portal-infra:ref:refs/heads/feature/x');
    expect(error).toContain('iss=https://token.actions.githubusercontent.com');
    expect(error).toContain('aud=api://AzureADTokenExchange');
    expect(error).toContain('az ad app federated-credential create');
    expect(emu.requests().filter((r) => r.service === 'graph')).toEqual([]);
  });

  test('several portal base URLs share one registration', async () => {
    const result = await run(emu, { 'portal-base-url': `${PORTAL}/\nhttps://intranet.example.com/portal/\n` });
    expect(errorText(result)).toBe('');
    expect(portalApps(emu)[0]!.web?.redirectUris).toEqual([REDIRECT_URI, 'https://intranet.example.com/portal/service/oauth2/authorize']);
  });

  test('runs against the emulator with only the runner-given inputs (no test-only switches)', async () => {
    const result = await runAction({ inputs: baseInputs(emu), env: emu.runnerEnv() });
    expect(result.exitCode).toBe(0);
  });
});

describe('registrations the previous release created, keyed intrexx-intrexx-…', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await emulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  /** A registration as the previous release left it for app-name "Intrexx Portal". */
  function previousRelease(displayName = 'Intrexx Portal') {
    return emu.graph.createApplication(
      { displayName, uniqueName: 'intrexx-intrexx-portal', isFallbackPublicClient: true, web: { redirectUris: [REDIRECT_URI] } },
      { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
    );
  }

  test('is found by its old key and used: no second registration, its key kept', async () => {
    const old = previousRelease();
    const result = await run(emu);
    expect(errorText(result)).toBe('');

    expect(portalApps(emu).map((a) => a.id)).toEqual([old.id]);
    expect(emu.graph.application(old.id)?.uniqueName).toBe('intrexx-intrexx-portal');
    expect(result.outputs).toMatchObject({ 'client-id': old.appId, 'object-id': old.id, created: 'false' });
    expect(changeKinds(result)).toEqual(['add-client-secret']);
    // Found by the key in the one lookup round trip, not adopted by display name (which would warn).
    expect(result.stdout).toContain(`by unique-name intrexx-intrexx-portal, the key the previous release derived from app-name (kept)`);
    // The emulator's endpoints need allow-custom-endpoints, which warns; nothing else may.
    expect(result.stdout.split('\n').filter((l) => l.startsWith('::warning::') && !/allow-custom-endpoints is true/.test(l))).toEqual([]);

    // And again on the next run.
    const again = await run(emu);
    expect(errorText(again)).toBe('');
    expect(portalApps(emu).map((a) => a.id)).toEqual([old.id]);
  });

  test('is found by its old key even after it was renamed by hand', async () => {
    const old = previousRelease('Intrexx Portal (renamed in the admin center)');
    const result = await run(emu);
    expect(errorText(result)).toBe('');
    expect(portalApps(emu).map((a) => a.id)).toEqual([old.id]);
    expect(emu.graph.application(old.id)?.displayName).toBe('Intrexx Portal');
    expect(changeKinds(result)).toEqual(['rename-application', 'add-client-secret']);
  });

  test('wins over another portal whose old key is the new one, which stays untouched', async () => {
    // The previous release keyed app-name "Portal" intrexx-portal: the key "Intrexx Portal" derives now.
    const other = emu.graph.createApplication(
      { displayName: 'Portal', uniqueName: 'intrexx-portal', isFallbackPublicClient: true, web: { redirectUris: ['https://other.example.com/service/oauth2/authorize'] } },
      { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
    );
    const before = emu.graph.application(other.id);
    const old = previousRelease();

    const result = await run(emu);
    expect(errorText(result)).toBe('');
    expect(result.outputs['client-id']).toBe(old.appId);
    expect(emu.graph.application(other.id)).toEqual(before);
    expect(portalApps(emu)).toHaveLength(2);
    expect(result.stdout).toContain(`::warning::Two registrations match "Intrexx Portal": uniqueName intrexx-intrexx-portal (client ID ${old.appId})`);
  });

  test('a new registration gets the key without the doubled prefix', async () => {
    const result = await run(emu, { 'app-name': 'Intrexx demo portal' });
    expect(errorText(result)).toBe('');
    expect(portalApps(emu).map((a) => a.uniqueName)).toEqual(['intrexx-demo-portal']);
  });

  test("another portal's registration whose name derives the same key is never taken over", async () => {
    // "Portal" was keyed intrexx-portal by the previous release; "Intrexx Portal" derives that key now.
    const other = emu.graph.createApplication(
      { displayName: 'Portal', uniqueName: 'intrexx-portal', isFallbackPublicClient: true, web: { redirectUris: ['https://other.example.com/service/oauth2/authorize'] } },
      { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
    );
    const before = emu.graph.application(other.id);
    emu.resetRequests();
    const result = await run(emu);
    expect(result.exitCode).not.toBe(0);
    expect(errorText(result)).toContain('is named "Portal", another portal\'s name that derives the same key as app-name "Intrexx Portal"');
    expect(emu.graph.application(other.id)).toEqual(before);
    expect(portalApps(emu)).toHaveLength(1);
    expect(writes(emu)).toEqual([]);
  });

  test('a change of case only is still a rename of the same registration', async () => {
    const first = await run(emu, { 'app-name': 'intrexx portal' });
    expect(errorText(first)).toBe('');
    const renamed = await run(emu, { 'app-name': 'Intrexx Portal' });
    expect(errorText(renamed)).toBe('');
    expect(portalApps(emu).map((a) => a.displayName)).toEqual(['Intrexx Portal']);
    expect(changeKinds(renamed)).toContain('rename-application');
  });
});

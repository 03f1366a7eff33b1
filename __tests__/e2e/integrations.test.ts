import { baseInputs, changeKinds, emulator, errorText, PORTAL, portalApps, run, runAction, writes, type Emulator } from './harness.ts';

// Intrexx GUIDs are 40 hexadecimal characters (the Intrexx glossary's example).
const GUID = '926B444D13B87CE9EEA22BBF9EDAA27A8C7DFE4D';
const INTRANET = 'https://intranet.example.com/portal';

/** The Web redirect URIs the emulator holds for the one portal registration. */
function redirectUris(emu: Emulator): string[] {
  const apps = portalApps(emu);
  expect(apps).toHaveLength(1);
  return emu.graph.application(apps[0]!.id)?.web?.redirectUris ?? [];
}

describe('Intrexx integrations', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await emulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  test('without the input, the registration holds the Office 365 redirect URI only, as before', async () => {
    const result = await run(emu);
    expect(errorText(result)).toBe('');
    expect(redirectUris(emu)).toEqual([`${PORTAL}/service/oauth2/authorize`]);
  });

  test('every integration adds its documented redirect URIs for every base URL, then the extra redirect-paths', async () => {
    const result = await run(emu, {
      'portal-base-url': `${PORTAL}\n${INTRANET}`,
      integrations: `Exchange, sso\nsso:Okta_EU, sso-legacy\nsharepoint:${GUID}`,
      'redirect-paths': '/oauth2/token/msexchange\n/custom/callback',
    });
    expect(errorText(result)).toBe('');
    const perBase = (base: string) => [
      `${base}/service/oauth2/authorize`,
      `${base}/oauth2/token/msexchange`,
      `${base}/oauth2/login/azure`,
      `${base}/oauth2/login/Okta_EU`,
      `${base}/login/oic/authenticate`,
      `${base}/oauth2/token/${GUID}`,
      `${base}/service/oauth2/token/${GUID}`,
      `${base}/custom/callback`,
    ];
    expect(redirectUris(emu)).toEqual([...perBase(PORTAL), ...perBase(INTRANET)]);
    expect(JSON.parse(result.outputs['redirect-uris'] ?? '[]')).toEqual(redirectUris(emu));
  });

  test('an SSO-only registration holds just the login URI', async () => {
    const result = await run(emu, { integrations: 'sso' });
    expect(errorText(result)).toBe('');
    expect(redirectUris(emu)).toEqual([`${PORTAL}/oauth2/login/azure`]);
  });

  test('adding an integration later adds only its URIs and keeps those the connectors added themselves', async () => {
    // A registration this action made earlier, to which an administrator has since added a URI by hand.
    const handAdded = `${PORTAL}/hand/added`;
    const existing = emu.graph.createApplication(
      { displayName: 'Intrexx Portal', uniqueName: 'intrexx-portal', isFallbackPublicClient: true, web: { redirectUris: [`${PORTAL}/service/oauth2/authorize`, handAdded] } },
      { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
    );

    const result = await run(emu, { integrations: `office365\nsharepoint:${GUID.toLowerCase()}` });
    expect(errorText(result)).toBe('');
    expect(portalApps(emu).map((a) => a.id)).toEqual([existing.id]);
    // Kept as given, lower case too: redirect URIs are case-sensitive.
    expect(redirectUris(emu)).toEqual([
      `${PORTAL}/service/oauth2/authorize`,
      handAdded,
      `${PORTAL}/oauth2/token/${GUID.toLowerCase()}`,
      `${PORTAL}/service/oauth2/token/${GUID.toLowerCase()}`,
    ]);
    expect(changeKinds(result)).toEqual(['add-redirect-uri', 'add-redirect-uri', 'add-client-secret']);
  });

  test.each<[string, string, string]>([
    ['an unknown integration', 'office365, teams', '"teams" is not an integration (expected office365, exchange, sso, sso:<provider name>, sso-legacy or sharepoint:<connector GUID>)'],
    ['SharePoint without its GUID', 'sharepoint', `"sharepoint" needs the connector's GUID`],
    ['SharePoint with a UUID instead of an Intrexx GUID', 'sharepoint:12345e16-b7ee-41a3-ffff-76d971cc6789', '"sharepoint:12345e16-b7ee-41a3-ffff-76d971cc6789" is not a connector GUID: expected the 40 hexadecimal characters Intrexx shows'],
    ['an SSO provider name with a slash', 'sso:azure/../x', `"sso:azure/../x" has an invalid provider name: use letters, digits, '-', '_' or '.'`],
  ])('%s fails before any request', async (_case, integrations, message) => {
    const result = await runAction({ inputs: baseInputs(emu, { integrations }), env: emu.runnerEnv() });
    expect(result.exitCode).toBe(1);
    expect(errorText(result)).toContain(`integrations: ${message}`);
    expect(emu.requests()).toEqual([]);
    expect(writes(emu)).toEqual([]);
  });

  test('too many redirect URIs with personal accounts fails before any request', async () => {
    // 21 base URLs × 5 URIs = 105, over the 100 Entra allows where personal accounts may sign in.
    const bases = Array.from({ length: 21 }, (_, i) => `https://p${i}.example.com`).join('\n');
    const result = await runAction({
      inputs: baseInputs(emu, { 'portal-base-url': bases, integrations: `exchange, sso, sharepoint:${GUID}`, 'sign-in-audience': 'AzureADandPersonalMicrosoftAccount' }),
      env: emu.runnerEnv(),
    });
    expect(result.exitCode).toBe(1);
    expect(errorText(result)).toContain('portal-base-url: yields 105 redirect URIs');
    expect(errorText(result)).toContain('Entra allows at most 100');
    expect(emu.requests()).toEqual([]);
  });
});

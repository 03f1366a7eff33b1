import { READING_VALUES } from '../../emulator/index.ts';
import { emulator, errorText, PORTAL, REDIRECT_URI, run, portalApps } from './harness.ts';

// The action under each reading of the points no primary source settles (emulator/readings.ts).
// The rest of the e2e suite runs under the defaults and again under every alternative (jest.config.js).

const hand = (emu: Awaited<ReturnType<typeof emulator>>, props: Record<string, unknown> = {}) =>
  emu.graph.createApplication({ displayName: 'Intrexx Portal', ...props }, { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true });

describe.each(READING_VALUES.uniqueNameWhileNull.map((r) => [r]))('uniqueNameWhileNull=%s', (uniqueNameWhileNull) => {
  test('a registration made by hand (uniqueName null) is adopted and gets a working secret', async () => {
    const emu = await emulator({ readings: { uniqueNameWhileNull } });
    try {
      expect(emu.readings.uniqueNameWhileNull).toBe(uniqueNameWhileNull);
      const made = hand(emu);
      const result = await run(emu);
      expect(errorText(result)).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.outputs['object-id']).toBe(made.id);
      expect(portalApps(emu)).toHaveLength(1);
      const app = emu.graph.application(made.id)!;
      expect(app.web?.redirectUris).toContain(REDIRECT_URI);
      expect(app.uniqueName).toBe(uniqueNameWhileNull === 'settable' ? 'intrexx-portal' : null);
      expect(await emu.entra.signInWithSecret(app.appId, result.outputs['client-secret']!)).toBe(true);
    } finally {
      await emu.close();
    }
  });
});

describe.each(READING_VALUES.webPatch.map((r) => [r]))('webPatch=%s', (webPatch) => {
  test('adding the redirect URI keeps the home page, logout URL, implicit-grant settings and other URIs', async () => {
    const emu = await emulator({ readings: { webPatch } });
    try {
      const other = `${PORTAL}/oauth2/token/msexchange`;
      const web = { redirectUris: [other], homePageUrl: PORTAL, logoutUrl: `${PORTAL}/logout`, implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false } };
      const made = hand(emu, { web });
      const result = await run(emu);
      expect(errorText(result)).toBe('');
      const app = emu.graph.application(made.id)!;
      expect(app.web).toMatchObject({ ...web, redirectUris: [other, REDIRECT_URI] });
    } finally {
      await emu.close();
    }
  });
});

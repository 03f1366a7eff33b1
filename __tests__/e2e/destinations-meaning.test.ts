import { httpsClient } from '../emulator/https-client.ts';
import { emulator, errorText, keyIdsOf, ledgerTags, portalApps, run, writes, type Emulator } from './harness.ts';

// Destinations that mean what users mean (issue 18): the step outputs are one destination per portal,
// environment names compare in any case as GitHub compares them, and an organization secret keeps the
// repositories an administrator selected for it.

const DAY = 86_400_000;
const MINUTE = 60_000;
const REPO = 'contoso/portal-infra';
const INTRANET = 'https://intranet.example.com';
const SHOP = 'https://shop.example.com';

describe('destinations that mean what users mean', () => {
  let emu: Emulator;
  let token: string;
  beforeEach(async () => {
    emu = await emulator();
    token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
  });
  afterEach(async () => {
    await emu.close();
  });

  test('two portals sharing a registration in one repository, both on step outputs: each keeps a working secret across alternating rotations', async () => {
    // The strictest rules, so that any secret a run counts as its own replaced one goes at once.
    const rules = { rotate: 'always', 'grace-period-days': '0', 'keep-secrets': '1' };
    // The intranet's deploy job: its base URL names its destination. The shop's job lists both portals
    // (the same first base URL), so it names its destination.
    const intranet = { ...rules, 'portal-base-url': INTRANET };
    const shop = { ...rules, 'portal-base-url': `${INTRANET}\n${SHOP}`, 'destination-name': 'Shop' };
    const held: Record<'intranet' | 'shop', string[]> = { intranet: [], shop: [] };
    for (let round = 0; round < 3; round++) {
      for (const [portal, inputs] of [['intranet', intranet], ['shop', shop]] as const) {
        const result = await run(emu, inputs);
        expect(errorText(result)).toBe('');
        held[portal].push(result.outputs['client-secret']!);
        const app = portalApps(emu)[0]!;
        // After every run, the secret each portal was last given still signs in.
        for (const other of ['intranet', 'shop'] as const) {
          const secret = held[other].at(-1);
          if (secret !== undefined) expect([round, portal, other, await emu.entra.signInWithSecret(app.appId, secret)]).toEqual([round, portal, other, true]);
        }
        emu.advanceTime(DAY);
      }
    }
    const app = portalApps(emu)[0]!;
    expect(portalApps(emu)).toHaveLength(1);
    // Two destinations in the ledger, each holding the secret it was last given; the others went.
    const holds = ledgerTags(emu, app.id).filter((f) => f.kind === 'holds');
    expect(new Set(holds.map((f) => f.destination)).size).toBe(2);
    expect(keyIdsOf(emu, app.id)).toHaveLength(2);
    for (const portal of ['intranet', 'shop'] as const) {
      for (const old of held[portal].slice(0, -1)) expect(await emu.entra.signInWithSecret(app.appId, old)).toBe(false);
    }
  });

  test('an environment named Production in one run and production in the next is one destination: the second run writes nothing', async () => {
    emu.github.addEnvironment(REPO, 'production');
    const inputs = { 'secrets-target': 'environment', 'github-token': token, rotate: 'when-expiring' };
    const first = await run(emu, { ...inputs, 'secrets-environment': 'Production' });
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    const made = first.outputs['secret-key-id']!;
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    emu.advanceTime(MINUTE);
    emu.resetRequests();

    for (const name of ['production', 'PRODUCTION']) {
      const again = await run(emu, { ...inputs, 'secrets-environment': name });
      expect(errorText(again)).toBe('');
      expect(again.outputs['secret-key-id']).toBe('');
      expect(writes(emu)).toEqual([]);
      expect(keyIdsOf(emu, app.id)).toEqual([made]);
    }
  });

  describe('an organization secret with visibility selected', () => {
    const ORG = { organization: 'contoso' };
    const NAMES = ['INTREXX_CLIENT_ID', 'INTREXX_TENANT_ID', 'INTREXX_CLIENT_SECRET'];
    const selected = (name: string) => [...(emu.github.secretMeta(ORG, name)?.selected_repository_ids ?? [])].sort((a, b) => a - b);

    test('keeps the repositories an administrator added; a new secret gets just the secrets repository', async () => {
      const own = emu.github.addRepository('contoso/portal-web');
      const added = emu.github.addRepository('contoso/intranet-tools');
      const inputs = { 'secrets-target': 'organization', 'secrets-visibility': 'selected', 'secrets-repository': 'contoso/portal-web', 'github-token': token, rotate: 'always' };
      const first = await run(emu, inputs);
      expect(errorText(first)).toBe('');
      for (const name of NAMES) expect([name, selected(name)]).toEqual([name, [own.id]]);

      // An administrator makes two of the secrets available to another repository (add-selected-repository-to-an-organization-secret).
      const admin = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
      const client = httpsClient(emu.caCertPath);
      try {
        for (const name of ['INTREXX_CLIENT_ID', 'INTREXX_CLIENT_SECRET']) {
          const res = await client.send('PUT', `${emu.urls.githubApiUrl}/orgs/contoso/actions/secrets/${name}/repositories/${added.id}`, { headers: { Authorization: `Bearer ${admin}` } });
          expect(res.status).toBe(204);
        }
      } finally {
        client.close();
      }

      emu.advanceTime(DAY);
      const second = await run(emu, inputs);
      expect(errorText(second)).toBe('');
      expect(second.outputs['secret-key-id']).not.toBe(first.outputs['secret-key-id']);
      const both = [own.id, added.id].sort((a, b) => a - b);
      expect(NAMES.map((name) => [name, selected(name)])).toEqual([
        ['INTREXX_CLIENT_ID', both],
        ['INTREXX_TENANT_ID', [own.id]],
        ['INTREXX_CLIENT_SECRET', both],
      ]);
      for (const name of NAMES) expect(emu.github.secretMeta(ORG, name)?.visibility).toBe('selected');
    });

    test('a secret that was available to the whole organization becomes available to the secrets repository only', async () => {
      const own = emu.github.addRepository('contoso/portal-web');
      const inputs = { 'secrets-target': 'organization', 'secrets-repository': 'contoso/portal-web', 'github-token': token, rotate: 'always' };
      expect(errorText(await run(emu, { ...inputs, 'secrets-visibility': 'all' }))).toBe('');
      for (const name of NAMES) expect(emu.github.secretMeta(ORG, name)?.visibility).toBe('all');
      emu.advanceTime(DAY);
      expect(errorText(await run(emu, { ...inputs, 'secrets-visibility': 'selected' }))).toBe('');
      for (const name of NAMES) expect([name, emu.github.secretMeta(ORG, name)?.visibility, selected(name)]).toEqual([name, 'selected', [own.id]]);
    });
  });
});

import sodium from 'libsodium-wrappers';
import { httpsClient } from '../emulator/https-client.ts';
import { emulator, errorText, githubHolds, keyIdsOf, portalApps, run, type Emulator } from './harness.ts';

// One registration, several destinations and people (issue: "several destinations, several people"):
// each destination's own rules bind every run; a destination may confirm its use of a new secret
// before the replaced one's grace period starts; a destination whose holding is unknown protects every
// secret it was ever given; the first release's secrets stay until they expire.

const REPO = 'contoso/portal-infra';
const REPO_TARGET = { repository: REPO };
const DAY = 86_400_000;

/** What a person does with `gh secret set`: read the public key, seal the value, PUT it. */
async function writeByHand(emu: Emulator, token: string, name: string, value: string): Promise<void> {
  await sodium.ready;
  const client = httpsClient(emu.caCertPath);
  try {
    const base = `${emu.urls.githubApiUrl}/repos/${REPO}/actions/secrets`;
    const headers = { Authorization: `Bearer ${token}`, 'User-Agent': 'gh' };
    const key = await client.send('GET', `${base}/public-key`, { headers });
    const sealed = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key.json.key, sodium.base64_variants.ORIGINAL));
    const put = await client.send('PUT', `${base}/${name}`, { headers, json: { encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL), key_id: key.json.key_id } });
    expect(put.status).toBe(204);
  } finally {
    client.close();
  }
}

describe('rotation: several destinations, several people', () => {
  let emu: Emulator;
  let token: string;
  let repoInputs: Record<string, string>;
  beforeEach(async () => {
    emu = await emulator();
    token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
    emu.github.addEnvironment(REPO, 'production');
    repoInputs = { 'secrets-target': 'repository', 'github-token': token, rotate: 'always' };
  });
  afterEach(async () => {
    await emu.close();
  });

  test("an environment run with grace 0 and keep 1 never cuts short the repository's grace period of 7 days", async () => {
    const first = await run(emu, repoInputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    const k1 = first.outputs['secret-key-id']!;
    emu.advanceTime(DAY);
    expect(errorText(await run(emu, repoInputs))).toBe('');
    // Two minutes later, another workflow rotates the environment with rules of its own.
    emu.advanceTime(2 * 60_000);
    const env = await run(emu, { 'secrets-target': 'environment', 'secrets-environment': 'production', 'github-token': token, rotate: 'always', 'grace-period-days': '0', 'keep-secrets': '1' });
    expect(errorText(env)).toBe('');
    // The repository's portal may still run on k1 for 7 days after its replacement: it stays and signs in.
    expect(keyIdsOf(emu, app.id)).toContain(k1);
    expect(await emu.entra.signInWithSecret(app.appId, emu.graph.secretTexts(app.id)[k1]!)).toBe(true);
    expect(env.stdout).toMatch(/Keeping client secret .*its grace period \(7 days\) runs until/);
  });

  test('with require-confirmation, a failed configure step leaves the portal its secret; confirming starts the grace period', async () => {
    const inputs = { rotate: 'always', 'require-confirmation': 'true', 'grace-period-days': '0', 'keep-secrets': '1' };
    const deploy1 = await run(emu, inputs);
    expect(errorText(deploy1)).toBe('');
    const app = portalApps(emu)[0]!;
    const k1 = deploy1.outputs['secret-key-id']!;
    // The configure step worked: the pipeline confirms.
    expect(errorText(await run(emu, { ...inputs, 'secret-phase': 'confirm' }))).toBe('');
    emu.advanceTime(DAY);
    // The next deploy's configure step fails after delivery: nothing confirms k2, the portal keeps k1.
    const deploy2 = await run(emu, inputs);
    expect(errorText(deploy2)).toBe('');
    const k2 = deploy2.outputs['secret-key-id']!;
    emu.advanceTime(8 * DAY);
    const deploy3 = await run(emu, inputs);
    expect(errorText(deploy3)).toBe('');
    const k3 = deploy3.outputs['secret-key-id']!;
    // Before its own configure step, k1 (what the portal runs on) and k2 are still there.
    expect(keyIdsOf(emu, app.id)).toEqual([k1, k2, k3].sort());
    expect(deploy3.stdout).toMatch(/has not yet confirmed that it uses/);
    // This time the configure step works: confirming starts the grace period (0 days), and both go.
    const confirm = await run(emu, { ...inputs, 'secret-phase': 'confirm' });
    expect(errorText(confirm)).toBe('');
    expect(keyIdsOf(emu, app.id)).toEqual([k3]);
  });

  test('a secret a person wrote back by hand is not removed without a grace period of its own', async () => {
    const first = await run(emu, repoInputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    const k1 = first.outputs['secret-key-id']!;
    emu.advanceTime(DAY);
    expect(errorText(await run(emu, repoInputs))).toBe('');
    // An hour later a person rolls the repository back to k1 by hand (the portal runs on it again).
    emu.advanceTime(60 * 60_000);
    await writeByHand(emu, token, 'INTREXX_CLIENT_SECRET', emu.graph.secretTexts(app.id)[k1]!);
    expect(await githubHolds(emu, app.id, REPO_TARGET)).toBe(k1);
    emu.advanceTime(8 * DAY);
    // The scheduled run finds the repository changed (unknown), rotates, and keeps k1 for a new grace period.
    const scheduled = await run(emu, { ...repoInputs, rotate: 'when-expiring' });
    expect(errorText(scheduled)).toBe('');
    const k3 = scheduled.outputs['secret-key-id']!;
    expect(k3).not.toBe('');
    expect(keyIdsOf(emu, app.id)).toContain(k1);
    expect(await emu.entra.signInWithSecret(app.appId, emu.graph.secretTexts(app.id)[k1]!)).toBe(true);
    // Eight days later its grace period is over and it goes.
    emu.advanceTime(8 * DAY);
    expect(errorText(await run(emu, { ...repoInputs, rotate: 'when-expiring' }))).toBe('');
    expect(keyIdsOf(emu, app.id)).not.toContain(k1);
  });

  test("the first release's secrets are not retired by whichever destination upgrades first; they go once expired", async () => {
    const first = await run(emu, repoInputs);
    expect(errorText(first)).toBe('');
    const app = portalApps(emu)[0]!;
    // A secret of the first release, whose label named no destination, held by some portal.
    const legacy = emu.graph.addPassword(app.id, { displayName: 'intrexx-entra-action run 7.1 abcdef 0011aabb', startDateTime: new Date(Date.now() - 100 * DAY).toISOString(), endDateTime: new Date(Date.now() + 20 * DAY).toISOString() });
    for (let i = 0; i < 2; i++) {
      emu.advanceTime(8 * DAY);
      expect(errorText(await run(emu, repoInputs))).toBe('');
    }
    expect(keyIdsOf(emu, app.id)).toContain(legacy.keyId);
    // Past its expiry (and a day's margin for clocks) it signs in nowhere, and goes.
    emu.advanceTime(8 * DAY);
    const after = await run(emu, repoInputs);
    expect(errorText(after)).toBe('');
    expect(keyIdsOf(emu, app.id)).not.toContain(legacy.keyId);
    expect(after.stdout).toMatch(new RegExp(`Removed client secret ${legacy.keyId} .*expired`));
  });
});

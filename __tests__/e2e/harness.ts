import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.ts';
import { emulatorInputs, runAction, type ActionRun } from '../../scripts/run-action.ts';

export { runAction };
export type { ActionRun, Emulator };

export const PORTAL = 'https://portal.example.com';
export const REDIRECT_URI = `${PORTAL}/service/oauth2/authorize`;

export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator(options);
}

/** The inputs every scenario shares: the emulator's tenant, deployer and endpoints. */
export function baseInputs(emu: Emulator, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...emulatorInputs(emu),
    'portal-base-url': PORTAL,
    'app-name': 'Intrexx Portal',
    ...overrides,
  };
}

/**
 * Runs the action and, whatever the outcome, checks that no secret the emulator holds (this run's
 * or an earlier one's) leaked: each may appear only in its ::add-mask:: command.
 */
export async function run(emu: Emulator, inputs: Record<string, string> = {}, env: Record<string, string | undefined> = {}): Promise<ActionRun> {
  const result = await runAction({ inputs: baseInputs(emu, inputs), env: { ...emu.runnerEnv(), ...env } });
  for (const app of emu.graph.applications()) {
    const texts = emu.graph.secretTexts(app.id);
    for (const secret of Object.values(texts)) expectSecretOnlyMasked(result, secret);
    // The secret this run made was masked (before anything else could print it).
    const made = texts[result.outputs['secret-key-id'] ?? ''];
    if (made) expect(result.stdout.split('\n')).toContain(`::add-mask::${made}`);
  }
  // The action sent nothing the emulator does not model (emulator/graph/unmodelled.ts, emulator/arm.ts).
  expect(emu.requests().filter((r) => r.unmodelled)).toEqual([]);
  return result;
}

/** Requests that changed something (everything but reads; a $batch of reads counts as a read). */
export function writes(emu: Emulator, service?: string) {
  return emu
    .requests()
    .filter((r) => (service ? r.service === service : true))
    .filter((r) => r.method !== 'GET' && !(r.service === 'graph' && /\/\$batch/.test(r.path)) && r.service !== 'entra');
}

/**
 * The secret appears on stdout only inside the ::add-mask:: command, and that command comes before
 * any other line that mentions it; never on stderr or in the summary.
 */
export function expectSecretOnlyMasked(result: ActionRun, secret: string): void {
  expect(secret.length).toBeGreaterThan(10);
  const lines = result.stdout.split('\n');
  const mentions = lines.map((l, i) => [l, i] as const).filter(([l]) => l.includes(secret));
  for (const [line] of mentions) expect(line).toBe(`::add-mask::${secret}`);
  expect(result.stderr).not.toContain(secret);
  expect(result.summary).not.toContain(secret);
  for (const [name, value] of Object.entries(result.outputs)) {
    if (name !== 'client-secret') expect(value).not.toContain(secret);
  }
}

export function changeKinds(result: ActionRun): string[] {
  return (JSON.parse(result.outputs.changes ?? '[]') as { kind: string }[]).map((c) => c.kind);
}

/** The error the action reported (the ::error:: command, URL-decoded as the runner shows it). */
export function errorText(result: ActionRun): string {
  const line = result.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
  return line.slice('::error::'.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

/** The applications in the tenant other than the deployer identity's own registration. */
export function portalApps(emu: Emulator) {
  return emu.graph.applications().filter((a) => a.appId !== emu.deployer.clientId);
}

// --- Helpers of the rotation tests (rotation-*.test.ts) -------------------------------------------

/**
 * Like run(), but the action is killed with SIGKILL (exit code 137) as soon as killOn returns true for
 * its stdout so far, as a cancelled job or a lost runner ends it. The same leak checks as run().
 */
export async function runKilled(emu: Emulator, inputs: Record<string, string>, env: Record<string, string | undefined>, killOn: (stdoutSoFar: string) => boolean): Promise<ActionRun> {
  const result = await runAction({ inputs: baseInputs(emu, inputs), env: { ...emu.runnerEnv(), ...env }, killOn });
  for (const app of emu.graph.applications()) {
    for (const secret of Object.values(emu.graph.secretTexts(app.id))) expectSecretOnlyMasked(result, secret);
  }
  return result;
}

/** One fact of the delivery ledger, as the application's tags hold it. */
export interface LedgerTag {
  readonly destination: string;
  readonly kind: 'holds' | 'pending' | 'retiring';
  readonly keyId: string;
  /** holds: the delta; retiring: the key ID of the replacement. */
  readonly rest: string | undefined;
}

/** The delivery ledger's facts in the application's tags (other tags left out). */
export function ledgerTags(emu: Emulator, appObjectId: string): LedgerTag[] {
  const tags = emu.graph.application(appObjectId)?.tags ?? [];
  return tags.flatMap((tag) => {
    const m = /^intrexx-entra-action:([0-9a-f]{12}):(holds|pending|retiring):([0-9a-f-]{36})(?::(.+))?$/i.exec(tag);
    return m ? [{ destination: m[1]!.toLowerCase(), kind: m[2] as LedgerTag['kind'], keyId: m[3]!.toLowerCase(), rest: m[4] }] : [];
  });
}

/** The key IDs of the application's client secrets, sorted. */
export function keyIdsOf(emu: Emulator, appObjectId: string): string[] {
  return (emu.graph.application(appObjectId)?.passwordCredentials ?? []).map((c) => c.keyId).sort();
}

/** The destination ID in the label the action gave a secret ("intrexx-entra-action <id> run …"). */
export function destinationOfSecret(emu: Emulator, appObjectId: string, keyId: string): string | undefined {
  const c = emu.graph.application(appObjectId)?.passwordCredentials.find((p) => p.keyId === keyId);
  return /^intrexx-entra-action ([0-9a-f]{12}) run /.exec(c?.displayName ?? '')?.[1];
}

/**
 * Which of the application's client secrets a GitHub secrets scope holds in <prefix>CLIENT_SECRET:
 * its key ID, 'none' when the scope has no such secret, or 'gone' when the value belongs to no
 * secret Entra still has.
 */
export async function githubHolds(emu: Emulator, appObjectId: string, target: Parameters<Emulator['github']['decryptSecret']>[0], prefix = 'INTREXX_'): Promise<string> {
  const value = await emu.github.decryptSecret(target, `${prefix}CLIENT_SECRET`);
  if (value === undefined) return 'none';
  const found = Object.entries(emu.graph.secretTexts(appObjectId)).find(([, text]) => text === value);
  return found ? found[0] : 'gone';
}

/** The value <prefix>CLIENT_SECRET holds signs in to the application (client credentials). */
export async function githubSecretSignsIn(emu: Emulator, appId: string, target: Parameters<Emulator['github']['decryptSecret']>[0], prefix = 'INTREXX_'): Promise<boolean> {
  const value = await emu.github.decryptSecret(target, `${prefix}CLIENT_SECRET`);
  return value !== undefined && (await emu.entra.signInWithSecret(appId, value));
}

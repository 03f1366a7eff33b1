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

/**
 * The benchmark's scenarios. Each one gets a fresh emulator; `setup` brings it into the starting
 * state (with the emulator's latency at 0, so set-up is quick) and returns the measured run's inputs.
 */
import type { Emulator } from '../emulator/index.ts';
import { emulatorInputs, runAction, type ActionRun } from '../scripts/run-action.ts';

export const PORTAL = 'https://portal.example.com';
export const REDIRECT_URI = `${PORTAL}/service/oauth2/authorize`;
export const APP_NAME = 'Intrexx Portal';
/** The uniqueName the action derives from APP_NAME. */
export const UNIQUE_NAME = 'intrexx-portal';

const DAY = 86_400_000;

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** Prepares the emulator; returns the inputs of the measured run (on top of the shared ones). */
  setup(emu: Emulator): Promise<Record<string, string>>;
  /** After the measured run: what is wrong with its outcome, or undefined when it did its job. */
  check?(emu: Emulator, result: ActionRun): string | undefined;
}

const changeKinds = (result: ActionRun): string[] => (JSON.parse(result.outputs.changes ?? '[]') as { kind: string }[]).map((c) => c.kind);

/** The inputs every run shares: the emulator's tenant, deployer and endpoints, one portal. */
export function baseInputs(emu: Emulator, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...emulatorInputs(emu),
    'portal-base-url': PORTAL,
    'app-name': APP_NAME,
    ...overrides,
  };
}

/** A registration as the action leaves it: redirect URI, public client flows, service principal, owned by the deployer. */
function seedRegistration(emu: Emulator) {
  return emu.graph.createApplication(
    { displayName: APP_NAME, uniqueName: UNIQUE_NAME, web: { redirectUris: [REDIRECT_URI] }, isFallbackPublicClient: true },
    { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
  );
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'create',
    title: 'create (nothing exists, rotate=always)',
    setup: async () => ({}),
    check: (emu, result) =>
      result.outputs.created !== 'true' || emu.graph.applications().length !== 2 || !result.outputs['secret-key-id'] ? `expected a new registration with a secret; outputs ${JSON.stringify(result.outputs.changes)}` : undefined,
  },
  {
    id: 'rerun',
    title: 'rerun, nothing to change (rotate=when-expiring)',
    async setup(emu) {
      const first = await runAction({ inputs: baseInputs(emu), env: emu.runnerEnv() });
      if (first.exitCode !== 0) throw new Error(`set-up run failed (exit ${first.exitCode}):\n${first.stdout}\n${first.stderr}`);
      return { rotate: 'when-expiring' };
    },
    check: (_emu, result) => (changeKinds(result).length > 0 || result.outputs['secret-key-id'] ? `expected no changes, got ${result.outputs.changes}` : undefined),
  },
  {
    id: 'rotate',
    title: 'rotate + retire 2 replaced secrets (keep-secrets 2, verify on)',
    async setup(emu) {
      // Three deliveries ten days apart, keeping all: the outputs hold the third, and the first two were
      // replaced more than the grace period (7 days) ago. The measured run retires both.
      for (let i = 0; i < 3; i++) {
        const setUp = await runAction({ inputs: baseInputs(emu, { 'keep-secrets': '0' }), env: emu.runnerEnv() });
        if (setUp.exitCode !== 0) throw new Error(`set-up run failed (exit ${setUp.exitCode}):\n${setUp.stdout}\n${setUp.stderr}`);
        emu.advanceTime(10 * DAY);
      }
      return { 'keep-secrets': '2', 'verify-secret': 'true' };
    },
    check: (_emu, result) => {
      const kinds = changeKinds(result);
      return kinds.filter((k) => k === 'add-client-secret').length !== 1 || kinds.filter((k) => k === 'remove-client-secret').length !== 2
        ? `expected one secret added and two removed, got ${result.outputs.changes}`
        : undefined;
    },
  },
  {
    id: 'deliver',
    title: 'deliver to repository secrets (existing registration)',
    async setup(emu) {
      seedRegistration(emu);
      const token = emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' });
      return { 'secrets-target': 'repository', 'github-token': token };
    },
    check: (emu, result) => {
      const names = emu.github.secretNames({ repository: emu.job().repository });
      return ['INTREXX_CLIENT_ID', 'INTREXX_TENANT_ID', 'INTREXX_CLIENT_SECRET'].every((n) => names.includes(n)) && changeKinds(result).includes('deliver-secrets')
        ? undefined
        : `expected the three repository secrets, found ${names.join(', ') || 'none'}`;
    },
  },
];

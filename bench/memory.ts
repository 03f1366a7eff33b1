/**
 * Peak RSS of a create and of a rerun with nothing due, each with few and with many items, in
 * untimed runs (bench/preload.ts): a create with 1 and with 40 portal URLs (one redirect URI each), a
 * rerun on a registration holding 1 and 40 client secrets (the action's own and 39 hand-made ones it
 * must leave alone). What the action keeps in memory should not grow with either.
 */
import type { Emulator } from '../emulator/index.ts';
import { runAction, type ActionRun } from '../scripts/run-action.ts';
import type { MemoryFigure } from './figures.ts';
import { checkOutcome, runScenario } from './measure.ts';
import { traced } from './preload.ts';
import { APP_NAME, baseInputs, type Scenario } from './scenarios.ts';

export const FEW = 1;
export const MANY = 40;

const changes = (result: ActionRun): unknown[] => JSON.parse(result.outputs.changes ?? '[]') as unknown[];
const portalUrls = (n: number): string[] => Array.from({ length: n }, (_, i) => `https://portal${i + 1}.example.com`);
/** The registration the action made, found by its display name (the deployer's is the tenant's other app). */
const registration = (emu: Emulator) => emu.graph.applications().find((a) => a.displayName === APP_NAME);

/** A create with `n` portal URLs; checks the registration holds one redirect URI per URL. */
function createWithPortals(n: number): Scenario {
  return {
    id: `create-${n}-portals`,
    title: `create with ${n} portal URLs`,
    setup: async () => ({ 'portal-base-url': portalUrls(n).join('\n') }),
    check(emu, result) {
      const uris = registration(emu)?.web?.redirectUris ?? [];
      return result.outputs.created === 'true' && uris.length === n ? undefined : `expected a new registration with ${n} redirect URIs, got ${uris.length}`;
    },
  };
}

/** A rerun with nothing due on a registration holding the action's secret and `n - 1` hand-made ones. */
function rerunWithSecrets(n: number): Scenario {
  const count = (emu: Emulator) => registration(emu)?.passwordCredentials?.length ?? 0;
  return {
    id: `rerun-${n}-secrets`,
    title: `rerun with ${n} client secrets`,
    async setup(emu) {
      const first = await runAction({ inputs: baseInputs(emu), env: emu.runnerEnv() });
      checkOutcome({ id: 'set-up run', title: '', setup: async () => ({}) }, emu, first);
      const app = registration(emu);
      if (!app) throw new Error('the set-up run left no registration');
      for (let i = 1; i < n; i++) emu.graph.addPassword(app.id, { displayName: `hand-made ${i}` });
      if (count(emu) !== n) throw new Error(`expected ${n} secrets after seeding, found ${count(emu)}`);
      return { rotate: 'when-expiring' };
    },
    check: (emu, result) => (changes(result).length === 0 && count(emu) === n ? undefined : `expected no changes and ${n} secrets left, got ${result.outputs.changes} and ${count(emu)}`),
  };
}

/** Peak RSS (KiB) of one untimed run. */
async function peakRss(scenario: Scenario): Promise<number> {
  return (await traced((env) => runScenario(scenario, 0, { extraEnv: env }), { chunks: false })).maxRssKiB;
}

/** `runs` runs of each variant, alternating few and many so that both meet the same machine state. */
async function compare(kind: MemoryFigure['kind'], varies: string, variant: (n: number) => Scenario, runs: number): Promise<MemoryFigure> {
  const few: number[] = [];
  const many: number[] = [];
  for (let i = 0; i < runs; i++) {
    few.push(await peakRss(variant(FEW)));
    many.push(await peakRss(variant(MANY)));
  }
  return { kind, varies, few: { count: FEW, maxRssKiB: few }, many: { count: MANY, maxRssKiB: many } };
}

export async function measureMemory(runs: number): Promise<MemoryFigure[]> {
  return [await compare('create', 'portal URL', createWithPortals, runs), await compare('rerun', 'client secret', rerunWithSecrets, runs)];
}

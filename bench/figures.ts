/**
 * The benchmark's raw figures (what --json-out writes and --baseline reads back) and the summary
 * derived from them, which the targets, the report and the before/after comparison all read.
 * Summaries are always derived from raw figures, so a baseline written by an older run is summarised
 * the same way as this run.
 */
import type { ServiceName } from '../emulator/index.ts';
import { median } from './stats.ts';

/** Every service of the emulator; the action never calls arm (the Azure Resource Manager stub), the Azure CLI does. */
export const SERVICES: readonly ServiceName[] = ['oidc', 'entra', 'graph', 'github', 'arm'];

/** One timed run of the action. Times in ms; every figure is explained in bench/README.md. */
export interface RunSample {
  readonly scenario: string;
  readonly latencyMs: number;
  /** Spawn of `node dist/index.js` → the child's 'exit' event. */
  readonly wallMs: number;
  /** Spawn → arrival of the first request at the emulator. */
  readonly firstRequestMs: number;
  /** First request's arrival → end of the last answer. */
  readonly requestSpanMs: number;
  /** End of the last answer (latest startedAt + durationMs) → the 'exit' event. */
  readonly exitMs: number;
  /** Duration of the longest chain of sequential requests (bench/critical-path.ts). */
  readonly criticalPathMs: number;
  readonly criticalPathRequests: number;
  readonly requests: Readonly<Record<ServiceName, number>>;
  /** Spawn → 'exit' of `node -e ''`, run just before this run, with the same binary and environment. */
  readonly bareNodeMs: number;
  /** Spawn → first request of bench/https-floor.mjs (node:https and one request), run just before; absent in older figures. */
  readonly httpsFloorMs?: number;
}

export interface AzurePair {
  /** Wall time of the action's create job (spawn → exit). */
  readonly actionMs: number;
  /** The Azure CLI's create job: from spawning `az login` to the exit of `az ad app credential reset`. */
  readonly azMs: number;
}

export type AzureCliFigures = { readonly az: string; readonly pairs: readonly AzurePair[] } | { readonly skipped: string };

/** Peak RSS (KiB, process.resourceUsage().maxRSS) of a kind of run with few and with many items. */
export interface MemoryFigure {
  readonly kind: 'create' | 'rerun';
  /** What grows between the two variants, singular, e.g. 'portal URL'. */
  readonly varies: string;
  readonly few: { readonly count: number; readonly maxRssKiB: readonly number[] };
  readonly many: { readonly count: number; readonly maxRssKiB: readonly number[] };
}

export interface BundleFile {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The packages most of the file comes from (by the node_modules paths webpack left in it). */
  readonly packages: readonly string[];
  /** The scenarios whose (untimed, traced) run loaded this file. */
  readonly loadedBy: readonly string[];
}

export interface BenchFigures {
  readonly version: 1;
  readonly date: string;
  readonly node: string;
  readonly mode: 'full' | 'short';
  readonly latencies: readonly number[];
  readonly runs: number;
  readonly samples: readonly RunSample[];
  readonly azureCli: AzureCliFigures;
  readonly memory: readonly MemoryFigure[];
  readonly bundle: readonly BundleFile[];
}

export interface WallFigure {
  readonly scenario: string;
  readonly latencyMs: number;
  readonly wallMs: number;
  readonly criticalPathMs: number;
  /** bare node + critical path: what the action could at best take. */
  readonly floorMs: number;
  readonly ratio: number;
}

export interface Summary {
  /** Median over all bare-node runs (one before each timed run). */
  readonly bareNodeMs: number;
  /** Median over all HTTPS-floor runs (one before each timed run); NaN in figures that have none. */
  readonly httpsFloorMs: number;
  readonly scenarios: readonly string[];
  /** Per scenario, medians over all its timed runs (every latency). */
  readonly firstRequestMs: Readonly<Record<string, number>>;
  readonly exitMs: Readonly<Record<string, number>>;
  /** Per scenario, the most requests any of its runs made, in total and per service. */
  readonly requests: Readonly<Record<string, { readonly total: number; readonly byService: Readonly<Record<ServiceName, number>> }>>;
  readonly wall: readonly WallFigure[];
  readonly azureCli: { readonly actionMs: number; readonly azMs: number; readonly ratio: number } | { readonly skipped: string };
  readonly memory: readonly { readonly kind: string; readonly varies: string; readonly few: number; readonly many: number; readonly fewKiB: number; readonly manyKiB: number }[];
  /** Bytes of the dist/ files a rerun with nothing due loads. */
  readonly rerunBundleBytes: number;
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

export function summarise(f: BenchFigures): Summary {
  const scenarios = unique(f.samples.map((s) => s.scenario));
  const of = (scenario: string) => f.samples.filter((s) => s.scenario === scenario);
  const perScenario = (pick: (s: RunSample) => number) => Object.fromEntries(scenarios.map((id) => [id, median(of(id).map(pick))]));
  const bareNodeMs = median(f.samples.map((s) => s.bareNodeMs));
  const wall: WallFigure[] = [];
  for (const scenario of scenarios) {
    for (const latencyMs of unique(of(scenario).map((s) => s.latencyMs))) {
      const runs = of(scenario).filter((s) => s.latencyMs === latencyMs);
      const wallMs = median(runs.map((s) => s.wallMs));
      const criticalPathMs = median(runs.map((s) => s.criticalPathMs));
      const floorMs = bareNodeMs + criticalPathMs;
      wall.push({ scenario, latencyMs, wallMs, criticalPathMs, floorMs, ratio: wallMs / floorMs });
    }
  }
  const requests = Object.fromEntries(
    scenarios.map((id) => {
      const byService = Object.fromEntries(SERVICES.map((svc) => [svc, Math.max(...of(id).map((s) => s.requests[svc]))])) as Record<ServiceName, number>;
      return [id, { total: Math.max(...of(id).map((s) => SERVICES.reduce((n, svc) => n + s.requests[svc], 0))), byService }];
    }),
  );
  const floors = f.samples.flatMap((s) => (s.httpsFloorMs === undefined ? [] : [s.httpsFloorMs]));
  return {
    bareNodeMs,
    httpsFloorMs: floors.length > 0 ? median(floors) : Number.NaN,
    scenarios,
    firstRequestMs: perScenario((s) => s.firstRequestMs),
    exitMs: perScenario((s) => s.exitMs),
    requests,
    wall,
    azureCli: summariseAzureCli(f.azureCli),
    memory: f.memory.map((m) => ({ kind: m.kind, varies: m.varies, few: m.few.count, many: m.many.count, fewKiB: median(m.few.maxRssKiB), manyKiB: median(m.many.maxRssKiB) })),
    rerunBundleBytes: f.bundle.filter((b) => b.loadedBy.includes('rerun')).reduce((n, b) => n + b.bytes, 0),
  };
}

function summariseAzureCli(az: AzureCliFigures): Summary['azureCli'] {
  if ('skipped' in az) return { skipped: az.skipped };
  if (az.pairs.length === 0) return { skipped: 'no pairs were run' };
  const actionMs = median(az.pairs.map((p) => p.actionMs));
  const azMs = median(az.pairs.map((p) => p.azMs));
  return { actionMs, azMs, ratio: azMs / actionMs };
}

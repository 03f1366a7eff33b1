/**
 * The benchmark's raw figures (what --json-out writes and --baseline reads back) and the summary that
 * the targets and the report read. A summary is always derived from raw figures, so a baseline written
 * by an earlier run is summarised by the same code as this run.
 */
import type { ServiceName } from '../emulator/index.ts';
import type { SpawnTimes } from '../scripts/run-action.ts';
import type { CriticalPath } from './critical-path.ts';
import { UsageError } from './options.ts';

/**
 * The services the benchmark counts requests of; the action never calls arm (the Azure Resource Manager
 * stub), the Azure CLI does. No scenario delivers to Key Vault, so keyvault is not counted.
 */
export const SERVICES = ['oidc', 'entra', 'graph', 'github', 'arm'] as const satisfies readonly ServiceName[];
export type BenchService = (typeof SERVICES)[number];

/** One timed run of the action. */
export interface RunSample {
  readonly scenario: string;
  /** The latency the emulator added to every answer. */
  readonly latencyMs: number;
  /** Spawn of `node dist/index.js` → its 'exit' event (scripts/run-action.ts). */
  readonly wallMs: number;
  /** Requests on the critical path (bench/critical-path.ts): the round trips made one after another. */
  readonly roundTrips: number;
  /** Requests that reached the emulator, per service. */
  readonly requests: Readonly<Record<BenchService, number>>;
}

export interface AzurePair {
  /** Wall time of the action's create job. */
  readonly actionMs: number;
  /** The Azure CLI's create job: from spawning `az login` to the exit of `az ad app credential reset`. */
  readonly azMs: number;
}

export type AzureCliFigures = { readonly az: string; readonly pairs: readonly AzurePair[] } | { readonly skipped: string };

export interface BenchFigures {
  readonly version: 2;
  readonly date: string;
  readonly node: string;
  readonly mode: 'full' | 'short';
  readonly latencies: readonly number[];
  readonly runs: number;
  readonly samples: readonly RunSample[];
  readonly azureCli: AzureCliFigures;
}

export interface Summary {
  readonly scenarios: readonly string[];
  /** Per scenario, the most requests any of its runs made, in total and per service. */
  readonly requests: Readonly<Record<string, { readonly total: number; readonly byService: Readonly<Record<BenchService, number>> }>>;
  /**
   * The latency the round trips are counted at: the highest measured. At 0 ms an answer takes about a
   * millisecond, and on the log's millisecond clock requests sent side by side can look sequential.
   */
  readonly roundTripLatencyMs: number;
  /** Per scenario, the median round trips of its runs at roundTripLatencyMs. */
  readonly roundTrips: Readonly<Record<string, number>>;
  /** Per scenario and latency, the median wall time of its runs. */
  readonly wall: readonly { readonly scenario: string; readonly latencyMs: number; readonly wallMs: number }[];
  readonly azureCli: { readonly actionMs: number; readonly azMs: number; readonly ratio: number } | { readonly skipped: string };
}

/** The median; NaN for no values (so a missing figure shows as such, not as 0). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const ms = (x: number): string => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');
export const times = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');

/** The figures of one run, from its request log (as a critical path) and its spawn and exit times. */
export function sampleOf(run: { scenario: string; latencyMs: number }, path: CriticalPath, spawn: SpawnTimes): RunSample {
  if (path.intervals.length === 0) throw new Error(`scenario '${run.scenario}' made no request`);
  const requests = Object.fromEntries(SERVICES.map((s) => [s, path.intervals.filter((iv) => iv.entry.service === s).length])) as Record<BenchService, number>;
  return { ...run, wallMs: spawn.exitedAt - spawn.spawnedAt, roundTrips: path.chain.length, requests };
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

export function summarise(f: BenchFigures): Summary {
  const scenarios = unique(f.samples.map((s) => s.scenario));
  const of = (scenario: string) => f.samples.filter((s) => s.scenario === scenario);
  const roundTripLatencyMs = Math.max(...f.samples.map((s) => s.latencyMs));
  const requests = Object.fromEntries(
    scenarios.map((id) => {
      const byService = Object.fromEntries(SERVICES.map((svc) => [svc, Math.max(...of(id).map((s) => s.requests[svc]))])) as Record<BenchService, number>;
      return [id, { total: Math.max(...of(id).map((s) => SERVICES.reduce((n, svc) => n + s.requests[svc], 0))), byService }];
    }),
  );
  const roundTrips = Object.fromEntries(scenarios.map((id) => [id, median(of(id).filter((s) => s.latencyMs === roundTripLatencyMs).map((s) => s.roundTrips))]));
  const wall = scenarios.flatMap((scenario) =>
    unique(of(scenario).map((s) => s.latencyMs))
      .sort((a, b) => a - b)
      .map((latencyMs) => ({ scenario, latencyMs, wallMs: median(of(scenario).filter((s) => s.latencyMs === latencyMs).map((s) => s.wallMs)) })),
  );
  return { scenarios, requests, roundTripLatencyMs, roundTrips, wall, azureCli: summariseAzureCli(f.azureCli) };
}

function summariseAzureCli(az: AzureCliFigures): Summary['azureCli'] {
  if ('skipped' in az) return { skipped: az.skipped };
  if (az.pairs.length === 0) return { skipped: 'no pairs were run' };
  const actionMs = median(az.pairs.map((p) => p.actionMs));
  const azMs = median(az.pairs.map((p) => p.azMs));
  return { actionMs, azMs, ratio: azMs / actionMs };
}

/** Reads a --json-out file back; refuses anything else, so that a wrong path fails early and clearly. */
export function parseBaseline(text: string, file: string): BenchFigures {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--baseline ${file} is not JSON: ${(err as Error).message}`);
  }
  const figures = ((data as { figures?: unknown } | null)?.figures ?? data) as Partial<BenchFigures> | null;
  if (figures?.version !== 2 || !Array.isArray(figures.samples) || figures.samples.length === 0 || figures.azureCli === undefined) {
    throw new UsageError(`--baseline ${file} is not a file written by npm run bench -- --json-out (version 2)`);
  }
  return figures as BenchFigures;
}

/**
 * Before/after comparison (--baseline FILE): the figures of an earlier --json-out against this run's,
 * both summarised the same way (figures.ts). A figure one side lacks shows as —.
 */
import type { BenchFigures, Summary } from './figures.ts';
import { UsageError } from './options.ts';
import { kib, mibFromKib, ms, times } from './stats.ts';

export interface ComparisonRow {
  readonly figure: string;
  readonly before: string;
  readonly after: string;
  /** after / before, e.g. 0.50× for half the time; — when either side is missing. */
  readonly change: string;
}

const NONE = Number.NaN;

function row(figure: string, before: number, after: number, format: (x: number) => string): ComparisonRow {
  return { figure, before: format(before), after: format(after), change: times(after / before) };
}

/** The worst (highest) of the per-scenario medians: the figure the targets check. */
const worstOf = (perScenario: Readonly<Record<string, number>>): number => {
  const values = Object.values(perScenario);
  return values.length === 0 ? NONE : Math.max(...values);
};

function wallKeys(before: Summary, after: Summary): { scenario: string; latencyMs: number }[] {
  const keys = new Map<string, { scenario: string; latencyMs: number }>();
  for (const w of [...before.wall, ...after.wall]) keys.set(`${w.scenario}@${w.latencyMs}`, { scenario: w.scenario, latencyMs: w.latencyMs });
  const order = [...new Set([...after.scenarios, ...before.scenarios])];
  return [...keys.values()].sort((a, b) => order.indexOf(a.scenario) - order.indexOf(b.scenario) || a.latencyMs - b.latencyMs);
}

export function compareSummaries(before: Summary, after: Summary): ComparisonRow[] {
  const rows: ComparisonRow[] = [
    row('time to first request (worst scenario)', worstOf(before.firstRequestMs), worstOf(after.firstRequestMs), ms),
    row('bare node start (reference)', before.bareNodeMs, after.bareNodeMs, ms),
    row('time to exit after the last answer (worst scenario)', worstOf(before.exitMs), worstOf(after.exitMs), ms),
  ];
  for (const { scenario, latencyMs } of wallKeys(before, after)) {
    const find = (s: Summary) => s.wall.find((w) => w.scenario === scenario && w.latencyMs === latencyMs)?.wallMs ?? NONE;
    rows.push(row(`wall time, ${scenario} at ${latencyMs} ms latency`, find(before), find(after), ms));
  }
  const speedup = (s: Summary) => ('ratio' in s.azureCli ? s.azureCli.ratio : NONE);
  // A higher speed-up is better; the change column still reads after / before.
  rows.push(row('Azure CLI create job / action create job', speedup(before), speedup(after), times));
  for (const kind of ['create', 'rerun']) {
    const peak = (s: Summary) => s.memory.find((m) => m.kind === kind)?.fewKiB ?? NONE;
    rows.push(row(`peak RSS, ${kind}`, peak(before), peak(after), mibFromKib));
  }
  rows.push(row('bundle bytes loaded by a rerun', before.rerunBundleBytes, after.rerunBundleBytes, kib));
  return rows;
}

/** Reads a --json-out file back; refuses anything else, so that a wrong path fails early and clearly. */
export function parseBaseline(text: string, file: string): BenchFigures {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--baseline ${file} is not JSON: ${(err as Error).message}`);
  }
  const figures = (data as { figures?: unknown }).figures ?? data;
  const f = figures as Partial<BenchFigures>;
  if (f.version !== 1 || !Array.isArray(f.samples) || !Array.isArray(f.memory) || !Array.isArray(f.bundle) || f.azureCli === undefined) {
    throw new UsageError(`--baseline ${file} is not a file written by npm run bench -- --json-out (version 1)`);
  }
  return figures as BenchFigures;
}

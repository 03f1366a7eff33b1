/**
 * The markdown report: the target lines, the figures table (before and after with --baseline), the
 * requests per service and the Azure CLI pairs. The figures table is also what --update-readme writes
 * into bench/README.md.
 */
import { ms, SERVICES, times, type BenchFigures, type Summary } from './figures.ts';
import type { Scenario } from './scenarios.ts';
import type { Target } from './targets.ts';

export interface Measured {
  readonly figures: BenchFigures;
  readonly summary: Summary;
}

/** A measured run read back from a --json-out file. */
export interface Baseline extends Measured {
  readonly file: string;
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

const table = (head: readonly string[], align: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] => [
  `| ${head.join(' | ')} |`,
  `| ${align.join(' | ')} |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

/** The figures the README shows, as (label, value) rows; labels name what the value lists. */
export function figureRows(s: Summary): [string, string][] {
  const rows: [string, string][] = [
    [`HTTP requests: ${s.scenarios.join(' / ')}`, s.scenarios.map((id) => s.requests[id]!.total).join(' / ')],
    [`round trips on the critical path at ${s.roundTripLatencyMs} ms: ${s.scenarios.join(' / ')}`, s.scenarios.map((id) => s.roundTrips[id]).join(' / ')],
  ];
  for (const scenario of s.scenarios) {
    const walls = s.wall.filter((w) => w.scenario === scenario);
    rows.push([`wall time of ${scenario} at ${walls.map((w) => w.latencyMs).join(' / ')} ms latency`, `${walls.map((w) => Math.round(w.wallMs)).join(' / ')} ms`]);
  }
  const az = s.azureCli;
  rows.push(['create job at 0 ms: Azure CLI / action', 'skipped' in az ? 'skipped (no `az`)' : `${ms(az.azMs)} / ${ms(az.actionMs)} = ${times(az.ratio)}`]);
  return rows;
}

const measuredWith = (f: BenchFigures): string =>
  `${f.date.slice(0, 10)}, Node ${f.node}, ${f.mode === 'short' ? '`--short`, ' : ''}latencies ${f.latencies.join(', ')} ms, median of ${f.runs} run${f.runs === 1 ? '' : 's'}`;

/** The figures table with the line saying what was measured; with a baseline, before and after side by side. */
export function figuresTable(after: Measured, before?: Baseline): string[] {
  const now = new Map(figureRows(after.summary));
  if (!before) return [`Measured ${measuredWith(after.figures)}:`, '', ...table(['Figure', 'Value'], ['---', '--:'], [...now]), ''];
  const then = new Map(figureRows(before.summary));
  const labels = [...new Set([...now.keys(), ...then.keys()])];
  return [
    `Before: \`${before.file}\` (${measuredWith(before.figures)}). After: ${measuredWith(after.figures)}.`,
    '',
    ...table(['Figure', 'Before', 'After'], ['---', '--:', '--:'], labels.map((l) => [l, then.get(l) ?? '—', now.get(l) ?? '—'])),
    '',
  ];
}

function requestTable(s: Summary, scenarios: readonly Scenario[]): string[] {
  const title = (id: string) => scenarios.find((x) => x.id === id)?.title ?? id;
  return [
    ...table(
      ['Scenario', 'HTTP requests', ...SERVICES, `round trips at ${s.roundTripLatencyMs} ms`],
      ['---', '--:', ...SERVICES.map(() => '--:'), '--:'],
      s.scenarios.map((id) => [title(id), s.requests[id]!.total, ...SERVICES.map((svc) => s.requests[id]!.byService[svc]), s.roundTrips[id]!]),
    ),
    '',
  ];
}

function azurePairs(f: BenchFigures): string[] {
  if ('skipped' in f.azureCli) return [];
  const pairs = f.azureCli.pairs.map((p) => `${Math.round(p.actionMs)}/${Math.round(p.azMs)}`).join(', ');
  return [`Azure CLI comparison: ${f.azureCli.pairs.length} alternated pair(s), action/az in ms: ${pairs}.`, ''];
}

export function markdown(r: Measured & { readonly targets: readonly Target[]; readonly scenarios: readonly Scenario[]; readonly baseline?: Baseline }): string {
  const lines = [
    ...r.targets.map((t) => `- **${t.status}** ${t.text}${t.enforced ? ' (enforced)' : ''}`),
    '',
    ...figuresTable(r, r.baseline),
    ...requestTable(r.summary, r.scenarios),
    ...azurePairs(r.figures),
  ];
  return lines.join('\n').trimEnd();
}

/** `readme` with the text between README_START and README_END replaced by `block`. */
export function replaceReadmeBlock(readme: string, block: string): string {
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) throw new Error(`bench/README.md lacks the markers ${README_START} and ${README_END}`);
  return `${readme.slice(0, a + README_START.length)}\n${block.trimEnd()}\n${readme.slice(b)}`;
}

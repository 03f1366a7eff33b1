/** The markdown report: targets first, then the figures behind each of them. */
import type { BenchFigures, Summary } from './figures.ts';
import { SERVICES } from './figures.ts';
import type { ComparisonRow } from './baseline.ts';
import { counted, kib, median, mibFromKib, ms, times } from './stats.ts';
import { LIMITS, memoryLimitKiB, type Target } from './targets.ts';
import type { Scenario } from './scenarios.ts';

export interface ReportInput {
  readonly figures: BenchFigures;
  readonly summary: Summary;
  readonly targets: readonly Target[];
  readonly scenarios: readonly Scenario[];
  readonly comparison?: { readonly file: string; readonly rows: readonly ComparisonRow[] };
}

const table = (head: readonly string[], align: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] => [
  `| ${head.join(' | ')} |`,
  `| ${align.join(' | ')} |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

function header(f: BenchFigures): string[] {
  const mode = f.mode === 'short' ? ' (--short: checks that everything works; its timings mean little)' : '';
  return [
    `Measured with \`npm run bench\`: injected latency ${f.latencies.join(', ')} ms per request, median of ${f.runs} run${f.runs > 1 ? 's' : ''} per scenario and latency, Node ${f.node}${mode}.`,
    '',
  ];
}

function targetLines(targets: readonly Target[]): string[] {
  return [...targets.map((t) => `- **${t.status}** ${t.text}${t.enforced ? ' — enforced' : ''}`), ''];
}

function requestTable(s: Summary, scenarios: readonly Scenario[]): string[] {
  const title = (id: string) => scenarios.find((x) => x.id === id)?.title ?? id;
  return [
    ...table(
      ['Scenario', 'HTTP requests', ...SERVICES],
      ['---', '--:', ...SERVICES.map(() => '--:')],
      s.scenarios.map((id) => [title(id), s.requests[id]!.total, ...SERVICES.map((svc) => s.requests[id]!.byService[svc])]),
    ),
    '',
  ];
}

function wallTable(f: BenchFigures, s: Summary): string[] {
  const rows = s.wall.map((w) => {
    const runs = f.samples.filter((x) => x.scenario === w.scenario && x.latencyMs === w.latencyMs);
    const m = (pick: (x: (typeof runs)[number]) => number) => ms(median(runs.map(pick)));
    return [w.scenario, `${w.latencyMs} ms`, m((x) => x.firstRequestMs), m((x) => x.requestSpanMs), `${ms(w.criticalPathMs)} (${median(runs.map((x) => x.criticalPathRequests))})`, m((x) => x.exitMs), ms(w.wallMs), ms(w.floorMs), times(w.ratio)];
  });
  return [
    `Wall time against its floor, bare node (${ms(s.bareNodeMs)}) + critical path; limit ${LIMITS.wallOverFloor}×. Medians:`,
    '',
    ...table(
      ['Scenario', 'Latency', 'Spawn → first request', 'First request → last answer', 'of it critical path (requests)', 'Last answer → exit', 'Wall', 'Floor', 'Wall / floor'],
      ['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:'],
      rows,
    ),
    '',
  ];
}

function startExitTable(s: Summary): string[] {
  return [
    ...table(
      ['Scenario', 'Time to first request', `limit (bare node + ${LIMITS.firstRequestOverBareMs} ms)`, 'Time to exit', 'limit'],
      ['---', '--:', '--:', '--:', '--:'],
      s.scenarios.map((id) => [id, ms(s.firstRequestMs[id]!), ms(s.bareNodeMs + LIMITS.firstRequestOverBareMs), ms(s.exitMs[id]!), ms(LIMITS.exitMs)]),
    ),
    '',
    ...(Number.isNaN(s.httpsFloorMs)
      ? []
      : [
          `For reference, a script that only imports \`node:https\` and sends the same first request (bench/https-floor.mjs) has it at the emulator ${ms(s.httpsFloorMs)} after its spawn (median; bare node ${ms(s.bareNodeMs)}).`,
          '',
        ]),
  ];
}

function azureTable(f: BenchFigures, s: Summary): string[] {
  if ('skipped' in s.azureCli || 'skipped' in f.azureCli) return [`Azure CLI comparison skipped: ${'skipped' in s.azureCli ? s.azureCli.skipped : ''}`, ''];
  const pairs = f.azureCli.pairs.map((p) => `${Math.round(p.actionMs)}/${Math.round(p.azMs)}`).join(', ');
  return [
    ...table(
      ['Create job, 0 ms latency', 'Action', 'Azure CLI', 'Azure CLI / action'],
      ['---', '--:', '--:', '--:'],
      [[`median of ${f.azureCli.pairs.length} alternated pair(s) (action/az ms: ${pairs})`, ms(s.azureCli.actionMs), ms(s.azureCli.azMs), times(s.azureCli.ratio)]],
    ),
    '',
  ];
}

function memoryTable(s: Summary): string[] {
  return [
    ...table(
      ['Peak RSS', 'few', 'many', 'limit for many (few + max(5 %, 4 MiB))'],
      ['---', '--:', '--:', '--:'],
      s.memory.map((m) => [`${m.kind} (${m.few} vs ${counted(m.many, m.varies)})`, mibFromKib(m.fewKiB), mibFromKib(m.manyKiB), mibFromKib(memoryLimitKiB(m.fewKiB))]),
    ),
    '',
  ];
}

function bundleTable(f: BenchFigures, s: Summary): string[] {
  const everyone = s.scenarios.length;
  const loadedBy = (by: readonly string[]) => (by.length === 0 ? 'never (on these paths)' : by.length === everyone ? 'every scenario' : by.join(', '));
  const total = f.bundle.reduce((n, b) => n + b.bytes, 0);
  const totalGz = f.bundle.reduce((n, b) => n + b.gzipBytes, 0);
  return [
    ...table(
      ['Bundle file', 'Size', 'gzip', 'Mostly from', 'Loaded by'],
      ['---', '--:', '--:', '---', '---'],
      [
        ...f.bundle.map((b) => [`\`dist/${b.name}\``, kib(b.bytes), kib(b.gzipBytes), b.packages.join(', ') || 'the action', loadedBy(b.loadedBy)]),
        ['all of `dist/*.js`', kib(total), kib(totalGz), '', ''],
        ['loaded by a rerun', kib(s.rerunBundleBytes), '', '', ''],
      ],
    ),
    '',
  ];
}

function comparisonTable(c: NonNullable<ReportInput['comparison']>): string[] {
  return [`Before (\`${c.file}\`) and after (this run):`, '', ...table(['Figure', 'Before', 'After', 'After / before'], ['---', '--:', '--:', '--:'], c.rows.map((r) => [r.figure, r.before, r.after, r.change])), ''];
}

export function markdown(r: ReportInput): string {
  const lines = [
    ...header(r.figures),
    ...targetLines(r.targets),
    ...(r.comparison ? comparisonTable(r.comparison) : []),
    ...requestTable(r.summary, r.scenarios),
    ...wallTable(r.figures, r.summary),
    ...startExitTable(r.summary),
    ...azureTable(r.figures, r.summary),
    ...memoryTable(r.summary),
    ...bundleTable(r.figures, r.summary),
  ];
  return lines.join('\n').trimEnd();
}

/**
 * Benchmark of the bundled action (dist/index.js) against the local emulator. See bench/README.md.
 *
 *   npm run bench                          full mode: latency 50 ms, median of 3 runs per scenario
 *   npm run bench -- --runs 5 --latency-ms 100
 *   npm run bench -- --short               CI mode: 1 run each at 5 ms; fails only on the request-count target
 *   npm run bench -- --markdown-out FILE   also write the markdown report to FILE
 *   npm run bench -- --update-readme       write the report into README.md between the bench markers
 *   npm run bench -- --verbose             also print every measured request log with the critical path marked
 *
 * Exit code: 1 when the request-count target fails, an action run fails or the benchmark crashes;
 * timing targets are printed as PASS/FAIL but never fail the process.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startEmulator, type Emulator, type RequestLogEntry, type ServiceName } from '../emulator/index.ts';
import { ROOT, runAction, type ActionRun } from '../scripts/run-action.ts';
import { criticalPath, type CriticalPath } from './critical-path.ts';
import { baseInputs, SCENARIOS, type Scenario } from './scenarios.ts';

const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const DIST = path.join(ROOT, 'dist');
const SERVICES: readonly ServiceName[] = ['oidc', 'entra', 'graph', 'github'];
const RERUN_REQUEST_LIMIT = 5;
const WALL_RATIO_LIMIT = 1.3;
const COLD_START_RATIO_LIMIT = 2;

// --- options --------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    'latency-ms': { type: 'string' },
    runs: { type: 'string' },
    short: { type: 'boolean', default: false },
    'markdown-out': { type: 'string' },
    'update-readme': { type: 'boolean', default: false },
    'cold-runs': { type: 'string' },
    verbose: { type: 'boolean', short: 'v', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (args.help) {
  console.log('Usage: npm run bench -- [--latency-ms N] [--runs N] [--short] [--markdown-out FILE] [--update-readme] [--cold-runs N] [--verbose]');
  process.exit(0);
}
const short = args.short ?? false;
const latencyMs = positiveInt('latency-ms', args['latency-ms'], short ? 5 : 50);
const runs = positiveInt('runs', args.runs, short ? 1 : 3);
const coldRuns = Math.max(7, positiveInt('cold-runs', args['cold-runs'], 9));

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

// --- helpers --------------------------------------------------------------------------------------

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (x: number): string => `${Math.round(x)} ms`;
const ratio = (x: number): string => `${x.toFixed(2)}×`;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
const status = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

// --- scenarios ------------------------------------------------------------------------------------

interface Sample {
  readonly wallMs: number;
  readonly total: number;
  readonly byService: Record<ServiceName, number>;
  readonly roundTrips: number;
  readonly path: CriticalPath;
  readonly log: readonly RequestLogEntry[];
  /** From spawning node to the first request (start-up, module loading, work before it). */
  readonly beforeFirstMs: number;
  /** Time between consecutive requests of the critical path (the action's own work in between). */
  readonly gapsMs: number;
  /** From the end of the last request to the process's exit. */
  readonly afterLastMs: number;
}

interface ScenarioResult {
  readonly scenario: Scenario;
  readonly samples: readonly Sample[];
  readonly total: number;
  readonly byService: Record<ServiceName, number>;
  readonly roundTrips: number;
  readonly wallMs: number;
  readonly minimumMs: number;
  readonly ratio: number;
  readonly beforeFirstMs: number;
  readonly gapsMs: number;
  readonly afterLastMs: number;
  /** dist/ files the action loaded in this scenario (from an untimed tracing run). */
  readonly chunks: readonly string[];
}

/** One run of a scenario on a fresh emulator: set up at 0 ms latency, then measure. */
async function runScenarioOnce(
  scenario: Scenario,
  latency: number,
  extraEnv: Record<string, string> = {},
): Promise<{ result: ActionRun; log: RequestLogEntry[]; spawnedAt: number; exitedAt: number }> {
  const emu: Emulator = await startEmulator({ latencyMs: 0 });
  try {
    const inputs = await scenario.setup(emu);
    emu.setLatency(latency);
    emu.resetRequests();
    const spawnedAt = Date.now();
    const result = await runAction({ inputs: baseInputs(emu, inputs), env: { ...emu.runnerEnv(), ...extraEnv } });
    const exitedAt = Date.now();
    const log = emu.requests();
    const problem = result.exitCode !== 0 ? `exit code ${result.exitCode}` : scenario.check?.(emu, result);
    if (problem) {
      throw new Error(`scenario '${scenario.id}' did not do its job: ${problem}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    }
    return { result, log, spawnedAt, exitedAt };
  } finally {
    await emu.close();
  }
}

/** Untimed run with a loader hook that records which dist/ files load; doubles as a warm-up. */
async function traceChunks(run: (env: Record<string, string>) => Promise<unknown>): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'intrexx-bench-'));
  const file = path.join(dir, 'chunks');
  try {
    await writeFile(file, '');
    await run({ NODE_OPTIONS: `--import=${path.join(ROOT, 'bench', 'trace-chunks.mjs')}`, BENCH_CHUNK_TRACE: file });
    const names = (await readFile(file, 'utf8')).split(/\s+/).filter(Boolean);
    return [...new Set(names)].sort(chunkOrder);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const chunkOrder = (a: string, b: string): number => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b, 'en', { numeric: true }));

async function measureScenario(scenario: Scenario): Promise<ScenarioResult> {
  const chunks = await traceChunks((env) => runScenarioOnce(scenario, 0, env));
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const { result, log, spawnedAt, exitedAt } = await runScenarioOnce(scenario, latencyMs);
    const byService = Object.fromEntries(SERVICES.map((s) => [s, log.filter((r) => r.service === s).length])) as Record<ServiceName, number>;
    const cp = criticalPath(log);
    const first = cp.intervals[0]?.start ?? exitedAt;
    const last = Math.max(...cp.intervals.map((iv) => iv.end), first);
    let gapsMs = 0;
    for (let j = 1; j < cp.chain.length; j++) gapsMs += cp.chain[j]!.start - cp.chain[j - 1]!.end;
    samples.push({
      wallMs: result.durationMs,
      total: log.length,
      byService,
      roundTrips: cp.length,
      path: cp,
      log,
      beforeFirstMs: first - spawnedAt,
      gapsMs,
      afterLastMs: exitedAt - last,
    });
  }
  const roundTrips = median(samples.map((s) => s.roundTrips));
  const wallMs = median(samples.map((s) => s.wallMs));
  const minimumMs = roundTrips * latencyMs;
  return {
    scenario,
    samples,
    total: median(samples.map((s) => s.total)),
    byService: Object.fromEntries(SERVICES.map((s) => [s, median(samples.map((x) => x.byService[s]))])) as Record<ServiceName, number>,
    roundTrips,
    wallMs,
    minimumMs,
    ratio: minimumMs > 0 ? wallMs / minimumMs : Number.POSITIVE_INFINITY,
    beforeFirstMs: median(samples.map((s) => s.beforeFirstMs)),
    gapsMs: median(samples.map((s) => s.gapsMs)),
    afterLastMs: median(samples.map((s) => s.afterLastMs)),
    chunks,
  };
}

/** The request log of one run, times relative to its first request; `*` marks the critical path. */
function describeLog(sample: Sample): string {
  const onPath = new Set(sample.path.chain.map((c) => c.entry));
  const t0 = sample.path.intervals[0]?.start ?? 0;
  return sample.path.intervals
    .map((iv) => {
      const e = iv.entry;
      const mark = onPath.has(e) ? '*' : ' ';
      const p = e.path.length > 110 ? `${e.path.slice(0, 107)}...` : e.path;
      return `  ${mark} ${String(iv.start - t0).padStart(5)}–${String(iv.end - t0).padEnd(5)} ms  ${e.service.padEnd(6)} ${e.method.padEnd(6)} ${e.status} ${p}`;
    })
    .join('\n');
}

// --- cold start -----------------------------------------------------------------------------------

interface ColdStart {
  readonly actionMs: number;
  readonly bareMs: number;
  readonly ratio: number;
  readonly chunks: readonly string[];
}

function timeNode(nodeArgs: string[], extraEnv: Record<string, string> = {}): Promise<{ ms: number; code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...extraEnv };
    const started = performance.now();
    const child = spawn(NODE, nodeArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code: code ?? -1, stdout }));
  });
}

async function measureColdStart(): Promise<ColdStart> {
  const action = [path.join(DIST, 'index.js')];
  const bare = ['-e', ''];
  const chunks = await traceChunks((env) => timeNode(action, env));
  // One untimed warm-up each, then interleaved runs so that load on the (shared) machine hits both alike.
  await timeNode(bare);
  const check = await timeNode(action);
  if (check.code === 0 || !check.stdout.includes('::error::')) throw new Error(`node dist/index.js without inputs should fail on its inputs; exit ${check.code}:\n${check.stdout}`);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < coldRuns; i++) {
    b.push((await timeNode(bare)).ms);
    a.push((await timeNode(action)).ms);
  }
  const actionMs = median(a);
  const bareMs = median(b);
  return { actionMs, bareMs, ratio: actionMs / bareMs, chunks };
}

// --- bundle ---------------------------------------------------------------------------------------

interface BundleFile {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The packages most of the file comes from (by the node_modules paths webpack left in it). */
  readonly packages: readonly string[];
}

async function measureBundle(): Promise<BundleFile[]> {
  const names = (await readdir(DIST)).filter((n) => n.endsWith('.js')).sort(chunkOrder);
  const files: BundleFile[] = [];
  for (const name of names) {
    const file = path.join(DIST, name);
    const text = await readFile(file);
    const counts = new Map<string, number>();
    for (const m of text.toString('utf8').matchAll(/node_modules\/((?:@[\w.-]+\/)?[\w.-]+)/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
    const packages = [...counts].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([p]) => p);
    files.push({ name, bytes: (await stat(file)).size, gzipBytes: gzipSync(text).length, packages });
  }
  return files;
}

// --- report ---------------------------------------------------------------------------------------

interface Target {
  readonly ok: boolean;
  readonly text: string;
  readonly enforced: boolean;
}

function targets(results: readonly ScenarioResult[], cold: ColdStart): Target[] {
  const rerun = results.find((r) => r.scenario.id === 'rerun');
  const worst = [...results].sort((a, b) => b.ratio - a.ratio)[0];
  return [
    {
      ok: rerun !== undefined && rerun.total <= RERUN_REQUEST_LIMIT,
      text: `rerun with nothing to change makes at most ${RERUN_REQUEST_LIMIT} HTTP requests (made ${rerun?.total ?? '?'})`,
      enforced: true,
    },
    {
      ok: results.every((r) => r.ratio <= WALL_RATIO_LIMIT),
      text: `wall time within ${WALL_RATIO_LIMIT}× of the critical-path minimum in every scenario (worst: ${worst?.scenario.id} at ${worst ? ratio(worst.ratio) : '?'})`,
      enforced: false,
    },
    {
      ok: cold.ratio <= COLD_START_RATIO_LIMIT,
      text: `cold start within ${COLD_START_RATIO_LIMIT}× of a bare node -e '' (${ratio(cold.ratio)})`,
      enforced: false,
    },
  ];
}

function markdown(results: readonly ScenarioResult[], cold: ColdStart, bundle: readonly BundleFile[], goals: readonly Target[]): string {
  const lines: string[] = [];
  const mode = short ? ' (--short: timings are indicative only)' : '';
  lines.push(
    `Measured with \`npm run bench\`: ${latencyMs} ms latency per request, median of ${runs} run${runs > 1 ? 's' : ''} per scenario, Node ${process.version}${mode}.`,
    '',
    '| Scenario | HTTP requests | oidc | entra | graph | github | Round trips on the critical path | Minimum (round trips × latency) | Wall time | Wall / minimum |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
  );
  for (const r of results) {
    const s = r.byService;
    lines.push(`| ${r.scenario.title} | ${r.total} | ${s.oidc} | ${s.entra} | ${s.graph} | ${s.github} | ${r.roundTrips} | ${ms(r.minimumMs)} | ${ms(r.wallMs)} | ${ratio(r.ratio)} |`);
  }
  lines.push(
    '',
    'Where the time beyond the requests goes (medians; the requests on the critical path themselves take round trips × latency plus a few ms each):',
    '',
    '| Scenario | Before the first request (start-up) | Between critical-path requests | After the last request (exit) |',
    '| --- | --: | --: | --: |',
  );
  for (const r of results) lines.push(`| ${r.scenario.id} | ${ms(r.beforeFirstMs)} | ${ms(r.gapsMs)} | ${ms(r.afterLastMs)} |`);
  lines.push(
    '',
    `| Cold start (median of ${coldRuns}) | Time |`,
    '| --- | --: |',
    `| \`node dist/index.js\` without inputs (fails on them) | ${ms(cold.actionMs)} |`,
    `| \`node -e ''\` | ${ms(cold.bareMs)} |`,
    `| ratio | ${ratio(cold.ratio)} |`,
    '',
  );
  const total = bundle.reduce((n, f) => n + f.bytes, 0);
  const totalGz = bundle.reduce((n, f) => n + f.gzipBytes, 0);
  const loadedBy = (name: string): string => {
    const where = [...(cold.chunks.includes(name) ? ['no inputs'] : []), ...results.filter((r) => r.chunks.includes(name)).map((r) => r.scenario.id)];
    return where.length === 0 ? 'never (on these paths)' : where.length === results.length + 1 ? 'every run' : where.join(', ');
  };
  lines.push('| Bundle file | Size | gzip | Mostly from | Loaded by |', '| --- | --: | --: | --- | --- |');
  for (const f of bundle) lines.push(`| \`dist/${f.name}\` | ${kib(f.bytes)} | ${kib(f.gzipBytes)} | ${f.packages.join(', ') || 'the action'} | ${loadedBy(f.name)} |`);
  lines.push(`| all of \`dist/*.js\` | ${kib(total)} | ${kib(totalGz)} | | |`, '');
  for (const g of goals) lines.push(`- **${status(g.ok)}** ${g.text}${!g.enforced && short ? ' — not enforced in --short' : ''}`);
  return lines.join('\n');
}

async function updateReadme(text: string, file = path.join(ROOT, 'README.md')): Promise<void> {
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const readme = await readFile(file, 'utf8');
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file} lacks the markers ${start} and ${end}`);
  await writeFile(file, `${readme.slice(0, a + start.length)}\n${text}\n${readme.slice(b)}`);
}

// --- main -----------------------------------------------------------------------------------------

async function main(): Promise<number> {
  try {
    await stat(path.join(DIST, 'index.js'));
  } catch {
    throw new Error('dist/index.js is missing: run `npm run build` first');
  }
  console.error(`bench: ${short ? 'short' : 'full'} mode, latency ${latencyMs} ms, ${runs} run(s) per scenario`);
  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    console.error(`bench: ${scenario.title} …`);
    const r = await measureScenario(scenario);
    results.push(r);
    console.error(`bench:   ${r.total} requests, ${r.roundTrips} round trips, wall ${ms(r.wallMs)} (runs: ${r.samples.map((s) => Math.round(s.wallMs)).join(', ')} ms)`);
    if (args.verbose) console.error(describeLog([...r.samples].sort((x, y) => x.wallMs - y.wallMs)[Math.floor(r.samples.length / 2)]!));
  }
  console.error('bench: cold start …');
  const cold = await measureColdStart();
  const bundle = await measureBundle();
  const goals = targets(results, cold);
  const text = markdown(results, cold, bundle, goals);
  console.log(text);
  if (args['markdown-out']) await writeFile(path.resolve(args['markdown-out']), `${text}\n`);
  if (args['update-readme']) await updateReadme(text);
  return goals.some((g) => g.enforced && !g.ok) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);

/**
 * Benchmark of the bundled action (dist/index.js) against the local emulator. See bench/README.md
 * for every measurement and target, and bench/options.ts for the options.
 *
 * Exit code: 1 when the request-count target fails, an action run fails or the benchmark crashes;
 * the timing and memory targets are printed as PASS/FAIL/SKIPPED but never fail the process.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../scripts/run-action.ts';
import { compareWithAzureCli } from './azure-cli.ts';
import { compareSummaries, parseBaseline } from './baseline.ts';
import { measureBundle } from './bundle.ts';
import { summarise, type BenchFigures, type RunSample } from './figures.ts';
import { describeLog, measureRun, runScenario, ACTION, type MeasuredRun } from './measure.ts';
import { measureMemory } from './memory.ts';
import { parseOptions, UsageError, USAGE, type Options } from './options.ts';
import { traced } from './preload.ts';
import { markdown } from './report.ts';
import { SCENARIOS } from './scenarios.ts';
import { median, ms } from './stats.ts';
import { evaluateTargets, failedEnforced } from './targets.ts';

const progress = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

/** One untimed traced run per scenario: which dist/ files it loads; doubles as a warm-up. */
async function traceScenarios(): Promise<Map<string, readonly string[]>> {
  const loaded = new Map<string, readonly string[]>();
  for (const scenario of SCENARIOS) loaded.set(scenario.id, (await traced((env) => runScenario(scenario, 0, { extraEnv: env }))).chunks);
  return loaded;
}

/**
 * The timed runs, round-robin (run → latency → scenario) so that a slow phase of the machine spreads
 * over every scenario and latency instead of landing on one of them.
 */
async function timedRuns(o: Options): Promise<MeasuredRun[]> {
  const measured: MeasuredRun[] = [];
  for (let i = 0; i < o.runs; i++) {
    for (const latencyMs of o.latencies) {
      const round: string[] = [];
      for (const scenario of SCENARIOS) {
        const run = await measureRun(scenario, latencyMs);
        measured.push(run);
        round.push(`${scenario.id} ${ms(run.sample.wallMs)}`);
      }
      progress(`run ${i + 1}/${o.runs} at ${latencyMs} ms: ${round.join(', ')}`);
    }
  }
  return measured;
}

/** --verbose: the request log of the median run of every scenario and latency. */
function printLogs(measured: readonly MeasuredRun[]): void {
  const groups = new Map<string, MeasuredRun[]>();
  for (const m of measured) {
    const key = `${m.sample.scenario} at ${m.sample.latencyMs} ms`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  for (const [key, runs] of groups) {
    const mid = [...runs].sort((a, b) => a.sample.wallMs - b.sample.wallMs)[Math.floor(runs.length / 2)]!;
    const s: RunSample = mid.sample;
    progress(`${key}: wall ${ms(s.wallMs)}, first request after ${ms(s.firstRequestMs)}, exit ${ms(s.exitMs)} after the last answer, critical path ${ms(s.criticalPathMs)}`);
    process.stderr.write(`${describeLog(mid.path)}\n`);
  }
}

async function collect(o: Options): Promise<BenchFigures> {
  progress('tracing which dist/ files each scenario loads (untimed warm-up) …');
  const loaded = await traceScenarios();
  progress(`timed runs: latencies ${o.latencies.join(', ')} ms, ${o.runs} run(s) each …`);
  const measured = await timedRuns(o);
  if (o.verbose) printLogs(measured);
  progress(`Azure CLI comparison: ${o.pairs} pair(s) …`);
  const azureCli = await compareWithAzureCli(o.pairs, progress);
  progress('peak RSS (untimed) …');
  const memory = await measureMemory(o.runs);
  return {
    version: 1,
    date: new Date().toISOString(),
    node: process.version,
    mode: o.short ? 'short' : 'full',
    latencies: o.latencies,
    runs: o.runs,
    samples: measured.map((m) => m.sample),
    azureCli,
    memory,
    bundle: await measureBundle(loaded),
  };
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

function readBaseline(file: string): Promise<string> {
  return readFile(path.resolve(file), 'utf8').catch((err: Error) => {
    throw new UsageError(`--baseline ${file}: ${err.message}`);
  });
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  await stat(ACTION).catch(() => {
    throw new Error('dist/index.js is missing: run `npm run build` first');
  });
  // Read first: a wrong --baseline path should fail before minutes of measuring.
  const baseline = o.baseline ? parseBaseline(await readBaseline(o.baseline), o.baseline) : undefined;
  const startedAt = performance.now();
  progress(`${o.short ? 'short' : 'full'} mode`);
  const figures = await collect(o);
  const summary = summarise(figures);
  const targets = evaluateTargets(summary);
  const comparison = baseline && o.baseline ? { file: o.baseline, rows: compareSummaries(summarise(baseline), summary) } : undefined;
  const text = markdown({ figures, summary, targets, scenarios: SCENARIOS, ...(comparison ? { comparison } : {}) });
  console.log(text);
  if (o.jsonOut) await writeFile(path.resolve(o.jsonOut), `${JSON.stringify({ figures, summary, targets }, null, 2)}\n`);
  if (o.markdownOut) await writeFile(path.resolve(o.markdownOut), `${text}\n`);
  if (o.updateReadme) await updateReadme(text);
  progress(`done in ${ms(performance.now() - startedAt)} (median bare node ${ms(median(figures.samples.map((s) => s.bareNodeMs)))})`);
  return failedEnforced(targets) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`bench: ${error.message}`);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);

/**
 * Benchmark of the bundled action (dist/index.js) against the local emulator. bench/README.md says
 * what is measured and why; bench/options.ts has the options.
 *
 * Exit code 1 when the request-count target fails, an action run fails or the benchmark crashes; the
 * Azure CLI comparison prints PASS, FAIL or SKIPPED and never changes the exit code.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../scripts/run-action.ts';
import { compareWithAzureCli } from './azure-cli.ts';
import { ms, parseBaseline, summarise, type BenchFigures, type RunSample } from './figures.ts';
import { describeLog, measureRun, ACTION } from './measure.ts';
import { parseOptions, UsageError, USAGE, type Options } from './options.ts';
import { figuresTable, markdown, replaceReadmeBlock, type Baseline } from './report.ts';
import { SCENARIOS } from './scenarios.ts';
import { evaluateTargets, failedEnforced } from './targets.ts';

const BENCH_README = path.join(ROOT, 'bench', 'README.md');
const progress = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

/**
 * The timed runs, round-robin (run → latency → scenario) so that a slow phase of the machine spreads
 * over every scenario and latency instead of landing on one of them.
 */
async function collect(o: Options): Promise<BenchFigures> {
  const samples: RunSample[] = [];
  for (let i = 0; i < o.runs; i++) {
    for (const latencyMs of o.latencies) {
      const round: string[] = [];
      for (const scenario of SCENARIOS) {
        const run = await measureRun(scenario, latencyMs);
        samples.push(run.sample);
        round.push(`${scenario.id} ${ms(run.sample.wallMs)}`);
        if (o.verbose) progress(`${scenario.id} at ${latencyMs} ms, critical path marked *:\n${describeLog(run.path)}`);
      }
      progress(`run ${i + 1}/${o.runs} at ${latencyMs} ms: ${round.join(', ')}`);
    }
  }
  progress(`Azure CLI comparison: ${o.pairs} pair(s) …`);
  const azureCli = await compareWithAzureCli(o.pairs, progress);
  return { version: 2, date: new Date().toISOString(), node: process.version, mode: o.short ? 'short' : 'full', latencies: o.latencies, runs: o.runs, samples, azureCli };
}

async function readBaseline(file: string): Promise<Baseline> {
  const text = await readFile(path.resolve(file), 'utf8').catch((err: Error) => {
    throw new UsageError(`--baseline ${file}: ${err.message}`);
  });
  const figures = parseBaseline(text, file);
  return { file, figures, summary: summarise(figures) };
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
  const baseline = o.baseline ? await readBaseline(o.baseline) : undefined;
  const startedAt = performance.now();
  progress(`${o.short ? 'short' : 'full'} mode: latencies ${o.latencies.join(', ')} ms, ${o.runs} run(s) each`);
  const figures = await collect(o);
  const summary = summarise(figures);
  const targets = evaluateTargets(summary);
  console.log(markdown({ figures, summary, targets, scenarios: SCENARIOS, ...(baseline ? { baseline } : {}) }));
  if (o.jsonOut) await writeFile(path.resolve(o.jsonOut), `${JSON.stringify({ figures, summary, targets }, null, 2)}\n`);
  if (o.updateReadme) {
    const block = figuresTable({ figures, summary }, baseline).join('\n');
    await writeFile(BENCH_README, replaceReadmeBlock(await readFile(BENCH_README, 'utf8'), block));
    progress('wrote the figures table into bench/README.md');
  }
  progress(`done in ${ms(performance.now() - startedAt)}`);
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

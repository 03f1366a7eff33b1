/** The benchmark's command line (see the usage text, and bench/README.md). */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run bench -- [options]
  --latencies 0,20,50    injected latencies per request, in ms (default 0,20,50; 0,50 with --short)
  --runs N               timed runs per scenario and latency (default 3; 1 with --short)
  --pairs N              alternated action/Azure CLI create pairs (default 5; 1 with --short; 0 skips)
  --short                CI mode: latencies 0,50, 1 run each, 1 pair; checks that everything works and the request-count target
  --json-out FILE        write every raw figure as JSON
  --baseline FILE        a JSON written earlier by --json-out: the figures table shows it as "before"
  --update-readme        write the figures table into bench/README.md between <!-- bench:start --> and <!-- bench:end -->
  --verbose, -v          also print each run's request log, critical path marked with *`;

/** A mistake on the command line: reported as its message alone, without a stack. */
export class UsageError extends Error {}

export interface Options {
  readonly short: boolean;
  readonly latencies: readonly number[];
  readonly runs: number;
  readonly pairs: number;
  readonly jsonOut?: string;
  readonly baseline?: string;
  readonly updateReadme: boolean;
  readonly verbose: boolean;
  readonly help: boolean;
}

function count(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${value}'`);
  return n;
}

function latencyList(value: string): number[] {
  const list = value.split(',').map((v) => v.trim());
  if (list.some((v) => !/^\d+$/.test(v))) throw new UsageError(`--latencies takes whole milliseconds separated by commas, e.g. 0,20,50; got '${value}'`);
  return [...new Set(list.map(Number))];
}

export function parseOptions(argv: readonly string[]): Options {
  try {
    return options(argv);
  } catch (err) {
    // parseArgs's own errors (unknown option, missing value) are usage errors too.
    throw err instanceof UsageError ? err : new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
}

function options(argv: readonly string[]): Options {
  const { values: a } = parseArgs({
    args: [...argv],
    options: {
      latencies: { type: 'string' },
      runs: { type: 'string' },
      pairs: { type: 'string' },
      short: { type: 'boolean', default: false },
      'json-out': { type: 'string' },
      baseline: { type: 'string' },
      'update-readme': { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const short = a.short ?? false;
  return {
    short,
    latencies: latencyList(a.latencies ?? (short ? '0,50' : '0,20,50')),
    runs: count('runs', a.runs, short ? 1 : 3, 1),
    pairs: count('pairs', a.pairs, short ? 1 : 5, 0),
    jsonOut: a['json-out'],
    baseline: a.baseline,
    updateReadme: a['update-readme'] ?? false,
    verbose: a.verbose ?? false,
    help: a.help ?? false,
  };
}

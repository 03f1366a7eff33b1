import { parseOptions, UsageError } from '../../bench/options.ts';

// bench/options.ts: the defaults of a full and a --short run (.ci/run uses --short), and mistakes.

test('a full run: latencies 0, 20, 50 ms, 3 runs, 5 Azure CLI pairs', () => {
  expect(parseOptions([])).toMatchObject({ short: false, latencies: [0, 20, 50], runs: 3, pairs: 5, updateReadme: false });
});

test('--short: latencies 0 and 50 ms, 1 run, 1 pair; explicit values still win', () => {
  expect(parseOptions(['--short'])).toMatchObject({ short: true, latencies: [0, 50], runs: 1, pairs: 1 });
  expect(parseOptions(['--short', '--latencies', '20', '--pairs', '0'])).toMatchObject({ latencies: [20], runs: 1, pairs: 0 });
});

test.each([
  [['--runs', '0'], /--runs must be an integer ≥ 1/],
  [['--latencies', '0,fast'], /whole milliseconds/],
  [['--latency-ms', '50'], /Unknown option/],
])('%j is a usage error', (argv, message) => {
  expect(() => parseOptions(argv)).toThrow(UsageError);
  expect(() => parseOptions(argv)).toThrow(message);
});

import { compareSummaries, parseBaseline } from '../../bench/baseline.ts';
import { summarise } from '../../bench/figures.ts';
import { figures, memory, sample } from './bench-fixtures.ts';

// bench/baseline.ts: the before/after table of --baseline, and reading a --json-out file back.

const before = figures({
  latencies: [0, 20],
  samples: [sample({ latencyMs: 0, wallMs: 300, firstRequestMs: 180, exitMs: 60 }), sample({ latencyMs: 20, wallMs: 500, firstRequestMs: 180, exitMs: 60 }), sample({ scenario: 'rerun', latencyMs: 0, wallMs: 280 })],
  azureCli: { az: '/usr/bin/az', pairs: [{ actionMs: 400, azMs: 2400 }] },
  memory: [memory('create', 100 * 1024, 100 * 1024), memory('rerun', 90 * 1024, 90 * 1024)],
});
const after = figures({
  latencies: [0, 50],
  samples: [sample({ latencyMs: 0, wallMs: 150, firstRequestMs: 60, exitMs: 5 }), sample({ latencyMs: 50, wallMs: 700 }), sample({ scenario: 'rerun', latencyMs: 0, wallMs: 70 })],
  azureCli: { skipped: '`az` is not on PATH' },
  memory: [memory('create', 50 * 1024, 50 * 1024), memory('rerun', 45 * 1024, 45 * 1024)],
});

const rows = compareSummaries(summarise(before), summarise(after));
const row = (figure: string) => rows.find((r) => r.figure === figure);

test('start-up and exit: the worst scenario median before and after, with after / before', () => {
  expect(row('time to first request (worst scenario)')).toEqual({ figure: 'time to first request (worst scenario)', before: '180 ms', after: '60 ms', change: '0.33×' });
  expect(row('time to exit after the last answer (worst scenario)')).toMatchObject({ before: '60 ms', after: '10 ms', change: '0.17×' });
  expect(row('bare node start (reference)')).toMatchObject({ before: '40 ms', after: '40 ms', change: '1.00×' });
});

test('wall time: one row per scenario and latency of either run, a missing side shown as —', () => {
  expect(rows.filter((r) => r.figure.startsWith('wall time')).map((r) => [r.figure, r.before, r.after, r.change])).toEqual([
    ['wall time, create at 0 ms latency', '300 ms', '150 ms', '0.50×'],
    ['wall time, create at 20 ms latency', '500 ms', '—', '—'],
    ['wall time, create at 50 ms latency', '—', '700 ms', '—'],
    ['wall time, rerun at 0 ms latency', '280 ms', '70 ms', '0.25×'],
  ]);
});

test('Azure CLI ratio, peak RSS and the bytes a rerun loads', () => {
  expect(row('Azure CLI create job / action create job')).toMatchObject({ before: '6.00×', after: '—', change: '—' });
  expect(row('peak RSS, create')).toMatchObject({ before: '100.0 MiB', after: '50.0 MiB', change: '0.50×' });
  expect(row('peak RSS, rerun')).toMatchObject({ before: '90.0 MiB', after: '45.0 MiB' });
  expect(row('bundle bytes loaded by a rerun')).toMatchObject({ before: '1 KiB', after: '1 KiB', change: '1.00×' });
});

describe('parseBaseline', () => {
  test('reads what --json-out writes ({ figures, summary, targets }) and bare figures', () => {
    const f = figures();
    expect(parseBaseline(JSON.stringify({ figures: f, summary: {}, targets: [] }), 'x.json')).toEqual(f);
    expect(parseBaseline(JSON.stringify(f), 'x.json')).toEqual(f);
  });

  test.each([
    ['not JSON', '{', /not JSON/],
    ['another JSON', '{"name":"intrexx"}', /not a file written by npm run bench -- --json-out/],
    ['a later version', JSON.stringify({ ...figures(), version: 2 }), /version 1/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseBaseline(text, 'x.json')).toThrow(message);
  });
});

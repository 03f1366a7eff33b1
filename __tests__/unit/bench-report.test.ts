import { parseBaseline, summarise } from '../../bench/figures.ts';
import { figureRows, figuresTable, markdown, README_END, README_START, replaceReadmeBlock } from '../../bench/report.ts';
import { SCENARIOS } from '../../bench/scenarios.ts';
import { evaluateTargets } from '../../bench/targets.ts';
import { figures, sample } from './bench-fixtures.ts';

// bench/report.ts: the figures table (the one --update-readme writes into bench/README.md), the
// report, and reading a --json-out file back as a baseline (bench/figures.ts parseBaseline).

const measured = (f: ReturnType<typeof figures>) => ({ figures: f, summary: summarise(f) });

const before = figures({
  latencies: [0, 50],
  samples: [
    sample({ latencyMs: 0, wallMs: 335 }),
    sample({ latencyMs: 50, wallMs: 660, roundTrips: 9, requests: { oidc: 1, entra: 3, graph: 7, github: 0, arm: 0 } }),
    sample({ scenario: 'rerun', latencyMs: 0, wallMs: 359 }),
    sample({ scenario: 'rerun', latencyMs: 50, wallMs: 358 }),
  ],
  azureCli: { az: '/usr/bin/az', pairs: [{ actionMs: 310, azMs: 3121 }] },
});
const after = figures({
  date: '2030-02-01T00:00:00.000Z',
  latencies: [0, 50],
  samples: [sample({ latencyMs: 0, wallMs: 200 }), sample({ latencyMs: 50, wallMs: 500 }), sample({ scenario: 'rerun', latencyMs: 0, wallMs: 150 }), sample({ scenario: 'rerun', latencyMs: 50, wallMs: 250 })],
  azureCli: { skipped: '`az` is not on PATH' },
});

test('the rows: requests and round trips per scenario, wall time per latency, the Azure CLI ratio', () => {
  expect(figureRows(summarise(before))).toEqual([
    ['HTTP requests: create / rerun', '11 / 4'],
    ['round trips on the critical path at 50 ms: create / rerun', '9 / 3'],
    ['wall time of create at 0 / 50 ms latency', '335 / 660 ms'],
    ['wall time of rerun at 0 / 50 ms latency', '359 / 358 ms'],
    ['create job at 0 ms: Azure CLI / action', '3121 ms / 310 ms = 10.07×'],
  ]);
  expect(figureRows(summarise(after)).at(-1)).toEqual(['create job at 0 ms: Azure CLI / action', 'skipped (no `az`)']);
});

test('with a baseline: before and after side by side, a figure only one side has shows — on the other', () => {
  const other = figures({ ...after, latencies: [0, 20, 50], samples: [...after.samples, sample({ scenario: 'rerun', latencyMs: 20, wallMs: 180 })] });
  const lines = figuresTable(measured(other), { file: 'bench/baselines/before.json', ...measured(before) });
  expect(lines[0]).toBe('Before: `bench/baselines/before.json` (2030-01-01, Node v24.0.0, latencies 0, 50 ms, median of 1 run). After: 2030-02-01, Node v24.0.0, latencies 0, 20, 50 ms, median of 1 run.');
  expect(lines).toContain('| HTTP requests: create / rerun | 11 / 4 | 4 / 4 |');
  expect(lines).toContain('| wall time of create at 0 / 50 ms latency | 335 / 660 ms | 200 / 500 ms |');
  expect(lines).toContain('| wall time of rerun at 0 / 20 / 50 ms latency | — | 150 / 180 / 250 ms |');
  expect(lines).toContain('| wall time of rerun at 0 / 50 ms latency | 359 / 358 ms | — |');
});

test('the report leads with the target lines, enforced one marked, and says --short', () => {
  const f = figures({ ...after, mode: 'short' });
  const text = markdown({ ...measured(f), targets: evaluateTargets(summarise(f)), scenarios: SCENARIOS });
  expect(text.split('\n').slice(0, 2)).toEqual([
    '- **PASS** a rerun with nothing due makes at most 5 HTTP requests: made 4 (enforced)',
    '- **SKIPPED** the create job is at least 5× faster than the Azure CLI: `az` is not on PATH',
  ]);
  expect(text).toContain('Measured 2030-02-01, Node v24.0.0, `--short`, latencies 0, 50 ms, median of 1 run:');
  expect(text).toContain('| rerun, nothing to change (rotate=when-expiring) | 4 | 1 | 2 | 1 | 0 | 0 | 3 |');
});

describe('replaceReadmeBlock', () => {
  test('replaces what is between the markers and keeps the rest', () => {
    const readme = `# Performance\n\n${README_START}\nold table\n${README_END}\n\nmore\n`;
    expect(replaceReadmeBlock(readme, 'new table\n')).toBe(`# Performance\n\n${README_START}\nnew table\n${README_END}\n\nmore\n`);
  });

  test('refuses a README without the markers', () => {
    expect(() => replaceReadmeBlock('# Performance\n', 'x')).toThrow(/lacks the markers/);
  });
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
    ['null', 'null', /version 2/],
    ['the format before issue 19', JSON.stringify({ ...figures(), version: 1 }), /version 2/],
    ['figures without runs', JSON.stringify(figures({ samples: [] })), /version 2/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseBaseline(text, 'x.json')).toThrow(message);
  });
});

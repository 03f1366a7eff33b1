import { summarise } from '../../bench/figures.ts';
import { evaluateTargets, failedEnforced, LIMITS, memoryLimitKiB, type Target } from '../../bench/targets.ts';
import { figures, memory, sample } from './bench-fixtures.ts';

// bench/figures.ts summarise() and bench/targets.ts: what each target line says and when it passes.

const target = (f: ReturnType<typeof figures>, id: Target['id']): Target => evaluateTargets(summarise(f)).find((t) => t.id === id)!;

test('hand-made figures that meet every target pass them all, and nothing is enforced-failed', () => {
  const targets = evaluateTargets(summarise(figures()));
  expect(targets.map((t) => [t.id, t.status])).toEqual([
    ['rerun-requests', 'PASS'],
    ['first-request', 'PASS'],
    ['exit', 'PASS'],
    ['wall', 'PASS'],
    ['azure-cli', 'PASS'],
    ['memory', 'PASS'],
  ]);
  expect(failedEnforced(targets)).toBe(false);
});

describe('rerun request count (enforced)', () => {
  test('fails on the most requests any rerun made, not the median', () => {
    const six = { oidc: 1, entra: 2, graph: 3, github: 0, arm: 0 };
    const f = figures({ samples: [sample({ scenario: 'rerun' }), sample({ scenario: 'rerun' }), sample({ scenario: 'rerun', requests: six })] });
    expect(target(f, 'rerun-requests')).toMatchObject({ status: 'FAIL', enforced: true, text: expect.stringContaining('made 6') });
    expect(failedEnforced(evaluateTargets(summarise(f)))).toBe(true);
  });

  test('fails when no rerun was measured', () => {
    expect(target(figures({ samples: [sample()] }), 'rerun-requests').status).toBe('FAIL');
  });
});

describe('time to first request ≤ bare node + 30 ms', () => {
  test('passes at the limit, fails 1 ms above it, and names the worst scenario', () => {
    const at = (ms: number) => figures({ samples: [sample({ firstRequestMs: 50 }), sample({ scenario: 'rerun', firstRequestMs: ms })] });
    expect(target(at(40 + LIMITS.firstRequestOverBareMs), 'first-request').status).toBe('PASS');
    const over = target(at(40 + LIMITS.firstRequestOverBareMs + 1), 'first-request');
    expect(over).toMatchObject({ status: 'FAIL', enforced: false });
    expect(over.text).toContain('71 ms (worst: rerun) vs 70 ms (bare node 40 ms), 1.01× the limit');
  });

  test('per scenario, the median over its runs counts', () => {
    const f = figures({ samples: [sample({ firstRequestMs: 60 }), sample({ firstRequestMs: 500 }), sample({ firstRequestMs: 61 }), sample({ scenario: 'rerun' })] });
    expect(target(f, 'first-request').status).toBe('PASS');
  });
});

test('time to exit: fails above 20 ms in any scenario', () => {
  expect(target(figures({ samples: [sample({ exitMs: 20 }), sample({ scenario: 'rerun', exitMs: 20 })] }), 'exit').status).toBe('PASS');
  const t = target(figures({ samples: [sample({ exitMs: 5 }), sample({ scenario: 'rerun', exitMs: 63 })] }), 'exit');
  expect(t).toMatchObject({ status: 'FAIL', text: expect.stringContaining('63 ms (worst: rerun), 3.15× the limit') });
});

describe('wall time ≤ 1.3 × (bare node + critical path)', () => {
  test('every scenario × latency must pass; the worst is named', () => {
    const f = figures({
      latencies: [0, 50],
      samples: [
        sample({ latencyMs: 0, criticalPathMs: 10, wallMs: 1.3 * 50 }),
        sample({ latencyMs: 50, criticalPathMs: 500, wallMs: 600 }),
        sample({ scenario: 'rerun', latencyMs: 0, criticalPathMs: 4, wallMs: 300 }),
        sample({ scenario: 'rerun', latencyMs: 50, criticalPathMs: 200, wallMs: 260 }),
      ],
    });
    const t = target(f, 'wall');
    expect(t.status).toBe('FAIL');
    expect(t.text).toContain('3 of 4 scenario × latency pass (worst: rerun at 0 ms latency, 300 ms vs 44 ms = 6.82×)');
  });

  test('the floor uses the median bare node over all runs', () => {
    const s = summarise(figures({ samples: [sample({ bareNodeMs: 30 }), sample({ bareNodeMs: 50 }), sample({ scenario: 'rerun', bareNodeMs: 40 })] }));
    expect(s.bareNodeMs).toBe(40);
    expect(s.wall[0]).toMatchObject({ scenario: 'create', latencyMs: 20, criticalPathMs: 200, floorMs: 240 });
  });
});

describe('Azure CLI comparison', () => {
  test('compares medians of the pairs; below 10× fails', () => {
    const pairs = [
      { actionMs: 300, azMs: 2900 },
      { actionMs: 310, azMs: 2000 },
      { actionMs: 5000, azMs: 3100 },
    ];
    const t = target(figures({ azureCli: { az: '/usr/bin/az', pairs } }), 'azure-cli');
    expect(t).toMatchObject({ status: 'FAIL', text: expect.stringContaining('310 ms vs 2900 ms, 9.35× faster') });
  });

  test('skipped without az: SKIPPED with the reason, never a failure', () => {
    const f = figures({ azureCli: { skipped: '`az` is not on PATH: sudo apt-get install azure-cli' } });
    const targets = evaluateTargets(summarise(f));
    expect(targets.find((t) => t.id === 'azure-cli')).toMatchObject({ status: 'SKIPPED', text: expect.stringContaining('apt-get install azure-cli') });
    expect(failedEnforced(targets)).toBe(false);
  });
});

describe('memory: the many-item variant within max(5 %, 4 MiB) of the few-item one', () => {
  test('the limit is 4 MiB for small processes and 5 % for large ones', () => {
    expect(memoryLimitKiB(40 * 1024)).toBe(44 * 1024);
    expect(memoryLimitKiB(100 * 1024)).toBe(105 * 1024);
  });

  test.each([
    ['create', 100 * 1024, 105 * 1024, 'PASS'],
    ['create', 100 * 1024, 105 * 1024 + 1, 'FAIL'],
    ['rerun', 60 * 1024, 64 * 1024 + 1, 'FAIL'],
    ['rerun', 60 * 1024, 50 * 1024, 'PASS'],
  ] as const)('%s %d KiB → %d KiB: %s', (kind, few, many, status) => {
    const other = kind === 'create' ? memory('rerun', 90 * 1024, 90 * 1024) : memory('create', 90 * 1024, 90 * 1024);
    expect(target(figures({ memory: [memory(kind, few, many), other] }), 'memory').status).toBe(status);
  });

  test('the line gives both figures of each kind', () => {
    expect(target(figures(), 'memory').text).toContain('create 100.0 MiB with 1 portal URL, 100.0 MiB with 40; rerun 90.0 MiB with 1 client secret, 90.0 MiB with 40');
  });

  test('nothing measured is a failure, not a pass', () => {
    expect(target(figures({ memory: [] }), 'memory').status).toBe('FAIL');
  });
});

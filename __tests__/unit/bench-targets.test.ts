import { summarise } from '../../bench/figures.ts';
import { evaluateTargets, failedEnforced, LIMITS, type Target } from '../../bench/targets.ts';
import { figures, sample } from './bench-fixtures.ts';

// bench/figures.ts summarise() and bench/targets.ts: the two targets of issue 19 and the figures they read.

const target = (f: ReturnType<typeof figures>, id: Target['id']): Target => evaluateTargets(summarise(f)).find((t) => t.id === id)!;
const requests = (n: number) => ({ oidc: 1, entra: 2, graph: n - 3, github: 0, arm: 0 });

describe('rerun request count (enforced)', () => {
  test(`passes at ${LIMITS.rerunRequests} requests, fails the benchmark at one more`, () => {
    const at = (n: number) => figures({ samples: [sample({ scenario: 'rerun', requests: requests(n) })] });
    expect(target(at(5), 'rerun-requests')).toMatchObject({ status: 'PASS', enforced: true, text: expect.stringContaining('made 5') });
    expect(target(at(6), 'rerun-requests')).toMatchObject({ status: 'FAIL', enforced: true, text: expect.stringContaining('made 6') });
    expect(failedEnforced(evaluateTargets(summarise(at(5))))).toBe(false);
    expect(failedEnforced(evaluateTargets(summarise(at(6))))).toBe(true);
  });

  test('the most requests any rerun made counts, not the median', () => {
    const f = figures({ samples: [sample({ scenario: 'rerun' }), sample({ scenario: 'rerun' }), sample({ scenario: 'rerun', requests: requests(6) })] });
    expect(target(f, 'rerun-requests').status).toBe('FAIL');
  });

  test('fails when no rerun was measured', () => {
    expect(target(figures({ samples: [sample()] }), 'rerun-requests').status).toBe('FAIL');
  });
});

describe(`create job ≥ ${LIMITS.azureCliSpeedup}× faster than the Azure CLI`, () => {
  test('compares the medians of the pairs: exactly 5× passes, below fails, and neither is enforced', () => {
    // The median of each side on its own (action 400 ms, az 2000 ms), not a median of per-pair ratios.
    const pairs = [
      { actionMs: 200, azMs: 2000 },
      { actionMs: 400, azMs: 100_000 },
      { actionMs: 9000, azMs: 1000 },
    ];
    expect(target(figures({ azureCli: { az: '/usr/bin/az', pairs } }), 'azure-cli')).toMatchObject({ status: 'PASS', text: expect.stringContaining('400 ms vs 2000 ms, 5.00×') });
    const below = figures({ azureCli: { az: '/usr/bin/az', pairs: [{ actionMs: 400, azMs: 1992 }] } });
    expect(target(below, 'azure-cli')).toMatchObject({ status: 'FAIL', enforced: false, text: expect.stringContaining('4.98×') });
    expect(failedEnforced(evaluateTargets(summarise(below)))).toBe(false);
  });

  test('without az: SKIPPED with the reason (how to install it), never a failure', () => {
    const f = figures({ azureCli: { skipped: '`az` is not on PATH: sudo apt-get install azure-cli' } });
    expect(target(f, 'azure-cli')).toMatchObject({ status: 'SKIPPED', text: expect.stringContaining('apt-get install azure-cli') });
    expect(target(figures({ azureCli: { az: '/usr/bin/az', pairs: [] } }), 'azure-cli').status).toBe('SKIPPED');
  });
});

describe('summarise', () => {
  test('round trips: the median of the runs at the highest latency only', () => {
    const s = summarise(
      figures({
        samples: [sample({ latencyMs: 0, roundTrips: 11 }), sample({ latencyMs: 50, roundTrips: 9 }), sample({ latencyMs: 50, roundTrips: 8 }), sample({ latencyMs: 50, roundTrips: 9 })],
      }),
    );
    expect(s.roundTripLatencyMs).toBe(50);
    expect(s.roundTrips).toEqual({ create: 9 });
  });

  test('wall time: the median per scenario and latency, latencies in ascending order', () => {
    const s = summarise(figures({ samples: [sample({ latencyMs: 50, wallMs: 700 }), sample({ latencyMs: 0, wallMs: 100 }), sample({ latencyMs: 0, wallMs: 900 }), sample({ latencyMs: 0, wallMs: 200 })] }));
    expect(s.wall).toEqual([
      { scenario: 'create', latencyMs: 0, wallMs: 200 },
      { scenario: 'create', latencyMs: 50, wallMs: 700 },
    ]);
  });

  test('requests per service: the most any run of the scenario made', () => {
    const s = summarise(figures({ samples: [sample(), sample({ requests: { oidc: 1, entra: 3, graph: 7, github: 6, arm: 0 } })] }));
    expect(s.requests.create).toEqual({ total: 17, byService: { oidc: 1, entra: 3, graph: 7, github: 6, arm: 0 } });
  });
});

import type { BenchFigures, RunSample } from '../../bench/figures.ts';

// Hand-made benchmark figures for the tests of bench/figures.ts, bench/targets.ts and bench/report.ts.

/** A create run at 20 ms latency: 4 requests, 3 of them one after another, 300 ms. */
export function sample(overrides: Partial<RunSample> = {}): RunSample {
  return {
    scenario: 'create',
    latencyMs: 20,
    wallMs: 300,
    roundTrips: 3,
    requests: { oidc: 1, entra: 2, graph: 1, github: 0, arm: 0 },
    ...overrides,
  };
}

export function figures(overrides: Partial<BenchFigures> = {}): BenchFigures {
  return {
    version: 2,
    date: '2030-01-01T00:00:00.000Z',
    node: 'v24.0.0',
    mode: 'full',
    latencies: [20],
    runs: 1,
    samples: [sample(), sample({ scenario: 'rerun' })],
    azureCli: { az: '/usr/bin/az', pairs: [{ actionMs: 300, azMs: 3000 }] },
    ...overrides,
  };
}

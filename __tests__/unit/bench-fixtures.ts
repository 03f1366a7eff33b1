import type { BenchFigures, MemoryFigure, RunSample } from '../../bench/figures.ts';

// Hand-made benchmark figures for the tests of bench/targets.ts and bench/baseline.ts.

/** A run that meets every timing target against a 40 ms bare node: 60 ms to the first request, 10 ms to exit. */
export function sample(overrides: Partial<RunSample> = {}): RunSample {
  const criticalPathMs = overrides.criticalPathMs ?? 200;
  return {
    scenario: 'create',
    latencyMs: 20,
    wallMs: 60 + criticalPathMs + 10,
    firstRequestMs: 60,
    requestSpanMs: criticalPathMs,
    exitMs: 10,
    criticalPathMs,
    criticalPathRequests: 10,
    requests: { oidc: 1, entra: 2, graph: 1, github: 0, arm: 0 },
    bareNodeMs: 40,
    ...overrides,
  };
}

export const memory = (kind: MemoryFigure['kind'], fewKiB: number, manyKiB: number): MemoryFigure => ({
  kind,
  varies: kind === 'create' ? 'portal URL' : 'client secret',
  few: { count: 1, maxRssKiB: [fewKiB] },
  many: { count: 40, maxRssKiB: [manyKiB] },
});

export function figures(overrides: Partial<BenchFigures> = {}): BenchFigures {
  return {
    version: 1,
    date: '2030-01-01T00:00:00.000Z',
    node: 'v24.0.0',
    mode: 'full',
    latencies: [20],
    runs: 1,
    samples: [sample(), sample({ scenario: 'rerun' })],
    azureCli: { az: '/usr/bin/az', pairs: [{ actionMs: 300, azMs: 3000 }] },
    memory: [memory('create', 100 * 1024, 100 * 1024), memory('rerun', 90 * 1024, 90 * 1024)],
    bundle: [
      { name: 'index.js', bytes: 1000, gzipBytes: 400, packages: [], loadedBy: ['create', 'rerun'] },
      { name: '1.index.js', bytes: 5000, gzipBytes: 900, packages: ['libsodium'], loadedBy: ['create'] },
    ],
    ...overrides,
  };
}

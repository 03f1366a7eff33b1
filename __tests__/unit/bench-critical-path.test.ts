import type { RequestLogEntry } from '../../emulator/index.ts';
import { criticalPath } from '../../bench/critical-path.ts';
import { sampleOf } from '../../bench/figures.ts';

// bench/critical-path.ts: the longest chain of sequential requests by total duration (weighted
// interval scheduling), and sampleOf in bench/figures.ts: a run's figures from that and its spawn and exit times.

const T0 = Date.parse('2030-01-01T00:00:00.000Z');

/** A logged request from `start` to `end`, in ms after T0. */
function req(name: string, start: number, end: number, service: RequestLogEntry['service'] = 'graph'): RequestLogEntry {
  return { service, method: 'GET', path: `/${name}`, status: 200, startedAt: new Date(T0 + start).toISOString(), durationMs: end - start };
}
const names = (log: readonly RequestLogEntry[]) => criticalPath(log).chain.map((c) => c.entry.path.slice(1));

describe('criticalPath', () => {
  test('no requests: an empty chain of 0 ms', () => {
    expect(criticalPath([])).toMatchObject({ durationMs: 0, chain: [], intervals: [] });
  });

  test('sequential requests all count; the gaps between them do not', () => {
    const log = [req('a', 0, 10), req('b', 15, 30), req('c', 100, 101)];
    expect(names(log)).toEqual(['a', 'b', 'c']);
    expect(criticalPath(log).durationMs).toBe(10 + 15 + 1);
  });

  test('weighted: one long request beats two short ones it overlaps', () => {
    // a+b = 20 ms in two requests; long = 50 ms in one. The old count-based path would pick a, b.
    const log = [req('a', 0, 10), req('long', 5, 55), req('b', 20, 30)];
    expect(names(log)).toEqual(['long']);
    expect(criticalPath(log).durationMs).toBe(50);
  });

  test('parallel requests add the longest of them, once', () => {
    const log = [req('first', 0, 20), req('p1', 20, 40), req('p2', 21, 45), req('p3', 22, 30), req('last', 45, 65)];
    expect(names(log)).toEqual(['first', 'p2', 'last']);
    expect(criticalPath(log).durationMs).toBe(20 + 24 + 20);
  });

  test('a request starting in the millisecond the previous one ended is sequential', () => {
    expect(names([req('a', 0, 10), req('b', 10, 20)])).toEqual(['a', 'b']);
    expect(names([req('a', 0, 10), req('b', 9, 20)])).toEqual(['b']);
  });

  test('equal durations: the chain with more requests (0 ms requests still show)', () => {
    expect(names([req('a', 0, 0), req('b', 0, 0), req('c', 1, 1)])).toEqual(['a', 'b', 'c']);
    expect(criticalPath([req('a', 0, 0), req('b', 0, 0), req('c', 1, 1)]).durationMs).toBe(0);
  });

  test('intervals come back sorted by start, whatever the log order', () => {
    const log = [req('late', 50, 60), req('early', 0, 10)];
    expect(criticalPath(log).intervals.map((i) => i.entry.path)).toEqual(['/early', '/late']);
  });
});

describe('sampleOf', () => {
  const log = [req('oidc', 100, 120, 'oidc'), req('token', 130, 150, 'entra'), req('a', 160, 180), req('b', 165, 190)];

  test('wall time from spawn to exit, the round trips on the critical path, the requests per service', () => {
    const s = sampleOf({ scenario: 'x', latencyMs: 20 }, criticalPath(log), { spawnedAt: T0 + 10.5, exitedAt: T0 + 205 });
    expect(s).toEqual({ scenario: 'x', latencyMs: 20, wallMs: 194.5, roundTrips: 3, requests: { oidc: 1, entra: 1, graph: 2, github: 0, arm: 0 } });
  });

  test('a run that made no request is an error, not a sample of zeros', () => {
    expect(() => sampleOf({ scenario: 'x', latencyMs: 0 }, criticalPath([]), { spawnedAt: T0, exitedAt: T0 + 1 })).toThrow(/made no request/);
  });
});

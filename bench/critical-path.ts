/**
 * Sequential round trips on the critical path, computed from the emulator's request log.
 *
 * Every logged request is an interval [start, end) with start = startedAt and end = start + durationMs,
 * both on the emulator's millisecond clock (server side: from the request's arrival to its answer,
 * the injected latency included). Request B can only have waited for request A when B starts at or
 * after A's end. The critical path is the longest chain A1, A2, … Ak in which each request starts
 * after the previous one ended; k is the number of round trips the run could not have overlapped,
 * so k × latency is a lower bound on the time the run spent waiting on the network.
 *
 * A set of pairwise non-overlapping intervals always orders into such a chain, so k equals the
 * maximum number of pairwise non-overlapping requests (interval scheduling). We compute it by
 * dynamic programming over the requests sorted by end (chain[i] = 1 + the longest chain ending at
 * or before start_i), keeping a back-pointer to report which requests form the chain. Requests that
 * overlap a chain member (parallel ones) add no round trip.
 */
import type { RequestLogEntry } from '../emulator/index.ts';

export interface Interval {
  readonly entry: RequestLogEntry;
  readonly start: number;
  readonly end: number;
}

export interface CriticalPath {
  /** Number of sequential round trips. */
  readonly length: number;
  /** The requests forming one longest chain, in time order. */
  readonly chain: readonly Interval[];
  /** All requests as intervals, sorted by start. */
  readonly intervals: readonly Interval[];
}

export function toIntervals(log: readonly RequestLogEntry[]): Interval[] {
  return log
    .map((entry) => {
      const start = Date.parse(entry.startedAt);
      return { entry, start, end: start + entry.durationMs };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

export function criticalPath(log: readonly RequestLogEntry[]): CriticalPath {
  const intervals = toIntervals(log);
  const byEnd = [...intervals].sort((a, b) => a.end - b.end || a.start - b.start);
  const best: number[] = [];
  const prev: number[] = [];
  for (let i = 0; i < byEnd.length; i++) {
    const current = byEnd[i]!;
    best[i] = 1;
    prev[i] = -1;
    for (let j = 0; j < i; j++) {
      const before = byEnd[j]!;
      // A request that ended exactly when this one started is sequential (millisecond clock).
      if (before.end <= current.start && before !== current && best[j]! + 1 > best[i]!) {
        best[i] = best[j]! + 1;
        prev[i] = j;
      }
    }
  }
  let last = -1;
  for (let i = 0; i < byEnd.length; i++) if (last < 0 || best[i]! > best[last]!) last = i;
  const chain: Interval[] = [];
  for (let i = last; i >= 0; i = prev[i]!) chain.unshift(byEnd[i]!);
  return { length: chain.length, chain, intervals };
}

/**
 * The critical path of round trips, computed from the emulator's request log.
 *
 * Every logged request is an interval [start, end) with start = startedAt and end = start + durationMs,
 * both on the emulator's millisecond clock (server side: from the request's arrival to its answer,
 * the injected latency included). Request B can only have waited for request A when B starts at or
 * after A's end. A chain is a sequence of requests each starting at or after the previous one's end;
 * its duration is the sum of its requests' durations (the gaps between them, the action's own work,
 * are not counted). The critical path is the chain of longest duration; its length is the number of
 * round trips the run made one after another, which is what an injected latency multiplies.
 *
 * This is weighted interval scheduling (Kleinberg & Tardos, Algorithm Design, §6.1): with the requests
 * sorted by end, best[i] = duration_i + max(best[j] over the j that end at or before request i
 * starts). Requests overlapping a chain member (sent in parallel) add nothing. With equal durations
 * (a latency far above the handlers' own time) this is the longest chain by count.
 */
import type { RequestLogEntry } from '../emulator/index.ts';

export interface Interval {
  readonly entry: RequestLogEntry;
  readonly start: number;
  readonly end: number;
}

export interface CriticalPath {
  /** Sum of the durations of the chain's requests, in ms: the critical path of round trips. */
  readonly durationMs: number;
  /** The requests forming one chain of that duration, in time order: the round trips. */
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
  // best[i]: duration of the longest chain ending with byEnd[i]; prev[i]: its predecessor (-1: none).
  // Ties prefer the chain with more requests, so that 0 ms requests still show in the chain.
  const best: number[] = [];
  const count: number[] = [];
  const prev: number[] = [];
  for (let i = 0; i < byEnd.length; i++) {
    const current = byEnd[i]!;
    best[i] = current.end - current.start;
    count[i] = 1;
    prev[i] = -1;
    for (let j = 0; j < i; j++) {
      const before = byEnd[j]!;
      // A request that ended exactly when this one started is sequential (millisecond clock).
      if (before.end > current.start) continue;
      const duration = best[j]! + current.end - current.start;
      if (duration > best[i]! || (duration === best[i]! && count[j]! + 1 > count[i]!)) {
        best[i] = duration;
        count[i] = count[j]! + 1;
        prev[i] = j;
      }
    }
  }
  let last = -1;
  for (let i = 0; i < byEnd.length; i++) if (last < 0 || best[i]! > best[last]! || (best[i] === best[last] && count[i]! > count[last]!)) last = i;
  const chain: Interval[] = [];
  for (let i = last; i >= 0; i = prev[i]!) chain.unshift(byEnd[i]!);
  return { durationMs: last < 0 ? 0 : best[last]!, chain, intervals };
}

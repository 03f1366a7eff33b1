/**
 * The figures of one timed run, from its request log (as intervals, bench/critical-path.ts) and the
 * spawn and exit times of its process (scripts/run-action.ts). Both are epoch ms of this process's
 * clock; the log's are whole milliseconds (Date), so each figure is exact to about ±1 ms.
 */
import type { ServiceName } from '../emulator/index.ts';
import type { SpawnTimes } from '../scripts/run-action.ts';
import type { CriticalPath } from './critical-path.ts';
import { SERVICES, type RunSample } from './figures.ts';

/** The figures of one run from its request log (as intervals) and its spawn and exit times. */
export function sampleOf(run: { scenario: string; latencyMs: number; bareNodeMs: number; httpsFloorMs?: number | undefined }, path: CriticalPath, times: SpawnTimes): RunSample {
  const { intervals } = path;
  if (intervals.length === 0) throw new Error(`scenario '${run.scenario}' made no request`);
  const firstArrival = Math.min(...intervals.map((iv) => iv.start));
  const lastAnswer = Math.max(...intervals.map((iv) => iv.end));
  const requests = Object.fromEntries(SERVICES.map((s) => [s, intervals.filter((iv) => iv.entry.service === s).length])) as Record<ServiceName, number>;
  return {
    ...run,
    wallMs: times.exitedAt - times.spawnedAt,
    firstRequestMs: firstArrival - times.spawnedAt,
    requestSpanMs: lastAnswer - firstArrival,
    exitMs: times.exitedAt - lastAnswer,
    criticalPathMs: path.durationMs,
    criticalPathRequests: path.chain.length,
    requests,
    bareNodeMs: run.bareNodeMs,
    ...(run.httpsFloorMs === undefined ? {} : { httpsFloorMs: run.httpsFloorMs }),
  };
}

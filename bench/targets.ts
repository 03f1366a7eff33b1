/**
 * The benchmark's targets (issue 12, "Speed at the physical limit"), evaluated on a Summary. Only the
 * request-count target is enforced (exit code 1); the timing and memory targets report PASS, FAIL or
 * SKIPPED. Each line states what was measured against its limit, as a ratio where one makes sense.
 */
import type { Summary } from './figures.ts';
import { counted, mibFromKib, ms, times } from './stats.ts';

export const LIMITS = {
  /** A rerun with nothing due makes at most this many HTTP requests. */
  rerunRequests: 5,
  /** Time to first request ≤ bare node start + this. */
  firstRequestOverBareMs: 30,
  /** End of the last answer → process exit. */
  exitMs: 20,
  /** Wall time ≤ this × (bare node start + critical path). */
  wallOverFloor: 1.3,
  /** The action's create job at least this many times faster than the Azure CLI's. */
  azureCliSpeedup: 10,
  /** Peak RSS may grow from the few-item to the many-item variant by at most max(this share, memoryGrowthKiB). */
  memoryGrowthShare: 0.05,
  memoryGrowthKiB: 4 * 1024,
} as const;

export type Status = 'PASS' | 'FAIL' | 'SKIPPED';

export interface Target {
  readonly id: 'rerun-requests' | 'first-request' | 'exit' | 'wall' | 'azure-cli' | 'memory';
  readonly status: Status;
  /** Enforced targets fail the benchmark (exit code 1). */
  readonly enforced: boolean;
  readonly text: string;
}

const pass = (ok: boolean): Status => (ok ? 'PASS' : 'FAIL');

/** The entry with the highest value; undefined for none. */
function worst<T>(xs: readonly T[], value: (x: T) => number): T | undefined {
  return xs.reduce<T | undefined>((w, x) => (w === undefined || value(x) > value(w) ? x : w), undefined);
}

export function rerunRequestsTarget(s: Summary): Target {
  const made = s.requests.rerun?.total;
  const ok = made !== undefined && made <= LIMITS.rerunRequests;
  return { id: 'rerun-requests', status: pass(ok), enforced: true, text: `rerun with nothing to change makes at most ${LIMITS.rerunRequests} HTTP requests (made ${made ?? '?'})` };
}

export function firstRequestTarget(s: Summary): Target {
  const limit = s.bareNodeMs + LIMITS.firstRequestOverBareMs;
  const w = worst(s.scenarios, (id) => s.firstRequestMs[id] ?? Number.NaN);
  const measured = w === undefined ? Number.NaN : s.firstRequestMs[w]!;
  return {
    id: 'first-request',
    status: pass(measured <= limit),
    enforced: false,
    text: `time to first request ≤ bare node + ${LIMITS.firstRequestOverBareMs} ms: ${ms(measured)} (worst: ${w ?? '?'}) vs ${ms(limit)} (bare node ${ms(s.bareNodeMs)}), ${times(measured / limit)} the limit`,
  };
}

export function exitTarget(s: Summary): Target {
  const w = worst(s.scenarios, (id) => s.exitMs[id] ?? Number.NaN);
  const measured = w === undefined ? Number.NaN : s.exitMs[w]!;
  return {
    id: 'exit',
    status: pass(measured <= LIMITS.exitMs),
    enforced: false,
    text: `time to exit after the last answer ≤ ${LIMITS.exitMs} ms: ${ms(measured)} (worst: ${w ?? '?'}), ${times(measured / LIMITS.exitMs)} the limit`,
  };
}

export function wallTarget(s: Summary): Target {
  const w = worst(s.wall, (x) => x.ratio);
  const passed = s.wall.filter((x) => x.ratio <= LIMITS.wallOverFloor).length;
  const where = w ? `worst: ${w.scenario} at ${w.latencyMs} ms latency, ${ms(w.wallMs)} vs ${ms(w.floorMs)} = ${times(w.ratio)}` : 'no runs';
  return {
    id: 'wall',
    status: pass(s.wall.length > 0 && passed === s.wall.length),
    enforced: false,
    text: `wall time ≤ ${LIMITS.wallOverFloor}× (bare node + critical path): ${passed} of ${s.wall.length} scenario × latency pass (${where})`,
  };
}

export function azureCliTarget(s: Summary): Target {
  const az = s.azureCli;
  const title = `create job ≥ ${LIMITS.azureCliSpeedup}× faster than the Azure CLI`;
  if ('skipped' in az) return { id: 'azure-cli', status: 'SKIPPED', enforced: false, text: `${title} — ${az.skipped}` };
  return {
    id: 'azure-cli',
    status: pass(az.ratio >= LIMITS.azureCliSpeedup),
    enforced: false,
    text: `${title}: ${ms(az.actionMs)} vs ${ms(az.azMs)}, ${times(az.ratio)} faster`,
  };
}

/** The peak RSS the many-item variant may reach: the few-item one plus max(5 %, 4 MiB). */
export const memoryLimitKiB = (fewKiB: number): number => fewKiB + Math.max(fewKiB * LIMITS.memoryGrowthShare, LIMITS.memoryGrowthKiB);

export function memoryTarget(s: Summary): Target {
  const parts = s.memory.map((m) => `${m.kind} ${mibFromKib(m.fewKiB)} with ${counted(m.few, m.varies)}, ${mibFromKib(m.manyKiB)} with ${m.many}`);
  const ok = s.memory.length > 0 && s.memory.every((m) => m.manyKiB <= memoryLimitKiB(m.fewKiB));
  return {
    id: 'memory',
    status: pass(ok),
    enforced: false,
    text: `peak RSS does not grow with redirect URIs or secrets (within max(${LIMITS.memoryGrowthShare * 100} %, ${LIMITS.memoryGrowthKiB / 1024} MiB)): ${parts.join('; ') || 'not measured'}`,
  };
}

export function evaluateTargets(s: Summary): Target[] {
  return [rerunRequestsTarget(s), firstRequestTarget(s), exitTarget(s), wallTarget(s), azureCliTarget(s), memoryTarget(s)];
}

/** Exit code 1 when an enforced target failed. */
export const failedEnforced = (targets: readonly Target[]): boolean => targets.some((t) => t.enforced && t.status === 'FAIL');

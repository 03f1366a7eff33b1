/**
 * The benchmark's two targets (issue 19), evaluated on a Summary. The request count is enforced: the
 * benchmark exits with code 1 when it fails. The Azure CLI comparison reports PASS, FAIL or SKIPPED
 * (without `az`) and leaves the exit code alone, since its timings depend on the machine.
 */
import { ms, times, type Summary } from './figures.ts';

export const LIMITS = {
  /** A rerun with nothing due makes at most this many HTTP requests. */
  rerunRequests: 5,
  /** The action's create job at least this many times faster than the Azure CLI's, side by side. */
  azureCliSpeedup: 5,
} as const;

export type Status = 'PASS' | 'FAIL' | 'SKIPPED';

export interface Target {
  readonly id: 'rerun-requests' | 'azure-cli';
  readonly status: Status;
  /** Enforced targets fail the benchmark (exit code 1). */
  readonly enforced: boolean;
  readonly text: string;
}

const pass = (ok: boolean): Status => (ok ? 'PASS' : 'FAIL');

/** The most requests any rerun made counts, not the median; no rerun measured is a failure. */
export function rerunRequestsTarget(s: Summary): Target {
  const made = s.requests.rerun?.total;
  const ok = made !== undefined && made <= LIMITS.rerunRequests;
  return { id: 'rerun-requests', status: pass(ok), enforced: true, text: `a rerun with nothing due makes at most ${LIMITS.rerunRequests} HTTP requests: made ${made ?? '?'}` };
}

export function azureCliTarget(s: Summary): Target {
  const az = s.azureCli;
  const title = `the create job is at least ${LIMITS.azureCliSpeedup}× faster than the Azure CLI`;
  if ('skipped' in az) return { id: 'azure-cli', status: 'SKIPPED', enforced: false, text: `${title}: ${az.skipped}` };
  return { id: 'azure-cli', status: pass(az.ratio >= LIMITS.azureCliSpeedup), enforced: false, text: `${title}: ${ms(az.actionMs)} vs ${ms(az.azMs)}, ${times(az.ratio)}` };
}

export const evaluateTargets = (s: Summary): Target[] => [rerunRequestsTarget(s), azureCliTarget(s)];

/** Exit code 1 when an enforced target failed. */
export const failedEnforced = (targets: readonly Target[]): boolean => targets.some((t) => t.enforced && t.status === 'FAIL');

import type { PasswordCredential } from '../graph/types.ts';

/** Every secret this action makes has a display name starting with this, so it is never confused with a hand-made one. */
export const SECRET_MARKER = 'intrexx-entra-action';

/**
 * The label of the secrets one invocation of the action makes: the workflow run and attempt, and a
 * nonce per invocation (one run can invoke the action more than once); addPassword appends a nonce
 * per request attempt.
 */
export function runLabel(run: { id: string; attempt: string; invocation?: string }): string {
  return `${SECRET_MARKER} run ${run.id}.${run.attempt}${run.invocation ? ` ${run.invocation}` : ''}`;
}

export function isMadeByAction(credential: PasswordCredential): boolean {
  return credential.displayName?.startsWith(`${SECRET_MARKER} `) ?? false;
}

export const DAY_MS = 86_400_000;

export interface RotationDecision {
  readonly rotate: boolean;
  readonly reason: string;
}

/** Whether this run makes a new client secret (rotate=always, or when-expiring and due). Pure. */
export function decideRotation(
  credentials: readonly PasswordCredential[],
  policy: { rotate: 'always' | 'when-expiring'; rotateBeforeDays: number },
  now: Date,
): RotationDecision {
  if (policy.rotate === 'always') return { rotate: true, reason: 'rotate is always' };
  const newest = newestFirst(credentials.filter(isMadeByAction))[0];
  if (!newest?.endDateTime) return { rotate: true, reason: 'no client secret made by this action exists' };
  const daysLeft = (Date.parse(newest.endDateTime) - now.getTime()) / DAY_MS;
  if (daysLeft > policy.rotateBeforeDays) {
    return {
      rotate: false,
      reason: `client secret ${newest.keyId} stays valid until ${newest.endDateTime}, more than rotate-before-days (${policy.rotateBeforeDays}) away`,
    };
  }
  return {
    rotate: true,
    reason: daysLeft <= 0 ? `the newest client secret made by this action expired on ${newest.endDateTime}` : `the newest client secret made by this action expires on ${newest.endDateTime}, within ${policy.rotateBeforeDays} days`,
  };
}

/**
 * Another run's secret younger than this may still be on its way to its destination (that run's
 * delivery and verification can take up to verify-timeout-seconds, at most 15 minutes): it is kept
 * even beyond keep-secrets, and a later run prunes it.
 */
export const IN_FLIGHT_GRACE_MS = 30 * 60_000;

/**
 * The secrets to remove once the new one is delivered and verified. Pure. Only secrets made by this
 * action; never ours, never one newer than ours, never one another run may still be delivering;
 * keep counts ours. Secrets labelled with this run but not ours are orphans of a lost answer and go.
 */
export function secretsToRemove(
  credentials: readonly PasswordCredential[],
  ours: { keyId: string; startDateTime: string | null },
  keep: number,
  label: string,
  now: Date,
): PasswordCredential[] {
  const orphans = credentials.filter((c) => c.keyId !== ours.keyId && c.displayName?.startsWith(`${label} `));
  if (keep === 0) return orphans;
  const candidates = newestFirst(credentials.filter((c) => isMadeByAction(c) && !orphans.includes(c)));
  const oursTime = time(ours.startDateTime);
  const beyondKeep = candidates
    .slice(keep)
    .filter((c) => c.keyId !== ours.keyId && time(c.startDateTime) <= oursTime && now.getTime() - time(c.startDateTime) > IN_FLIGHT_GRACE_MS);
  return [...orphans, ...beyondKeep];
}

/** What the plan shows before a new secret exists: the ones that will fall beyond keep once it is added. */
export function plannedRemovals(credentials: readonly PasswordCredential[], keep: number, now: Date): PasswordCredential[] {
  if (keep === 0) return [];
  return newestFirst(credentials.filter(isMadeByAction))
    .slice(Math.max(0, keep - 1))
    .filter((c) => now.getTime() - time(c.startDateTime) > IN_FLIGHT_GRACE_MS);
}

function newestFirst(credentials: readonly PasswordCredential[]): PasswordCredential[] {
  return [...credentials].sort((a, b) => time(b.startDateTime) - time(a.startDateTime) || (b.keyId < a.keyId ? -1 : 1));
}

function time(iso: string | null): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

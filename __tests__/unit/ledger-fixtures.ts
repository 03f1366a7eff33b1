import type { PasswordCredential } from '../../src/graph/types.ts';
import type { DestinationView } from '../../src/plan/holding.ts';
import { secretLabel, type Ledger, type LedgerFact } from '../../src/plan/ledger.ts';

export const NOW = new Date('2026-11-26T12:00:00Z');
export const DAY = 86_400_000;
export const MINUTE = 60_000;
export const REPO = 'aaaaaaaaaaaa';
export const ENV = 'bbbbbbbbbbbb';

export const key = (n: number): string => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;

/** A secret made by the action for `destination` (null: the first release's label, which named none), `ageMs` ago. */
export function made(n: number, ageMs: number, destination: string | null = REPO, run = { id: '100', attempt: '1' }): PasswordCredential {
  const label = destination ? secretLabel(destination, { ...run, invocation: 'abcdef' }) : `intrexx-entra-action run ${run.id}.${run.attempt} abcdef`;
  return { keyId: key(n), displayName: `${label} 0011aabb`, startDateTime: new Date(NOW.getTime() - ageMs).toISOString(), endDateTime: new Date(NOW.getTime() - ageMs + 180 * DAY).toISOString(), hint: 'abc' };
}

export function byHand(n: number, displayName = 'made in the portal'): PasswordCredential {
  return { keyId: key(n), displayName, startDateTime: new Date(NOW.getTime() - 400 * DAY).toISOString(), endDateTime: new Date(NOW.getTime() + 300 * DAY).toISOString(), hint: 'xyz' };
}

export const holds = (destination: string, n: number, delta: number | null): LedgerFact => ({ kind: 'holds', destination, keyId: key(n), delta });
export const pending = (destination: string, n: number): LedgerFact => ({ kind: 'pending', destination, keyId: key(n) });
export const retiring = (destination: string, n: number, by: number): LedgerFact => ({ kind: 'retiring', destination, keyId: key(n), replacedBy: key(by) });
export const ledger = (...facts: LedgerFact[]): Ledger => ({ facts, otherTags: [] });
export const policy = (destination: string, graceDays: number, keep: number, confirm = false): LedgerFact => ({ kind: 'policy', destination, graceDays, keep, confirm });
/** The destination confirmed its use of secret n `afterMs` after that secret was made. */
export const confirmed = (destination: string, n: number, afterMs: number): LedgerFact => ({ kind: 'confirmed', destination, keyId: key(n), afterMs });

/** A GitHub destination whose client-secret secret was last written `writtenMsAfter` after secret `c` was made. */
export function github(id: string, c: PasswordCredential | undefined, writtenMsAfter = 2_000): DestinationView {
  const updatedAt = c ? new Date(Date.parse(c.startDateTime ?? '') + writtenMsAfter).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
  return { id, description: `destination ${id}`, kind: 'github', secretUpdatedAt: updatedAt };
}

/** The delta a holds fact records for `github(id, c, writtenMsAfter)`. */
export function deltaOf(view: DestinationView, c: PasswordCredential): number {
  return Date.parse(view.secretUpdatedAt ?? '') - Date.parse(c.startDateTime ?? '');
}

export const output = (id: string): DestinationView => ({ id, description: `outputs ${id}`, kind: 'output', secretUpdatedAt: null });

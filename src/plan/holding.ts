import type { PasswordCredential } from '../graph/types.ts';
import { readLabel, type Ledger } from './ledger.ts';

export const DAY_MS = 86_400_000;

/**
 * A run that has made a secret may still be delivering it for this long (delivery, then verification
 * of at most verify-timeout-seconds, 15 minutes): a younger secret that no destination holds yet is
 * left alone.
 */
export const IN_FLIGHT_MS = 30 * 60_000;

/**
 * GitHub's updated_at (docs.github.com/rest/actions/secrets) and Key Vault's attributes.updated (Unix seconds,
 * learn.microsoft.com/rest/api/keyvault/secrets/get-secret/get-secret) have whole seconds: writes within one second look alike.
 */
const SECOND_MS = 1000;

/** This run's destination as the planner sees it. */
export interface DestinationView {
  readonly id: string;
  /** "repository contoso/portal (INTREXX_*)", "the step outputs". */
  readonly description: string;
  /** A secrets store (GitHub, Key Vault) keeps a record of its last write; the step outputs do not. */
  readonly kind: 'github' | 'key-vault' | 'output';
  /** GitHub's updated_at, Key Vault's attributes.updated, of the client-secret secret; null when it has none. */
  readonly secretUpdatedAt: string | null;
}

/** What the destination holds, as far as the ledger and GitHub's metadata prove. */
export type Holding =
  | { readonly status: 'none'; readonly reason: string }
  | { readonly status: 'known'; readonly secret: PasswordCredential; readonly writtenAt: number | null }
  | { readonly status: 'unknown'; readonly reason: string };

export const keyOf = (c: { keyId: string }): string => c.keyId.toLowerCase();

export function startOf(c: PasswordCredential | undefined): number {
  const t = c?.startDateTime ? Date.parse(c.startDateTime) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** Every keyId some fact of the ledger mentions. */
export function referencedKeys(ledger: Ledger): Set<string> {
  return new Set(ledger.facts.flatMap((f) => (f.kind === 'retiring' ? [f.keyId, f.replacedBy] : f.kind === 'policy' ? [] : [f.keyId])));
}

/**
 * Which secret the destination holds. Known only when the ledger records one and nothing can have
 * written the destination since: for GitHub, its updated_at is exactly the recorded one, and no other
 * delivery to it began before that write. Anything else is unknown, and an unknown destination may
 * hold any secret made for it. Pure.
 */
export function observeHolding(destination: DestinationView, ledger: Ledger, credentials: readonly PasswordCredential[]): Holding {
  const byKey = new Map(credentials.map((c) => [keyOf(c), c]));
  const mine = ledger.facts.filter((f) => f.destination === destination.id && f.kind !== 'policy' && f.kind !== 'confirmed');
  const holds = mine.filter((f) => f.kind === 'holds');
  const referenced = referencedKeys(ledger);
  const madeForIt = credentials.filter((c) => readLabel(c.displayName)?.destination === destination.id && !referenced.has(keyOf(c)));
  const pending = mine.flatMap((f) => (f.kind === 'pending' && byKey.has(f.keyId) ? [byKey.get(f.keyId) as PasswordCredential] : []));

  if (destination.kind !== 'output' && destination.secretUpdatedAt === null) {
    return { status: 'none', reason: `${destination.description} has no client secret` };
  }
  if (holds.length === 0) {
    if (destination.kind === 'output' && mine.length === 0 && madeForIt.length === 0) {
      return { status: 'none', reason: 'no client secret was given to the step outputs yet' };
    }
    return { status: 'unknown', reason: `the ledger has no record of the client secret ${destination.description} holds` };
  }
  if (holds.length > 1) return { status: 'unknown', reason: `the ledger records ${holds.length} client secrets for ${destination.description}` };
  const fact = holds[0];
  const held = fact ? byKey.get(fact.keyId) : undefined;
  if (!fact || fact.kind !== 'holds' || !held) {
    return { status: 'unknown', reason: `the client secret recorded for ${destination.description} (${fact?.keyId}) no longer exists` };
  }

  if (destination.kind === 'output') {
    // No outside record to compare with: a secret made for it after the held one may have been given out.
    const newer = [...pending, ...madeForIt].find((c) => keyOf(c) !== keyOf(held) && startOf(c) > startOf(held));
    if (newer) return { status: 'unknown', reason: `client secret ${newer.keyId} was made for ${destination.description} after the recorded one` };
    return { status: 'known', secret: held, writtenAt: null };
  }

  const updatedAt = Date.parse(destination.secretUpdatedAt ?? '');
  if (fact.delta === null || updatedAt - startOf(held) !== fact.delta) {
    return { status: 'unknown', reason: `${destination.description} was written at ${destination.secretUpdatedAt}, which the ledger does not record` };
  }
  // A delivery that began before the recorded write may have landed within the same second.
  const rivals = [...pending, ...madeForIt.filter((c) => startOf(c) >= startOf(held))];
  const rival = rivals.find((c) => keyOf(c) !== keyOf(held) && startOf(c) < updatedAt + SECOND_MS);
  if (rival) return { status: 'unknown', reason: `a delivery of client secret ${rival.keyId} to ${destination.description} began before its last write` };
  return { status: 'known', secret: held, writtenAt: updatedAt };
}

/**
 * A secret made for this destination was certainly never delivered: the destination is known, the
 * secret is younger than its last write, and the run that made it is over (its attempt was followed
 * by a later one of the same workflow run, or it is older than a run can take).
 */
export function neverDelivered(
  credential: PasswordCredential,
  holding: Holding,
  run: { id: string; attempt: string },
  now: Date,
): boolean {
  if (holding.status !== 'known' || holding.writtenAt === null) return false;
  if (startOf(credential) < holding.writtenAt + SECOND_MS) return false;
  const label = readLabel(credential.displayName);
  const earlierAttempt = label !== undefined && label.runId === run.id && label.attempt < Number(run.attempt);
  return earlierAttempt || now.getTime() - startOf(credential) > IN_FLIGHT_MS;
}

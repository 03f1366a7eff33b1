import type { PasswordCredential } from '../graph/types.ts';
import { IN_FLIGHT_MS, keyOf, referencedKeys, startOf } from './holding.ts';
import { readLabel, withoutDangling, type DestinationPolicy, type Ledger, type LedgerFact } from './ledger.ts';

/** Before the client-secret write: a delivery of this secret to this destination began. */
export function withPending(ledger: Ledger, destination: string, keyId: string): Ledger {
  return { ...ledger, facts: [...ledger.facts, { kind: 'pending', destination, keyId: keyId.toLowerCase() }] };
}

/** After a delivery that certainly did not land: the secret goes, and so do its facts. */
export function withoutSecret(ledger: Ledger, keyId: string): Ledger {
  const key = keyId.toLowerCase();
  return { ...ledger, facts: ledger.facts.filter((f) => f.keyId !== key && !(f.kind === 'retiring' && f.replacedBy === key)) };
}

export interface Delivered {
  readonly destination: string;
  readonly keyId: string;
  /** GitHub's updated_at of the client-secret secret minus the secret's startDateTime; null for a step output. */
  readonly delta: number | null;
  /** The destination's holds facts as this run first read them. */
  readonly heldBefore: readonly LedgerFact[];
  readonly credentials: readonly PasswordCredential[];
  readonly now: Date;
  /** The destination's rules, recorded with the delivery so that every run applies them to its secrets. */
  readonly policy: DestinationPolicy;
  /**
   * What the destination held before was not known: it may have held any secret it was ever given (a
   * person may have written an old one back), so each of them is replaced by this one and gets a
   * grace period of its own from now.
   */
  readonly heldUnknown: boolean;
}

/**
 * The ledger once the destination holds the new secret: what it held, every delivery to it that may
 * have landed earlier, and the secrets made for it that nothing records become "replaced by" the new
 * one, and their grace period starts. The first release's secrets, which named no destination, are
 * not: another destination that has not delivered since may hold them (they stay until they expire).
 *
 * Should another run have delivered to the same destination meanwhile, the later write wins; when
 * the two cannot be told apart (one second, GitHub's resolution), nothing is claimed: the new secret
 * stays pending, so the next run finds the destination unknown, keeps both and rotates. Pure.
 */
export function withDelivery(ledger: Ledger, d: Delivered): { ledger: Ledger; recorded: boolean } {
  const key = d.keyId.toLowerCase();
  const byKey = new Map(d.credentials.map((c) => [keyOf(c), c]));
  const ours = byKey.get(key);
  const same = (a: LedgerFact, b: LedgerFact) => a.kind === 'holds' && b.kind === 'holds' && a.keyId === b.keyId && a.delta === b.delta;
  const holdsNow = ledger.facts.filter((f) => f.destination === d.destination && f.kind === 'holds');
  const rivals = holdsNow.filter((f) => !d.heldBefore.some((b) => same(b, f)));
  if (d.delta !== null && ours) {
    const ourWrite = startOf(ours) + d.delta;
    const later = rivals.some((f) => f.kind === 'holds' && (f.delta === null || startOf(byKey.get(f.keyId)) + f.delta + 1000 > ourWrite));
    if (later) return { ledger, recorded: false };
  }

  const referenced = referencedKeys(ledger);
  const facts: LedgerFact[] = [];
  const replace = (keyId: string) => facts.push({ kind: 'retiring', destination: d.destination, keyId, replacedBy: key });
  for (const f of ledger.facts) {
    if (f.destination !== d.destination) facts.push(f);
    else if (f.keyId === key) continue;
    else if (f.kind === 'holds') replace(f.keyId);
    else if (f.kind === 'pending') {
      // A delivery still under way keeps its claim; one from a run long over may have landed before ours.
      if (d.now.getTime() - startOf(byKey.get(f.keyId)) <= IN_FLIGHT_MS) facts.push(f);
      else replace(f.keyId);
    } else if (f.kind === 'retiring' && (d.heldUnknown || !byKey.has(f.replacedBy))) replace(f.keyId);
    else if (f.kind !== 'policy') facts.push(f);
  }
  for (const c of d.credentials) {
    const label = readLabel(c.displayName);
    const unrecorded = label !== undefined && !referenced.has(keyOf(c)) && keyOf(c) !== key;
    if (unrecorded && label.destination === d.destination) replace(keyOf(c));
  }
  facts.push({ kind: 'holds', destination: d.destination, keyId: key, delta: d.delta }, { kind: 'policy', destination: d.destination, ...d.policy });
  const unique = [...new Map(facts.map((f) => [JSON.stringify(f), f])).values()];
  return { ledger: withoutDangling({ ...ledger, facts: unique }, d.credentials), recorded: true };
}

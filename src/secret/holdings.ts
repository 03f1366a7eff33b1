import type { PasswordCredential } from '../graph/types.ts';
import type { Holding } from '../plan/holding.ts';
import type { Ledger } from '../plan/ledger.ts';
import type { Destination } from '../settings/settings.ts';

/** What this run's destination holds, as far as this run knows. */
export type OurHolding =
  | { readonly kind: 'as-before'; readonly holding: Holding }
  | { readonly kind: 'new'; readonly secret: PasswordCredential }
  | { readonly kind: 'either'; readonly secret: PasswordCredential; readonly before: Holding };

export interface HoldingsView {
  readonly destination: Destination;
  readonly ours: OurHolding;
  readonly ledger: Ledger;
  readonly credentials: readonly PasswordCredential[];
}

/**
 * One line per destination: this run's from what the run itself saw, every other one as the ledger
 * records it. Key IDs and dates only, never a value. Pure.
 */
export function describeHoldings(view: HoldingsView): string[] {
  const { destination, ours, ledger, credentials } = view;
  const lines = [`${destination.description}: ${describeOurs(ours)}`];
  for (const fact of ledger.facts) {
    if (fact.kind !== 'holds' || fact.destination === destination.id) continue;
    const secret = credentials.find((c) => c.keyId.toLowerCase() === fact.keyId);
    lines.push(`destination ${fact.destination} (as the ledger records it): ${secret ? secretText(secret) : `client secret ${fact.keyId}, which no longer exists`}`);
  }
  return lines;
}

function describeOurs(h: OurHolding): string {
  if (h.kind === 'new') return `the new ${secretText(h.secret)}`;
  if (h.kind === 'either') return `either the new ${secretText(h.secret)} or what it held before (${describeHolding(h.before)}); both stay valid`;
  return `${describeHolding(h.holding)} (unchanged by this run)`;
}

/** What a destination holds, in the words of the log, the job summary and the errors. */
export function describeHolding(h: Holding): string {
  if (h.status === 'known') return secretText(h.secret);
  if (h.status === 'none') return 'no client secret';
  return `not known for certain: ${h.reason}`;
}

function secretText(c: PasswordCredential): string {
  return `client secret ${c.keyId}${c.endDateTime ? `, valid until ${c.endDateTime}` : ''}`;
}

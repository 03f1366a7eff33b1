import type { PasswordCredential } from '../graph/types.ts';
import type { Holding } from '../plan/holding.ts';
import { parseLedger } from '../plan/ledger.ts';
import type { SecretContext } from './context.ts';
import type { OurHolding, SecretProgress } from './progress.ts';

/**
 * One line per destination: this run's from what the run itself saw, every other one as the ledger
 * records it. Key IDs and dates only, never a value.
 */
export function describeHoldings(ctx: SecretContext, progress: SecretProgress): string[] {
  const destination = ctx.settings.destination;
  const ledger = progress.last?.ledger ?? parseLedger(ctx.application.tags);
  const credentials = progress.last?.credentials ?? ctx.application.passwordCredentials;
  const lines = [`${destination.description}: ${ours(progress.holding)}`];
  for (const fact of ledger.facts) {
    if (fact.kind !== 'holds' || fact.destination === destination.id) continue;
    const secret = credentials.find((c) => c.keyId.toLowerCase() === fact.keyId);
    lines.push(`destination ${fact.destination} (as the ledger records it): ${secret ? secretText(secret) : `client secret ${fact.keyId}, which no longer exists`}`);
  }
  return lines;
}

function ours(h: OurHolding): string {
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

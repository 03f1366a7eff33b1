import type { PasswordCredential } from '../graph/types.ts';
import { DAY_MS, keyOf, startOf } from './holding.ts';
import { policyOf, type DestinationPolicy, type Ledger } from './ledger.ts';
import { DEFAULT_POLICY, firstConfirmation } from './retirement.ts';

/** How close to its end a secret a destination holds or may hold gets a warning. */
export const WARN_DAYS = 14;

/** By when the portal must run on a new secret: after that the secret it replaced may stop working. */
export interface Deadline {
  readonly by: Date;
  /** The secrets the new one replaced at this destination. */
  readonly replaced: readonly PasswordCredential[];
}

const endOf = (c: PasswordCredential): number => (c.endDateTime ? Date.parse(c.endDateTime) : Infinity);

/**
 * The moment each secret `keyId` replaced at `destination` may stop working, at the earliest: it never
 * outlives its own expiry, and a run may remove it once its grace period is over (from the new
 * secret's making, or, where the destination confirms use, from a confirmation not yet given, so
 * only its expiry counts). keep-secrets may keep it longer, but promises nothing. Undefined when the
 * new secret replaced none. Pure.
 */
export function reconfigureBy(ledger: Ledger, credentials: readonly PasswordCredential[], at: { destination: string; keyId: string; rules: DestinationPolicy }): Deadline | undefined {
  const byKey = new Map(credentials.map((c) => [keyOf(c), c]));
  const fresh = byKey.get(at.keyId.toLowerCase());
  if (!fresh) return undefined;
  const replaced = ledger.facts.flatMap((f) => (f.kind === 'retiring' && f.destination === at.destination && f.replacedBy === keyOf(fresh) && byKey.has(f.keyId) ? [byKey.get(f.keyId)!] : []));
  if (replaced.length === 0) return undefined;
  const graceEnds = at.rules.confirm ? Infinity : startOf(fresh) + at.rules.graceDays * DAY_MS;
  const by = Math.min(...replaced.map((c) => Math.min(endOf(c), graceEnds)));
  return Number.isFinite(by) ? { by: new Date(by), replaced } : undefined;
}

/**
 * Warnings for secrets close to their end that a destination holds, or, where a destination confirms
 * use, may still run on because it has not confirmed their replacement. Key IDs and dates only. Pure.
 */
export function deadlineWarnings(ledger: Ledger, credentials: readonly PasswordCredential[], now: Date): string[] {
  const byKey = new Map(credentials.map((c) => [keyOf(c), c]));
  const soon = (c: PasswordCredential) => endOf(c) - now.getTime() <= WARN_DAYS * DAY_MS && endOf(c) > now.getTime();
  const days = (c: PasswordCredential) => Math.max(0, Math.floor((endOf(c) - now.getTime()) / DAY_MS));
  const warnings: string[] = [];
  for (const f of ledger.facts) {
    const secret = byKey.get(f.keyId ?? '');
    if (!secret || !soon(secret)) continue;
    if (f.kind === 'holds') {
      warnings.push(`Destination ${f.destination} holds client secret ${secret.keyId}, which expires on ${secret.endDateTime} (in ${days(secret)} days): rotate it there before then.`);
    }
    const rules = policyOf(ledger, f.destination) ?? DEFAULT_POLICY;
    const replacement = f.kind === 'retiring' ? byKey.get(f.replacedBy) : undefined;
    if (f.kind === 'retiring' && rules.confirm && !(replacement && firstConfirmation(ledger, byKey, f.destination, replacement) !== undefined)) {
      warnings.push(
        `Destination ${f.destination} has not confirmed that its portal runs on client secret ${f.replacedBy}; the one it replaced, ${secret.keyId}, expires on ${secret.endDateTime} (in ${days(secret)} days). Reconfigure the portal and run secret-phase confirm.`,
      );
    }
  }
  return warnings;
}

import type { PasswordCredential } from '../graph/types.ts';
import type { SecretPhase } from '../settings/settings.ts';
import { DAY_MS, keyOf, neverDelivered, observeHolding, referencedKeys, startOf, type DestinationView, type Holding } from './holding.ts';
import { policyOf, readLabel, type DestinationPolicy, type Ledger } from './ledger.ts';

export interface RetirePolicy {
  /** Secrets a destination was given that stay valid, the one it holds included; 0 keeps them all. */
  readonly keep: number;
  /** How long a replaced secret stays valid after its replacement was made (or confirmed, with `confirm`). */
  readonly graceDays: number;
  readonly phase: SecretPhase;
  /** This run's destination confirms its use of a new secret before a replaced one's grace period starts. */
  readonly confirm?: boolean;
}

/** The action's defaults (action.yml), the least a destination that recorded no rules is granted. */
export const DEFAULT_POLICY: DestinationPolicy = { graceDays: 7, keep: 2, confirm: false };

/**
 * A secret expired this long ago signs in nowhere, whatever any destination holds: it goes. The margin
 * covers a runner clock that runs ahead of Entra's.
 */
const EXPIRED_MARGIN_MS = DAY_MS;

export interface RetireInput {
  readonly ledger: Ledger;
  readonly credentials: readonly PasswordCredential[];
  readonly destination: DestinationView;
  readonly holding: Holding;
  readonly policy: RetirePolicy;
  readonly now: Date;
  readonly run: { readonly id: string; readonly attempt: string };
  /** This invocation's label and its new secret: other secrets with the label lost their value with an answer. */
  readonly ours?: { readonly label: string; readonly keyId: string };
}

export type VerdictKind = 'lost-answer' | 'leftover' | 'expired' | 'retired' | 'kept';

export interface Verdict {
  readonly credential: PasswordCredential;
  readonly kind: VerdictKind;
  /** Why it goes, or why it stays, in the user's words. */
  readonly why: string;
}

interface Retiring {
  readonly destination: string;
  readonly replacedBy: PasswordCredential | undefined;
}

/**
 * What becomes of each secret this action made: it goes only when no destination holds it or may
 * hold it, and every destination it was given to has had it replaced for the grace period and keeps
 * enough newer ones. Undelivered leftovers go first and count for nothing. Secrets made by hand are
 * never judged. Pure.
 */
export function judgeSecrets(input: RetireInput, options: { ignoreKeep?: boolean } = {}): Verdict[] {
  const { ledger, credentials, destination, holding, policy, now } = input;
  const byKey = new Map(credentials.map((c) => [keyOf(c), c]));
  const referenced = referencedKeys(ledger);
  const retiring = new Map<string, Retiring[]>();
  const addRetiring = (keyId: string, r: Retiring) => retiring.set(keyId, [...(retiring.get(keyId) ?? []), r]);
  for (const f of ledger.facts) if (f.kind === 'retiring') addRetiring(f.keyId, { destination: f.destination, replacedBy: byKey.get(f.replacedBy) });
  // Secrets made for a known destination before the one it holds were replaced by it, recorded or not.
  if (holding.status === 'known') {
    for (const c of credentials) {
      const madeFor = readLabel(c.displayName)?.destination;
      if (madeFor === destination.id && !referenced.has(keyOf(c)) && startOf(c) < startOf(holding.secret)) addRetiring(keyOf(c), { destination: destination.id, replacedBy: holding.secret });
    }
  }
  const given = deliveredNewestFirst(ledger, retiring, byKey);
  const rulesOf = (d: string): DestinationPolicy =>
    d === destination.id ? { graceDays: policy.graceDays, keep: policy.keep, confirm: policy.confirm ?? false } : (policyOf(ledger, d) ?? strictest(policy));

  const verdicts: Verdict[] = [];
  for (const credential of credentials) {
    const label = readLabel(credential.displayName);
    if (!label) continue;
    const key = keyOf(credential);
    if (input.ours && key === input.ours.keyId.toLowerCase()) continue;
    const verdict = (kind: VerdictKind, why: string) => verdicts.push({ credential, kind, why });
    if (input.ours && credential.displayName?.startsWith(`${input.ours.label} `)) {
      verdict('lost-answer', 'this run added it, but its value was lost with the answer');
      continue;
    }
    const expiry = credential.endDateTime ? Date.parse(credential.endDateTime) : NaN;
    if (expiry + EXPIRED_MARGIN_MS < now.getTime()) {
      verdict('expired', `it expired on ${credential.endDateTime} and signs in nowhere`);
      continue;
    }
    const facts = ledger.facts.filter((f) => f.keyId === key);
    const holder = facts.find((f) => f.kind === 'holds');
    if (holder) {
      verdict('kept', `destination ${holder.destination} holds it`);
      continue;
    }
    const undelivered = label.destination === destination.id && neverDelivered(credential, holding, input.run, now);
    const pending = facts.find((f) => f.kind === 'pending' && !(f.destination === destination.id && undelivered));
    if (pending) {
      verdict('kept', `a delivery to destination ${pending.destination} may have given it out`);
      continue;
    }
    if (undelivered && !retiring.has(key)) {
      verdict('leftover', `made by run ${label.runId}.${label.attempt}, never delivered`);
      continue;
    }
    const replaced = retiring.get(key);
    if (label.destination === undefined) {
      // The first release named no destination: any destination that has not delivered since may hold it.
      verdict('kept', 'made by the first release, which recorded no destination; it stays until it expires');
      continue;
    }
    if (!replaced) {
      verdict('kept', label.destination === destination.id ? `${destination.description} may hold it (${holdingNote(holding)})` : `no record says destination ${label.destination} no longer needs it`);
      continue;
    }
    const blocker = replaced.map((r) => retireBlocker(r, credential)).find((b) => b !== undefined);
    if (blocker) verdict('kept', blocker);
    else if (policy.phase === 'retire' && holding.status === 'known') verdict('retired', `${destination.description} no longer uses it: it runs on ${holding.secret.keyId} (secret-phase retire)`);
    else verdict('retired', `replaced at ${replaced.map((r) => `destination ${r.destination} by ${r.replacedBy?.keyId}`).join(', ')}, past its grace period`);
  }
  return verdicts;

  function retireBlocker(r: Retiring, credential: PasswordCredential): string | undefined {
    if (!r.replacedBy) return `the secret that replaced it at destination ${r.destination} is gone, so its grace period cannot be told`;
    // What this run's destination holds is not known: it may hold any secret it was ever given (a person may have written one back).
    if (r.destination === destination.id && holding.status === 'unknown') return `${destination.description} may hold it (${holding.reason})`;
    const confirmed = policy.phase === 'retire' && r.destination === destination.id && holding.status === 'known';
    if (confirmed) return undefined;
    const rules = rulesOf(r.destination);
    const start = graceStart(r.destination, r.replacedBy, rules);
    if (start === undefined) return `destination ${r.destination} has not yet confirmed that it uses ${r.replacedBy.keyId} or a newer secret (secret-phase confirm)`;
    const ends = start + rules.graceDays * DAY_MS;
    if (ends > now.getTime()) return `replaced at destination ${r.destination}; its grace period (${rules.graceDays} days) runs until ${new Date(ends).toISOString()}`;
    if (options.ignoreKeep) return undefined;
    if (rules.keep === 0) return `keep-secrets of destination ${r.destination} is 0, which keeps every secret it was given until it expires`;
    const rank = (given.get(r.destination) ?? []).findIndex((c) => keyOf(c) === keyOf(credential));
    if (rank >= 0 && rank < rules.keep) return `one of the ${rules.keep} newest secrets destination ${r.destination} was given (its keep-secrets)`;
    return undefined;
  }

  /**
   * When the grace period of a secret replaced at `d` by `replacement` starts: at the replacement's
   * making, or, where the destination confirms its use first, at the first confirmation of that secret
   * or a newer one.
   */
  function graceStart(d: string, replacement: PasswordCredential, rules: DestinationPolicy): number | undefined {
    return rules.confirm ? firstConfirmation(ledger, byKey, d, replacement) : startOf(replacement);
  }
}

/** When `destination` first confirmed it uses `replacement` or a newer secret; undefined before any such confirmation. Pure. */
export function firstConfirmation(ledger: Ledger, byKey: ReadonlyMap<string, PasswordCredential>, destination: string, replacement: PasswordCredential): number | undefined {
  const times = ledger.facts.flatMap((f) => {
    const c = f.kind === 'confirmed' && f.destination === destination ? byKey.get(f.keyId) : undefined;
    return c && f.kind === 'confirmed' && startOf(c) >= startOf(replacement) ? [startOf(c) + f.afterMs] : [];
  });
  return times.length > 0 ? Math.min(...times) : undefined;
}

/** For a destination that recorded no rules: the stricter of this run's rules and the defaults. */
function strictest(policy: RetirePolicy): DestinationPolicy {
  const keep = policy.keep === 0 ? 0 : Math.max(policy.keep, DEFAULT_POLICY.keep);
  return { graceDays: Math.max(policy.graceDays, DEFAULT_POLICY.graceDays), keep, confirm: false };
}

/** Per destination, the secrets it holds and those it was given before, newest first. */
function deliveredNewestFirst(ledger: Ledger, retiring: Map<string, Retiring[]>, byKey: Map<string, PasswordCredential>): Map<string, PasswordCredential[]> {
  const lists = new Map<string, PasswordCredential[]>();
  const add = (destination: string, c: PasswordCredential | undefined) => {
    if (c) lists.set(destination, [...(lists.get(destination) ?? []), c]);
  };
  for (const f of ledger.facts) if (f.kind === 'holds') add(f.destination, byKey.get(f.keyId));
  for (const [keyId, list] of retiring) for (const r of list) add(r.destination, byKey.get(keyId));
  for (const [d, list] of lists) lists.set(d, [...new Set(list)].sort((a, b) => startOf(b) - startOf(a)));
  return lists;
}

function holdingNote(holding: Holding): string {
  return holding.status === 'unknown' ? holding.reason : holding.status === 'none' ? holding.reason : `it holds ${holding.secret.keyId}`;
}

/** A secret no destination was ever given: removing it is cleanup, not retirement, in every secret-phase. */
export function isGarbage(verdict: Verdict): boolean {
  return verdict.kind === 'leftover' || verdict.kind === 'lost-answer' || verdict.kind === 'expired';
}

/** The removals of a run, leftovers first, oldest first within each kind. */
export function removals(verdicts: readonly Verdict[]): Verdict[] {
  const order: VerdictKind[] = ['lost-answer', 'leftover', 'expired', 'retired'];
  return verdicts.filter((v) => v.kind !== 'kept').sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || startOf(a.credential) - startOf(b.credential));
}

/**
 * What a run removes now, from the secrets and ledger as they are: what no destination holds or may
 * hold, past its grace period; with secret-phase rotate, only secrets no destination was ever given.
 * Pure.
 */
export function retirementNow(
  state: { ledger: Ledger; credentials: readonly PasswordCredential[] },
  destination: DestinationView,
  policy: RetirePolicy,
  context: Pick<RetireInput, 'now' | 'run' | 'ours'>,
): { holding: Holding; verdicts: Verdict[]; doomed: Verdict[] } {
  const holding = observeHolding(destination, state.ledger, state.credentials);
  const verdicts = judgeSecrets({ ...state, destination, holding, policy, ...context });
  const doomed = removals(verdicts).filter((v) => policy.phase !== 'rotate' || isGarbage(v));
  return { holding, verdicts, doomed };
}

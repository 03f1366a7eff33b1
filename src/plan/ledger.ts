import type { PasswordCredential } from '../graph/types.ts';

/**
 * The delivery ledger: which client secret each destination was last given, kept as strings in the
 * application's own `tags` (a Collection(Edm.String) the owner may write with
 * Application.ReadWrite.OwnedBy, learn.microsoft.com/graph/api/resources/application). It lives with
 * the registration, so every workflow that delivers its secrets sees the same ledger, and it needs
 * no permission beyond the one the action already has.
 *
 * One tag per fact, each well under 256 characters (the per-tag limit is UNCONFIRMED; the emulator
 * refuses longer tags):
 *   intrexx-entra-action:<destination>:holds:<keyId>:<delta>     the destination holds this secret
 *   intrexx-entra-action:<destination>:pending:<keyId>            a delivery of this secret began
 *   intrexx-entra-action:<destination>:retiring:<keyId>:<keyId>   it was replaced by the second one
 *
 * No fact holds a clock reading of its own: times come from the secrets' startDateTime and from
 * GitHub's updated_at. <delta> is updated_at of the destination's client-secret secret minus the
 * held secret's startDateTime, in milliseconds, as read right after the write ("-" for a step
 * output, which GitHub keeps no record of). A later run compares it with updated_at as it finds it:
 * equal means nothing has written the destination since.
 */
export const MARKER = 'intrexx-entra-action';

export type LedgerFact =
  | { readonly kind: 'holds'; readonly destination: string; readonly keyId: string; readonly delta: number | null }
  | { readonly kind: 'pending'; readonly destination: string; readonly keyId: string }
  | { readonly kind: 'retiring'; readonly destination: string; readonly keyId: string; readonly replacedBy: string };

export interface Ledger {
  readonly facts: readonly LedgerFact[];
  /** Every other tag of the application, kept as it is. */
  readonly otherTags: readonly string[];
}

const ID = '[0-9a-f]{12}';
const KEY = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const FACT = new RegExp(`^${MARKER}:(${ID}):(?:holds:(${KEY}):(-|-?\\d{1,15})|pending:(${KEY})|retiring:(${KEY}):(${KEY}))$`, 'i');

export function parseLedger(tags: readonly string[] | null | undefined): Ledger {
  const facts: LedgerFact[] = [];
  const otherTags: string[] = [];
  for (const tag of tags ?? []) {
    const m = FACT.exec(tag);
    if (!m) {
      otherTags.push(tag);
      continue;
    }
    const destination = (m[1] ?? '').toLowerCase();
    if (m[2]) facts.push({ kind: 'holds', destination, keyId: m[2].toLowerCase(), delta: m[3] === '-' ? null : Number(m[3]) });
    else if (m[4]) facts.push({ kind: 'pending', destination, keyId: m[4].toLowerCase() });
    else facts.push({ kind: 'retiring', destination, keyId: (m[5] ?? '').toLowerCase(), replacedBy: (m[6] ?? '').toLowerCase() });
  }
  return { facts, otherTags };
}

export function factTag(fact: LedgerFact): string {
  const head = `${MARKER}:${fact.destination}`;
  if (fact.kind === 'holds') return `${head}:holds:${fact.keyId}:${fact.delta === null ? '-' : String(fact.delta)}`;
  if (fact.kind === 'pending') return `${head}:pending:${fact.keyId}`;
  return `${head}:retiring:${fact.keyId}:${fact.replacedBy}`;
}

/** The tags that store a ledger: the other tags first, then the facts, without duplicates. */
export function ledgerTags(ledger: Ledger): string[] {
  return [...new Set([...ledger.otherTags, ...ledger.facts.map(factTag)])];
}

/** Drops facts about secrets that no longer exist: they protect nothing and would only grow the ledger. */
export function withoutDangling(ledger: Ledger, credentials: readonly PasswordCredential[]): Ledger {
  const exists = new Set(credentials.map((c) => c.keyId.toLowerCase()));
  return { ...ledger, facts: ledger.facts.filter((f) => exists.has(f.keyId)) };
}

/**
 * The label (displayName) of the secrets one invocation makes: the destination, the workflow run and
 * attempt, and a nonce per invocation; addPassword appends a nonce per request attempt.
 */
export function secretLabel(destination: string, run: { id: string; attempt: string; invocation: string }): string {
  return `${MARKER} ${destination} run ${run.id}.${run.attempt} ${run.invocation}`;
}

export interface LabelInfo {
  /** undefined for a secret made by the first release, whose label named no destination. */
  readonly destination: string | undefined;
  readonly runId: string;
  readonly attempt: number;
}

const LABEL = new RegExp(`^${MARKER} (?:(${ID}) )?run (\\S+)\\.(\\d+)(?: [0-9a-f]+)*$`, 'i');

/** What a secret's label says, when this action made it; undefined for any other secret. */
export function readLabel(displayName: string | null): LabelInfo | undefined {
  const m = displayName ? LABEL.exec(displayName) : null;
  if (!m) return undefined;
  return { destination: m[1]?.toLowerCase(), runId: m[2] ?? '', attempt: Number(m[3]) };
}

import type { PasswordCredential } from '../graph/types.ts';

/**
 * The delivery ledger: which client secret each destination was last given, kept as strings in the
 * application's own `tags` (a Collection(Edm.String) the owner may write with
 * Application.ReadWrite.OwnedBy, learn.microsoft.com/graph/api/resources/application). It lives with
 * the registration, so every workflow that delivers its secrets sees the same ledger, and it needs
 * no permission beyond the one the action already has.
 *
 * One tag per fact, each well under the 256 characters a tag may have
 * (learn.microsoft.com/entra/identity-platform/supported-accounts-validation, "Tags"):
 *   intrexx-entra-action:<destination>:holds:<keyId>:<delta>     the destination holds this secret
 *   intrexx-entra-action:<destination>:pending:<keyId>            a delivery of this secret began
 *   intrexx-entra-action:<destination>:retiring:<keyId>:<keyId>   it was replaced by the second one
 *   intrexx-entra-action:<destination>:policy:<grace>:<keep>:<c>  its rules: grace-period-days,
 *                                                                 keep-secrets, and whether its use of a
 *                                                                 new secret is confirmed (c = 1) first
 *   intrexx-entra-action:<destination>:confirmed:<keyId>:<ms>     it uses this secret, as confirmed <ms>
 *                                                                 after the secret's startDateTime
 *
 * No fact holds a clock reading of its own: times come from the secrets' startDateTime and from
 * GitHub's updated_at. <delta> is updated_at of the destination's client-secret secret minus the
 * held secret's startDateTime, in milliseconds, as read right after the write ("-" for a step
 * output, which GitHub keeps no record of). A later run compares it with updated_at as it finds it:
 * equal means nothing has written the destination since.
 */
export const MARKER = 'intrexx-entra-action';

/** A destination's own rules, which bind every run that judges the secrets it was given. */
export interface DestinationPolicy {
  readonly graceDays: number;
  readonly keep: number;
  /** A replaced secret's grace period starts only once the destination confirmed it uses a newer one. */
  readonly confirm: boolean;
}

export type LedgerFact =
  | { readonly kind: 'holds'; readonly destination: string; readonly keyId: string; readonly delta: number | null }
  | { readonly kind: 'pending'; readonly destination: string; readonly keyId: string }
  | { readonly kind: 'retiring'; readonly destination: string; readonly keyId: string; readonly replacedBy: string }
  | { readonly kind: 'confirmed'; readonly destination: string; readonly keyId: string; readonly afterMs: number }
  | ({ readonly kind: 'policy'; readonly destination: string; readonly keyId?: undefined } & DestinationPolicy);

export interface Ledger {
  readonly facts: readonly LedgerFact[];
  /** Every other tag of the application, kept as it is. */
  readonly otherTags: readonly string[];
}

const ID = '[0-9a-f]{12}';
const KEY = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const FACT = new RegExp(
  `^${MARKER}:(${ID}):(?:holds:(${KEY}):(-|-?\\d{1,15})|pending:(${KEY})|retiring:(${KEY}):(${KEY})|confirmed:(${KEY}):(\\d{1,15})|policy:(\\d{1,3}):(\\d{1,3}):([01]))$`,
  'i',
);

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
    else if (m[5]) facts.push({ kind: 'retiring', destination, keyId: m[5].toLowerCase(), replacedBy: (m[6] ?? '').toLowerCase() });
    else if (m[7]) facts.push({ kind: 'confirmed', destination, keyId: m[7].toLowerCase(), afterMs: Number(m[8]) });
    else facts.push({ kind: 'policy', destination, graceDays: Number(m[9]), keep: Number(m[10]), confirm: m[11] === '1' });
  }
  return { facts, otherTags };
}

export function factTag(fact: LedgerFact): string {
  const head = `${MARKER}:${fact.destination}`;
  if (fact.kind === 'holds') return `${head}:holds:${fact.keyId}:${fact.delta === null ? '-' : String(fact.delta)}`;
  if (fact.kind === 'pending') return `${head}:pending:${fact.keyId}`;
  if (fact.kind === 'confirmed') return `${head}:confirmed:${fact.keyId}:${Math.max(0, Math.round(fact.afterMs))}`;
  if (fact.kind === 'policy') return `${head}:policy:${fact.graceDays}:${fact.keep}:${fact.confirm ? 1 : 0}`;
  return `${head}:retiring:${fact.keyId}:${fact.replacedBy}`;
}

/** The tags that store a ledger: the other tags first, then the facts, without duplicates. */
export function ledgerTags(ledger: Ledger): string[] {
  return [...new Set([...ledger.otherTags, ...ledger.facts.map(factTag)])];
}

/** Drops facts about secrets that no longer exist: they protect nothing and would only grow the ledger. */
export function withoutDangling(ledger: Ledger, credentials: readonly PasswordCredential[]): Ledger {
  const exists = new Set(credentials.map((c) => c.keyId.toLowerCase()));
  return { ...ledger, facts: ledger.facts.filter((f) => f.kind === 'policy' || exists.has(f.keyId)) };
}

/**
 * The most facts the ledger keeps. An application's collections together (tags, redirect URIs,
 * secrets, permissions …) hold at most about 1000 to 1200 entries
 * (learn.microsoft.com/entra/identity-platform/reference-app-manifest, "Manifest limits";
 * supported-accounts-validation), and a write past that is refused: the ledger stays well below it.
 */
export const LEDGER_CAP = 200;

/**
 * The same protection in fewer facts: per destination only its newest confirmation (an older one could
 * only start a grace period earlier), and no rules for a destination that has no other fact. Pure.
 */
export function compactLedger(ledger: Ledger, credentials: readonly PasswordCredential[]): Ledger {
  const start = (keyId: string) => Date.parse(credentials.find((c) => c.keyId.toLowerCase() === keyId)?.startDateTime ?? '') || 0;
  const newest = new Map<string, LedgerFact>();
  for (const f of ledger.facts) {
    const best = newest.get(f.destination);
    if (f.kind === 'confirmed' && (!best || start(f.keyId) > start(best.keyId ?? ''))) newest.set(f.destination, f);
  }
  const active = new Set(ledger.facts.filter((f) => f.kind !== 'policy' && f.kind !== 'confirmed').map((f) => f.destination));
  const facts = ledger.facts.filter((f) => (f.kind === 'confirmed' ? newest.get(f.destination) === f : f.kind === 'policy' ? active.has(f.destination) : true));
  return { ...ledger, facts };
}

/** The recorded rules of a destination; undefined for one that has recorded none (an older release's). */
export function policyOf(ledger: Ledger, destination: string): DestinationPolicy | undefined {
  const fact = ledger.facts.find((f) => f.kind === 'policy' && f.destination === destination);
  return fact?.kind === 'policy' ? { graceDays: fact.graceDays, keep: fact.keep, confirm: fact.confirm } : undefined;
}

/** A run's rules for its own destination, as the ledger records them (Settings.secret or any superset). */
export function destinationPolicy(rules: DestinationPolicy): DestinationPolicy {
  return { graceDays: rules.graceDays, keep: rules.keep, confirm: rules.confirm };
}

/** The ledger with this destination's rules recorded (replacing what it recorded before). */
export function withPolicy(ledger: Ledger, destination: string, policy: DestinationPolicy): Ledger {
  const others = ledger.facts.filter((f) => !(f.kind === 'policy' && f.destination === destination));
  return { ...ledger, facts: [...others, { kind: 'policy', destination, ...policy }] };
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

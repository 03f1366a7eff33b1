import { ActionError } from '../errors.ts';
import type { NewPasswordCredential, PasswordCredential } from '../graph/types.ts';
import type { Change } from '../plan/changes.ts';
import type { Holding } from '../plan/holding.ts';
import type { Ledger } from '../plan/ledger.ts';
import { addSecretChange, deliverChange, removalChange } from '../plan/plan-run.ts';
import type { Verdict } from '../plan/retirement.ts';
import type { SecretContext } from './context.ts';

/** What this run's destination holds, as far as this run knows. */
export type OurHolding =
  | { readonly kind: 'as-before'; readonly holding: Holding }
  | { readonly kind: 'new'; readonly secret: PasswordCredential }
  | { readonly kind: 'either'; readonly secret: PasswordCredential; readonly before: Holding };

/** What the secret's life has done so far: kept up to date, so a failure can report it exactly. */
export class SecretProgress {
  readonly changes: Change[] = [];
  secret: NewPasswordCredential | undefined;
  /** updated_at of the destination's client-secret secret after this run's write. */
  writtenAt: string | null | undefined;
  holding: OurHolding;
  /** What the destination held when the run began. */
  readonly before: Holding;
  /** The ledger and secrets as last read, for the report. */
  last: { ledger: Ledger; credentials: readonly PasswordCredential[] } | undefined;

  private readonly ctx: SecretContext;
  private readonly reason: string;

  constructor(ctx: SecretContext, before: Holding, reason: string) {
    this.ctx = ctx;
    this.reason = reason;
    this.before = before;
    this.holding = { kind: 'as-before', holding: before };
  }

  /** The destination may hold the new secret or what it held before; both stay. */
  mayHold(secret: PasswordCredential, before: Holding = this.before): void {
    this.holding = { kind: 'either', secret, before };
  }

  added(secret: NewPasswordCredential): void {
    this.secret = secret;
    this.changes.push(addSecretChange(this.ctx.settings, this.reason));
  }

  delivered(): void {
    this.changes.push(...deliverChange(this.ctx.settings));
  }

  removed(verdict: Verdict): void {
    this.changes.push(removalChange(verdict));
  }

  /** The new secret was removed again: it never left this run. */
  undone(): void {
    this.secret = undefined;
    const added = this.changes.findIndex((c) => c.kind === 'add-client-secret');
    if (added >= 0) this.changes.splice(added, 1);
  }
}

/** A failure in the secret's life, with what each destination holds at that moment. */
export class SecretLifecycleFailed extends ActionError {
  readonly progress: SecretProgress;
  readonly holdings: readonly string[];
  constructor(error: unknown, progress: SecretProgress, holdings: readonly string[]) {
    const inner = error instanceof ActionError ? error : undefined;
    const text = error instanceof Error ? error.message : String(error);
    super(`${text}\nWhat each destination holds now:\n${holdings.map((h) => `  - ${h}`).join('\n')}`, { hint: inner?.hint, cause: error });
    this.name = 'SecretLifecycleFailed';
    this.progress = progress;
    this.holdings = holdings;
  }
}

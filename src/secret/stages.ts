import type { RunContext } from '../context.ts';
import type { Application, NewPasswordCredential, PasswordCredential } from '../graph/types.ts';
import type { Change } from '../plan/changes.ts';
import type { Ledger } from '../plan/ledger.ts';
import type { PreparedDelivery } from './github-delivery.ts';

/** What every part of the secret's life works with: the run's context and the registration it serves. */
export interface SecretContext extends RunContext {
  /** The GitHub destination, its public key and what it held when the run began; undefined for step outputs. */
  readonly delivery: PreparedDelivery | undefined;
  readonly application: Application;
  /** The application was created by this run: replication lag is waited out. */
  readonly created: boolean;
}

/**
 * How far the new secret's life has come: made in Entra (added), announced in the ledger (pending),
 * handed to the destination (delivered), signed in with (confirmed), and the secrets it replaces
 * retired. A run that makes no secret goes from planned to retired.
 */
export type Stage = 'planned' | 'added' | 'pending' | 'delivered' | 'confirmed' | 'retired';

export const NEXT: Readonly<Record<Stage, readonly Stage[]>> = {
  planned: ['added', 'confirmed', 'retired'],
  // Back to planned: the new secret was removed again, undelivered.
  added: ['pending', 'planned'],
  pending: ['delivered', 'planned'],
  delivered: ['confirmed', 'retired'],
  confirmed: ['retired'],
  retired: [],
};

/** What the secret's life came to. A failure is reported here, with what each destination holds. */
export interface SecretOutcome {
  readonly stage: Stage;
  /** The new secret, when this run made one and it stays. */
  readonly secret: NewPasswordCredential | undefined;
  readonly changes: readonly Change[];
  /** One line per destination: what it holds now. */
  readonly holdings: readonly string[];
  /** Why it stopped short, when it did; nothing a destination may hold was removed. */
  readonly failure: unknown;
  /** The secrets and ledger as the run last read or wrote them. */
  readonly state: SecretsNow;
}

/** An application's client secrets and the ledger in its tags, as last read or written. */
export interface SecretsNow {
  readonly credentials: readonly PasswordCredential[];
  readonly ledger: Ledger;
}

import type { RunContext } from '../context.ts';
import type { Application } from '../graph/types.ts';
import type { PreparedDelivery } from './deliver.ts';

/** What every part of the secret's life works with: the run's context and the registration it serves. */
export interface SecretContext extends RunContext {
  /** The GitHub destination, its public key and what it held when the run began; undefined for step outputs. */
  readonly delivery: PreparedDelivery | undefined;
  readonly application: Application;
  /** The application was created by this run: replication lag is waited out. */
  readonly created: boolean;
}

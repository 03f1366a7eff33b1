import type { Directory } from '../graph/directory.ts';
import type { Application } from '../graph/types.ts';
import type { Runtime } from '../runtime.ts';
import type { Settings } from '../settings/settings.ts';
import type { PreparedDelivery } from './deliver.ts';

/** What every part of the secret's life works with. */
export interface SecretContext {
  readonly runtime: Runtime;
  readonly settings: Settings;
  readonly directory: Directory;
  /** The GitHub destination, its public key and what it holds now; undefined for step outputs. */
  readonly delivery: PreparedDelivery | undefined;
  readonly application: Application;
  /** The application was created by this run: replication lag is waited out. */
  readonly created: boolean;
  /** The label of the secrets this invocation makes. */
  readonly label: string;
}

import type { NewPasswordCredential } from '../graph/types.ts';
import { keyOf, startOf } from '../plan/holding.ts';
import { ledgerTags, parseLedger } from '../plan/ledger.ts';
import { withDelivery } from '../plan/record-delivery.ts';
import type { SecretContext, SecretsNow } from './stages.ts';

/**
 * The delivery ledger in the registration's tags, as the secret's life reads and writes it, with the
 * secrets and ledger as last read or written.
 */
export class LedgerStore {
  #last: SecretsNow | undefined;
  readonly #ctx: SecretContext;

  constructor(ctx: SecretContext) {
    this.#ctx = ctx;
  }

  /** Whether the run has read or written the ledger since it started. */
  get wasRead(): boolean {
    return this.#last !== undefined;
  }

  /** The secrets and ledger as last read or written, or as the run found them. */
  get last(): SecretsNow {
    return this.#last ?? this.atStart();
  }

  /** The secrets and ledger as the run read them at its start. */
  atStart(): SecretsNow {
    return { credentials: this.#ctx.application.passwordCredentials, ledger: parseLedger(this.#ctx.application.tags) };
  }

  /** The application's secrets and ledger as Graph holds them now (another run may have changed both). */
  async read(): Promise<SecretsNow> {
    const app = await this.#ctx.directory.getApplication(this.#ctx.application.id, { justCreated: this.#ctx.created });
    this.#last = { credentials: app.passwordCredentials, ledger: parseLedger(app.tags) };
    return this.#last;
  }

  /**
   * Writes the ledger: PATCH replaces the whole tags collection, so `next` is built from a read made
   * just before (learn.microsoft.com/graph/api/application-update). Repeating it is harmless.
   */
  async write(next: SecretsNow): Promise<void> {
    await this.#ctx.directory.updateApplication(this.#ctx.application.id, { tags: ledgerTags(next.ledger) }, { justCreated: this.#ctx.created });
    this.#last = next;
  }

  /** What the run's report shows when a write that changed nothing else could not be made. */
  assume(next: SecretsNow): void {
    this.#last = next;
  }

  /**
   * Writes the holds fact of this run's destination; false when another run delivered to it in the
   * same second, so that neither can be claimed. Its delta is taken against startDateTime as a
   * listing of the secrets shows it, which is what later runs compare with (whether addPassword's
   * answer carries the same precision is not documented).
   */
  async recordHolds(secret: NewPasswordCredential, writtenAt: string | null): Promise<boolean> {
    const destination = this.#ctx.settings.destination.id;
    const heldBefore = parseLedger(this.#ctx.application.tags).facts.filter((f) => f.kind === 'holds' && f.destination === destination);
    const fresh = await this.read();
    const listed = fresh.credentials.find((c) => keyOf(c) === keyOf(secret)) ?? secret;
    const delta = writtenAt === null ? null : Date.parse(writtenAt) - startOf(listed);
    const { ledger, recorded } = withDelivery(fresh.ledger, { destination, keyId: secret.keyId, delta, heldBefore, credentials: fresh.credentials, now: this.#ctx.clock() });
    if (recorded) await this.write({ ...fresh, ledger });
    return recorded;
  }
}

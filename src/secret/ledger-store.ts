import { ActionError } from '../errors.ts';
import type { NewPasswordCredential, PasswordCredential } from '../graph/types.ts';
import { keyOf, startOf } from '../plan/holding.ts';
import { compactLedger, destinationPolicy, LEDGER_CAP, ledgerTags, parseLedger, withPolicy } from '../plan/ledger.ts';
import { withDelivery, type Delivered } from '../plan/record-delivery.ts';
import { withRetry } from '../retry.ts';
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
   * Reads the secrets and ledger once they list `secret`, this run's new one. Right after it was made
   * a read may come from a replica that has not seen it yet (devblogs.microsoft.com/identity/
   * designing-for-eventual-consistency-for-microsoft-entra); one still missing after some seconds was
   * removed by something else, and what was delivered does not work.
   */
  async readListing(secret: NewPasswordCredential): Promise<SecretsNow> {
    const gone = new ActionError(`The client secret ${secret.keyId} this run made is gone: something removed it while this run delivered it, so what was delivered does not work.`, {
      hint: 'Run the workflow again, and check who else removes client secrets of this registration.',
    });
    const classify = (error: unknown) => (error === gone ? { retry: true as const, reason: `client secret ${secret.keyId} is not listed yet` } : { retry: false as const });
    return withRetry({ operation: 'read the client secrets', classify, warn: (m) => this.#ctx.runtime.info(m), limits: { maxAttempts: 4, maxElapsedMs: 30_000, baseDelayMs: 2_000 } }, async () => {
      const now = await this.read();
      if (!now.credentials.some((c) => keyOf(c) === keyOf(secret))) throw gone;
      return now;
    });
  }

  /**
   * Writes the ledger: PATCH replaces the whole tags collection, so `next` is built from a read made
   * just before (learn.microsoft.com/graph/api/application-update). Repeating it is harmless.
   */
  async write(next: SecretsNow): Promise<void> {
    const ledger = compactLedger(next.ledger, next.credentials);
    if (ledger.facts.length > LEDGER_CAP) {
      throw new ActionError(`The delivery ledger would need ${ledger.facts.length} tags, more than the ${LEDGER_CAP} it may use of the registration's entries, so it was not written.`, {
        hint: 'Remove client secrets that no portal uses any more (by hand, or with secret-phase retire per destination), or let fewer destinations share this registration.',
      });
    }
    next = { ...next, ledger };
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
  async recordHolds(secret: NewPasswordCredential, writtenAt: string | null, heldUnknown: boolean): Promise<boolean> {
    const destination = this.#ctx.settings.destination.id;
    const rules: Pick<Delivered, 'policy' | 'heldUnknown'> = { policy: destinationPolicy(this.#ctx.settings.secret), heldUnknown };
    const heldBefore = parseLedger(this.#ctx.application.tags).facts.filter((f) => f.kind === 'holds' && f.destination === destination);
    const fresh = await this.read();
    const listed = fresh.credentials.find((c) => keyOf(c) === keyOf(secret)) ?? secret;
    const delta = writtenAt === null ? null : Date.parse(writtenAt) - startOf(listed);
    const { ledger, recorded } = withDelivery(fresh.ledger, { destination, keyId: secret.keyId, delta, heldBefore, credentials: fresh.credentials, now: this.#ctx.clock(), ...rules });
    if (recorded) await this.write({ ...fresh, ledger });
    return recorded;
  }

  /**
   * Records that this run's destination uses `secret` as of `now`, with its current rules. The time is
   * kept as an offset from the secret's startDateTime, as the ledger keeps no clock readings of its own.
   */
  async recordConfirmation(secret: PasswordCredential, now: Date): Promise<void> {
    const { id } = this.#ctx.settings.destination;
    const fresh = await this.read();
    const others = fresh.ledger.facts.filter((f) => !(f.kind === 'confirmed' && f.destination === id && f.keyId === keyOf(secret)));
    const confirmed = { kind: 'confirmed' as const, destination: id, keyId: keyOf(secret), afterMs: Math.max(0, now.getTime() - startOf(secret)) };
    await this.write({ ...fresh, ledger: withPolicy({ ...fresh.ledger, facts: [...others, confirmed] }, id, destinationPolicy(this.#ctx.settings.secret)) });
  }
}

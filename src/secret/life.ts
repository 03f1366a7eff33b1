import { ActionError, describeError } from '../errors.ts';
import type { NewPasswordCredential } from '../graph/types.ts';
import type { Change } from '../plan/changes.ts';
import { DAY_MS, type DestinationView } from '../plan/holding.ts';
import { withoutDangling } from '../plan/ledger.ts';
import { addSecretChange, deliverChange, removalChange } from '../plan/plan-run.ts';
import { withPending } from '../plan/record-delivery.ts';
import { isGarbage, retirementNow, type Verdict } from '../plan/retirement.ts';
import type { SecretPlan } from '../plan/secret-plan.ts';
import { judgeFailedDelivery, type PreparedDelivery } from './github-delivery.ts';
import { describeHoldings, type OurHolding } from './holdings.ts';
import { LedgerStore } from './ledger-store.ts';
import { NEXT, type SecretContext, type SecretOutcome, type Stage } from './stages.ts';
import { startVerification, whileVerifying } from './verification.ts';

/**
 * The client secret's whole life, one owner of its state: make room, add, deliver (recording it in the
 * ledger), verify, retire what no destination needs any more. Never throws: the outcome says how far
 * it came and, on failure, what each destination holds. Nothing a destination may hold is removed.
 */
export function liveSecretLife(ctx: SecretContext, plan: SecretPlan): Promise<SecretOutcome> {
  return new SecretLife(ctx, plan).run();
}

class SecretLife {
  #stage: Stage = 'planned';
  #secret: NewPasswordCredential | undefined;
  #holding: OurHolding;
  /** updated_at of the destination's client-secret secret after this run's write. */
  #writtenAt: string | null | undefined;
  /** The ledger in the registration's tags: every read and write of it goes through here. */
  readonly #ledger: LedgerStore;
  readonly #changes: Change[] = [];
  readonly #ctx: SecretContext;
  readonly #plan: SecretPlan;

  constructor(ctx: SecretContext, plan: SecretPlan) {
    [this.#ctx, this.#plan, this.#ledger] = [ctx, plan, new LedgerStore(ctx)];
    this.#holding = { kind: 'as-before', holding: plan.holding };
  }

  async run(): Promise<SecretOutcome> {
    const { runtime, settings } = this.#ctx;
    try {
      // Without a rotation the Plan group has said why (main.ts).
      if (this.#plan.rotate) await this.#rotate();
      if (settings.secret.phase === 'confirm' || settings.secret.phase === 'retire') await runtime.group('Confirm what the portal uses', () => this.#confirm());
      await runtime.group('Retire client secrets', () => this.#retire());
      this.#enter('retired');
      return this.#outcome(undefined);
    } catch (error) {
      return this.#outcome(error);
    }
  }

  async #rotate(): Promise<void> {
    const { runtime, settings } = this.#ctx;
    const plan = this.#plan;
    // Leftovers go before the new secret exists: once it is delivered they would look replaced by it.
    const first = [...plan.room, ...plan.retire.filter((v) => isGarbage(v) && !plan.room.includes(v))];
    if (first.length > 0) await runtime.group('Remove undelivered leftovers and make room', () => this.#remove(first));
    const secret = await runtime.group('Add a new client secret', () => this.#add());
    // Entra takes seconds to make a new secret work everywhere; the delivery, which does not depend on
    // it, goes on meanwhile. Only retiring waits for the outcome.
    const verification = settings.secret.verify ? startVerification(this.#ctx, secret) : undefined;
    const { delivery } = this.#ctx;
    await whileVerifying(verification, runtime, () =>
      runtime.group(`Deliver it to ${settings.destination.description}`, () => (delivery ? this.#deliverToStore(secret, delivery) : this.#deliverToOutputs(secret))),
    );
    if (verification) {
      await runtime.group('Verify the new client secret', () => verification.outcome());
      this.#enter('confirmed');
    }
  }

  /** Adds the secret; addPassword masks its value the moment it arrives, before anything can print it. */
  async #add(): Promise<NewPasswordCredential> {
    const { runtime, settings, delivery, directory, application } = this.#ctx;
    if (delivery) runtime.info(delivery.ready);
    const endDateTime = new Date(this.#ctx.clock().getTime() + settings.secret.lifetimeDays * DAY_MS).toISOString();
    const secret = await directory.addPassword(application.id, this.#ctx.label, endDateTime, { justCreated: this.#ctx.created });
    this.#secret = secret;
    this.#changes.push(addSecretChange(settings, this.#plan.reason));
    this.#enter('added');
    runtime.info(`Added client secret ${secret.keyId} ("${secret.displayName}"), valid until ${secret.endDateTime}.`);
    return secret;
  }

  /**
   * A secrets store (GitHub, Key Vault): pending fact, the values with the client secret last, then when it was written, then the
   * holds fact. A cancelled run leaves at most a pending fact, which keeps the secret from removal until
   * a later run has seen whether the write landed.
   */
  async #deliverToStore(secret: NewPasswordCredential, prepared: PreparedDelivery): Promise<void> {
    const { runtime, settings } = this.#ctx;
    const { description, id } = settings.destination;
    const name = prepared.secretName;
    const before = await this.#ledger.read();
    try {
      await this.#ledger.write({ ...before, ledger: withPending(before.ledger, id, secret.keyId) });
    } catch (error) {
      await this.#undo(secret);
      throw new ActionError(`Could not record in the ledger that a delivery to ${description} begins, so nothing was delivered and the new client secret was removed again. ${describeError(error)}`, { cause: error });
    }
    this.#enter('pending');

    const startedAt = this.#ctx.clock().getTime();
    try {
      const lines = await prepared.deliver({ clientId: this.#ctx.application.appId, tenantId: settings.tenantId, clientSecret: secret.secretText, keyId: secret.keyId, endDateTime: secret.endDateTime });
      lines.forEach((l) => runtime.info(l));
    } catch (error) {
      const verdict = await judgeFailedDelivery(prepared, { error, startedAt, keyId: secret.keyId });
      if (verdict.notWritten) await this.#undo(secret);
      else this.#holding = { kind: 'either', secret, before: this.#plan.holding };
      throw verdict.error;
    }
    this.#delivered(secret);

    const writtenAt = await prepared.readUpdatedAt().catch((error: unknown) => {
      runtime.warning(`Delivered, but could not read back when ${name} was written (${describeError(error)}); the next run will deliver a fresh secret to settle the ledger.`);
      return undefined;
    });
    if (writtenAt === undefined) return;
    this.#writtenAt = writtenAt;
    if (writtenAt === null) throw new ActionError(`${name} is missing from ${description} right after it was written: something removed it.`);
    // The destination holds the new secret either way; its pending fact keeps it, and the next run settles the ledger.
    await this.#record(secret, writtenAt).catch((error: unknown) =>
      runtime.warning(`Delivered, but could not record it in the ledger (${describeError(error)}); the next run will deliver a fresh secret to settle it.`),
    );
  }

  /** Step outputs: recorded before they are set, since a later step may use them as soon as this one ends. */
  async #deliverToOutputs(secret: NewPasswordCredential): Promise<void> {
    try {
      await this.#record(secret, null);
    } catch (error) {
      await this.#undo(secret);
      throw new ActionError(`Could not record the new client secret in the ledger, so it was removed again and the step outputs get none. ${describeError(error)}`, { cause: error });
    }
    this.#enter('pending');
    // The value was masked when addPassword answered (graph/passwords.ts).
    this.#ctx.runtime.setOutput('client-secret', secret.secretText);
    this.#delivered(secret);
  }

  #delivered(secret: NewPasswordCredential): void {
    this.#changes.push(...deliverChange(this.#ctx.settings));
    // A holding not yet recorded (a concurrent delivery) stays 'either'.
    if (this.#holding.kind === 'as-before') this.#holding = { kind: 'new', secret };
    this.#enter('delivered');
  }

  /** Records that the destination holds the new secret; with a concurrent delivery it may hold either. */
  async #record(secret: NewPasswordCredential, writtenAt: string | null): Promise<void> {
    const { runtime, settings } = this.#ctx;
    const { description, id } = settings.destination;
    if (await this.#ledger.recordHolds(secret, writtenAt, this.#plan.holding.status === 'unknown')) {
      runtime.info(`Recorded in the ledger: ${description} (destination ${id}) holds ${secret.keyId}.`);
      return;
    }
    this.#holding = { kind: 'either', secret, before: { status: 'unknown', reason: 'another run delivered to it at the same time' } };
    runtime.warning(`Another run delivered to ${description} at the same time; which write came last cannot be told, so both secrets stay and the next run settles it. Give the workflow a concurrency group to avoid this.`);
  }

  /**
   * secret-phase confirm or retire: the portal uses what this destination holds (the workflow ran this
   * step after the portal was reconfigured), so the grace periods of the secrets it replaced start now.
   */
  async #confirm(): Promise<void> {
    const { runtime, settings } = this.#ctx;
    const holding = this.#plan.holding;
    if (holding.status !== 'known') {
      const why = `what ${settings.destination.description} holds is not known (${holding.reason})`;
      if (settings.secret.phase === 'retire') return runtime.warning(`Nothing confirmed: ${why}.`);
      throw new ActionError(`Cannot confirm: ${why}.`, { hint: 'Run a rotation for this destination first (rotate: always, or when-expiring), configure the portal with what it delivers, then confirm.' });
    }
    await this.#ledger.recordConfirmation(holding.secret, this.#ctx.clock());
    this.#enter('confirmed');
    runtime.info(`Recorded in the ledger: ${settings.destination.description} uses client secret ${holding.secret.keyId}; the grace periods of the secrets it replaced start now.`);
  }

  /**
   * Removes what no destination holds or may hold and whose grace period is over, from the secrets and
   * ledger as they are now (other runs may have changed both). With secret-phase rotate it removes
   * only secrets of this run whose value was lost with an answer.
   */
  async #retire(): Promise<void> {
    const { runtime, settings } = this.#ctx;
    const ours = this.#secret;
    // Without a new secret the state read at the start serves: what was replaced or never delivered then
    // cannot have become held since, as only a new secret is ever delivered.
    const now = ours ? await this.#ledger.readListing(ours) : this.#ledger.wasRead ? await this.#ledger.read() : this.#ledger.atStart();
    const destination: DestinationView = { ...settings.destination, secretUpdatedAt: this.#writtenAt ?? this.#ctx.delivery?.secretUpdatedAt ?? null };
    const ourKey = ours ? { label: this.#ctx.label, keyId: ours.keyId } : undefined;
    const { holding, verdicts, doomed } = retirementNow(now, destination, settings.secret, { now: this.#ctx.clock(), run: settings.run, ...(ourKey ? { ours: ourKey } : {}) });
    if (settings.secret.phase === 'retire' && holding.status !== 'known') {
      runtime.warning(`secret-phase is retire, but what ${destination.description} holds is not known (${holding.reason}); its replaced secrets wait for their grace period.`);
    }
    for (const v of verdicts) if (v.kind === 'kept') runtime.info(`Keeping client secret ${v.credential.keyId}: ${v.why}.`);
    if (doomed.length === 0) {
      runtime.info(settings.secret.phase === 'rotate' ? 'secret-phase is rotate: no replaced secret is retired.' : 'No client secret is due for removal.');
      return;
    }
    await this.#remove(doomed);
    const remaining = now.credentials.filter((c) => !doomed.some((v) => v.credential === c));
    const cleaned = withoutDangling(now.ledger, remaining);
    this.#ledger.assume({ credentials: remaining, ledger: cleaned });
    if (cleaned.facts.length !== now.ledger.facts.length) {
      await this.#ledger.write({ credentials: remaining, ledger: cleaned }).catch((error: unknown) => runtime.warning(`Could not drop the removed secrets from the ledger (${describeError(error)}); the next write does.`));
    }
  }

  /** Removes the judged secrets, in one round trip where there are several. */
  async #remove(verdicts: readonly Verdict[]): Promise<void> {
    const { directory, application, runtime } = this.#ctx;
    await directory.removePasswords(application.id, verdicts.map((v) => v.credential.keyId));
    for (const v of verdicts) {
      this.#changes.push(removalChange(v));
      runtime.info(`Removed client secret ${v.credential.keyId} ("${v.credential.displayName}"): ${v.why}.`);
    }
  }

  /** Removes the new secret, certainly undelivered; a failure to do so is reported, not hidden. */
  async #undo(secret: NewPasswordCredential): Promise<void> {
    const { directory, application, runtime } = this.#ctx;
    try {
      await directory.removePassword(application.id, secret.keyId);
    } catch (error) {
      runtime.warning(`Could not remove the undelivered client secret ${secret.keyId}; it is removed by a later run, or remove it by hand: ${describeError(error)}`);
      return;
    }
    runtime.info(`Removed the undelivered client secret ${secret.keyId}.`);
    this.#secret = undefined;
    const added = this.#changes.findIndex((c) => c.kind === 'add-client-secret');
    if (added >= 0) this.#changes.splice(added, 1);
    this.#enter('planned');
  }

  #enter(next: Stage): void {
    if (!NEXT[this.#stage].includes(next)) throw new Error(`internal error: the secret's life cannot go from ${this.#stage} to ${next}`);
    this.#stage = next;
  }

  #outcome(failure: unknown): SecretOutcome {
    const holdings = describeHoldings({ destination: this.#ctx.settings.destination, ours: this.#holding, ...this.#ledger.last });
    return { stage: this.#stage, secret: this.#secret, changes: [...this.#changes], holdings, failure, state: this.#ledger.last };
  }
}

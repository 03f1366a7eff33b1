import { ActionError, describeError } from '../errors.ts';
import type { NewPasswordCredential } from '../graph/types.ts';
import { keyOf, startOf } from '../plan/holding.ts';
import { parseLedger } from '../plan/ledger.ts';
import { withDelivery, withPending } from '../plan/record-delivery.ts';
import type { SecretContext } from './context.ts';
import { DeliveryFailed, deliverToGitHub, type PreparedDelivery } from './deliver.ts';
import { certainlyNotWritten, gitHubStatus } from './write-outcome.ts';
import { readSecretsNow, writeLedger } from './ledger-store.ts';
import type { SecretProgress } from './progress.ts';
import { removeUndelivered } from './retire.ts';

/** Gives the new secret to this run's destination and records in the ledger that it holds it. */
export async function deliverSecret(ctx: SecretContext, progress: SecretProgress, secret: NewPasswordCredential): Promise<void> {
  if (ctx.delivery) await deliverToDestination(ctx, progress, secret, ctx.delivery);
  else await recordStepOutput(ctx, progress, secret);
}

/**
 * GitHub: pending fact, client ID and tenant ID, the client secret last, then its updated_at, then
 * the holds fact. A cancelled run leaves at most a pending fact, which keeps the secret from removal
 * until a later run has seen whether the write landed.
 */
async function deliverToDestination(ctx: SecretContext, progress: SecretProgress, secret: NewPasswordCredential, prepared: PreparedDelivery): Promise<void> {
  const { runtime, settings } = ctx;
  const destination = settings.destination;
  const name = prepared.names.clientSecret;
  const before = await readSecretsNow(ctx);
  progress.last = before;
  try {
    await writeLedger(ctx, withPending(before.ledger, destination.id, secret.keyId));
  } catch (error) {
    await undo(ctx, progress, secret);
    throw new ActionError(`Could not record in the ledger that a delivery to ${destination.description} begins, so nothing was delivered and the new client secret was removed again. ${describeError(error)}`, { cause: error });
  }

  const startedAt = ctx.clock().getTime();
  try {
    const lines = await deliverToGitHub(prepared, { clientId: ctx.application.appId, tenantId: settings.tenantId, clientSecret: secret.secretText });
    lines.forEach((l) => runtime.info(l));
  } catch (error) {
    const failure = error instanceof DeliveryFailed ? error : new DeliveryFailed('maybe', error);
    const cause = describeError(failure.cause);
    const after = failure.secretWritten === 'no' ? prepared.secretUpdatedAt : await prepared.destination.updatedAt(name).catch(() => undefined);
    if (failure.secretWritten === 'no' || certainlyNotWritten({ before: prepared.secretUpdatedAt, after, startedAt, status: gitHubStatus(failure.cause) })) {
      await undo(ctx, progress, secret);
      throw new ActionError(`Delivering to ${destination.description} failed before ${name} changed, so the new client secret ${secret.keyId} was removed again. ${cause}`, { cause: error });
    }
    progress.mayHold(secret);
    throw new ActionError(
      `Writing ${name} to ${destination.description} failed, but the write may have landed (${after === undefined ? `${name} could not be read back` : after === prepared.secretUpdatedAt ? `${name} looks unchanged, but a write within the same minute could not be told apart` : `${name} changed at ${after}`}), so the new client secret ${secret.keyId} stays. ${cause}`,
      { hint: 'Run the workflow again: the next run finds the destination unknown, delivers a fresh secret, and retires both after the grace period.', cause: error },
    );
  }
  progress.delivered();
  progress.holding = { kind: 'new', secret };

  let writtenAt: string | null;
  try {
    writtenAt = await prepared.destination.updatedAt(name);
  } catch (error) {
    runtime.warning(`Delivered, but could not read back when ${name} was written (${describeError(error)}); the next run will deliver a fresh secret to settle the ledger.`);
    return;
  }
  progress.writtenAt = writtenAt;
  if (writtenAt === null) throw new ActionError(`${name} is missing from ${destination.description} right after it was written: something removed it.`);
  try {
    await record(ctx, progress, secret, writtenAt);
  } catch (error) {
    // The destination holds the new secret either way; its pending fact keeps it, and the next run settles the ledger.
    runtime.warning(`Delivered, but could not record it in the ledger (${describeError(error)}); the next run will deliver a fresh secret to settle it.`);
  }
}

/** Step outputs: recorded before they are set, since a later step may use them as soon as this one ends. */
async function recordStepOutput(ctx: SecretContext, progress: SecretProgress, secret: NewPasswordCredential): Promise<void> {
  try {
    await record(ctx, progress, secret, null);
  } catch (error) {
    await undo(ctx, progress, secret);
    throw new ActionError(`Could not record the new client secret in the ledger, so it was removed again and the step outputs get none. ${describeError(error)}`, { cause: error });
  }
  progress.holding = { kind: 'new', secret };
}

/**
 * Writes the holds fact. Its delta is taken against startDateTime as a listing of the secrets shows
 * it, which is what later runs compare with (whether addPassword's answer carries the same precision
 * is not documented).
 */
async function record(ctx: SecretContext, progress: SecretProgress, secret: NewPasswordCredential, writtenAt: string | null): Promise<void> {
  const destination = ctx.settings.destination;
  const heldBefore = parseLedger(ctx.application.tags).facts.filter((f) => f.kind === 'holds' && f.destination === destination.id);
  const fresh = await readSecretsNow(ctx);
  const listed = fresh.credentials.find((c) => keyOf(c) === keyOf(secret)) ?? secret;
  const delta = writtenAt === null ? null : Date.parse(writtenAt) - startOf(listed);
  const { ledger, recorded } = withDelivery(fresh.ledger, { destination: destination.id, keyId: secret.keyId, delta, heldBefore, credentials: fresh.credentials, now: ctx.clock() });
  progress.last = { ...fresh, ledger };
  if (!recorded) {
    progress.mayHold(secret, { status: 'unknown', reason: 'another run delivered to it at the same time' });
    ctx.runtime.warning(`Another run delivered to ${destination.description} at the same time; which write came last cannot be told, so both secrets stay and the next run settles it. Give the workflow a concurrency group to avoid this.`);
    return;
  }
  await writeLedger(ctx, ledger);
  ctx.runtime.info(`Recorded in the ledger: ${destination.description} (destination ${destination.id}) holds ${secret.keyId}.`);
}

async function undo(ctx: SecretContext, progress: SecretProgress, secret: NewPasswordCredential): Promise<void> {
  if (await removeUndelivered(ctx, secret.keyId)) progress.undone();
}

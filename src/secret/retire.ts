import { ActionError, describeError } from '../errors.ts';
import { keyOf, observeHolding, type DestinationView } from '../plan/holding.ts';
import { parseLedger, withoutDangling } from '../plan/ledger.ts';
import { isGarbage, judgeSecrets, removals, type Verdict } from '../plan/retirement.ts';
import type { SecretContext } from './context.ts';
import { readSecretsNow, writeLedger } from './ledger-store.ts';
import type { SecretProgress } from './progress.ts';

/**
 * Removes what no destination holds or may hold and whose grace period is over, from the secrets
 * and ledger as they are now (other runs may have changed both). With secret-phase rotate it removes
 * only secrets of this run whose value was lost with an answer.
 */
export async function retireSecrets(ctx: SecretContext, progress: SecretProgress): Promise<void> {
  const { runtime, settings } = ctx;
  const ours = progress.secret;
  // Without a new secret the state read at the start serves: what was replaced or never delivered then
  // cannot have become held since, as only a new secret is ever delivered.
  const now = ours || progress.last ? await readSecretsNow(ctx) : { credentials: ctx.application.passwordCredentials, ledger: parseLedger(ctx.application.tags) };
  progress.last = now;
  if (ours && !now.credentials.some((c) => keyOf(c) === keyOf(ours))) {
    throw new ActionError(`The client secret ${ours.keyId} this run made is gone: something removed it while this run delivered it, so what was delivered does not work.`, {
      hint: 'Run the workflow again, and check who else removes client secrets of this registration.',
    });
  }
  const destination: DestinationView = { ...settings.destination, secretUpdatedAt: progress.writtenAt ?? ctx.delivery?.secretUpdatedAt ?? null };
  const holding = observeHolding(destination, now.ledger, now.credentials);
  const policy = { keep: settings.secret.keep, graceDays: settings.secret.graceDays, phase: settings.secret.phase };
  const verdicts = judgeSecrets({
    ledger: now.ledger,
    credentials: now.credentials,
    destination,
    holding,
    policy,
    now: ctx.clock(),
    run: settings.run,
    ...(ours ? { ours: { label: ctx.label, keyId: ours.keyId } } : {}),
  });
  if (settings.secret.phase === 'retire' && holding.status !== 'known') {
    runtime.warning(`secret-phase is retire, but what ${destination.description} holds is not known (${holding.reason}); its replaced secrets wait for their grace period.`);
  }
  const doomed = removals(verdicts).filter((v) => settings.secret.phase !== 'rotate' || isGarbage(v));
  for (const v of verdicts) if (v.kind === 'kept') runtime.info(`Keeping client secret ${v.credential.keyId}: ${v.why}.`);
  if (doomed.length === 0) {
    runtime.info(settings.secret.phase === 'rotate' ? 'secret-phase is rotate: no replaced secret is retired.' : 'No client secret is due for removal.');
    return;
  }
  await removeSecrets(ctx, progress, doomed);
  const remaining = now.credentials.filter((c) => !doomed.some((v) => v.credential === c));
  const cleaned = withoutDangling(now.ledger, remaining);
  progress.last = { credentials: remaining, ledger: cleaned };
  if (cleaned.facts.length !== now.ledger.facts.length) {
    await writeLedger(ctx, cleaned).catch((error: unknown) => runtime.warning(`Could not drop the removed secrets from the ledger (${describeError(error)}); the next write does.`));
  }
}

/** Removes the judged secrets, in one round trip where there are several. */
export async function removeSecrets(ctx: SecretContext, progress: SecretProgress, verdicts: readonly Verdict[]): Promise<void> {
  await ctx.directory.removePasswords(ctx.application.id, verdicts.map((v) => v.credential.keyId));
  for (const v of verdicts) {
    progress.removed(v);
    ctx.runtime.info(`Removed client secret ${v.credential.keyId} ("${v.credential.displayName}"): ${v.why}.`);
  }
}

/** Removes a secret this run made and certainly did not deliver; a failure to do so is reported, not hidden. */
export async function removeUndelivered(ctx: SecretContext, keyId: string): Promise<boolean> {
  try {
    await ctx.directory.removePassword(ctx.application.id, keyId);
    ctx.runtime.info(`Removed the undelivered client secret ${keyId}.`);
    return true;
  } catch (error) {
    ctx.runtime.warning(`Could not remove the undelivered client secret ${keyId}; it is removed by a later run, or remove it by hand: ${describeError(error)}`);
    return false;
  }
}

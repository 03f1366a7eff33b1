import { ActionError, describeError } from '../errors.ts';
import type { NewPasswordCredential } from '../graph/types.ts';
import { DAY_MS } from '../plan/holding.ts';
import { isGarbage } from '../plan/retirement.ts';
import type { SecretPlan } from '../plan/secret-plan.ts';
import type { SecretContext } from './context.ts';
import { deliverSecret } from './deliver-step.ts';
import { describeHoldings } from './holdings.ts';
import { SecretLifecycleFailed, SecretProgress } from './progress.ts';
import { removeSecrets, retireSecrets } from './retire.ts';

export interface SecretOutcome {
  /** The new secret, when this run made one and it stays. */
  readonly secret: NewPasswordCredential | undefined;
  readonly progress: SecretProgress;
  /** One line per destination: what it holds now. */
  readonly holdings: readonly string[];
}

/**
 * The client secret's whole life in one place: make room, add, deliver (recording it in the ledger),
 * verify, retire what no destination needs any more. On failure it throws SecretLifecycleFailed,
 * which says what each destination holds; nothing a destination may hold is ever removed.
 */
export async function manageClientSecret(ctx: SecretContext, plan: SecretPlan): Promise<SecretOutcome> {
  const { runtime } = ctx;
  const progress = new SecretProgress(ctx, plan.holding, plan.reason);
  try {
    if (plan.rotate) {
      // Leftovers go before the new secret exists: once it is delivered they would look replaced by it.
      const first = [...plan.room, ...plan.retire.filter((v) => isGarbage(v) && !plan.room.includes(v))];
      if (first.length > 0) await runtime.group('Remove undelivered leftovers and make room', () => removeSecrets(ctx, progress, first));
      const secret = await runtime.group('Add a new client secret', () => addSecret(ctx, progress));
      // Entra takes seconds to make a new secret work everywhere; the delivery, which does not depend
      // on it, goes on meanwhile. Only retiring waits for the outcome.
      const verification = ctx.settings.secret.verify ? startVerification(ctx, secret) : undefined;
      try {
        await runtime.group(`Deliver it to ${ctx.settings.destination.description}`, () => deliverSecret(ctx, progress, secret));
      } catch (error) {
        if (verification) {
          await verification.stop();
          runtime.info('Stopped signing in with the new client secret: its delivery failed.');
        }
        throw error;
      }
      if (verification) await runtime.group('Verify the new client secret', () => verification.outcome());
    } else {
      runtime.info(`No new client secret for ${ctx.settings.destination.description}: ${plan.reason}.`);
    }
    await runtime.group('Retire client secrets', () => retireSecrets(ctx, progress));
    return { secret: progress.secret, progress, holdings: describeHoldings(ctx, progress) };
  } catch (error) {
    throw new SecretLifecycleFailed(error, progress, describeHoldings(ctx, progress));
  }
}

/** Adds the secret; addPassword masks its value the moment it arrives, before anything can print it. */
async function addSecret(ctx: SecretContext, progress: SecretProgress): Promise<NewPasswordCredential> {
  const { runtime, settings, delivery } = ctx;
  if (delivery) runtime.info(`${delivery.destination.description} accepts secrets (public key ${delivery.publicKey.key_id}).`);
  const endDateTime = new Date(ctx.clock().getTime() + settings.secret.lifetimeDays * DAY_MS).toISOString();
  const secret = await ctx.directory.addPassword(ctx.application.id, ctx.label, endDateTime, { justCreated: ctx.created });
  progress.added(secret);
  runtime.info(`Added client secret ${secret.keyId} ("${secret.displayName}"), valid until ${secret.endDateTime}.`);
  return secret;
}

interface Verification {
  /** Reports what the check found (its retry warnings first); throws when the secret never signed in. */
  outcome(): Promise<void>;
  /** Gives the check up and waits until it has ended. */
  stop(): Promise<void>;
}

/**
 * Starts signing in with the new secret in the background. Its warnings wait, so that they appear in
 * the verification's own log group rather than in the middle of the delivery's.
 */
function startVerification(ctx: SecretContext, secret: NewPasswordCredential): Verification {
  const { settings } = ctx;
  const warnings: string[] = [];
  const abort = new AbortController();
  const check = ctx.services.secretCheck({ settings, clientId: ctx.application.appId, secret: secret.secretText, warn: (m) => warnings.push(m), signal: abort.signal });
  const settled = check.then(
    (attempts) => ({ attempts }),
    (error: unknown) => ({ error }),
  );
  return {
    async outcome() {
      const result = await settled;
      warnings.forEach((w) => ctx.runtime.warning(w));
      if ('attempts' in result) {
        ctx.runtime.info(`Signed in with the new client secret (attempt ${result.attempts}).`);
        return;
      }
      throw new ActionError(`The new client secret ${secret.keyId} did not sign in within ${settings.secret.verifyTimeoutSeconds} s (${describeError(result.error)}). Nothing was removed.`, {
        hint: 'Entra usually needs a few seconds to propagate a new secret; raise verify-timeout-seconds if this repeats.',
        cause: result.error,
      });
    },
    async stop() {
      abort.abort();
      await settled;
    },
  };
}

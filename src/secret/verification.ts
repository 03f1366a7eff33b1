import type { RunContext } from '../context.ts';
import type { Runtime } from '../runtime.ts';
import { ActionError, describeError } from '../errors.ts';
import type { Application, NewPasswordCredential } from '../graph/types.ts';

export interface Verification {
  /** Reports what the check found (its retry warnings first); throws when the secret never signed in. */
  outcome(): Promise<void>;
  /** Gives the check up and waits until it has ended. */
  stop(): Promise<void>;
}

/**
 * Starts signing in with the new secret in the background. Its warnings wait, so that they appear in
 * the verification's own log group rather than in the middle of the delivery's.
 */
export function startVerification(ctx: RunContext & { readonly application: Application }, secret: NewPasswordCredential): Verification {
  const { settings, runtime } = ctx;
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
      warnings.forEach((w) => runtime.warning(w));
      if ('attempts' in result) {
        runtime.info(`Signed in with the new client secret (attempt ${result.attempts}).`);
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

/** Runs the delivery while the check goes on; a failed delivery stops the check at once. */
export async function whileVerifying(verification: Verification | undefined, runtime: Runtime, deliver: () => Promise<void>): Promise<void> {
  try {
    await deliver();
  } catch (error) {
    if (verification) {
      await verification.stop();
      runtime.info('Stopped signing in with the new client secret: its delivery failed.');
    }
    throw error;
  }
}

import { waitUntilSecretWorks } from '../entra/secret-check.ts';
import { ActionError, describeError } from '../errors.ts';
import type { Directory } from '../graph/directory.ts';
import type { Application, NewPasswordCredential, PasswordCredential } from '../graph/types.ts';
import { DAY_MS, secretsToRemove } from '../plan/rotation.ts';
import type { Runtime } from '../runtime.ts';
import type { Settings } from '../settings/settings.ts';
import { deliverSecrets, type PreparedDelivery } from './deliver-secrets.ts';


export interface SecretOutcome {
  readonly secret: NewPasswordCredential;
  readonly delivered: readonly string[];
  readonly removed: readonly PasswordCredential[];
}

/**
 * Adds the new secret (masked inside addPassword, before anything else sees it). When it goes to
 * GitHub, the destination's public key is awaited first, so a token that cannot write secrets
 * fails the run before a secret exists.
 */
export async function addClientSecret(
  runtime: Runtime,
  settings: Settings,
  directory: Directory,
  application: Application,
  created: boolean,
  label: string,
  delivery: Promise<PreparedDelivery> | undefined,
): Promise<{ secret: NewPasswordCredential; prepared: PreparedDelivery | undefined }> {
  const prepared = delivery ? await delivery : undefined;
  if (prepared) runtime.info(`${prepared.destination.description} accepts secrets (public key ${prepared.publicKey.key_id}).`);
  const endDateTime = new Date(runtime.now().getTime() + settings.secret.lifetimeDays * DAY_MS).toISOString();
  const secret = await directory.addPassword(application.id, label, endDateTime, { justCreated: created });
  runtime.info(`Added client secret ${secret.keyId} ("${secret.displayName}"), valid until ${secret.endDateTime}.`);
  return { secret, prepared };
}

/**
 * The rest of the order that loses nothing: deliver → verify → only then remove older secrets made
 * by this action. A secret that could not be delivered is removed again.
 */
export async function deliverVerifyAndPrune(
  runtime: Runtime,
  settings: Settings,
  directory: Directory,
  application: Application,
  created: boolean,
  label: string,
  secret: NewPasswordCredential,
  prepared: PreparedDelivery | undefined,
): Promise<SecretOutcome> {
  let delivered: string[] = [];
  if (prepared && settings.delivery.target !== 'none') {
    const names = settings.delivery.names;
    delivered = await runtime.group('Deliver the secrets to GitHub', async () => {
      try {
        const lines = await deliverSecrets(prepared, names, { clientId: application.appId, tenantId: settings.tenantId, clientSecret: secret.secretText });
        lines.forEach((l) => runtime.info(l));
        return lines;
      } catch (error) {
        await removeUndelivered(runtime, directory, application.id, secret.keyId);
        throw new ActionError(
          `Delivering the new client secret to ${prepared.destination.description} failed, so it was removed again; the existing secrets are unchanged. ${describeError(error)}`,
          { cause: error },
        );
      }
    });
  }

  // The secrets as they are now (other runs', orphans of lost answers), read while the new one is verified.
  const current = directory.getApplication(application.id, { justCreated: created });
  current.catch(() => undefined);
  if (settings.secret.verify) {
    await runtime.group('Verify the new client secret', async () => {
      try {
        const attempts = await waitUntilSecretWorks(settings, application.appId, secret.secretText, settings.secret.verifyTimeoutSeconds, (m) => runtime.warning(m));
        runtime.info(`Signed in with the new client secret (attempt ${attempts}).`);
      } catch (error) {
        throw new ActionError(
          `The new client secret ${secret.keyId} did not sign in within ${settings.secret.verifyTimeoutSeconds} s (${describeError(error)}). Nothing older was removed${delivered.length > 0 ? '; the new secret was delivered and should start working shortly' : ''}.`,
          { hint: 'Entra usually needs a few seconds to propagate a new secret; raise verify-timeout-seconds if this repeats.', cause: error },
        );
      }
    });
  }

  const removed = await runtime.group('Remove older client secrets', async () => {
    const credentials = (await current).passwordCredentials;
    if (!credentials.some((c) => c.keyId === secret.keyId)) {
      throw new ActionError(
        `The client secret ${secret.keyId} this run made is gone: another run removed it while this one was delivering it (it lost the race), so the delivered secret does not work.`,
        { hint: 'Run the workflow again, and let only one run rotate a registration at a time (a concurrency group on the workflow).' },
      );
    }
    const doomed = secretsToRemove(credentials, secret, settings.secret.keep, label, runtime.now());
    await directory.removePasswords(application.id, doomed.map((c) => c.keyId));
    doomed.forEach((c) => runtime.info(`Removed client secret ${c.keyId} ("${c.displayName}", expires ${c.endDateTime}).`));
    if (doomed.length === 0) runtime.info(`Nothing to remove (keep-secrets ${settings.secret.keep}).`);
    return doomed;
  });

  return { secret, delivered, removed };
}

/** Removes a secret this run made but could not deliver; a failure to do so is reported, not hidden. */
export async function removeUndelivered(runtime: Runtime, directory: Directory, applicationId: string, keyId: string): Promise<void> {
  try {
    await directory.removePassword(applicationId, keyId);
    runtime.info(`Removed the undelivered client secret ${keyId}.`);
  } catch (error) {
    runtime.warning(`Could not remove the undelivered client secret ${keyId}; remove it by hand: ${describeError(error)}`);
  }
}

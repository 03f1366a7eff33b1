import { ActionError, describeError } from '../errors.ts';
import { createSecretsDestination, gitHubStatus, loadSodium, sealForGitHub, type PublicKey, type SecretsDestination } from '../github/secrets-api.ts';
import type { WritingDelivery } from '../settings/settings.ts';

/** The values a destination is given: the portal's client ID and tenant ID, and the client secret. */
export interface DeliveredValues {
  readonly clientId: string;
  readonly tenantId: string;
  readonly clientSecret: string;
  /** The new secret's key ID, for a destination that labels what it stores. */
  readonly keyId: string;
  /** When the new secret expires (its endDateTime), for a destination that stores an expiry with it. */
  readonly endDateTime: string | null;
}

/**
 * A store of secrets outside GitHub's step outputs (GitHub Actions secrets, or an Azure Key Vault),
 * ready to be written: what the secret's life needs of it. The store keeps a record of when its client
 * secret was last written (GitHub's updated_at, Key Vault's attributes.updated), which the delivery
 * ledger compares with what it recorded.
 */
export interface PreparedDelivery {
  /** "repository contoso/portal", "key vault contoso-kv (secret intrexx-portal)". */
  readonly description: string;
  /** What the client secret is called there, for messages. */
  readonly secretName: string;
  /** A line for the log once a secret is to be delivered: that the store accepts secrets. */
  readonly ready: string;
  /** When the client secret there was last written, as the run began; null when it had none. */
  readonly secretUpdatedAt: string | null;
  /** Writes the values, the client secret last; throws DeliveryFailed. Resolves to one line per write for the log. */
  deliver(values: DeliveredValues): Promise<string[]>;
  /** When the client secret there was last written, now; null when it has none. */
  readUpdatedAt(): Promise<string | null>;
  /** The HTTP status a failed write was answered with, when there was an answer. */
  statusOf(error: unknown): number | undefined;
}

/**
 * Reads the destination's public key and what its client-secret secret looks like now. Started while
 * Graph works, and awaited before a secret is made, so a token that cannot write secrets fails the
 * run before anything changes in Entra.
 */
export async function prepareDelivery(delivery: WritingDelivery, apiUrl: string): Promise<PreparedDelivery> {
  loadSodium().catch(() => undefined);
  const destination = await createSecretsDestination(delivery, apiUrl);
  const [publicKey, secretUpdatedAt] = await Promise.all([destination.publicKey(), destination.updatedAt(delivery.names.clientSecret)]);
  return {
    description: destination.description,
    secretName: delivery.names.clientSecret,
    ready: `${destination.description} accepts secrets (public key ${publicKey.key_id}).`,
    secretUpdatedAt,
    deliver: (values) => deliverToGitHub({ destination, names: delivery.names, publicKey }, values),
    readUpdatedAt: () => destination.updatedAt(delivery.names.clientSecret),
    statusOf: gitHubStatus,
  };
}

/** Thrown by deliverToGitHub: whether the client-secret write may have landed decides what may be undone. */
export class DeliveryFailed extends ActionError {
  readonly secretWritten: 'no' | 'maybe';
  constructor(secretWritten: 'no' | 'maybe', cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'DeliveryFailed';
    this.secretWritten = secretWritten;
  }
}

/**
 * Writes client ID and tenant ID, then the client secret last: a failure before it leaves the
 * destination's secret untouched, so the portal keeps a pair that works. Resolves to one line per
 * secret for the log.
 */
async function deliverToGitHub(prepared: { destination: SecretsDestination; names: WritingDelivery['names']; publicKey: PublicKey }, values: DeliveredValues): Promise<string[]> {
  const { destination, publicKey, names } = prepared;
  const write = async (name: string, value: string) => `${name}: ${await destination.write(name, await sealForGitHub(value, publicKey.key), publicKey.key_id)} in ${destination.description}`;
  let lines: string[];
  try {
    lines = await Promise.all([write(names.clientId, values.clientId), write(names.tenantId, values.tenantId)]);
  } catch (error) {
    throw new DeliveryFailed('no', error);
  }
  try {
    lines.push(await write(names.clientSecret, values.clientSecret));
  } catch (error) {
    throw new DeliveryFailed('maybe', error);
  }
  return lines;
}

/**
 * GitHub's updated_at has whole seconds (docs.github.com/rest/actions/secrets), and so has Key Vault's
 * attributes.updated (learn.microsoft.com/rest/api/keyvault/secrets/set-secret: Unix time in seconds);
 * the runner's clock and the store's may differ by some seconds: an unchanged updated_at proves that a write did not land
 * only when the previous write was well before this one began.
 */
const CLOCK_MARGIN_MS = 60_000;

export interface FailedSecretWrite {
  /** updated_at of the client-secret secret when the run began; null when it had none. */
  readonly before: string | null;
  /** updated_at read after the failure; undefined when it could not be read. */
  readonly after: string | null | undefined;
  /** The runner's clock just before the delivery's writes began. */
  readonly startedAt: number;
  /** GitHub's HTTP status, when it answered. */
  readonly status: number | undefined;
}

/**
 * Whether a failed client-secret write certainly did not land: GitHub refused it (a 4xx other than
 * 408 and 429), or the secret is as it was and a landed write would have changed it. Anything else
 * may have landed. Pure.
 */
export function certainlyNotWritten(write: FailedSecretWrite): boolean {
  const { status, before, after } = write;
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return true;
  if (after === undefined || after !== before) return false;
  return before === null || Date.parse(before) < write.startedAt - CLOCK_MARGIN_MS;
}

/** What a failed delivery came to: whether the client secret certainly did not change, and the error to report. */
export interface FailedDelivery {
  readonly notWritten: boolean;
  readonly error: ActionError;
}

/**
 * Judges a failed delivery of the new secret `keyId`: certainly not written (the caller removes the
 * new secret again), or maybe written (both secrets must stay, the destination may hold either).
 */
export async function judgeFailedDelivery(prepared: PreparedDelivery, failed: { error: unknown; startedAt: number; keyId: string }): Promise<FailedDelivery> {
  const { error, startedAt, keyId } = failed;
  const { description, secretName: name } = prepared;
  const failure = error instanceof DeliveryFailed ? error : new DeliveryFailed('maybe', error);
  const cause = describeError(failure.cause);
  const after = failure.secretWritten === 'no' ? prepared.secretUpdatedAt : await prepared.readUpdatedAt().catch(() => undefined);
  if (failure.secretWritten === 'no' || certainlyNotWritten({ before: prepared.secretUpdatedAt, after, startedAt, status: prepared.statusOf(failure.cause) })) {
    return { notWritten: true, error: new ActionError(`Delivering to ${description} failed before ${name} changed, so the new client secret ${keyId} was removed again. ${cause}`, { cause: error }) };
  }
  const seen = after === undefined ? `${name} could not be read back` : after === prepared.secretUpdatedAt ? `${name} looks unchanged, but a write within the same minute could not be told apart` : `${name} changed at ${after}`;
  return {
    notWritten: false,
    error: new ActionError(`Writing ${name} to ${description} failed, but the write may have landed (${seen}), so the new client secret ${keyId} stays. ${cause}`, {
      hint: 'Run the workflow again: the next run finds the destination unknown, delivers a fresh secret, and retires both after the grace period.',
      cause: error,
    }),
  };
}

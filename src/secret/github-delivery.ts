import { ActionError } from '../errors.ts';
import { createSecretsDestination, type PublicKey, type SecretsDestination } from '../github/secrets-api.ts';
import { loadSodium, sealForGitHub } from '../github/seal.ts';
import type { WritingDelivery } from '../settings/settings.ts';

export interface PreparedDelivery {
  readonly destination: SecretsDestination;
  readonly names: WritingDelivery['names'];
  readonly publicKey: PublicKey;
  /** updated_at of the client-secret secret when the run began; null when it had none. */
  readonly secretUpdatedAt: string | null;
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
  return { destination, names: delivery.names, publicKey, secretUpdatedAt };
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
export async function deliverToGitHub(prepared: PreparedDelivery, values: { clientId: string; tenantId: string; clientSecret: string }): Promise<string[]> {
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

import { createSecretsDestination, type PublicKey, type SecretsDestination } from '../github/secrets-api.ts';
import { loadSodium, sealForGitHub } from '../github/seal.ts';
import type { WritingDelivery } from '../settings/settings.ts';

export interface PreparedDelivery {
  readonly destination: SecretsDestination;
  readonly publicKey: PublicKey;
}

/**
 * Reads the destination's public key. Started while Graph works, and awaited before a secret is
 * made, so a token that cannot write secrets fails the run before anything changes in Entra.
 */
export async function prepareDelivery(delivery: WritingDelivery, apiUrl: string): Promise<PreparedDelivery> {
  loadSodium().catch(() => undefined);
  const destination = await createSecretsDestination(delivery, apiUrl);
  return { destination, publicKey: await destination.publicKey() };
}

/** Seals and writes the three values at once; resolves to one line per secret for the log. */
export async function deliverSecrets(
  prepared: PreparedDelivery,
  names: WritingDelivery['names'],
  values: { clientId: string; tenantId: string; clientSecret: string },
): Promise<string[]> {
  const entries: [string, string][] = [
    [names.clientId, values.clientId],
    [names.tenantId, values.tenantId],
    [names.clientSecret, values.clientSecret],
  ];
  const { destination, publicKey } = prepared;
  return Promise.all(
    entries.map(async ([name, value]) => {
      const sealed = await sealForGitHub(value, publicKey.key);
      const result = await destination.write(name, sealed, publicKey.key_id);
      return `${name}: ${result} in ${destination.description}`;
    }),
  );
}

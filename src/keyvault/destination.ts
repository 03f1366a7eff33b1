import { SecretClient, type KeyVaultSecret } from '@azure/keyvault-secrets';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { federatedCredential, type DeployerAccess } from '../entra/credential.ts';
import { ActionError } from '../errors.ts';
import { DeliveryFailed, type DeliveredValues, type PreparedDelivery } from '../secret/github-delivery.ts';
import { vaultName } from '../settings/key-vault.ts';
import type { KeyVaultDelivery } from '../settings/settings.ts';
import { refused, vaultError, vaultStatus, type VaultContext } from './errors.ts';

/**
 * The Key Vault REST API version the client speaks: pinned, so that a newer @azure/keyvault-secrets
 * does not change what goes over the wire unnoticed (learn.microsoft.com/rest/api/keyvault/secrets,
 * 2025-07-01; the emulator answers it).
 */
const SERVICE_VERSION = '2025-07-01';

/**
 * The deployer identity for Key Vault: the same federated sign-in as Graph's (entra/credential.ts).
 * Key Vault's 401 challenge names the vault's tenant, which @azure/keyvault-secrets asks the credential
 * for; the deployer signs in to tenant-id only, so a vault of another tenant refuses the token instead of
 * the run signing in elsewhere. Every token is masked the moment it arrives, as Graph's are.
 */
function vaultCredential(access: DeployerAccess): TokenCredential {
  const credential = federatedCredential(access);
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const token = await credential.getToken(scopes, { ...options, tenantId: undefined });
      if (token) access.mask(token.token);
      return token;
    },
  };
}

/**
 * Key Vault as a destination: one secret holds the client secret; each delivery writes a new version
 * with content type "<app>:<client ID>:<key ID>" (as github.com/HELP-Forsikring/entraid-secret-rotator
 * labels its secrets, EntraIDSecretRotator/Models/KeyVaultSecretInfo.cs) and tags clientId and tenantId,
 * so that an agent on the portal host can tell secrets apart, and the client secret's end date as its
 * expiry. Reads when the secret was last written (attributes.updated) before anything changes in Entra:
 * a deployer without access fails the run there.
 */
export async function prepareKeyVault(delivery: KeyVaultDelivery, access: DeployerAccess): Promise<PreparedDelivery> {
  const client = new SecretClient(delivery.vaultUrl, vaultCredential(access), {
    serviceVersion: SERVICE_VERSION,
    // The challenge names https://vault.azure.net, which the SDK matches against the vault's host; a vault
    // outside the cloud's DNS suffix (allow-custom-endpoints, e.g. the emulator) cannot match it.
    disableChallengeResourceVerification: delivery.customHost,
  });
  const name = delivery.secretName;
  const context: VaultContext = { description: `key vault ${vaultName(delivery)}`, vaultName: vaultName(delivery), secretName: name, clientId: access.clientId };
  const readUpdatedAt = () => updatedAt(client, context);
  const secretUpdatedAt = await readUpdatedAt();
  return {
    description: context.description,
    secretName: name,
    ready: `${context.description} can be read by the deployer identity; the client secret goes to its secret ${name}.`,
    secretUpdatedAt,
    deliver: (values) => write(client, { delivery, context }, values),
    readUpdatedAt,
    statusOf: vaultStatus,
  };
}

/**
 * Get Secret's attributes.updated (Unix seconds, learn.microsoft.com/rest/api/keyvault/secrets/get-secret/get-secret)
 * as an ISO time; null when the vault has no such secret (404, a soft-deleted one included). The value
 * comes along and is dropped at once.
 */
async function updatedAt(client: SecretClient, context: VaultContext): Promise<string | null> {
  let secret: KeyVaultSecret;
  try {
    secret = await client.getSecret(context.secretName);
  } catch (error) {
    if (vaultStatus(error) === 404) return null;
    throw vaultError('read', context, error);
  }
  const updated = secret.properties.updatedOn;
  if (!updated) throw new ActionError(`${context.description} answered for ${context.secretName} without attributes.updated, so what it holds cannot be told.`);
  return updated.toISOString();
}

/**
 * One Set Secret (learn.microsoft.com/rest/api/keyvault/secrets/set-secret/set-secret). A refusal (a 4xx
 * other than 408 and 429) certainly wrote nothing; a failure without an answer, or another status, may
 * have written the new version.
 */
async function write(client: SecretClient, target: { delivery: KeyVaultDelivery; context: VaultContext }, values: DeliveredValues): Promise<string[]> {
  const { delivery, context } = target;
  try {
    const written = await client.setSecret(context.secretName, values.clientSecret, {
      contentType: `${delivery.appName}:${values.clientId}:${values.keyId}`,
      tags: { clientId: values.clientId, tenantId: values.tenantId },
      enabled: true,
      ...(values.endDateTime ? { expiresOn: new Date(values.endDateTime) } : {}),
    });
    return [`${context.secretName}: version ${written.properties.version ?? '?'} written in ${context.description}`];
  } catch (error) {
    throw new DeliveryFailed(refused(vaultStatus(error)) ? 'no' : 'maybe', vaultError('write', context, error));
  }
}

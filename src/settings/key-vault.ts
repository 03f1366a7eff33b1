import type { CloudName } from './clouds.ts';
import { ALLOW_CUSTOM_ENDPOINTS } from './endpoints.ts';
import type { Inputs } from './inputs.ts';
import type { Delivery, KeyVaultDelivery, SecretsTarget } from './settings.ts';

/**
 * Key Vault's DNS suffix in each cloud: vaults are https://{vault-name}.vault.azure.net
 * (learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates, "Object identifiers"),
 * *.vault.usgovcloudapi.net in Azure Government (learn.microsoft.com/azure/azure-government/compare-azure-government-global-azure,
 * "Guidance for developers") and *.vault.azure.cn in Azure operated by 21Vianet
 * (docs.azure.cn/key-vault/general/about-keys-secrets-certificates).
 */
export const VAULT_DNS_SUFFIXES: Readonly<Record<CloudName, string>> = {
  AzureCloud: 'vault.azure.net',
  AzureUSGovernment: 'vault.usgovcloudapi.net',
  AzureChinaCloud: 'vault.azure.cn',
};

/**
 * "Vault name … 3-24, alphanumerics and hyphens. Start with letter. End with letter or digit. Can't contain
 * consecutive hyphens." (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkeyvault);
 * host names arrive in lower case.
 */
const VAULT_NAME = /^(?!.*--)[a-z][a-z0-9-]{1,22}[a-z0-9]$/;

/**
 * Secret names: "pattern: ^[0-9a-zA-Z-]+$" (learn.microsoft.com/rest/api/keyvault/secrets/set-secret/set-secret),
 * "1-127 characters" (learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates, object names).
 */
export const KEY_VAULT_SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;

const SUFFIX = '-client-secret';
const INPUTS = ['key-vault-url', 'key-vault-secret-name'] as const;

/** The registration the secret belongs to, and the cloud whose vaults are accepted. */
export interface KeyVaultContext {
  readonly uniqueName: string;
  readonly cloud: CloudName;
}

/** key-vault-url and key-vault-secret-name do nothing with another secrets-target: each one set is a problem. */
export function checkKeyVaultInputs(target: SecretsTarget, { input, fail }: Inputs): void {
  if (target === 'key-vault') return;
  for (const name of INPUTS) {
    if (input(name) !== '') fail(name, `has no effect with secrets-target ${target}: it names the Azure Key Vault secret that receives the client secret; remove it, or set secrets-target to key-vault`);
  }
}

/** key-vault-url and key-vault-secret-name for secrets-target key-vault. Pure; each problem names its input and what is valid. */
export function readKeyVault(inputs: Inputs, context: KeyVaultContext): KeyVaultDelivery {
  const { input, fail } = inputs;
  const { vaultUrl, customHost } = readVaultUrl(inputs, context.cloud);
  const given = input('key-vault-secret-name');
  if (given !== '' && !KEY_VAULT_SECRET_NAME.test(given)) {
    fail('key-vault-secret-name', `"${given}" is not a Key Vault secret name: 1 to 127 letters, digits and hyphens (e.g. intrexx-portal-client-secret)`);
  }
  return { target: 'key-vault', vaultUrl, secretName: given || defaultSecretName(context.uniqueName), appName: context.uniqueName, customHost };
}

/** The secret name when key-vault-secret-name is not given: the registration's unique name, '.' and '_' as '-', then -client-secret. */
export function defaultSecretName(uniqueName: string): string {
  const base = uniqueName.replace(/[^0-9A-Za-z-]+/g, '-').slice(0, 127 - SUFFIX.length);
  return `${base}${SUFFIX}`;
}

function readVaultUrl({ input, fail }: Inputs, cloud: CloudName): { vaultUrl: string; customHost: boolean } {
  const suffix = VAULT_DNS_SUFFIXES[cloud];
  const expected = `https://<vault-name>.${suffix}`;
  const raw = input('key-vault-url');
  if (raw === '') {
    fail('key-vault-url', `is required when secrets-target is key-vault (expected ${expected})`);
    return { vaultUrl: '', customHost: false };
  }
  const url = parse(raw);
  const pathless = url !== undefined && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password;
  if (!url || url.protocol !== 'https:' || !pathless) {
    fail('key-vault-url', `"${raw}" is not a vault URL: expected ${expected}, https and without a path`);
    return { vaultUrl: '', customHost: false };
  }
  const host = url.hostname.toLowerCase();
  const onSuffix = host.endsWith(`.${suffix}`) && url.port === '';
  const name = host.slice(0, -suffix.length - 1);
  if (onSuffix && !VAULT_NAME.test(name)) {
    fail('key-vault-url', `"${name}" is not a key vault name: 3 to 24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit`);
  } else if (!onSuffix && !allowsCustom(input(ALLOW_CUSTOM_ENDPOINTS))) {
    fail('key-vault-url', `"${raw}" is not a key vault of ${cloud} (expected ${expected}, or another cloud with cloud); to send the Key Vault access token and the client secret to another host, set ${ALLOW_CUSTOM_ENDPOINTS}: true`);
  }
  return { vaultUrl: url.origin, customHost: !onSuffix };
}

/** allow-custom-endpoints as read in endpoints.ts (YAML 1.2 core booleans); a bad value is reported there. */
const allowsCustom = (value: string): boolean => ['true', 'True', 'TRUE'].includes(value);

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The ledger's name for a Key Vault destination: "key-vault:<vault host>:<secret name>", both in lower case,
 * since "Key Vault object identifiers … should always be compared as case-insensitive strings"
 * (learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates, "Object identifiers").
 */
export function keyVaultDestination(delivery: KeyVaultDelivery): { identity: string; description: string } {
  const host = new URL(delivery.vaultUrl).host.toLowerCase();
  return { identity: `key-vault:${host}:${delivery.secretName.toLowerCase()}`, description: `key vault ${vaultName(delivery)} (secret ${delivery.secretName})` };
}

/** The vault's name (the first label of https://{vault-name}.vault.azure.net), or the host of a vault outside the cloud's DNS suffix. */
export function vaultName(delivery: KeyVaultDelivery): string {
  const host = new URL(delivery.vaultUrl).host.toLowerCase();
  return delivery.customHost ? host : (host.split('.')[0] ?? host);
}

/** The warning for a vault outside the cloud's Key Vault hosts (allow-custom-endpoints is true), naming what it receives. */
export function keyVaultWarnings(delivery: Delivery): string[] {
  if (delivery.target !== 'key-vault' || !delivery.customHost) return [];
  return [`key-vault-url is ${delivery.vaultUrl}, not a key vault of the cloud (${ALLOW_CUSTOM_ENDPOINTS} is true): it receives the Key Vault access token and the client secret.`];
}

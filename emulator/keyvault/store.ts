import { SUBSCRIPTION_ID } from '../arm.ts';

// What the emulated Key Vault holds: vaults, their secrets with every version, soft-deleted secrets and
// the role assignments on each vault (Azure RBAC, the data plane's permission model).

/**
 * The resource a Key Vault token is for, in each cloud: "The resource for all tokens to access a Key Vault
 * is https://vault.azure.net (no trailing slash)" (learn.microsoft.com/azure/key-vault/general/rest-error-codes,
 * HTTP 401), vault.usgovcloudapi.net in Azure Government
 * (learn.microsoft.com/azure/azure-government/compare-azure-government-global-azure, "Guidance for developers")
 * and vault.azure.cn in Azure operated by 21Vianet (docs.azure.cn/key-vault/general/about-keys-secrets-certificates).
 */
export const KEY_VAULT_RESOURCES = ['https://vault.azure.net', 'https://vault.usgovcloudapi.net', 'https://vault.azure.cn'];
export const KEY_VAULT_RESOURCE = 'https://vault.azure.net';

/** Key Vault's resource group in the emulated subscription (emulator/arm.ts): part of each vault's resource ID. */
const RESOURCE_GROUP = 'contoso-rg';

/**
 * "Vault name … 3-24, alphanumerics and hyphens. Start with letter. End with letter or digit. Can't contain
 * consecutive hyphens." (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkeyvault).
 */
export const VAULT_NAME = /^(?!.*--)[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;

/** One version of a secret: the SecretBundle's fields, times in milliseconds (the API shows whole Unix seconds). */
export interface SecretVersion {
  readonly version: string;
  readonly value: string;
  readonly contentType: string | undefined;
  readonly tags: Record<string, string> | undefined;
  readonly enabled: boolean;
  createdMs: number;
  updatedMs: number;
  expMs: number | undefined;
  nbfMs: number | undefined;
}

export interface StoredSecret {
  /** The name as first written; names are compared in any case. */
  readonly name: string;
  /** Oldest first; the last is the current version. */
  readonly versions: SecretVersion[];
  /** Set while the secret is soft-deleted (deleted and recoverable). */
  deletedMs?: number;
}

export interface Vault {
  readonly name: string;
  /** https://127.0.0.1:PORT: each vault has its own listener, as each real vault has its own host. */
  url: string;
  readonly resourceId: string;
  /** By lower-case name. */
  readonly secrets: Map<string, StoredSecret>;
  /** Data actions granted on the vault, by the service principal's object ID. */
  readonly grants: Map<string, Set<string>>;
}

/**
 * The data actions of Key Vault's built-in roles (learn.microsoft.com/azure/role-based-access-control/built-in-roles/security):
 * Key Vault Administrator, Secrets Officer, Secrets User and Reader. A grant may also name a data action itself.
 */
export const KEY_VAULT_ROLES: Readonly<Record<string, readonly string[]>> = {
  'Key Vault Administrator': ['Microsoft.KeyVault/vaults/*'],
  'Key Vault Secrets Officer': ['Microsoft.KeyVault/vaults/secrets/*'],
  'Key Vault Secrets User': ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
  'Key Vault Reader': ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
};

/**
 * The data action each modelled operation needs (learn.microsoft.com/azure/role-based-access-control/permissions/security#microsoftkeyvault):
 * Set Secret setSecret, Get Secret getSecret, Get Secret Versions readMetadata.
 */
export const DATA_ACTIONS = {
  set: 'Microsoft.KeyVault/vaults/secrets/setSecret/action',
  get: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
  list: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
} as const;

/** A grant's pattern matches an action; '*' stands for any run of characters, case is ignored (Azure RBAC wildcards). */
function matches(pattern: string, action: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`, 'i').test(action);
}

export class KeyVaultStore {
  readonly vaults = new Map<string, Vault>();

  /** A new vault without secrets or role assignments; its url is set once its listener runs. */
  add(name: string): Vault {
    if (!VAULT_NAME.test(name)) throw new Error(`"${name}" is not a key vault name (3-24 letters, digits and single hyphens, starting with a letter)`);
    if (this.vaults.has(name.toLowerCase())) throw new Error(`a key vault named ${name} exists already`);
    const resourceId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.KeyVault/vaults/${name}`;
    const vault: Vault = { name, url: '', resourceId, secrets: new Map(), grants: new Map() };
    this.vaults.set(name.toLowerCase(), vault);
    return vault;
  }

  vault(name: string): Vault {
    const vault = this.vaults.get(name.toLowerCase());
    if (!vault) throw new Error(`no key vault named ${name}`);
    return vault;
  }

  /** Grants a built-in role or one data action to a service principal (its object ID) on the vault. */
  grant(vault: Vault, principalId: string, roleOrAction: string): void {
    const actions = KEY_VAULT_ROLES[roleOrAction] ?? [roleOrAction];
    const held = vault.grants.get(principalId) ?? new Set<string>();
    actions.forEach((a) => held.add(a));
    vault.grants.set(principalId, held);
  }

  revoke(vault: Vault, principalId: string, roleOrAction: string): void {
    const held = vault.grants.get(principalId);
    for (const a of KEY_VAULT_ROLES[roleOrAction] ?? [roleOrAction]) held?.delete(a);
  }

  allows(vault: Vault, principalId: string, action: string): boolean {
    return [...(vault.grants.get(principalId) ?? [])].some((pattern) => matches(pattern, action));
  }
}

/** Moves every Key Vault time (created, updated, exp, nbf, deletion) ms into the past, like Emulator.advanceTime. */
export function shiftKeyVaults(store: KeyVaultStore, ms: number): void {
  for (const vault of store.vaults.values()) {
    for (const secret of vault.secrets.values()) {
      if (secret.deletedMs !== undefined) secret.deletedMs -= ms;
      for (const v of secret.versions) {
        v.createdMs -= ms;
        v.updatedMs -= ms;
        if (v.expMs !== undefined) v.expMs -= ms;
        if (v.nbfMs !== undefined) v.nbfMs -= ms;
      }
    }
  }
}

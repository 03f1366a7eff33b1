import type { Cloud } from './clouds.ts';

export const SIGN_IN_AUDIENCES = [
  'AzureADMyOrg',
  'AzureADMultipleOrgs',
  'AzureADandPersonalMicrosoftAccount',
  'PersonalMicrosoftAccount',
] as const;
export type SignInAudience = (typeof SIGN_IN_AUDIENCES)[number];

export const ROTATE_POLICIES = ['always', 'when-expiring'] as const;
export type RotatePolicy = (typeof ROTATE_POLICIES)[number];

/** rotate-and-retire: the whole life in one run; rotate: make and deliver only; retire: only remove what the destination no longer needs. */
export const SECRET_PHASES = ['rotate-and-retire', 'rotate', 'confirm', 'retire'] as const;
export type SecretPhase = (typeof SECRET_PHASES)[number];

export const SECRETS_TARGETS = ['none', 'repository', 'environment', 'organization', 'key-vault'] as const;
export type SecretsTarget = (typeof SECRETS_TARGETS)[number];

export const ORG_VISIBILITIES = ['private', 'all', 'selected'] as const;
export type OrgVisibility = (typeof ORG_VISIBILITIES)[number];

/** A Microsoft Graph permission the portal's registration should declare. */
export interface ApiPermission {
  readonly name: string;
  /** Delegated permissions are oauth2PermissionScopes (type Scope); application ones are appRoles (type Role). */
  readonly kind: 'delegated' | 'application';
}

export interface Repository {
  readonly owner: string;
  readonly repo: string;
}

export type Delivery =
  | { readonly target: 'none' }
  | {
      readonly target: 'repository' | 'environment' | 'organization';
      readonly token: string;
      readonly repository: Repository;
      /** Set when target is environment. */
      readonly environment?: string;
      /** Used when target is organization. */
      readonly visibility: OrgVisibility;
      /** The three secret names, validated against GitHub's rules. */
      readonly names: { readonly clientId: string; readonly tenantId: string; readonly clientSecret: string };
    }
  | KeyVaultDelivery;

/** A delivery that writes GitHub secrets. */
export type WritingDelivery = Exclude<Delivery, { target: 'none' } | KeyVaultDelivery>;

/** A delivery to a store of secrets: GitHub secrets or an Azure Key Vault. */
export type StoreDelivery = Exclude<Delivery, { target: 'none' }>;

/** One Azure Key Vault secret that holds the client secret (secrets-target key-vault). */
export interface KeyVaultDelivery {
  readonly target: 'key-vault';
  /** https origin of the vault, e.g. https://contoso-kv.vault.azure.net (key-vault-url). */
  readonly vaultUrl: string;
  /** The Key Vault secret's name (key-vault-secret-name), valid by Key Vault's rule. */
  readonly secretName: string;
  /** The registration's unique name: names the app in the secret's content type. */
  readonly appName: string;
  /** The vault is not on the cloud's Key Vault DNS suffix (allow-custom-endpoints, e.g. the emulator). */
  readonly customHost: boolean;
}

/** The owners a registration may have besides the deployer identity; any other owner stops the run. */
export interface OwnerPolicy {
  /** Object IDs (lower case) of the owners allowed-owners lists. */
  readonly allowed: readonly string[];
  /** allow-other-owners: any owner is accepted, and reported. */
  readonly allowOthers: boolean;
}

/**
 * A place that holds the secret: a GitHub secrets scope with a name prefix, a Key Vault secret, or the
 * step outputs for one portal in one repository's workflows.
 */
export interface Destination {
  readonly kind: 'github' | 'key-vault' | 'output';
  /** The ledger's ID for it: 12 hex digits of the SHA-256 of `identity`. */
  readonly id: string;
  /**
   * "repository:contoso/portal:INTREXX_", "environment:contoso/portal:prod:INTREXX_" (the environment
   * in lower case), "organization:contoso:INTREXX_", "output:contoso/portal:https://portal.example.com"
   * (the step outputs of one portal: destination-name in lower case, or the first portal base URL),
   * "key-vault:contoso-kv.vault.azure.net:intrexx-portal-client-secret" (host and secret name in lower case).
   */
  readonly identity: string;
  /** For people: "repository contoso/portal (INTREXX_*)". */
  readonly description: string;
}

/** Everything the action needs, parsed and validated once from the inputs and the runner's environment. */
export interface Settings {
  readonly tenantId: string;
  /** The deployer identity that signs in with the GitHub OIDC token. */
  readonly deployerClientId: string;
  readonly audience: string;
  readonly cloud: Cloud;
  readonly registration: {
    readonly displayName: string;
    readonly uniqueName: string;
    /**
     * The uniqueName the previous release derived from the same app-name ("intrexx-" always in front),
     * when it differs: a registration it created is found by this key too. Unset when unique-name is given.
     */
    readonly legacyUniqueName?: string;
    /** The uniqueName was derived from app-name (unique-name not given). */
    readonly uniqueNameDerived: boolean;
    readonly signInAudience: SignInAudience;
    /** Web redirect URIs the registration must contain (other existing ones are kept). */
    readonly redirectUris: readonly string[];
    readonly apiPermissions: readonly ApiPermission[];
    readonly adminConsent: boolean;
    /** Who besides the deployer identity may own the registration (allowed-owners, allow-other-owners). */
    readonly owners: OwnerPolicy;
  };
  readonly secret: {
    readonly lifetimeDays: number;
    readonly rotate: RotatePolicy;
    readonly rotateBeforeDays: number;
    /** Secrets a destination was given that stay valid, the one it holds included; 0 keeps all. */
    readonly keep: number;
    /** Days a replaced secret stays valid after its replacement was made. */
    readonly graceDays: number;
    /** A replaced secret's grace period starts only when a run confirms (secret-phase confirm or retire) that the portal uses a newer one. */
    readonly confirm: boolean;
    readonly phase: SecretPhase;
    readonly verify: boolean;
    readonly verifyTimeoutSeconds: number;
  };
  readonly delivery: Delivery;
  /** Where this run's secret goes, as the delivery ledger names it. */
  readonly destination: Destination;
  readonly dryRun: boolean;
  /** Identifies this workflow run in the secrets it makes. */
  readonly run: { readonly id: string; readonly attempt: string; readonly repository: string };
}

import type { TokenKind } from './github/store.ts';
import type { Readings } from './readings.ts';
import type { FaultRule, FederatedCredential, GraphApplication, JobClaims, KeyVaultSecretView, KeyVaultView, RequestLogEntry, SecretTarget } from './types.ts';

// The emulator's programmatic API, as startEmulator() (emulator/index.ts) returns it.

export interface EmulatorOptions {
  latencyMs?: number;
  replicationDelayMs?: number;
  secretPropagationMs?: number;
  job?: Partial<JobClaims>;
  deployerFederatedSubject?: string;
  deployerGraphRoles?: string[];
  /**
   * How to play points no primary source settles (emulator/readings.ts). Unset ones come from the
   * EMULATOR_READINGS environment variable ('uniqueNameWhileNull=read-only,webPatch=merge', or
   * 'alternatives'), then the defaults.
   */
  readings?: Partial<Readings>;
  /** Custom domains verified in the tenant besides contoso.onmicrosoft.com, e.g. ['contoso.com'] (identifierUris must use one). */
  verifiedDomains?: string[];
}

export interface Emulator {
  tenantId: string;
  tenantDomain: string;
  deployer: { clientId: string; objectId: string; servicePrincipalId: string };
  /**
   * resourceManager: the Azure Resource Manager stub (emulator/arm.ts), e.g. for `az cloud register --endpoint-resource-manager`.
   * keyVault: the vault contoso-kv (emulator/keyvault), where the deployer holds no role until keyVault.grantRole.
   */
  urls: { authorityHost: string; graphEndpoint: string; githubApiUrl: string; oidcRequestUrl: string; oidcIssuerUrl: string; resourceManager: string; keyVault: string };
  caCertPath: string;
  /** The readings this emulator plays. */
  readings: Readings;
  runnerEnv(): Record<string, string>;
  setLatency(ms: number): void;
  setReplicationDelay(ms: number): void;
  setSecretPropagation(ms: number): void;
  /**
   * Makes time pass: every stored timestamp moves ms into the past.
   * Graph: each application's passwordCredentials startDateTime and endDateTime (so Entra's
   * client-secret sign-in answers AADSTS7000222 once a shifted endDateTime is past), the instant a
   * secret starts to sign in (a secret-propagation wait counts as elapsed), createdDateTime and
   * deletedDateTime, the replication window; service principals' createdDateTime; app role
   * assignments' createdDateTime. GitHub: created_at and updated_at of every repository,
   * environment and organization secret. Formats stay as stored: timestamps without a fraction
   * ('2024-05-01T10:00:00Z') stay whole seconds, rounded down. Not shifted: access tokens already
   * issued, and ID tokens (signed with real-clock exp). Throws for a negative or non-finite ms.
   */
  advanceTime(ms: number): void;
  setJob(job: Partial<JobClaims>): void;
  /** The job as the OIDC service currently sees it (defaults plus setJob overrides). */
  job(): JobClaims;
  /** A signed GitHub ID token for the current job, bypassing HTTP (for tests of the token exchange). */
  idToken(audience?: string): string;
  entra: {
    setFederatedCredentials(appId: string, creds: FederatedCredential[]): void;
    signInWithSecret(appId: string, secret: string): Promise<boolean>;
  };
  graph: {
    createApplication(props: Record<string, unknown>, opts?: { ownerIds?: string[]; withServicePrincipal?: boolean }): GraphApplication;
    /**
     * Seeds a client secret directly, usable at once (no propagation wait). Unlike Graph's addPassword
     * it bypasses the two-secret cap on apps whose signInAudience admits personal accounts, so tests
     * can seed states Graph would refuse to create.
     */
    addPassword(appObjectId: string, cred: { displayName?: string; startDateTime?: string; endDateTime?: string }): { keyId: string; secretText: string };
    applications(): GraphApplication[];
    application(idOrAppIdOrUniqueName: string): GraphApplication | undefined;
    servicePrincipals(): Record<string, unknown>[];
    owners(appObjectId: string): string[];
    secretTexts(appObjectId: string): Record<string, string>;
    /** Grants an application permission (app role on Microsoft Graph, e.g. 'Application.ReadWrite.All') to an app's service principal. */
    grantGraphRole(appId: string, role: string): void;
    /** Id of the Microsoft Graph service principal in this tenant. */
    msGraphServicePrincipalId: string;
  };
  github: {
    issueToken(opts: { secretsPermission: 'write' | 'read' | 'none'; kind?: TokenKind }): string;
    addRepository(fullName: string): { id: number };
    addEnvironment(fullName: string, env: string): void;
    addOrganization(org: string): void;
    secretNames(target: SecretTarget): string[];
    decryptSecret(target: SecretTarget, name: string): Promise<string | undefined>;
    /** created_at/updated_at as GitHub writes them: whole seconds, e.g. '2019-08-10T14:59:22Z'. */
    secretMeta(target: SecretTarget, name: string): { created_at: string; updated_at: string; visibility?: string; selected_repository_ids?: number[] } | undefined;
  };
  /**
   * Key Vault's data plane (Secrets): each vault on its own port. Also shifted by advanceTime: every
   * version's created, updated, exp and nbf, and when a secret was soft-deleted.
   */
  keyVault: {
    /** contoso-kv, which every emulator starts with. */
    defaultVault: KeyVaultView;
    createVault(name: string): Promise<KeyVaultView>;
    /** Grants a built-in role (default Key Vault Secrets Officer) or one data action on the vault to an application's service principal. */
    grantRole(vault: string, appId: string, roleOrAction?: string): void;
    revokeRole(vault: string, appId: string, roleOrAction?: string): void;
    /** Soft-deletes a secret: Get answers 404, Set 409 ObjectIsDeletedButRecoverable, as when someone deleted it in the portal. */
    softDeleteSecret(vault: string, name: string): void;
    /** Every version of the secret, oldest first; [] when it has none. */
    versions(vault: string, name: string): KeyVaultSecretView[];
  };
  faults: { add(rule: FaultRule): void; clear(): void; pending(): FaultRule[] };
  requests(): RequestLogEntry[];
  /** The logged requests the emulator refused because it does not model them; tests expect none. */
  unmodelled(): RequestLogEntry[];
  resetRequests(): void;
  state(): unknown;
  /** Stops all services; connections still open (hung requests included) are destroyed. */
  close(): Promise<void>;
}

import type { FederatedCredential } from './types.ts';

// The directory the Entra and Graph emulators share: one tenant's applications, service principals,
// role assignments, consent grants and issued access tokens.

export interface PasswordRecord {
  keyId: string;
  displayName: string | null;
  startDateTime: string;
  endDateTime: string;
  hint: string;
  secretText: string;
  /** Before this instant the secret does not sign in yet (AADSTS7000215), see secretPropagationMs. */
  usableAtMs: number;
}

export interface AppRecord {
  id: string;
  appId: string;
  /** The application resource without passwordCredentials (those live in `passwords`). */
  data: Record<string, unknown>;
  passwords: PasswordRecord[];
  owners: string[];
  federated: FederatedCredential[];
  /** Reads/writes other than the create-if-missing upsert see it only from this instant on. */
  replicatedAtMs: number;
  deletedAtMs?: number;
  seq: number;
}

export interface SpRecord {
  id: string;
  appId: string;
  data: Record<string, unknown>;
  owners: string[];
  replicatedAtMs: number;
  seq: number;
}

export interface AppRoleAssignment {
  id: string;
  appRoleId: string;
  createdDateTime: string;
  deletedDateTime: null;
  principalDisplayName: string;
  principalId: string;
  principalType: 'ServicePrincipal' | 'User' | 'Group';
  resourceDisplayName: string;
  resourceId: string;
}

export interface PermissionGrant {
  id: string;
  clientId: string;
  consentType: 'AllPrincipals' | 'Principal';
  principalId: string | null;
  resourceId: string;
  scope: string;
}

export interface IssuedToken {
  appId: string;
  servicePrincipalId: string;
  tenantId: string;
  roles: string[];
  expiresAtMs: number;
  /** The API the token was issued for: Graph, ARM and Key Vault each refuse a token issued for another. */
  resource: 'graph' | 'arm' | 'keyvault';
  /** The token's aud claim, for messages. */
  audience: string;
}

export interface Settings {
  latencyMs: number;
  replicationDelayMs: number;
  secretPropagationMs: number;
}

export class Directory {
  readonly tenantId: string;
  readonly tenantDomain: string;
  readonly tenantDisplayName: string;
  /** Custom domains verified in the tenant, besides its initial domain (tenantDomain), which always is. */
  readonly verifiedDomains: string[] = [];
  readonly settings: Settings;
  readonly apps = new Map<string, AppRecord>();
  readonly sps = new Map<string, SpRecord>();
  /** Directory objects that are users (owners seeded by tests); Graph shows them to OwnedBy callers as id only. */
  readonly users = new Set<string>();
  readonly assignments: AppRoleAssignment[] = [];
  readonly grants: PermissionGrant[] = [];
  readonly tokens = new Map<string, IssuedToken>();
  private seq = 0;

  constructor(tenantId: string, tenantDomain: string, tenantDisplayName: string, settings: Settings) {
    this.tenantId = tenantId;
    this.tenantDomain = tenantDomain;
    this.tenantDisplayName = tenantDisplayName;
    this.settings = settings;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  isTenant(t: string): boolean {
    return t.toLowerCase() === this.tenantId.toLowerCase() || t.toLowerCase() === this.tenantDomain.toLowerCase();
  }

  /** Instant from which an object created now counts as replicated. */
  replicationPoint(now = Date.now()): number {
    return this.settings.replicationDelayMs > 0 ? now + this.settings.replicationDelayMs : 0;
  }

  liveApps(): AppRecord[] {
    return [...this.apps.values()].filter((a) => a.deletedAtMs === undefined).sort((a, b) => a.seq - b.seq);
  }

  /** Lookups ignore replication; callers decide whether the object is visible yet. */
  appById(id: string): AppRecord | undefined {
    const a = this.apps.get(id.toLowerCase());
    return a && a.deletedAtMs === undefined ? a : undefined;
  }

  appByAppId(appId: string): AppRecord | undefined {
    return this.liveApps().find((a) => a.appId.toLowerCase() === appId.toLowerCase());
  }

  /** Soft-deleted apps keep their uniqueName (microsoftgraph/msgraph-bicep-types#137), hence `includeDeleted`. */
  appByUniqueName(name: string, includeDeleted = false): AppRecord | undefined {
    const all = [...this.apps.values()].filter((a) => includeDeleted || a.deletedAtMs === undefined);
    return all.find((a) => typeof a.data.uniqueName === 'string' && a.data.uniqueName.toLowerCase() === name.toLowerCase());
  }

  spById(id: string): SpRecord | undefined {
    return this.sps.get(id.toLowerCase());
  }

  spByAppId(appId: string): SpRecord | undefined {
    return [...this.sps.values()].find((s) => s.appId.toLowerCase() === appId.toLowerCase());
  }

  liveSps(): SpRecord[] {
    return [...this.sps.values()].sort((a, b) => a.seq - b.seq);
  }

  /** App roles (values) the service principal holds on the resource identified by its appId. */
  rolesOn(principalId: string, resourceAppId: string): string[] {
    const resource = this.spByAppId(resourceAppId);
    if (!resource) return [];
    const appRoles = (resource.data.appRoles as { id: string; value: string }[] | undefined) ?? [];
    return this.assignments
      .filter((a) => a.principalId === principalId && a.resourceId === resource.id)
      .map((a) => appRoles.find((r) => r.id === a.appRoleId)?.value)
      .filter((v): v is string => typeof v === 'string');
  }
}

import { applicationView, passwordView } from './graph/model.ts';
import type { GithubStore, SecretScope } from './github/store.ts';
import type { AppRecord, Directory, Settings } from './state.ts';
import type { JobClaims } from './types.ts';

// Emulator.state(): everything the emulator holds, secrets redacted (for debugging and `npm run emulator`).

function appDump(a: AppRecord): Record<string, unknown> {
  return {
    // applicationView carries every property, tags included.
    application: applicationView(a),
    owners: [...a.owners],
    federatedCredentials: structuredClone(a.federated),
    replicated: a.replicatedAtMs <= Date.now(),
    passwords: a.passwords.map((p) => ({ ...passwordView(p), secretText: '[redacted]', signsInFrom: new Date(p.usableAtMs).toISOString() })),
    deleted: a.deletedAtMs !== undefined,
  };
}

function scopeDump(scope: SecretScope): Record<string, unknown> {
  return {
    publicKey: { key_id: scope.key.keyId, key: scope.key.publicKeyBase64 },
    secrets: [...scope.secrets.values()].map((s) => ({ name: s.name, created_at: s.created_at, updated_at: s.updated_at, visibility: s.visibility, selected_repository_ids: s.selected_repository_ids })),
  };
}

export function dumpState(dir: Directory, store: GithubStore, settings: Settings, job: JobClaims, urls: unknown): unknown {
  return {
    tenant: { id: dir.tenantId, domain: dir.tenantDomain },
    settings: { ...settings },
    job,
    urls,
    applications: [...dir.apps.values()].map(appDump),
    servicePrincipals: dir.liveSps().map((s) => ({ id: s.id, appId: s.appId, displayName: s.data.displayName, owners: [...s.owners], replicated: s.replicatedAtMs <= Date.now() })),
    appRoleAssignments: structuredClone(dir.assignments),
    oauth2PermissionGrants: structuredClone(dir.grants),
    github: {
      organizations: [...store.orgs.values()].map((o) => ({ login: o.login, id: o.id, ...scopeDump(o.scope) })),
      repositories: [...store.repos.values()].map((r) => ({
        fullName: r.fullName,
        id: r.id,
        ...scopeDump(r.scope),
        environments: [...r.environments.values()].map((e) => ({ name: e.name, ...scopeDump(e.scope) })),
      })),
    },
  };
}

import type { Emulator } from './api.ts';
import type { EntraEnv } from './entra/context.ts';
import { clientCredentials } from './entra/token.ts';
import { applicationView } from './graph/model.ts';
import { openSealed, sodiumReady, utf8 } from './github/sealedbox.ts';
import type { GithubStore } from './github/store.ts';
import { guid } from './ids.ts';
import type { KeyVaults } from './keyvault/vaults.ts';
import type { Vault } from './keyvault/store.ts';
import type { Seeder } from './seed.ts';
import type { AppRecord, Directory } from './state.ts';
import type { KeyVaultView } from './types.ts';

// Emulator.entra, .graph, .github and .keyVault: what tests use to seed and inspect the services' state
// directly, without HTTP (see the Emulator interface in emulator/api.ts).

export function entraTestApi(dir: Directory, env: EntraEnv): Emulator['entra'] {
  return {
    setFederatedCredentials(appId, creds) {
      const app = dir.appByAppId(appId);
      if (!app) throw new Error(`no application with appId ${appId}`);
      app.federated = creds.map((c) => ({ issuer: c.issuer, subject: c.subject, audiences: [...c.audiences] }));
    },
    async signInWithSecret(appId, secret) {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: appId, client_secret: secret, scope: `${env.graphBaseUrl()}/.default` });
      return clientCredentials(env, dir.tenantId, form, guid()).ok;
    },
  };
}

export function graphTestApi(dir: Directory, seeds: Seeder, msGraphSpId: string): Emulator['graph'] {
  const findApp = (key: string): AppRecord | undefined => dir.appById(key) ?? dir.appByAppId(key) ?? dir.appByUniqueName(key);
  const mustApp = (objectId: string): AppRecord => {
    const a = dir.appById(objectId);
    if (!a) throw new Error(`no application with object id ${objectId}`);
    return a;
  };
  return {
    createApplication(props, opts = {}) {
      return applicationView(seeds.seedApplication(props, opts.ownerIds ?? [], opts.withServicePrincipal ?? false));
    },
    addPassword: (appObjectId, cred) => seeds.seedPassword(mustApp(appObjectId), cred),
    applications: () => dir.liveApps().map(applicationView),
    application(key) {
      const a = findApp(key);
      return a ? applicationView(a) : undefined;
    },
    servicePrincipals: () => dir.liveSps().map((s) => structuredClone(s.data)),
    owners: (appObjectId) => [...mustApp(appObjectId).owners],
    secretTexts: (appObjectId) => Object.fromEntries(mustApp(appObjectId).passwords.map((p) => [p.keyId, p.secretText])),
    grantGraphRole(appId, role) {
      const sp = dir.spByAppId(appId);
      if (!sp) throw new Error(`application ${appId} has no service principal`);
      seeds.grantGraphRole(sp.id, role);
    },
    msGraphServicePrincipalId: msGraphSpId,
  };
}

export function githubTestApi(store: GithubStore): Emulator['github'] {
  return {
    issueToken: ({ secretsPermission, kind }) => store.issueToken({ secretsPermission, kind: kind ?? 'fine-grained' }),
    addRepository: (fullName) => ({ id: store.addRepository(fullName).id }),
    addEnvironment: (fullName, env) => store.addEnvironment(fullName, env),
    addOrganization: (org) => void store.addOrganization(org),
    secretNames: (target) => [...(store.scopeOf(target)?.secrets.keys() ?? [])].sort(),
    async decryptSecret(target, name) {
      await sodiumReady();
      const scope = store.scopeOf(target);
      const s = scope?.secrets.get(name.toUpperCase());
      if (!scope || !s) return undefined;
      const opened = openSealed(scope.key, s.sealed);
      return opened ? utf8(opened) : undefined;
    },
    secretMeta(target, name) {
      const s = store.scopeOf(target)?.secrets.get(name.toUpperCase());
      if (!s) return undefined;
      return {
        created_at: s.created_at,
        updated_at: s.updated_at,
        ...(s.visibility ? { visibility: s.visibility } : {}),
        ...(s.selected_repository_ids ? { selected_repository_ids: [...s.selected_repository_ids] } : {}),
      };
    },
  };
}

const vaultView = (v: Vault): KeyVaultView => ({ name: v.name, url: v.url, resourceId: v.resourceId });
const seconds = (ms: number): number => Math.floor(ms / 1000);

export function keyVaultTestApi(dir: Directory, vaults: KeyVaults, defaultVault: string): Emulator['keyVault'] {
  const { store } = vaults.env;
  const principal = (appId: string): string => {
    const sp = dir.spByAppId(appId);
    if (!sp) throw new Error(`application ${appId} has no service principal`);
    return sp.id;
  };
  return {
    defaultVault: vaultView(store.vault(defaultVault)),
    createVault: async (name) => vaultView(await vaults.create(name)),
    grantRole: (vault, appId, role = 'Key Vault Secrets Officer') => store.grant(store.vault(vault), principal(appId), role),
    revokeRole: (vault, appId, role = 'Key Vault Secrets Officer') => store.revoke(store.vault(vault), principal(appId), role),
    softDeleteSecret(vault, name) {
      const secret = store.vault(vault).secrets.get(name.toLowerCase());
      if (!secret) throw new Error(`no secret ${name} in key vault ${vault}`);
      secret.deletedMs = Date.now();
    },
    versions: (vault, name) =>
      (store.vault(vault).secrets.get(name.toLowerCase())?.versions ?? []).map((v) => ({
        version: v.version,
        value: v.value,
        ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
        ...(v.tags !== undefined ? { tags: { ...v.tags } } : {}),
        enabled: v.enabled,
        created: seconds(v.createdMs),
        updated: seconds(v.updatedMs),
        ...(v.expMs !== undefined ? { expires: seconds(v.expMs) } : {}),
      })),
  };
}

import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { clientCredentials, entraHandler } from './entra.ts';
import { FaultBook } from './faults.ts';
import { GraphFailure } from './graph/errors.ts';
import { applicationView, defaultApplicationData, defaultServicePrincipalData, newSecretText, passwordView } from './graph/model.ts';
import { MS_GRAPH_APP_ID, msGraphServicePrincipalData, roleIdByValue } from './graph/msgraph-sp.ts';
import { validateEntityBody } from './graph/schema.ts';
import { graphFinish, graphHandler } from './graph/service.ts';
import { githubHandler } from './github/secrets.ts';
import { openSealed, sodiumReady, utf8 } from './github/sealedbox.ts';
import { GithubStore } from './github/store.ts';
import type { TokenKind } from './github/store.ts';
import { startService } from './http.ts';
import type { RunningService, ServiceContext } from './http.ts';
import { guid } from './ids.ts';
import { makeSigningKey } from './jwt.ts';
import { GITHUB_ISSUER, mintIdToken, newRequestPath, oidcHandler } from './oidc.ts';
import { Directory } from './state.ts';
import type { AppRecord, SpRecord } from './state.ts';
import { makeTlsMaterial } from './tls.ts';
import type { FaultRule, FederatedCredential, GraphApplication, JobClaims, RequestLogEntry, SecretTarget } from './types.ts';

export type { FaultRule, FaultResponse, GraphApplication, JobClaims, RequestLogEntry, SecretTarget, ServiceName, FederatedCredential, PasswordCredentialView } from './types.ts';
export { graphError } from './graph/errors.ts';
export { throttle, concurrencyViolation, serviceUnavailable, connectionReset } from './faults.ts';
export { MS_GRAPH_APP_ID } from './graph/msgraph-sp.ts';
export { GITHUB_ISSUER } from './oidc.ts';

export interface EmulatorOptions {
  latencyMs?: number;
  replicationDelayMs?: number;
  secretPropagationMs?: number;
  job?: Partial<JobClaims>;
  deployerFederatedSubject?: string;
  deployerGraphRoles?: string[];
}

export interface Emulator {
  tenantId: string;
  tenantDomain: string;
  deployer: { clientId: string; objectId: string; servicePrincipalId: string };
  urls: { authorityHost: string; graphEndpoint: string; githubApiUrl: string; oidcRequestUrl: string; oidcIssuerUrl: string };
  caCertPath: string;
  runnerEnv(): Record<string, string>;
  setLatency(ms: number): void;
  setReplicationDelay(ms: number): void;
  setSecretPropagation(ms: number): void;
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
    secretMeta(target: SecretTarget, name: string): { created_at: string; updated_at: string; visibility?: string; selected_repository_ids?: number[] } | undefined;
  };
  faults: { add(rule: FaultRule): void; clear(): void; pending(): FaultRule[] };
  requests(): RequestLogEntry[];
  resetRequests(): void;
  state(): unknown;
  close(): Promise<void>;
}

const TENANT_ID = '4d2f1c7a-8e3b-4f6a-9c5d-2b7e1a0f3c98';
const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
const DEFAULT_REPO = 'contoso/portal-infra';

const seedError = (err: unknown): never => {
  if (err instanceof GraphFailure) throw new Error(`invalid seed: ${JSON.stringify(err.reply.body)}`);
  throw err;
};

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  await sodiumReady();
  const tls = await makeTlsMaterial();
  const settings = { latencyMs: options.latencyMs ?? 0, replicationDelayMs: options.replicationDelayMs ?? 0, secretPropagationMs: options.secretPropagationMs ?? 0 };
  const dir = new Directory(TENANT_ID, TENANT_DOMAIN, 'Contoso', settings);
  const faults = new FaultBook();
  const log: RequestLogEntry[] = [];
  const ctx: ServiceContext = { faults, log, latencyMs: () => settings.latencyMs };
  const oidcKey = makeSigningKey();
  const entraKey = makeSigningKey();
  const store = new GithubStore();
  store.addOrganization('contoso');
  store.addRepository(DEFAULT_REPO);

  // --- the emulated job -------------------------------------------------------------------------
  let jobOverrides: Partial<JobClaims> = { ...options.job };
  const sha = randomBytes(20).toString('hex');
  const runId = String(10_000_000_000 + Math.floor(Math.random() * 1_000_000_000));
  const job = (): JobClaims => {
    const repository = jobOverrides.repository ?? DEFAULT_REPO;
    const repo = store.addRepository(repository);
    const ref = jobOverrides.ref ?? 'refs/heads/main';
    return {
      repository,
      repositoryId: repo.id,
      repositoryOwnerId: repo.ownerId,
      repositoryVisibility: 'private',
      ref,
      sha,
      eventName: 'push',
      runId,
      runNumber: '42',
      runAttempt: '1',
      workflow: 'Register Intrexx portal',
      workflowRef: `${repository}/.github/workflows/register-portal.yml@${ref}`,
      actor: 'octocat',
      actorId: 583231,
      runnerEnvironment: 'github-hosted',
      ...jobOverrides,
    };
  };

  // --- services ---------------------------------------------------------------------------------
  const urls = { oidc: '', entra: '', graph: '', github: '' };
  const requestPath = newRequestPath();
  const requestToken = randomBytes(48).toString('base64url');
  const oidcEnv = { key: oidcKey, baseUrl: () => urls.oidc, job, requestToken, requestPath };
  const graphEnv = { dir, baseUrl: () => urls.graph, faults };
  const entraEnv = {
    dir,
    baseUrl: () => urls.entra,
    graphBaseUrl: () => urls.graph,
    trustedIssuerKeys: () => ({ [GITHUB_ISSUER]: [oidcKey.jwk] }),
    key: entraKey,
  };
  const services: RunningService[] = [];
  try {
    services.push(await startService('oidc', tls, ctx, oidcHandler(oidcEnv)));
    services.push(await startService('entra', tls, ctx, entraHandler(entraEnv)));
    services.push(await startService('graph', tls, ctx, graphHandler(graphEnv), graphFinish));
    services.push(await startService('github', tls, ctx, githubHandler(store, () => urls.github)));
  } catch (err) {
    await Promise.all(services.map((s) => s.close()));
    throw err;
  }
  for (const s of services) urls[s.name] = s.url;

  // --- directory seed: Microsoft Graph's service principal and the deployer --------------------
  const msGraphSpId = guid();
  dir.sps.set(msGraphSpId, { id: msGraphSpId, appId: MS_GRAPH_APP_ID, data: msGraphServicePrincipalData(msGraphSpId), owners: [], replicatedAtMs: 0, seq: dir.nextSeq() });

  function seedApplication(props: Record<string, unknown>, ownerIds: string[] = [], withSp = false): AppRecord {
    let valid: Record<string, unknown>;
    try {
      valid = validateEntityBody('application', props);
    } catch (err) {
      return seedError(err);
    }
    if (typeof valid.uniqueName === 'string' && dir.appByUniqueName(valid.uniqueName, true)) throw new Error(`uniqueName '${valid.uniqueName}' is taken`);
    const id = guid();
    const appId = guid();
    const rec: AppRecord = {
      id,
      appId,
      data: { ...defaultApplicationData(id, appId, dir, null), ...valid },
      passwords: [],
      owners: [...ownerIds],
      federated: [],
      replicatedAtMs: 0,
      seq: dir.nextSeq(),
    };
    for (const o of ownerIds) if (!dir.spById(o)) dir.users.add(o);
    dir.apps.set(id, rec);
    if (withSp) seedServicePrincipal(rec);
    return rec;
  }

  function seedServicePrincipal(app: AppRecord): SpRecord {
    const id = guid();
    const sp: SpRecord = { id, appId: app.appId, data: defaultServicePrincipalData(id, app, dir), owners: [], replicatedAtMs: 0, seq: dir.nextSeq() };
    dir.sps.set(id, sp);
    return sp;
  }

  function grantGraphRole(spId: string, role: string): void {
    const roleId = roleIdByValue(role);
    if (!roleId) throw new Error(`unknown Microsoft Graph app role '${role}'`);
    const sp = dir.spById(spId);
    if (!sp) throw new Error(`no service principal ${spId}`);
    if (dir.assignments.some((a) => a.principalId === spId && a.appRoleId === roleId)) return;
    dir.assignments.push({
      id: Buffer.from(guid().replace(/-/g, ''), 'hex').toString('base64url'),
      appRoleId: roleId,
      createdDateTime: new Date().toISOString(),
      deletedDateTime: null,
      principalDisplayName: String(sp.data.displayName),
      principalId: spId,
      principalType: 'ServicePrincipal',
      resourceDisplayName: 'Microsoft Graph',
      resourceId: msGraphSpId,
    });
  }

  const deployerApp = seedApplication({ displayName: 'github-portal-deployer', signInAudience: 'AzureADMyOrg' }, [], true);
  const deployerSp = dir.spByAppId(deployerApp.appId) as SpRecord;
  deployerApp.federated = [
    { issuer: GITHUB_ISSUER, subject: options.deployerFederatedSubject ?? `repo:${DEFAULT_REPO}:ref:refs/heads/main`, audiences: ['api://AzureADTokenExchange'] },
  ];
  for (const role of options.deployerGraphRoles ?? ['Application.ReadWrite.OwnedBy']) grantGraphRole(deployerSp.id, role);

  const findApp = (key: string): AppRecord | undefined => dir.appById(key) ?? dir.appByAppId(key) ?? dir.appByUniqueName(key);
  const mustApp = (objectId: string): AppRecord => {
    const a = dir.appById(objectId);
    if (!a) throw new Error(`no application with object id ${objectId}`);
    return a;
  };

  const oidcRequestUrl = `${urls.oidc}${requestPath}`;

  const emulator: Emulator = {
    tenantId: dir.tenantId,
    tenantDomain: dir.tenantDomain,
    deployer: { clientId: deployerApp.appId, objectId: deployerApp.id, servicePrincipalId: deployerSp.id },
    urls: { authorityHost: urls.entra, graphEndpoint: urls.graph, githubApiUrl: urls.github, oidcRequestUrl, oidcIssuerUrl: urls.oidc },
    caCertPath: tls.caCertPath,
    runnerEnv() {
      const j = job();
      const [owner = ''] = j.repository.split('/');
      const refName = j.ref.replace(/^refs\/(heads|tags)\//, '');
      return {
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        ACTIONS_ID_TOKEN_REQUEST_URL: oidcRequestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
        GITHUB_API_URL: urls.github,
        GITHUB_GRAPHQL_URL: `${urls.github}/graphql`,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: j.repository,
        GITHUB_REPOSITORY_ID: String(j.repositoryId),
        GITHUB_REPOSITORY_OWNER: owner,
        GITHUB_REPOSITORY_OWNER_ID: String(j.repositoryOwnerId),
        GITHUB_RUN_ID: j.runId,
        GITHUB_RUN_NUMBER: j.runNumber,
        GITHUB_RUN_ATTEMPT: j.runAttempt,
        GITHUB_WORKFLOW: j.workflow,
        GITHUB_WORKFLOW_REF: j.workflowRef,
        GITHUB_SHA: j.sha,
        GITHUB_REF: j.ref,
        GITHUB_REF_NAME: refName,
        GITHUB_REF_TYPE: j.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
        GITHUB_EVENT_NAME: j.eventName,
        GITHUB_ACTOR: j.actor,
        GITHUB_ACTOR_ID: String(j.actorId),
        RUNNER_ENVIRONMENT: j.runnerEnvironment,
        NODE_EXTRA_CA_CERTS: tls.caCertPath,
      };
    },
    setLatency: (ms) => void (settings.latencyMs = ms),
    setReplicationDelay: (ms) => void (settings.replicationDelayMs = ms),
    setSecretPropagation: (ms) => void (settings.secretPropagationMs = ms),
    setJob(j) {
      jobOverrides = { ...jobOverrides, ...j };
    },
    job,
    idToken: (audience = 'api://AzureADTokenExchange') => mintIdToken(oidcEnv, audience),
    entra: {
      setFederatedCredentials(appId, creds) {
        const app = dir.appByAppId(appId);
        if (!app) throw new Error(`no application with appId ${appId}`);
        app.federated = creds.map((c) => ({ issuer: c.issuer, subject: c.subject, audiences: [...c.audiences] }));
      },
      async signInWithSecret(appId, secret) {
        const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: appId, client_secret: secret, scope: `${urls.graph}/.default` });
        return clientCredentials(entraEnv, dir.tenantId, form, guid()).ok;
      },
    },
    graph: {
      createApplication(props, opts = {}) {
        return applicationView(seedApplication(props, opts.ownerIds ?? [], opts.withServicePrincipal ?? false));
      },
      addPassword(appObjectId, cred) {
        const app = mustApp(appObjectId);
        const secretText = newSecretText();
        const start = cred.startDateTime ? Date.parse(cred.startDateTime) : Date.now();
        const end = cred.endDateTime ? Date.parse(cred.endDateTime) : start + 2 * 365.25 * 24 * 3600_000;
        const keyId = guid();
        const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
        app.passwords.push({ keyId, displayName: cred.displayName ?? null, startDateTime: iso(start), endDateTime: iso(end), hint: secretText.slice(0, 3), secretText, usableAtMs: 0 });
        return { keyId, secretText };
      },
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
        grantGraphRole(sp.id, role);
      },
      msGraphServicePrincipalId: msGraphSpId,
    },
    github: {
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
    },
    faults: { add: (r) => faults.add(r), clear: () => faults.clear(), pending: () => faults.pending() },
    requests: () => log.map((e) => ({ ...e })),
    resetRequests: () => void log.splice(0, log.length),
    state: () => dumpState(),
    async close() {
      await Promise.all(services.map((s) => s.close()));
      await rm(tls.dir, { recursive: true, force: true });
    },
  };

  function dumpState(): unknown {
    const redact = (a: AppRecord): unknown => ({
      application: applicationView(a),
      owners: [...a.owners],
      federatedCredentials: structuredClone(a.federated),
      replicated: a.replicatedAtMs <= Date.now(),
      passwords: a.passwords.map((p) => ({ ...passwordView(p), secretText: '[redacted]', signsInFrom: new Date(p.usableAtMs).toISOString() })),
    });
    const scopeDump = (scope: { key: { keyId: string; publicKeyBase64: string }; secrets: Map<string, { name: string; created_at: string; updated_at: string; visibility?: string; selected_repository_ids?: number[] }> }): unknown => ({
      publicKey: { key_id: scope.key.keyId, key: scope.key.publicKeyBase64 },
      secrets: [...scope.secrets.values()].map((s) => ({ name: s.name, created_at: s.created_at, updated_at: s.updated_at, visibility: s.visibility, selected_repository_ids: s.selected_repository_ids })),
    });
    return {
      tenant: { id: dir.tenantId, domain: dir.tenantDomain },
      settings: { ...settings },
      job: job(),
      urls: emulator.urls,
      applications: [...dir.apps.values()].map((a) => ({ ...(redact(a) as object), deleted: a.deletedAtMs !== undefined })),
      servicePrincipals: dir.liveSps().map((s) => ({ id: s.id, appId: s.appId, displayName: s.data.displayName, owners: [...s.owners], replicated: s.replicatedAtMs <= Date.now() })),
      appRoleAssignments: structuredClone(dir.assignments),
      oauth2PermissionGrants: structuredClone(dir.grants),
      github: {
        organizations: [...store.orgs.values()].map((o) => ({ login: o.login, id: o.id, ...(scopeDump(o.scope) as object) })),
        repositories: [...store.repos.values()].map((r) => ({
          fullName: r.fullName,
          id: r.id,
          ...(scopeDump(r.scope) as object),
          environments: [...r.environments.values()].map((e) => ({ name: e.name, ...(scopeDump(e.scope) as object) })),
        })),
      },
    };
  }

  return emulator;
}

import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Emulator, EmulatorOptions } from './api.ts';
import { checkAdvance, shiftDirectory, shiftGithub } from './clock.ts';
import { dumpState } from './dump.ts';
import { clientCredentials, entraHandler } from './entra.ts';
import { FaultBook } from './faults.ts';
import { applicationView } from './graph/model.ts';
import { MS_GRAPH_APP_ID, msGraphServicePrincipalData } from './graph/msgraph-sp.ts';
import { graphFinish, graphHandler } from './graph/service.ts';
import { githubHandler } from './github/secrets.ts';
import { openSealed, sodiumReady, utf8 } from './github/sealedbox.ts';
import { GithubStore } from './github/store.ts';
import { startService } from './http.ts';
import type { RunningService, ServiceContext } from './http.ts';
import { guid } from './ids.ts';
import { makeSigningKey } from './jwt.ts';
import { GITHUB_ISSUER, mintIdToken, newRequestPath, oidcHandler } from './oidc.ts';
import { seeder } from './seed.ts';
import { Directory } from './state.ts';
import type { AppRecord, SpRecord } from './state.ts';
import { makeTlsMaterial } from './tls.ts';
import type { JobClaims, RequestLogEntry } from './types.ts';

export type { Emulator, EmulatorOptions } from './api.ts';
export type { FaultRule, FaultResponse, GraphApplication, JobClaims, RequestLogEntry, SecretTarget, ServiceName, FederatedCredential, PasswordCredentialView } from './types.ts';
export { graphError } from './graph/errors.ts';
export { throttle, concurrencyViolation, serviceUnavailable, connectionReset, hang } from './faults.ts';
export { MS_GRAPH_APP_ID } from './graph/msgraph-sp.ts';
export { GITHUB_ISSUER } from './oidc.ts';

const TENANT_ID = '4d2f1c7a-8e3b-4f6a-9c5d-2b7e1a0f3c98';
const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
const DEFAULT_REPO = 'contoso/portal-infra';

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

  const { seedApplication, grantGraphRole, seedPassword } = seeder(dir, msGraphSpId);

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
    advanceTime(ms) {
      checkAdvance(ms);
      shiftDirectory(dir, ms);
      shiftGithub(store, ms);
    },
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
      addPassword: (appObjectId, cred) => seedPassword(mustApp(appObjectId), cred),
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
    state: () => dumpState(dir, store, settings, job(), emulator.urls),
    async close() {
      await Promise.all(services.map((s) => s.close()));
      await rm(tls.dir, { recursive: true, force: true });
    },
  };

  return emulator;
}

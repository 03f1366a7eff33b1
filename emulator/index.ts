import { rm } from 'node:fs/promises';
import type { Emulator, EmulatorOptions } from './api.ts';
import { advanceTime } from './clock.ts';
import { shiftKeyVaults } from './keyvault/store.ts';
import { DEFAULT_VAULT } from './keyvault/vaults.ts';
import { dumpState } from './dump.ts';
import { FaultBook } from './faults.ts';
import { sodiumReady } from './github/sealedbox.ts';
import { GithubStore } from './github/store.ts';
import { DEFAULT_REPO, emulatedJob, runnerEnv } from './job.ts';
import { mintIdToken } from './oidc.ts';
import { resolveReadings, setReadings } from './readings.ts';
import { seedTenant } from './seed.ts';
import { startServices } from './services.ts';
import { Directory } from './state.ts';
import type { Settings } from './state.ts';
import { entraTestApi, githubTestApi, graphTestApi, keyVaultTestApi } from './test-api.ts';
import { makeTlsMaterial } from './tls.ts';
import type { RequestLogEntry } from './types.ts';

export type { Emulator, EmulatorOptions } from './api.ts';
export type { Readings, ReadingName } from './readings.ts';
export { READING_VALUES, DEFAULT_READINGS, ALTERNATIVE_READINGS } from './readings.ts';
export type { FaultRule, FaultResponse, GraphApplication, JobClaims, RequestLogEntry, SecretTarget, ServiceName, FederatedCredential, PasswordCredentialView, KeyVaultView, KeyVaultSecretView } from './types.ts';
export { KEY_VAULT_ROLES } from './keyvault/store.ts';
export { graphError } from './graph/errors.ts';
export { throttle, serviceUnavailable, connectionReset, hang } from './faults.ts';
export { concurrencyViolation } from './graph/faults.ts';
export { MS_GRAPH_APP_ID } from './graph/msgraph-sp.ts';
export { GITHUB_ISSUER } from './oidc.ts';

const TENANT_ID = '4d2f1c7a-8e3b-4f6a-9c5d-2b7e1a0f3c98';
const TENANT_DOMAIN = 'contoso.onmicrosoft.com';

/** Starts the six services (oidc, entra, graph, github, arm, keyvault) with a fresh tenant and GitHub account. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  await sodiumReady();
  const tls = await makeTlsMaterial();
  const settings: Settings = { latencyMs: options.latencyMs ?? 0, replicationDelayMs: options.replicationDelayMs ?? 0, secretPropagationMs: options.secretPropagationMs ?? 0 };
  const readings = resolveReadings(options.readings);
  const dir = new Directory(TENANT_ID, TENANT_DOMAIN, 'Contoso', settings);
  setReadings(dir, readings);
  dir.verifiedDomains.push(...(options.verifiedDomains ?? []).map((d) => d.toLowerCase()));
  const store = new GithubStore();
  setReadings(store, readings);
  store.addOrganization('contoso');
  store.addRepository(DEFAULT_REPO);
  const job = emulatedJob(store, options.job);
  const faults = new FaultBook();
  const log: RequestLogEntry[] = [];
  const services = await startServices(tls, { faults, log, latencyMs: () => settings.latencyMs }, dir, store, () => job.claims());
  const tenant = seedTenant(dir, options);
  const { urls } = services;
  const oidcRequestUrl = `${urls.oidc}${services.oidc.requestPath}`;

  const emulator: Emulator = {
    tenantId: dir.tenantId,
    tenantDomain: dir.tenantDomain,
    deployer: tenant.deployer,
    urls: { authorityHost: urls.entra, graphEndpoint: urls.graph, githubApiUrl: urls.github, oidcRequestUrl, oidcIssuerUrl: urls.oidc, resourceManager: urls.arm, keyVault: urls.keyvault },
    caCertPath: tls.caCertPath,
    readings: { ...readings },
    runnerEnv: () => runnerEnv(job.claims(), { oidcRequestUrl, requestToken: services.oidc.requestToken, githubApiUrl: urls.github, caCertPath: tls.caCertPath }),
    setLatency: (ms) => void (settings.latencyMs = ms),
    setReplicationDelay: (ms) => void (settings.replicationDelayMs = ms),
    setSecretPropagation: (ms) => void (settings.secretPropagationMs = ms),
    advanceTime: (ms) => {
      advanceTime(dir, store, ms);
      shiftKeyVaults(services.keyVaults.env.store, ms);
    },
    setJob: (j) => job.override(j),
    job: () => job.claims(),
    idToken: (audience = 'api://AzureADTokenExchange') => mintIdToken(services.oidc, audience),
    entra: entraTestApi(dir, services.entra),
    graph: graphTestApi(dir, tenant.seeds, tenant.msGraphSpId),
    github: githubTestApi(store),
    keyVault: keyVaultTestApi(dir, services.keyVaults, DEFAULT_VAULT),
    faults: { add: (r) => faults.add(r), clear: () => faults.clear(), pending: () => faults.pending() },
    requests: () => log.map((e) => ({ ...e })),
    unmodelled: () => log.filter((e) => e.unmodelled).map((e) => ({ ...e })),
    resetRequests: () => void log.splice(0, log.length),
    state: () => dumpState(dir, store, settings, job.claims(), emulator.urls),
    async close() {
      await services.close();
      await rm(tls.dir, { recursive: true, force: true });
    },
  };
  return emulator;
}

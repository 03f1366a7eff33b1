import { randomBytes } from 'node:crypto';
import type { EntraEnv } from './entra/context.ts';
import { armHandler } from './arm.ts';
import { entraHandler } from './entra/service.ts';
import type { GraphEnv } from './graph/context.ts';
import { graphFinish, graphHandler } from './graph/service.ts';
import { githubHandler } from './github/secrets.ts';
import type { GithubStore } from './github/store.ts';
import { startService } from './http.ts';
import type { RunningService, ServiceContext } from './http.ts';
import { processSigningKey } from './jwt.ts';
import { KeyVaultStore } from './keyvault/store.ts';
import { DEFAULT_VAULT, keyVaults, type KeyVaults } from './keyvault/vaults.ts';
import { GITHUB_ISSUER, newRequestPath, oidcHandler } from './oidc.ts';
import type { OidcEnv } from './oidc.ts';
import type { Directory } from './state.ts';
import type { TlsMaterial } from './tls.ts';
import type { JobClaims, ServiceName } from './types.ts';

// The six HTTPS services (oidc, entra, graph, github, arm: a Resource Manager stub, keyvault: one port per
// vault, contoso-kv first) on their own ports, wired to the shared directory, GitHub store and job.

export type ServiceUrls = Record<ServiceName, string>;

export interface Services {
  /** Base URL of each service, e.g. https://127.0.0.1:PORT. */
  urls: ServiceUrls;
  /** The OIDC service's state: its signing key and the runner's request URL path and token. */
  oidc: OidcEnv;
  entra: EntraEnv;
  /** The Key Vault service: urls.keyvault is the first vault's (DEFAULT_VAULT). */
  keyVaults: KeyVaults;
  close(): Promise<void>;
}

export async function startServices(tls: TlsMaterial, ctx: ServiceContext, dir: Directory, store: GithubStore, job: () => JobClaims): Promise<Services> {
  const urls: ServiceUrls = { oidc: '', entra: '', graph: '', github: '', arm: '', keyvault: '' };
  const oidcKey = processSigningKey('oidc');
  const oidc: OidcEnv = { key: oidcKey, baseUrl: () => urls.oidc, job, requestToken: randomBytes(48).toString('base64url'), requestPath: newRequestPath() };
  const graph: GraphEnv = { dir, baseUrl: () => urls.graph, faults: ctx.faults };
  const entra: EntraEnv = {
    dir,
    baseUrl: () => urls.entra,
    graphBaseUrl: () => urls.graph,
    // The tenant trusts GitHub's issuer for workload identity federation.
    trustedIssuerKeys: () => ({ [GITHUB_ISSUER]: [oidcKey.jwk] }),
    key: processSigningKey('entra'),
  };
  const running: RunningService[] = [];
  const vaults = keyVaults(tls, ctx, { dir, store: new KeyVaultStore(), authorityHost: () => urls.entra });
  try {
    running.push(await startService('oidc', tls, ctx, oidcHandler(oidc)));
    running.push(await startService('entra', tls, ctx, entraHandler(entra)));
    running.push(await startService('graph', tls, ctx, graphHandler(graph), graphFinish));
    running.push(await startService('github', tls, ctx, githubHandler(store, () => urls.github)));
    running.push(await startService('arm', tls, ctx, armHandler(dir)));
    urls.keyvault = (await vaults.create(DEFAULT_VAULT)).url;
  } catch (err) {
    await Promise.all([...running.map((s) => s.close()), vaults.close()]);
    throw err;
  }
  for (const s of running) urls[s.name] = s.url;
  return {
    urls,
    oidc,
    entra,
    keyVaults: vaults,
    close: async () => {
      await Promise.all([...running.map((s) => s.close()), vaults.close()]);
    },
  };
}

import * as core from '@actions/core';
import { createIdTokenSource } from './entra/id-token.ts';
import type { DeployerAccess } from './entra/credential.ts';
import { waitUntilSecretWorks, type SecretCheck } from './entra/secret-check.ts';
import { signInToGraph, type GraphSignIn } from './entra/sign-in.ts';
import { createDirectory, type Directory } from './graph/directory.ts';
import { createGraphHttp } from './graph/graph-http.ts';
import type { Runtime } from './runtime.ts';
import { prepareDelivery, type PreparedDelivery } from './secret/github-delivery.ts';
import type { Settings, StoreDelivery } from './settings/settings.ts';

/** The remote services the action talks to, each behind an interface of its own; tests may hand in others. */
export interface Services {
  /** The job's GitHub OIDC token for an audience (@actions/core's getIDToken, which masks it). */
  idToken(audience: string): Promise<string>;
  /** Exchanges the GitHub OIDC token for Graph access (workload identity federation); `mask` gets every access token obtained, first and refreshed. */
  signIn(settings: Settings, idToken: () => Promise<string>, mask: (token: string) => void): Promise<GraphSignIn>;
  /** Microsoft Graph as the action uses it: applications, their secrets, service principals, consent. */
  directory(settings: Settings, signIn: GraphSignIn, runtime: Runtime): Directory;
  /**
   * A store for the client secret with what its client-secret secret looks like now: GitHub secrets (with
   * their public key, through apiUrl) or an Azure Key Vault, which the deployer identity signs in to.
   */
  secretsDestination(delivery: StoreDelivery, apiUrl: string, deployer: DeployerAccess): Promise<PreparedDelivery>;
  /** Signs in with a new client secret until it works; resolves to the number of attempts. */
  secretCheck(check: SecretCheck): Promise<number>;
}

export const defaultServices: Services = {
  idToken: (audience) => core.getIDToken(audience),
  signIn: signInToGraph,
  directory: (settings, signIn, runtime) =>
    createDirectory({ http: createGraphHttp(settings.cloud.graphEndpoint, signIn.getAccessToken), warn: (m) => runtime.warning(m), mask: (s) => runtime.setSecret(s) }),
  // Key Vault's client is loaded only by runs that write to a vault, as Octokit only by runs that write GitHub secrets.
  secretsDestination: async (delivery, apiUrl, deployer) =>
    delivery.target === 'key-vault' ? (await import('./keyvault/destination.ts')).prepareKeyVault(delivery, deployer) : prepareDelivery(delivery, apiUrl),
  secretCheck: waitUntilSecretWorks,
};

/** The OIDC token source of a run: fetched once, with a hint that fits when it cannot be. */
export function idTokenSource(settings: Settings, services: Services, env: NodeJS.ProcessEnv): () => Promise<string> {
  return createIdTokenSource(settings.audience, (audience) => services.idToken(audience), env);
}

/** What every phase of a run works with. */
export interface RunContext {
  readonly settings: Settings;
  readonly runtime: Runtime;
  readonly directory: Directory;
  readonly services: Services;
  /** The label of the client secrets this invocation makes. */
  readonly label: string;
  readonly clock: () => Date;
}

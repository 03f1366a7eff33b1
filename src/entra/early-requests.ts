import { send, type HttpReply } from '../http/https.ts';
import type { Settings } from '../settings/settings.ts';
import { createIdTokenSource, fetchIdToken } from './id-token.ts';

/** An answer asked for ahead of time, to be handed to whoever asks for that URL first. */
export interface Prefetch {
  readonly url: string;
  /** Undefined when the request failed: the asker then sends it itself and meets the failure there. */
  readonly reply: Promise<HttpReply | undefined>;
}

/** A Graph access token source for the deployer identity (sign-in.ts). */
export interface GraphSignIn {
  getAccessToken(): Promise<string>;
}

/**
 * What the entry point starts before the large modules load: the two requests a sign-in begins with,
 * travelling side by side while MSAL loads (neither waits for the other), and then the sign-in.
 */
export interface EarlyRequests {
  /** The GitHub OIDC token, requested once; later calls get the same one. */
  readonly idToken: () => Promise<string>;
  /** The tenant's OpenID configuration, which MSAL reads before its first token request. */
  readonly authorityMetadata?: Prefetch;
  /** The sign-in itself, where the entry point started it before loading the rest of the action. */
  readonly signIn?: Promise<GraphSignIn>;
}

/** Starts both requests; `sent` resolves once each has left or failed, the moment to load the rest. */
export function startEarlyRequests(settings: Settings, env: NodeJS.ProcessEnv, mask: (value: string) => void): { early: EarlyRequests; sent: Promise<void> } {
  const oidcSent = promiseWithResolve();
  const metadataSent = promiseWithResolve();
  const idToken = createIdTokenSource(settings.audience, (audience) => fetchIdToken(audience, env, mask, oidcSent.resolve), env);
  idToken().catch(() => undefined).finally(oidcSent.resolve);
  const url = openIdConfigurationUrl(settings.cloud.authorityHost, settings.tenantId);
  const reply = send({ method: 'GET', url, timeoutMs: 30_000, onSent: metadataSent.resolve }).then(
    (answer) => (answer.status === 200 ? answer : undefined),
    () => undefined,
  );
  void reply.finally(metadataSent.resolve);
  return { early: { idToken, authorityMetadata: { url, reply } }, sent: Promise.all([oidcSent.promise, metadataSent.promise]).then(() => undefined) };
}

/**
 * The URL MSAL reads the authority's metadata from: @azure/identity makes the authority
 * `<authorityHost>/<tenant>` (@azure/identity src/msal/utils.ts, getAuthority); MSAL lower-cases it,
 * ends it with '/' (@azure/msal-common src/url/UrlString.ts, canonicalizeUri) and appends
 * `v2.0/.well-known/openid-configuration` for an Entra authority (src/authority/Authority.ts,
 * defaultOpenIdConfigurationEndpoint).
 */
export function openIdConfigurationUrl(authorityHost: string, tenantId: string): string {
  const authority = `${authorityHost.replace(/\/+$/, '')}/${tenantId}/`.toLowerCase();
  return `${authority}v2.0/.well-known/openid-configuration`;
}

function promiseWithResolve(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

import { send, type HttpReply } from '../http/https.ts';
import { proxyConfigured } from '../http/proxy.ts';
import { isMicrosoftAuthority } from '../settings/clouds.ts';
import type { Settings } from '../settings/settings.ts';
import { milestone } from '../milestone.ts';
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
 * What the entry point starts before the large modules load: the requests a sign-in begins with (the
 * OIDC token, and where MSAL reads it the authority's metadata), travelling side by side while MSAL
 * loads, and then the sign-in.
 */
export interface EarlyRequests {
  /** The GitHub OIDC token, requested once; later calls get the same one. */
  readonly idToken: () => Promise<string>;
  /** The tenant's OpenID configuration, where MSAL reads it before its first token request. */
  readonly authorityMetadata?: Prefetch;
  /** The sign-in itself, where the entry point started it before loading the rest of the action. */
  readonly signIn?: Promise<GraphSignIn>;
}

/**
 * Starts both requests; `sent` resolves once each has left or failed, the moment to load the rest.
 * `cancel` gives up on whichever is still on its way, so that a run that has ended (a failed sign-in,
 * say) does not wait for an authority that never answers.
 */
export function startEarlyRequests(settings: Settings, env: NodeJS.ProcessEnv, mask: (value: string) => void): { early: EarlyRequests; sent: Promise<void>; cancel: () => void } {
  const abort = new AbortController();
  const oidcSent = milestone();
  const idToken = createIdTokenSource(settings.audience, (audience) => fetchIdToken(audience, env, mask, { onSent: oidcSent.resolve, signal: abort.signal }), env);
  idToken().catch(() => undefined).finally(oidcSent.resolve);
  const authorityMetadata = metadataMsalReads(settings, env) ? prefetch(openIdConfigurationUrl(settings.cloud.authorityHost, settings.tenantId), abort.signal) : undefined;
  const sent = Promise.all([oidcSent.promise, authorityMetadata?.sent]).then(() => undefined);
  return { early: { idToken, authorityMetadata }, sent, cancel: () => abort.abort() };
}

/**
 * MSAL reads the authority's metadata only where it does not carry it: it has the endpoints of
 * Microsoft's own authority hosts built in (@azure/msal-common src/authority/AuthorityMetadata.ts,
 * EndpointMetadata), so there its first request is the token request itself. Elsewhere (a custom
 * authority host, such as an emulator) the read would cost a round trip of its own.
 */
function metadataMsalReads(settings: Settings, env: NodeJS.ProcessEnv): boolean {
  return !isMicrosoftAuthority(settings.cloud.authorityHost) && !proxySplit(env);
}

/**
 * With a proxy variable set but not NODE_USE_ENV_PROXY, @azure/identity goes through the proxy
 * (identity-http.ts) and the action's own requests do not: a prefetch would take another path than
 * MSAL's own read, and might hang where MSAL's would not. MSAL then reads the metadata itself.
 */
function proxySplit(env: NodeJS.ProcessEnv): boolean {
  return proxyConfigured(env) && env.NODE_USE_ENV_PROXY !== '1';
}

function prefetch(url: string, signal: AbortSignal): Prefetch & { sent: Promise<void> } {
  const left = milestone();
  const reply = send({ method: 'GET', url, onSent: left.resolve, signal }).then(
    (answer) => (answer.status === 200 ? answer : undefined),
    () => undefined,
  );
  void reply.finally(left.resolve);
  return { url, reply, sent: left.promise };
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

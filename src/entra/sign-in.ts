import { proxyConfigured } from '../http/proxy.ts';
import { graphScope, isMicrosoftAuthority } from '../settings/clouds.ts';
import type { Settings } from '../settings/settings.ts';
import type { EarlyRequests, GraphSignIn } from './early-requests.ts';
import { identityHttpClient } from './identity-http.ts';
import { prefetchPolicy } from './prefetch-policy.ts';
import { signInError } from './sign-in-error.ts';
import { createTokenSource } from './token-source.ts';

/**
 * Exchanges the GitHub OIDC token for a Graph token (workload identity federation), once; the
 * token is reused until shortly before it expires. `mask` gets every new token, the first and each
 * refresh, before anything else sees it. `onTokenRequestSent` is told once the first token request
 * has left (at once where a proxy keeps identity on its own HTTP client, see identity-http.ts).
 */
export async function signInToGraph(settings: Settings, early: EarlyRequests, mask: (token: string) => void, onTokenRequestSent?: () => void): Promise<GraphSignIn> {
  const { idToken, authorityMetadata } = early;
  dropUnusedFormData();
  // The OIDC token is requested while MSAL loads; a job without id-token: write fails here, plainly.
  const [{ ClientAssertionCredential }] = await Promise.all([import('@azure/identity'), idToken()]);
  const ownClient = !proxyConfigured(process.env);
  if (!ownClient) onTokenRequestSent?.();
  const credential = new ClientAssertionCredential(settings.tenantId, settings.deployerClientId, idToken, {
    authorityHost: settings.cloud.authorityHost,
    // Instance discovery asks login.microsoftonline.com about the host; only Microsoft's hosts are known there.
    disableInstanceDiscovery: !isMicrosoftAuthority(settings.cloud.authorityHost),
    // MSAL's first request, the authority metadata, was sent beside the OIDC token (early-requests.ts).
    additionalPolicies: authorityMetadata ? [prefetchPolicy(authorityMetadata)] : [],
    ...(ownClient ? { httpClient: identityHttpClient(onTokenRequestSent) } : {}),
  });
  const scope = graphScope(settings.cloud);
  const getAccessToken = createTokenSource({
    mask,
    fetch: async () => {
      try {
        return await credential.getToken(scope);
      } catch (error) {
        throw await signInError(error, { settings, idToken });
      }
    },
  });
  await getAccessToken();
  return { getAccessToken };
}

/**
 * Node defines FormData, like fetch's Request, Response and Headers, as a global that loads Node's
 * bundled undici the first time anything touches it (nodejs/node lib/internal/bootstrap/web/
 * exposed-window-or-worker.js, exposeLazyInterfaces): about 20 ms of a run. @azure/identity's HTTP
 * pipeline touches it on every request only to ask whether the body is one (`typeof FormData !==
 * "undefined" && body instanceof FormData`, @typespec/ts-http-runtime src/formData.ts, used by
 * formDataPolicy). No request of the action has a form-data body, so the global goes before the
 * first one; removing it does not load it.
 */
function dropUnusedFormData(): void {
  delete (globalThis as { FormData?: unknown }).FormData;
}

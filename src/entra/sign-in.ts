import { graphScope, isMicrosoftAuthority } from '../settings/clouds.ts';
import type { Settings } from '../settings/settings.ts';
import { signInError } from './sign-in-error.ts';
import { createTokenSource } from './token-source.ts';

/** A Graph access token source for the deployer identity. */
export interface GraphSignIn {
  getAccessToken(): Promise<string>;
}

/**
 * Exchanges the GitHub OIDC token for a Graph token (workload identity federation), once; the
 * token is reused until shortly before it expires. `mask` gets every new token, the first and each
 * refresh, before anything else sees it.
 */
export async function signInToGraph(settings: Settings, idToken: () => Promise<string>, mask: (token: string) => void): Promise<GraphSignIn> {
  // The OIDC token is requested while MSAL loads; a job without id-token: write fails here, plainly.
  const [{ ClientAssertionCredential }] = await Promise.all([import('@azure/identity'), idToken()]);
  const credential = new ClientAssertionCredential(settings.tenantId, settings.deployerClientId, idToken, {
    authorityHost: settings.cloud.authorityHost,
    // Instance discovery asks login.microsoftonline.com about the host; only Microsoft's hosts are known there.
    disableInstanceDiscovery: !isMicrosoftAuthority(settings.cloud.authorityHost),
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

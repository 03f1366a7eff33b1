import { graphScope } from '../settings/clouds.ts';
import type { Settings } from '../settings/settings.ts';
import { federatedCredential } from './credential.ts';
import { signInError } from './sign-in-error.ts';

/** A Graph access token source for the deployer identity. */
export interface GraphSignIn {
  getAccessToken(): Promise<string>;
}

/**
 * Exchanges the GitHub OIDC token for a Graph token (workload identity federation) with
 * @azure/identity's ClientAssertionCredential; the token is reused until shortly before it expires.
 * `mask` gets every new token, the first and each refresh, before anything else sees it.
 */
export async function signInToGraph(settings: Settings, idToken: () => Promise<string>, mask: (token: string) => void): Promise<GraphSignIn> {
  // A job without id-token: write fails here, with its own hint, before MSAL wraps the error.
  await idToken();
  const credential = federatedCredential({ tenantId: settings.tenantId, clientId: settings.deployerClientId, authorityHost: settings.cloud.authorityHost, idToken });
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

/** An access token and when it expires, as @azure/core-auth's AccessToken has them. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresOnTimestamp: number;
}

export interface TokenSourceOptions {
  /** Asks the identity platform for a new token. */
  readonly fetch: () => Promise<IssuedToken>;
  /**
   * Called with every new token before it is handed out (core.setSecret): a token obtained on a
   * refresh is a new value the runner does not know yet, so masking only the first one would leave
   * later ones readable in the log (docs.github.com/actions/reference/workflows-and-actions/workflow-commands,
   * "Masking a value in a log").
   */
  readonly mask: (token: string) => void;
  readonly now?: () => number;
  /** A token is renewed this long before it expires. */
  readonly refreshMarginMs?: number;
}

const REFRESH_MARGIN_MS = 5 * 60_000;

/** A token reused until shortly before it expires; each new one is masked the moment it arrives. */
export function createTokenSource(options: TokenSourceOptions): () => Promise<string> {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
  let cached: IssuedToken | undefined;
  return async () => {
    if (cached && cached.expiresOnTimestamp - now() > margin) return cached.token;
    const issued = await options.fetch();
    if (issued.token !== cached?.token) options.mask(issued.token);
    cached = { token: issued.token, expiresOnTimestamp: issued.expiresOnTimestamp };
    return issued.token;
  };
}

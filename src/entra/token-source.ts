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

/**
 * Portal base URLs and the Web redirect URIs made from them. Entra's rules (learn.microsoft.com
 * "Redirect URI (reply URL) restrictions", learn.microsoft.com/entra/identity-platform/reply-url): https, except http for localhost / 127.0.0.1;
 * at most 256 characters; none of ! $ ' ( ) , ; ; at most 256 URIs per app (100 when personal
 * Microsoft accounts may sign in); redirect URIs are case-sensitive.
 */
export const MAX_REDIRECT_URI_LENGTH = 256;
export const FORBIDDEN_REDIRECT_URI_CHARACTERS = /[!$'(),;]/;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Returns the normalised base URL (no trailing slash, path prefix kept) or a reason it is invalid. */
export function normaliseBaseUrl(raw: string): { url: string } | { problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { problem: `"${raw}" is not an absolute URL (expected e.g. https://portal.example.com)` };
  }
  const local = LOCAL_HOSTS.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    return {
      problem: `"${raw}" must use https (http is allowed only for localhost and 127.0.0.1)`,
    };
  }
  if (parsed.username || parsed.password) return { problem: `"${raw}" must not contain a user name or password` };
  if (parsed.search || raw.includes('?')) return { problem: `"${raw}" must not contain a query string` };
  if (parsed.hash || raw.includes('#')) return { problem: `"${raw}" must not contain a fragment (#…)` };
  const path = parsed.pathname.replace(/\/+$/, '');
  return { url: `${parsed.protocol}//${parsed.host}${path}` };
}

/** Returns the normalised redirect path (leading slash, no trailing slash) or a reason it is invalid. */
export function normaliseRedirectPath(raw: string): { path: string } | { problem: string } {
  if (!raw.startsWith('/')) return { problem: `"${raw}" must start with /` };
  if (raw.includes('?') || raw.includes('#')) return { problem: `"${raw}" must not contain a query string or fragment` };
  if (/\s/.test(raw)) return { problem: `"${raw}" must not contain white space` };
  const path = raw.replace(/\/+$/, '');
  return { path: path === '' ? '/' : path };
}

export function redirectUriProblem(uri: string): string | undefined {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) {
    return `redirect URI "${uri}" is ${uri.length} characters long; Entra allows at most ${MAX_REDIRECT_URI_LENGTH}`;
  }
  const forbidden = FORBIDDEN_REDIRECT_URI_CHARACTERS.exec(uri);
  if (forbidden) return `redirect URI "${uri}" contains "${forbidden[0]}", which Entra does not allow in redirect URIs`;
  return undefined;
}

/** How many redirect URIs one application may hold. */
export function maxRedirectUris(allowsPersonalAccounts: boolean): number {
  return allowsPersonalAccounts ? 100 : 256;
}

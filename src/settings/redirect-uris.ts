import { integrationPathAtEnd } from './integrations.ts';

/**
 * Portal base URLs and the Web redirect URIs made from them. Entra's rules (learn.microsoft.com
 * "Redirect URI (reply URL) restrictions", learn.microsoft.com/entra/identity-platform/reply-url): https, except http for localhost / 127.0.0.1;
 * at most 256 characters; none of ! $ ' ( ) , ; ; at most 256 URIs per app (100 when personal
 * Microsoft accounts may sign in); redirect URIs are case-sensitive; the IPv6 loopback [::1] is not
 * supported ("Prefer 127.0.0.1 over localhost"); wildcards are discouraged, and not supported at all
 * where personal Microsoft accounts may sign in ("Restrictions on wildcards in redirect URIs").
 */
export const MAX_REDIRECT_URI_LENGTH = 256;
export const FORBIDDEN_REDIRECT_URI_CHARACTERS = /[!$'(),;]/;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** A last path segment that names a page, not a folder: Intrexx's .ixsp (default.ixsp) and common web page types. */
const PAGE = /\.(?:ixsp|html?|xhtml|jspx?|jsf|php|aspx?|cfm|cgi|do|action)$/i;

/** A "." or ".." path segment, also percent-encoded: the WHATWG URL parser resolves both (url.spec.whatwg.org, "single-dot URL path segment"). */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** Returns the normalised base URL (no trailing slash, path prefix kept) or a reason it is invalid. */
export function normaliseBaseUrl(raw: string): { url: string } | { problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { problem: `"${raw}" is not an absolute URL (expected e.g. https://portal.example.com)` };
  }
  const hostProblem = baseHostProblem(raw, parsed);
  if (hostProblem) return { problem: hostProblem };
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
  const url = `${parsed.protocol}//${parsed.host}${path}`;
  // Checked on the input as written: the URL parser has already resolved "." and ".." segments.
  const dots = rawPath(raw).split(/[\\/]/).find((segment) => DOT_SEGMENT.test(segment));
  if (dots !== undefined) return { problem: `"${raw}" contains the path segment "${dots}"; write the base URL without it (did you mean ${url}?)` };
  const redirectPath = integrationPathAtEnd(path);
  if (redirectPath) {
    return {
      problem: `"${raw}" ends in the redirect path ${redirectPath.path}, which the action appends itself (integrations: ${redirectPath.integration}); give the portal's base URL (did you mean ${url.slice(0, url.length - redirectPath.path.length)}?)`,
    };
  }
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (PAGE.test(last)) return { problem: `"${raw}" names a page (${last}), not the portal's base URL (did you mean ${url.slice(0, url.length - last.length - 1)}?)` };
  return { url };
}

function baseHostProblem(raw: string, parsed: URL): string | undefined {
  if (parsed.hostname === '[::1]') {
    return `"${raw}" uses the IPv6 loopback [::1], which Entra does not support in redirect URIs; use 127.0.0.1 or localhost (did you mean ${parsed.protocol}//127.0.0.1${parsed.port ? `:${parsed.port}` : ''}?)`;
  }
  if (parsed.hostname.includes('*')) return `"${raw}" has a wildcard host; Entra does not support wildcard redirect URIs for every account type and advises against them: list each portal's host, one per line`;
  if (parsed.hostname.endsWith('.')) {
    return `"${raw}" ends its host name in a dot; Entra compares redirect URIs as text, so sign-ins at ${parsed.hostname.slice(0, -1)} would not match (did you mean ${parsed.protocol}//${parsed.host.replace(/\.(?=(:\d+)?$)/, '')}?)`;
  }
  return undefined;
}

/** The path of a URL as written: after the scheme and the authority, before any query or fragment. */
function rawPath(raw: string): string {
  return raw.replace(/^[^:/?#]+:[\\/]*[^\\/?#]*/, '').replace(/[?#].*$/s, '');
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

/**
 * The tenant segment of a Microsoft Entra authority URL, e.g. `<tenant>` in
 * https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token: the form the OAuth2/OIDC login
 * module's samples use for auth-access-token-url, auth-user-auth-url and auth-pub-keys-src
 * (github.com/UnitedPlanet/intrexx-sample-oauth2-oidc-login-module, README). The hosts are Entra's
 * global and national-cloud sign-in hosts (learn.microsoft.com/entra/identity-platform/authentication-national-cloud).
 */
const AUTHORITY = /^https:\/\/(?:login\.microsoftonline\.com|login\.windows\.net|login\.microsoftonline\.us|login\.partner\.microsoftonline\.cn|login\.chinacloudapi\.cn)(?::443)?\//i;

/** Where the tenant segment sits in the raw (still escaped) attribute value, or undefined. */
export function tenantSegment(raw: string): { readonly start: number; readonly end: number } | undefined {
  const authority = AUTHORITY.exec(raw);
  if (!authority) return undefined;
  const start = authority[0].length;
  const rest = raw.slice(start);
  const length = rest.search(/[/?#]/);
  if (length <= 0) return undefined;
  return { start, end: start + length };
}

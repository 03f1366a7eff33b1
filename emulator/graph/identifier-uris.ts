import { readingsOf } from '../readings.ts';
import type { Directory } from '../state.ts';
import { badRequest, fail } from './errors.ts';
import { PERSONAL_AUDIENCES } from './passwords.ts';
import { invalidValue } from './schema.ts';

// Rules on application.identifierUris (the Application ID URIs). `data` is the application as it
// would be stored after the write, `before` as it was (undefined on create). Rules about "newly
// added" URIs look only at the ones `before` lacks.

const lower = (s: string): string => s.toLowerCase();
const parse = (uri: string): URL | undefined => {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
};

/**
 * Shape, per signInAudience (learn.microsoft.com/entra/identity-platform/supported-accounts-validation,
 * "Application ID URI (identifierURIs)"): wildcards aren't supported; at most 255 characters, and for
 * AzureADandPersonalMicrosoftAccount and PersonalMicrosoftAccount at most 120, no urn:// scheme, no
 * fragment or query string and at most 50 URIs. "The application ID URI value must not end with a
 * slash" (learn.microsoft.com/entra/identity-platform/reference-app-manifest, identifierUris attribute).
 * Checked on every URI whenever identifierUris or signInAudience is written ("If you change this
 * property you may need to change other properties first"). The refusal's wording follows the
 * "Invalid value specified for property …" family; UNCONFIRMED for these rules.
 */
function checkShape(uris: readonly string[], personal: boolean): void {
  const bad = (): never => invalidValue('application', 'identifierUris');
  if (personal && uris.length > 50) bad();
  for (const uri of uris) {
    if (uri.includes('*') || uri.endsWith('/') || uri.length > (personal ? 120 : 255)) bad();
    if (personal && (/^urn:/i.test(uri) || uri.includes('?') || uri.includes('#'))) bad();
  }
}

/**
 * "Must be unique in the tenant" (supported-accounts-validation; "globally unique" for multitenant
 * audiences, and the emulator has one tenant). The answer is Azure AD Graph's, 400 Request_BadRequest
 * "Another object with the same value for property identifierUris already exists."
 * (Azure/go-autorest#308, Azure/pcs-cli#146); that Microsoft Graph words it the same, that the
 * comparison ignores case and that soft-deleted apps keep their URIs reserved are UNCONFIRMED.
 */
function checkUnique(dir: Directory, added: readonly string[], selfId: unknown): void {
  for (const other of dir.apps.values()) {
    if (other.id === selfId) continue;
    const held = new Set(((other.data.identifierUris as string[] | undefined) ?? []).map(lower));
    if (added.some((u) => held.has(lower(u)))) badRequest('Another object with the same value for property identifierUris already exists.');
  }
}

const onVerifiedDomain = (dir: Directory, host: string): boolean =>
  [dir.tenantDomain, ...dir.verifiedDomains].map(lower).some((d) => lower(host) === d || lower(host).endsWith(`.${d}`));

/**
 * HTTP(S) URIs must use a verified domain of the tenant or a subdomain of one: "adding or updating the
 * AppId URI validates that the domain in the HTTPS scheme URI is listed in the verified domain list …
 * the application API for create/update will return a 400 badrequest to the client indicating
 * HostNameNotOnVerifiedDomain" (learn.microsoft.com/entra/identity-platform/reference-breaking-changes,
 * October 2021; learn.microsoft.com/entra/identity-platform/identifier-uri-restrictions, "Secure
 * patterns"). Graph's body: {"error":{"code":"HostNameNotOnVerifiedDomain","message":"Values of
 * identifierUris property must use a verified domain of the organization or its subdomain: '…'"}}
 * (Azure/Industrial-IoT#1432, microsoftgraph/microsoft-graph-docs-contrib#9317). Single-tenant apps
 * with api.requestedAccessTokenVersion 2 are exempt (MicrosoftDocs/azure-docs#120355, from the author
 * of the secure-patterns include); that multitenant v2 apps are not is UNCONFIRMED.
 */
function checkVerifiedDomains(dir: Directory, added: readonly string[], data: Record<string, unknown>): void {
  if (data.signInAudience === 'AzureADMyOrg' && tokenVersion(data) === 2) return;
  for (const uri of added) {
    const u = parse(uri);
    if (u && (u.protocol === 'https:' || u.protocol === 'http:') && !onVerifiedDomain(dir, u.hostname)) {
      fail(400, 'HostNameNotOnVerifiedDomain', `Values of identifierUris property must use a verified domain of the organization or its subdomain: '${uri}'`);
    }
  }
}

const tokenVersion = (data: Record<string, unknown>): unknown => (data.api as { requestedAccessTokenVersion?: unknown } | null | undefined)?.requestedAccessTokenVersion;

/**
 * The tenant default app management policy (reading identifierUriPolicy='enforced'): a newly added URI
 * must "contain a tenant verified domain, tenant ID, or app ID" — host on a verified domain, or the
 * tenant ID or app ID as host or path segment (api://{tenantId}/x, api://x/{appId}, …). Apps with
 * api.requestedAccessTokenVersion 2, and apps whose service principal signs in with SAML, are exempt
 * (learn.microsoft.com/entra/identity-platform/identifier-uri-restrictions). The message is the one
 * that page quotes; status 400 and code Request_BadRequest are UNCONFIRMED.
 */
function checkTenantPolicy(dir: Directory, added: readonly string[], data: Record<string, unknown>): void {
  if (readingsOf(dir).identifierUriPolicy !== 'enforced' || tokenVersion(data) === 2) return;
  if (dir.spByAppId(String(data.appId))?.data.preferredSingleSignOnMode === 'saml') return;
  const ids = [dir.tenantId, String(data.appId)].map(lower);
  for (const uri of added) {
    const u = parse(uri);
    const parts = u ? [u.hostname, ...u.pathname.split('/')].map(lower) : [];
    if (u && (onVerifiedDomain(dir, u.hostname) || parts.some((p) => ids.includes(p)))) continue;
    badRequest(
      `Failed to add identifier URI ${uri}. All newly added URIs must contain a tenant verified domain, tenant ID, or app ID, as per the default tenant policy of your organization. See https://aka.ms/identifier-uri-addition-error for more information on this error.`,
    );
  }
}

/**
 * All identifierUris rules, in the order above, on a create (`before` undefined) or on a write that
 * carries identifierUris, signInAudience or api. Lowering api.requestedAccessTokenVersion from 2 puts
 * every URI to the checks of newly added ones: "once the app has been updated to the v2.0 token format,
 * it won't be able to switch back to v1.0 tokens if it has noncompliant identifier URIs configured"
 * (identifier-uri-restrictions, "Guidance for developers").
 */
export function checkIdentifierUris(dir: Directory, data: Record<string, unknown>, before: Record<string, unknown> | undefined, written: Record<string, unknown>): void {
  if (before !== undefined && !['identifierUris', 'signInAudience', 'api'].some((k) => k in written)) return;
  const uris = (data.identifierUris as string[] | undefined) ?? [];
  checkShape(uris, PERSONAL_AUDIENCES.includes(String(data.signInAudience)));
  const downgraded = before !== undefined && tokenVersion(before) === 2 && tokenVersion(data) !== 2;
  const held = new Set(downgraded ? [] : ((before?.identifierUris as string[] | undefined) ?? []).map(lower));
  const added = uris.filter((u) => !held.has(lower(u)));
  if (added.length === 0) return;
  checkUnique(dir, added, data.id);
  checkVerifiedDomains(dir, added, data);
  checkTenantPolicy(dir, added, data);
}

import { readingsOf } from '../readings.ts';
import { fail } from './errors.ts';

// The ceiling on all the collection entries of one application. Tags have no count limit of their own
// ("No limit* on number of tags … * There's a global limit of about 1000 items across all the
// collection properties on the app object", learn.microsoft.com/entra/identity-platform/supported-accounts-validation),
// so a growing tags collection meets this ceiling together with redirect URIs, secrets, permissions and
// the rest: "the total number of entries in all the collections combined has been capped at 1200"
// (learn.microsoft.com/entra/identity-platform/reference-app-manifest, "Manifest limits"). Which figure
// applies is the reading appCollectionLimit (emulator/readings.ts).

/**
 * The refusal: 403 Directory_ResourceSizeExceeded "The size of the object has exceeded its limit.
 * Please reduce the number of values and retry your request." — what the directory answered to an
 * application PATCH over the limit (Azure AD Graph, openshift/openshift-azure#1932) and Microsoft
 * Graph to a servicePrincipal PATCH with 600+ keyCredentials (code and message,
 * microsoftgraph/microsoft-graph-docs#21469). The manifest editor words it "The size of the manifest
 * has exceeded its limit. …" (reference-app-manifest). Status 403 on Microsoft Graph UNCONFIRMED.
 * The evidence of a size (not count) limit on keyCredentials suggests Graph may measure bytes too;
 * the emulator counts entries only.
 */
export const OBJECT_SIZE_MESSAGE = 'The size of the object has exceeded its limit. Please reduce the number of values and retry your request.';

/** Collections that only mirror another one: web.redirectUriSettings holds one entry per web redirect URI. */
const MIRRORS = new Set(['redirectUriSettings']);

/**
 * The entries an application holds: the items of every collection property, at the top level and
 * inside its complex properties (web.redirectUris, api.oauth2PermissionScopes, …), plus its client
 * secrets. Collections inside a collection's items (requiredResourceAccess[].resourceAccess) count as
 * part of their item. Which collections Graph counts, and how, is UNCONFIRMED beyond the manifest
 * page's examples: appRoles, keyCredentials, knownClientApplications, identifierUris, redirectUris,
 * requiredResourceAccess and oauth2Permissions.
 */
export function collectionEntries(data: Record<string, unknown>, passwords: number): number {
  let n = passwords;
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [k, v] of Object.entries(value)) {
      if (Array.isArray(v)) n += MIRRORS.has(k) ? 0 : v.length;
      else walk(v);
    }
  };
  walk(data);
  return n;
}

export const collectionLimit = (dir: object): number => Number(readingsOf(dir).appCollectionLimit);

/**
 * Refuses a write whose result holds more entries than the ceiling. Checked on the resulting object,
 * so any write to an application that is over the ceiling (only seeding can make one) is refused
 * until a write brings it below.
 */
export function checkCollectionLimit(dir: object, data: Record<string, unknown>, passwords: number): void {
  if (collectionEntries(data, passwords) > collectionLimit(dir)) fail(403, 'Directory_ResourceSizeExceeded', OBJECT_SIZE_MESSAGE);
}

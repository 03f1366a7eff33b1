import { MICROSOFT_GRAPH_APP_ID, type Application, type ApplicationWrite, type RequiredResourceAccess, type ResourceAccess, type WebApplication } from '../graph/types.ts';
import type { Change } from './changes.ts';
import { MARKER } from './ledger.ts';

/**
 * Kept in the application's tags (beside the delivery ledger, src/plan/ledger.ts) once Graph has
 * refused to set uniqueName on this registration (400 "Property 'uniqueName' is read-only and cannot
 * be set."): later runs adopt it by display name and ownership without sending the refused write
 * again. Remembered with the registration rather than found out by a refusal per run, so a rerun
 * makes no failing request and every workflow using the registration sees the same state.
 */
export const UNIQUE_NAME_REFUSED_TAG = `${MARKER}:unique-name-refused`;

/**
 * signInAudience values that admit personal Microsoft accounts; for these Graph requires
 * api.requestedAccessTokenVersion 2 in the same write (github.com/Azure/azure-cli/issues/15512,
 * github.com/azure-ad-b2c/Scripts/issues/2, github.com/microsoftgraph/microsoft-graph-docs/issues/21685).
 */
const PERSONAL_AUDIENCES = new Set(['AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount']);

/** What the registration must look like; anything else it holds is left as it is. */
export interface DesiredApplication {
  readonly displayName: string;
  readonly uniqueName: string;
  readonly signInAudience: string;
  readonly redirectUris: readonly string[];
  /** Microsoft Graph permissions, already resolved to their IDs. */
  readonly graphPermissions: readonly (ResourceAccess & { readonly name: string })[];
}

export interface ApplicationPlan {
  readonly changes: readonly Change[];
  /** The one write that brings the application to the desired state; undefined when nothing differs. */
  readonly write: ApplicationWrite | undefined;
}

/**
 * Compares the desired registration with what Graph holds and yields the changes and the single
 * write that applies them. Pure. Redirect URIs and permissions are only ever added: a registration
 * is shared with other Intrexx connectors that add redirect URIs of their own (help.intrexx.com:
 * the Exchange connector's app registration adds /oauth2/token/msexchange, the SharePoint connector
 * /oauth2/token/<connector GUID>).
 */
export function planApplication(desired: DesiredApplication, actual: Application | undefined): ApplicationPlan {
  if (!actual) {
    const changes: Change[] = [
      { kind: 'create-application', displayName: desired.displayName, uniqueName: desired.uniqueName },
      ...desired.redirectUris.map((uri): Change => ({ kind: 'add-redirect-uri', uri })),
      { kind: 'enable-public-client-flows' },
      ...permissionChanges(desired.graphPermissions),
      ...(PERSONAL_AUDIENCES.has(desired.signInAudience) ? [{ kind: 'set-access-token-version', from: null, to: 2 } as const] : []),
    ];
    return {
      changes,
      write: {
        displayName: desired.displayName,
        signInAudience: desired.signInAudience,
        isFallbackPublicClient: true,
        web: { redirectUris: [...desired.redirectUris] },
        ...(PERSONAL_AUDIENCES.has(desired.signInAudience) ? { api: { requestedAccessTokenVersion: 2 } } : {}),
        ...(desired.graphPermissions.length > 0
          ? { requiredResourceAccess: mergeGraphAccess([], desired.graphPermissions) }
          : {}),
      },
    };
  }

  const changes: Change[] = [];
  const write: ApplicationWrite = {};
  if (actual.uniqueName === null && !uniqueNameRefused(actual)) {
    changes.push({ kind: 'adopt-application', objectId: actual.id, uniqueName: desired.uniqueName });
    write.uniqueName = desired.uniqueName;
  }
  if (actual.displayName !== desired.displayName) {
    changes.push({ kind: 'rename-application', from: actual.displayName, to: desired.displayName });
    write.displayName = desired.displayName;
  }
  const existingUris = actual.web?.redirectUris ?? [];
  const missingUris = desired.redirectUris.filter((uri) => !existingUris.includes(uri));
  if (missingUris.length > 0) {
    changes.push(...missingUris.map((uri): Change => ({ kind: 'add-redirect-uri', uri })));
    write.web = withRedirectUris(actual.web, [...existingUris, ...missingUris], missingUris);
  }
  if (actual.isFallbackPublicClient !== true) {
    changes.push({ kind: 'enable-public-client-flows' });
    write.isFallbackPublicClient = true;
  }
  if (actual.signInAudience !== desired.signInAudience) {
    changes.push({ kind: 'set-sign-in-audience', from: actual.signInAudience, to: desired.signInAudience });
    write.signInAudience = desired.signInAudience;
  }
  const tokenVersion = actual.api?.requestedAccessTokenVersion ?? null;
  if (PERSONAL_AUDIENCES.has(desired.signInAudience) && tokenVersion !== 2) {
    changes.push({ kind: 'set-access-token-version', from: tokenVersion, to: 2 });
    // The whole api object as read, so its other fields (scopes, pre-authorized apps) stay as they are.
    write.api = { ...(actual.api ?? {}), requestedAccessTokenVersion: 2 };
  }
  const graphAccess = actual.requiredResourceAccess.find((r) => r.resourceAppId === MICROSOFT_GRAPH_APP_ID)?.resourceAccess ?? [];
  const missingPermissions = desired.graphPermissions.filter((p) => !graphAccess.some((a) => a.id === p.id && a.type === p.type));
  if (missingPermissions.length > 0) {
    changes.push(...permissionChanges(missingPermissions));
    write.requiredResourceAccess = mergeGraphAccess(actual.requiredResourceAccess, missingPermissions);
  }
  return { changes, write: Object.keys(write).length > 0 ? write : undefined };
}

/** Graph refused uniqueName on this registration before: it is found by display name and ownership. */
export function uniqueNameRefused(application: Pick<Application, 'tags'>): boolean {
  return (application.tags ?? []).includes(UNIQUE_NAME_REFUSED_TAG);
}

function permissionChanges(permissions: DesiredApplication['graphPermissions']): Change[] {
  return permissions.map((p) => ({ kind: 'add-api-permission', permission: p.name, type: p.type === 'Role' ? 'application' : 'delegated' }));
}

/**
 * The whole `web` object with the new redirect URIs: whether a PATCH of web.redirectUris alone
 * resets the other web fields is UNCONFIRMED (learn.microsoft.com/graph/api/application-update says
 * nothing on partial complex values; the emulator replaces the whole object), so every field read is sent back.
 */
function withRedirectUris(web: Application['web'], redirectUris: string[], added: string[]): WebApplication {
  const settings = web?.redirectUriSettings;
  if (Array.isArray(settings) && settings.length > 0) {
    return { ...(web ?? {}), redirectUris, redirectUriSettings: [...(settings as unknown[]), ...added.map((uri) => ({ uri, index: null }))] };
  }
  return { ...(web ?? {}), redirectUris };
}

/** requiredResourceAccess with the permissions added to Microsoft Graph's entry; other resources untouched. */
export function mergeGraphAccess(
  existing: readonly RequiredResourceAccess[],
  add: readonly ResourceAccess[],
): RequiredResourceAccess[] {
  const graph = existing.find((r) => r.resourceAppId === MICROSOFT_GRAPH_APP_ID);
  const access = [...(graph?.resourceAccess ?? [])];
  for (const p of add) if (!access.some((a) => a.id === p.id && a.type === p.type)) access.push({ id: p.id, type: p.type });
  const merged = { resourceAppId: MICROSOFT_GRAPH_APP_ID, resourceAccess: access };
  return graph ? existing.map((r) => (r === graph ? merged : r)) : [...existing, merged];
}

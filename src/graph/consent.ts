import { call, read, type GraphContext } from './calls.ts';
import { GraphRequestError } from './graph-error.ts';
import { MICROSOFT_GRAPH_APP_ID, type GraphPage, type PermissionCatalog } from './types.ts';

/** Admin consent: Microsoft Graph's permissions, granted to an application's service principal. */
export interface Consent {
  graphPermissionCatalog(): Promise<PermissionCatalog>;
  grantAppRole(clientServicePrincipalId: string, resourceId: string, appRoleId: string): Promise<void>;
  grantDelegated(clientServicePrincipalId: string, resourceId: string, scopes: readonly string[]): Promise<void>;
}

interface PermissionGrant {
  readonly id: string;
  readonly scope: string;
}

/** Whom a grant is for and on which resource: a client service principal and a resource service principal. */
interface GrantParties {
  readonly clientId: string;
  readonly resourceId: string;
}

export function createConsent(context: GraphContext): Consent {
  return {
    graphPermissionCatalog: () =>
      read<PermissionCatalog>(
        context,
        'read the permissions Microsoft Graph publishes',
        `/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')?$select=id,appId,oauth2PermissionScopes,appRoles`,
      ),

    grantAppRole: (clientServicePrincipalId, resourceId, appRoleId) => grantAppRole(context, { clientId: clientServicePrincipalId, resourceId }, appRoleId),

    grantDelegated: (clientServicePrincipalId, resourceId, scopes) => grantDelegated(context, { clientId: clientServicePrincipalId, resourceId }, scopes),
  };
}

async function grantAppRole(context: GraphContext, parties: GrantParties, appRoleId: string): Promise<void> {
  const { clientId, resourceId } = parties;
  try {
    await call(
      context,
      { operation: `grant app role ${appRoleId}`, method: 'POST', path: `/servicePrincipals/${resourceId}/appRoleAssignedTo`, body: { principalId: clientId, resourceId, appRoleId } },
      { idempotent: false, justCreated: true },
    );
  } catch (error) {
    // Already granted: "Permission being assigned already exists on the object".
    if (error instanceof GraphRequestError && (error.status === 409 || /already exists/i.test(error.graphMessage))) return;
    throw error;
  }
}

async function grantDelegated(context: GraphContext, parties: GrantParties, scopes: readonly string[]): Promise<void> {
  const { clientId, resourceId } = parties;
  const existing = await read<GraphPage<PermissionGrant>>(
    context,
    'read delegated permission grants',
    `/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${clientId}' and resourceId eq '${resourceId}'`)}`,
  );
  const grant = existing.value[0];
  if (!grant) {
    await call(
      context,
      { operation: 'grant admin consent for delegated permissions', method: 'POST', path: '/oauth2PermissionGrants', body: { clientId, consentType: 'AllPrincipals', resourceId, scope: scopes.join(' ') } },
      { idempotent: false, justCreated: true },
    );
    return;
  }
  const granted = grant.scope.split(' ').filter(Boolean);
  const merged = [...new Set([...granted, ...scopes])];
  if (merged.length === granted.length) return;
  await call(
    context,
    { operation: 'extend admin consent for delegated permissions', method: 'PATCH', path: `/oauth2PermissionGrants/${grant.id}`, body: { scope: merged.join(' ') } },
    { idempotent: true },
  );
}

import { guid } from '../ids.ts';
import type { Reply } from '../types.ts';
import type { AppRoleAssignment, PermissionGrant, SpRecord } from '../state.ts';
import { badRequest, fail, notFound } from './errors.ts';
import type { GraphCall } from './context.ts';
import { objectBody, requireRead, requireRole, visible } from './context.ts';
import { parseFilter } from './filter.ts';
import { odataContext } from './odata.ts';
import type { Segment } from './odata.ts';
import { checkValue } from './schema.ts';

// Admin consent: app role assignments (application permissions) and oauth2PermissionGrants
// (delegated permissions). Both need their own directory roles; Application.ReadWrite.OwnedBy is not
// enough (learn: serviceprincipal-post-approleassignedto, oauth2permissiongrant-post).

const str = (body: Record<string, unknown>, name: string, entity: string): string => {
  const v = body[name];
  if (typeof v !== 'string' || v === '') return badRequest(`Invalid value specified for property '${name}' of resource '${entity}'.`);
  return v;
};

/** POST /servicePrincipals/{resource-id}/appRoleAssignedTo {principalId, resourceId, appRoleId} → 201. */
export function assignAppRole(call: GraphCall, resource: SpRecord): Reply {
  requireRole(call.caller, 'AppRoleAssignment.ReadWrite.All');
  const body = objectBody(call);
  for (const k of Object.keys(body)) {
    if (!['principalId', 'resourceId', 'appRoleId', 'principalType', 'principalDisplayName', 'resourceDisplayName'].includes(k) && !k.includes('@')) {
      badRequest(`Property '${k}' does not exist on type 'microsoft.graph.appRoleAssignment'.`);
    }
  }
  const principalId = checkValue('servicePrincipal', 'principalId', 'Edm.Guid', body.principalId ?? null);
  const appRoleId = checkValue('servicePrincipal', 'appRoleId', 'Edm.Guid', body.appRoleId ?? null);
  const resourceId = checkValue('servicePrincipal', 'resourceId', 'Edm.Guid', body.resourceId ?? null);
  if (typeof principalId !== 'string' || typeof appRoleId !== 'string' || typeof resourceId !== 'string') {
    return badRequest(`Invalid value specified for property 'appRoleId' of resource 'AppRoleAssignment'.`);
  }
  if (resourceId !== resource.id) badRequest(`Invalid value specified for property 'resourceId' of resource 'AppRoleAssignment'.`);
  const { dir } = call.env;
  const principal = dir.spById(principalId);
  if (!principal || !visible(principal)) return notFound(principalId);
  const roles = (resource.data.appRoles as { id: string }[] | undefined) ?? [];
  // Wording as Graph reports an unknown role / a repeated assignment (seen in terraform-provider-azuread issues; UNCONFIRMED).
  if (!roles.some((r) => r.id === appRoleId)) badRequest(`Permission being assigned was not found on application '${resource.appId}'.`);
  if (dir.assignments.some((a) => a.principalId === principalId && a.resourceId === resourceId && a.appRoleId === appRoleId)) {
    badRequest('Permission being assigned already exists on the object');
  }
  const a: AppRoleAssignment = {
    id: Buffer.from(guid().replace(/-/g, ''), 'hex').toString('base64url'),
    appRoleId,
    createdDateTime: new Date().toISOString(),
    deletedDateTime: null,
    principalDisplayName: String(principal.data.displayName ?? ''),
    principalId,
    principalType: 'ServicePrincipal',
    resourceDisplayName: String(resource.data.displayName ?? ''),
    resourceId,
  };
  dir.assignments.push(a);
  return { status: 201, body: { '@odata.context': odataContext(call.env, `servicePrincipals('${resource.id}')/appRoleAssignedTo/$entity`), ...a } };
}

export function listAppRoleAssignedTo(call: GraphCall, resource: SpRecord): Reply {
  requireRead(call.caller);
  const value = call.env.dir.assignments.filter((a) => a.resourceId === resource.id);
  return { status: 200, body: { '@odata.context': odataContext(call.env, `servicePrincipals('${resource.id}')/appRoleAssignedTo`), value } };
}

export function listAppRoleAssignments(call: GraphCall, principal: SpRecord): Reply {
  requireRead(call.caller);
  const value = call.env.dir.assignments.filter((a) => a.principalId === principal.id);
  return { status: 200, body: { '@odata.context': odataContext(call.env, `servicePrincipals('${principal.id}')/appRoleAssignments`), value } };
}

const GRANT_READERS = ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/** /oauth2PermissionGrants: POST (admin consent for delegated permissions), GET with $filter, PATCH scope, DELETE. */
export function routeGrants(call: GraphCall, segs: Segment[]): Reply {
  const { dir } = call.env;
  if (segs.length === 1) {
    if (call.method === 'GET') {
      requireRole(call.caller, ...GRANT_READERS);
      const f = call.query.get('$filter');
      const filter = f ? parseFilter(f, ['clientId', 'resourceId', 'consentType', 'principalId'], 'oAuth2PermissionGrant') : undefined;
      const value = dir.grants.filter((g) => !filter || filter(g as unknown as Record<string, unknown>));
      return { status: 200, body: { '@odata.context': odataContext(call.env, 'oauth2PermissionGrants'), value } };
    }
    if (call.method === 'POST') return createGrant(call);
    return fail(405, 'Request_BadRequest', 'The requested HTTP method is not supported for this resource.');
  }
  const id = segs[1]?.name ?? '';
  const grant = dir.grants.find((g) => g.id === id);
  if (!grant) return notFound(id);
  if (call.method === 'GET') {
    requireRole(call.caller, ...GRANT_READERS);
    return { status: 200, body: { '@odata.context': odataContext(call.env, 'oauth2PermissionGrants/$entity'), ...grant } };
  }
  requireRole(call.caller, 'DelegatedPermissionGrant.ReadWrite.All');
  if (call.method === 'PATCH') {
    const body = objectBody(call);
    for (const k of Object.keys(body)) if (k !== 'scope') badRequest(`Property '${k}' is read-only and cannot be set.`);
    grant.scope = str(body, 'scope', 'OAuth2PermissionGrant');
    return { status: 204 };
  }
  if (call.method === 'DELETE') {
    dir.grants.splice(dir.grants.indexOf(grant), 1);
    return { status: 204 };
  }
  return fail(405, 'Request_BadRequest', 'The requested HTTP method is not supported for this resource.');
}

function createGrant(call: GraphCall): Reply {
  requireRole(call.caller, 'DelegatedPermissionGrant.ReadWrite.All');
  const { dir } = call.env;
  const body = objectBody(call);
  for (const k of Object.keys(body)) {
    if (!['clientId', 'consentType', 'principalId', 'resourceId', 'scope'].includes(k) && !k.includes('@')) {
      badRequest(`Property '${k}' does not exist on type 'microsoft.graph.oAuth2PermissionGrant'.`);
    }
  }
  const clientId = str(body, 'clientId', 'OAuth2PermissionGrant');
  const resourceId = str(body, 'resourceId', 'OAuth2PermissionGrant');
  const consentType = str(body, 'consentType', 'OAuth2PermissionGrant');
  if (consentType !== 'AllPrincipals' && consentType !== 'Principal') return badRequest(`Invalid value specified for property 'consentType' of resource 'OAuth2PermissionGrant'.`);
  const principalId = typeof body.principalId === 'string' ? body.principalId : null;
  if ((consentType === 'Principal') !== (principalId !== null)) badRequest(`Invalid value specified for property 'principalId' of resource 'OAuth2PermissionGrant'.`);
  const client = dir.spById(clientId);
  if (!client || !visible(client)) return notFound(clientId);
  const resource = dir.spById(resourceId);
  if (!resource || !visible(resource)) return notFound(resourceId);
  const scope = typeof body.scope === 'string' ? body.scope : '';
  if (dir.grants.some((g) => g.clientId === clientId && g.resourceId === resourceId && g.consentType === consentType && g.principalId === principalId)) {
    fail(409, 'Request_MultipleObjectsWithSameKeyValue', 'Permission entry already exists.'); // wording UNCONFIRMED
  }
  const grant: PermissionGrant = { id: Buffer.from(guid().replace(/-/g, ''), 'hex').toString('base64url'), clientId, consentType, principalId, resourceId, scope };
  dir.grants.push(grant);
  return { status: 201, body: { '@odata.context': odataContext(call.env, 'oauth2PermissionGrants/$entity'), ...grant } };
}

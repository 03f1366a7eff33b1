import { guid } from '../ids.ts';
import type { Reply } from '../types.ts';
import type { SpRecord } from '../state.ts';
import { badRequest, denied, fail, INSUFFICIENT_PRIVILEGES } from './errors.ts';
import type { GraphCall } from './context.ts';
import { canWriteAll, isOwnedBy, objectBody, requireRead, requireWrite, resolveSp, visible } from './context.ts';
import { listAppRoleAssignedTo, listAppRoleAssignments, assignAppRole } from './consent.ts';
import { applicationView, defaultServicePrincipalData, servicePrincipalView } from './model.ts';
import { getEntity, listEntitySet, odataContext } from './odata.ts';
import type { EntitySet, Segment } from './odata.ts';
import { validateEntityBody } from './schema.ts';

export function routeServicePrincipals(call: GraphCall, segs: Segment[]): Reply {
  const [first, second] = segs;
  if (!first) return fail(400, 'BadRequest', 'Resource not found for the segment.');
  if (segs.length === 1 && !first.keys) {
    if (call.method === 'GET') return listServicePrincipals(call);
    if (call.method === 'POST') return createServicePrincipal(call);
    return fail(405, 'Request_BadRequest', 'The requested HTTP method is not supported for this resource.');
  }
  const { sp, used } = resolveSp(call.env, first, second);
  const rest = segs.slice(used);
  const nav = rest[0]?.name;
  if (rest.length === 0) {
    if (call.method === 'GET') return getServicePrincipal(call, sp);
    if (call.method === 'DELETE') {
      requireWrite(call.caller, sp.owners);
      call.env.dir.sps.delete(sp.id);
      return { status: 204 };
    }
    return fail(405, 'Request_BadRequest', 'The requested HTTP method is not supported for this resource.');
  }
  if (rest.length === 1 && nav === 'ownedObjects' && call.method === 'GET') return ownedObjects(call, sp);
  if (rest.length === 1 && nav === 'appRoleAssignedTo' && call.method === 'POST') return assignAppRole(call, sp);
  if (rest.length === 1 && nav === 'appRoleAssignedTo' && call.method === 'GET') return listAppRoleAssignedTo(call, sp);
  if (rest.length === 1 && nav === 'appRoleAssignments' && call.method === 'GET') return listAppRoleAssignments(call, sp);
  return fail(400, 'BadRequest', `Resource not found for the segment '${nav ?? ''}'.`);
}

const SERVICE_PRINCIPALS: EntitySet = { name: 'servicePrincipals', type: 'servicePrincipal', filterable: ['appId', 'displayName', 'id', 'servicePrincipalType', 'appOwnerOrganizationId'] };

function listServicePrincipals(call: GraphCall): Reply {
  requireRead(call.caller);
  return listEntitySet(call, SERVICE_PRINCIPALS, () => call.env.dir.liveSps().filter(visible).map(servicePrincipalView));
}

function getServicePrincipal(call: GraphCall, sp: SpRecord): Reply {
  requireRead(call.caller);
  return getEntity(call, SERVICE_PRINCIPALS, servicePrincipalView(sp));
}

/**
 * POST /servicePrincipals {appId}. Under Application.ReadWrite.OwnedBy the caller must own the
 * backing application (microsoftgraph/microsoft-graph-docs#16138); an application the service cannot
 * see yet — not replicated, or not there — answers 403 "When using this permission, the backing
 * application of the service principal being created must in the local tenant" (sic; Azure/azure-cli#28009,
 * hashicorp/terraform-provider-azuread#504). A second service principal for one appId is a
 * 409 Request_MultipleObjectsWithSameKeyValue (Azure/reliable-web-app-pattern-java#185).
 */
function createServicePrincipal(call: GraphCall): Reply {
  const c = call.caller;
  if (!canWriteAll(c) && !isOwnedBy(c)) return denied();
  const { dir } = call.env;
  const props = validateEntityBody('servicePrincipal', objectBody(call), { allowAppId: true });
  const appId = props.appId;
  if (typeof appId !== 'string' || appId === '') return badRequest(`Invalid value specified for property 'appId' of resource 'ServicePrincipal'.`);
  const app = dir.appByAppId(appId);
  const ownedByOnly = !canWriteAll(c);
  if (!app || !visible(app)) {
    if (ownedByOnly) {
      return fail(403, 'Authorization_RequestDenied', 'When using this permission, the backing application of the service principal being created must in the local tenant');
    }
    // Wording as the Azure CLI surfaces it for an unknown appId (UNCONFIRMED for Graph v1.0).
    return badRequest(`The appId '${appId}' of the service principal does not reference a valid application object.`);
  }
  if (ownedByOnly && !app.owners.includes(c.servicePrincipalId)) return fail(403, 'Authorization_RequestDenied', INSUFFICIENT_PRIVILEGES);
  if (dir.spByAppId(appId)) {
    return fail(409, 'Request_MultipleObjectsWithSameKeyValue', `The service principal cannot be created, updated, or restored because the service principal name ${appId} is already in use.`);
  }
  const id = guid();
  const { appId: _ignored, ...rest } = props;
  const rec: SpRecord = {
    id,
    appId: app.appId,
    data: { ...defaultServicePrincipalData(id, app, dir), ...rest },
    owners: ownedByOnly ? [c.servicePrincipalId] : [],
    replicatedAtMs: dir.replicationPoint(),
    seq: dir.nextSeq(),
  };
  dir.sps.set(id, rec);
  return { status: 201, body: { '@odata.context': odataContext(call.env, 'servicePrincipals/$entity'), ...servicePrincipalView(rec) } };
}

/** GET /servicePrincipals/{id}/ownedObjects: the applications and service principals it owns. */
function ownedObjects(call: GraphCall, sp: SpRecord): Reply {
  requireRead(call.caller);
  const { dir } = call.env;
  const apps = dir.liveApps().filter((a) => visible(a) && a.owners.includes(sp.id)).map((a) => ({ '@odata.type': '#microsoft.graph.application', ...applicationView(a) }));
  const sps = dir.liveSps().filter((s) => visible(s) && s.owners.includes(sp.id)).map((s) => ({ '@odata.type': '#microsoft.graph.servicePrincipal', ...servicePrincipalView(s) }));
  return { status: 200, body: { '@odata.context': odataContext(call.env, 'directoryObjects'), value: [...apps, ...sps] } };
}

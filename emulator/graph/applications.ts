import { guid } from '../ids.ts';
import type { Reply } from '../types.ts';
import type { AppRecord } from '../state.ts';
import { badRequest, denied, fail, notFound } from './errors.ts';
import type { GraphCall } from './context.ts';
import { canWriteAll, isOwnedBy, objectBody, requireRead, requireWrite, resolveApp, visible } from './context.ts';
import { applicationView, checkRedirectUris, defaultApplicationData } from './model.ts';
import { getEntity, listEntitySet, odataContext } from './odata.ts';
import type { EntitySet, Segment } from './odata.ts';
import { addPassword, removePassword } from './passwords.ts';
import { validateEntityBody } from './schema.ts';
import { readingsOf } from '../readings.ts';
import { checkApplicationRules, uniqueNameReadOnly } from './app-rules.ts';

export function routeApplications(call: GraphCall, segs: Segment[]): Reply {
  const [first, second] = segs;
  if (!first) return notFound('');
  if (segs.length === 1 && !first.keys) {
    if (call.method === 'GET') return listApplications(call);
    if (call.method === 'POST') return createApplication(call);
    return methodNotAllowed();
  }
  // Upsert: PATCH /applications(uniqueName='X') resolves the key itself (the object may not have replicated).
  if (segs.length === 1 && first.keys?.uniqueName !== undefined && call.method === 'PATCH') return patchByUniqueName(call, first.keys.uniqueName);
  const { app, used } = resolveApp(call.env, first, second);
  const rest = segs.slice(used);
  const action = rest[0]?.name;
  if (rest.length === 0) {
    if (call.method === 'GET') return getApplication(call, app);
    if (call.method === 'PATCH') return updateApplication(call, app);
    if (call.method === 'DELETE') return deleteApplication(call, app);
    return methodNotAllowed();
  }
  if (rest.length === 1 && call.method === 'POST' && (action === 'addPassword' || action === 'microsoft.graph.addPassword')) return addPassword(call, app);
  if (rest.length === 1 && call.method === 'POST' && (action === 'removePassword' || action === 'microsoft.graph.removePassword')) return removePassword(call, app);
  if (rest.length === 1 && call.method === 'GET' && action === 'owners') return listOwners(call, app);
  return fail(400, 'BadRequest', `Resource not found for the segment '${action ?? ''}'.`);
}

const methodNotAllowed = (): never => fail(405, 'Request_BadRequest', 'The requested HTTP method is not supported for this resource.');

const APPLICATIONS: EntitySet = { name: 'applications', type: 'application', filterable: ['displayName', 'appId', 'uniqueName', 'id', 'publisherDomain', 'signInAudience'] };

function listApplications(call: GraphCall): Reply {
  requireRead(call.caller);
  // Objects that have not replicated yet are missing from lists: Entra's directory is eventually
  // consistent (devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra).
  return listEntitySet(call, APPLICATIONS, () => call.env.dir.liveApps().filter(visible).map(applicationView));
}

function getApplication(call: GraphCall, app: AppRecord): Reply {
  requireRead(call.caller);
  return getEntity(call, APPLICATIONS, applicationView(app));
}

function requireCreate(call: GraphCall): void {
  if (!canWriteAll(call.caller) && !isOwnedBy(call.caller)) denied();
}

function checkUniqueNameFree(call: GraphCall, name: string, self?: AppRecord): void {
  const other = call.env.dir.appByUniqueName(name, true);
  if (other && other !== self) {
    // A soft-deleted app keeps its uniqueName; the message is the one microsoftgraph/msgraph-bicep-types#137
    // relays through Bicep. Status and code UNCONFIRMED (Bicep shows neither): reading uniqueNameConflict.
    const message = `Another object with the same value for property uniqueName already exists.`;
    if (readingsOf(call.env.dir).uniqueNameConflict === '400') badRequest(message);
    fail(409, 'Request_MultipleObjectsWithSameKeyValue', message);
  }
}

/** Creates and stores an application; the caller's service principal becomes owner under OwnedBy. */
function insertApplication(call: GraphCall, props: Record<string, unknown>): AppRecord {
  const { dir } = call.env;
  const id = guid();
  const appId = guid();
  const data = { ...defaultApplicationData(id, appId, dir, call.caller.appId), ...props };
  if (typeof data.displayName !== 'string' || data.displayName.trim() === '') badRequest(`Invalid value specified for property 'displayName' of resource 'Application'.`);
  checkApplicationRules(dir, data, props, undefined);
  checkRedirectUris(data);
  const rec: AppRecord = {
    id,
    appId,
    data,
    passwords: [],
    // Apps created under Application.ReadWrite.OwnedBy get the caller as owner (permissions reference).
    owners: isOwnedBy(call.caller) && !canWriteAll(call.caller) ? [call.caller.servicePrincipalId] : [],
    federated: [],
    replicatedAtMs: dir.replicationPoint(),
    seq: dir.nextSeq(),
  };
  dir.apps.set(id, rec);
  return rec;
}

function created(call: GraphCall, rec: AppRecord): Reply {
  return {
    status: 201,
    headers: { Location: `${call.env.baseUrl()}/v2/${call.env.dir.tenantId}/directoryObjects/${rec.id}/Microsoft.DirectoryServices.Application` },
    body: { '@odata.context': odataContext(call.env, 'applications/$entity'), ...applicationView(rec) },
  };
}

function createApplication(call: GraphCall): Reply {
  requireCreate(call);
  const props = validateEntityBody('application', objectBody(call));
  if (typeof props.uniqueName === 'string') checkUniqueNameFree(call, props.uniqueName);
  return created(call, insertApplication(call, props));
}

/**
 * Upsert by alternate key (learn.microsoft.com/graph/api/application-upsert): with
 * `Prefer: create-if-missing` a missing app is created (201 + body), an existing one updated (204).
 * Without the header a missing app is a 404. The uniqueName is checked where it is written, so a
 * second upsert inside the replication window finds the first app and updates it (204) instead of
 * creating a twin — the property that makes uniqueName the race-free key. That Graph serialises
 * concurrent upserts of one uniqueName the same way is UNCONFIRMED; here Node runs this handler without
 * an await between the check and the insert, so concurrent upserts serialise.
 */
function patchByUniqueName(call: GraphCall, uniqueName: string): Reply {
  const { dir } = call.env;
  const prefer = (call.headers.prefer ?? '').toLowerCase().split(',').map((s) => s.trim());
  const upsert = prefer.includes('create-if-missing');
  const existing = dir.appByUniqueName(uniqueName);
  if (!upsert) {
    if (!existing || !visible(existing)) return notFound(uniqueName);
    return updateApplication(call, existing);
  }
  if (existing) return updateApplication(call, existing);
  requireCreate(call);
  const props = validateEntityBody('application', objectBody(call));
  if (props.uniqueName !== undefined && props.uniqueName !== uniqueName) badRequest(`Invalid value specified for property 'uniqueName' of resource 'Application'.`);
  checkUniqueNameFree(call, uniqueName);
  return created(call, insertApplication(call, { ...props, uniqueName }));
}

/**
 * Under reading webPatch='merge' the `web` fields a PATCH names replace the stored ones and the others
 * stay; under 'replace' (the default) the whole value is replaced (see normaliseComplex in schema.ts).
 */
function mergeWeb(call: GraphCall, app: AppRecord, body: Record<string, unknown>, props: Record<string, unknown>): void {
  const given = body.web;
  if (readingsOf(call.env.dir).webPatch !== 'merge' || typeof given !== 'object' || given === null || !props.web) return;
  const next = props.web as Record<string, unknown>;
  const picked = Object.fromEntries(Object.keys(given).filter((k) => !k.startsWith('@')).map((k) => [k, next[k]]));
  props.web = { ...structuredClone((app.data.web as Record<string, unknown> | null) ?? next), ...picked };
}

function updateApplication(call: GraphCall, app: AppRecord): Reply {
  requireWrite(call.caller, app.owners);
  const body = objectBody(call);
  const props = validateEntityBody('application', body);
  mergeWeb(call, app, body, props);
  if ('uniqueName' in props) {
    const current = app.data.uniqueName;
    const next = props.uniqueName;
    // uniqueName is "Immutable" (learn.microsoft.com/graph/api/resources/application), yet an app made
    // without one can be given one once, by PATCH (learn.microsoft.com/graph/templates/how-to-reference-existing-resources,
    // "one-time backfill"). Status and wording of the refusal to change a set uniqueName UNCONFIRMED.
    if (typeof current === 'string' && next !== current) badRequest(`Property 'uniqueName' is immutable once set and cannot be updated.`);
    // Whether that backfill still works is UNCONFIRMED: reading uniqueNameWhileNull.
    if (current === null && next !== null && readingsOf(call.env.dir).uniqueNameWhileNull === 'read-only') uniqueNameReadOnly();
    if (typeof next === 'string' && current === null) checkUniqueNameFree(call, next, app);
  }
  if ('displayName' in props && (typeof props.displayName !== 'string' || props.displayName.trim() === '')) {
    badRequest(`Invalid value specified for property 'displayName' of resource 'Application'.`);
  }
  const merged = { ...app.data, ...props };
  checkApplicationRules(call.env.dir, merged, props, app);
  checkRedirectUris(merged);
  app.data = merged;
  return { status: 204 };
}

function deleteApplication(call: GraphCall, app: AppRecord): Reply {
  requireWrite(call.caller, app.owners);
  app.deletedAtMs = Date.now();
  app.data.deletedDateTime = new Date().toISOString();
  // Deleting the registration removes its service principal as well.
  const sp = call.env.dir.spByAppId(app.appId);
  if (sp) call.env.dir.sps.delete(sp.id);
  return { status: 204 };
}

/**
 * GET …/owners. OwnedBy may call it; owners it may not read (users, without User.Read.All) come back
 * with only @odata.type and id (learn.microsoft.com/graph/api/application-list-owners).
 */
function listOwners(call: GraphCall, app: AppRecord): Reply {
  requireRead(call.caller);
  const { dir } = call.env;
  const canReadUsers = call.caller.roles.some((r) => r === 'User.Read.All' || r === 'Directory.Read.All' || r === 'Directory.ReadWrite.All');
  const value = app.owners.map((id) => {
    const sp = dir.spById(id);
    if (sp) return { '@odata.type': '#microsoft.graph.servicePrincipal', ...structuredClone(sp.data) };
    if (canReadUsers) return { '@odata.type': '#microsoft.graph.user', id, displayName: null, userPrincipalName: null };
    return { '@odata.type': '#microsoft.graph.user', id };
  });
  return { status: 200, body: { '@odata.context': odataContext(call.env, 'directoryObjects'), value } };
}

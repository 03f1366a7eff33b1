import type { Directory } from '../state.ts';
import type { Reply } from '../types.ts';
import { fail } from './errors.ts';
import { servicePrincipalView } from './model.ts';
import type { EntityName } from './schema.ts';
import { unmodelled, unmodelledReply } from './unmodelled.ts';

// Query options around $filter/$select: which exist, which the advanced query parameters gate
// (learn.microsoft.com/graph/aad-advanced-queries), $orderby, $count and $expand=owners.

/** Graph's system query options (learn.microsoft.com/graph/query-parameters). */
const SYSTEM_OPTIONS = ['$select', '$filter', '$top', '$expand', '$count', '$orderby', '$search', '$skiptoken', '$skip', '$format'];

/** URLSearchParams that remember which options a handler read, so an ignored one can be refused. */
export class TrackedQuery extends URLSearchParams {
  readonly read = new Set<string>();
  override get(name: string): string | null {
    this.read.add(name);
    return super.get(name);
  }
  override has(name: string): boolean {
    this.read.add(name);
    return super.has(name);
  }
}

/**
 * Before routing. `$skip` is Graph's documented 400 on directory objects (microsoftgraph/msgraph-metadata#135);
 * a repeated option is refused with OData's wording (UNCONFIRMED for Graph); anything else that is
 * not a system query option — `$foo`, or a name without `$` (optional in v1.0 only for some APIs,
 * per learn.microsoft.com/graph/query-parameters) — is refused as not modelled.
 */
export function checkOptionNames(query: URLSearchParams): void {
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (seen.has(name)) fail(400, 'BadRequest', `Query option '${name}' was specified more than once, but it must be specified at most once.`);
    seen.add(name);
    if (name === '$skip') fail(400, 'Request_BadRequest', "'$skip' is not supported by the service.");
    if (!SYSTEM_OPTIONS.includes(name)) unmodelled(`The query parameter '${name}' is not supported.`);
  }
}

/** After routing: a successful reply that never read an option the caller sent ignored it — refuse. */
export function refuseUnread(query: TrackedQuery, reply: Reply): Reply {
  if (reply.status >= 400) return reply;
  const unread = [...new Set(query.keys())].filter((k) => !query.read.has(k));
  if (unread.length === 0) return reply;
  return unmodelledReply(`Query option(s) ${unread.map((k) => `'${k}'`).join(', ')} on this request.`);
}

export interface QueryMode {
  eventual: boolean;
  /** $count=true was sent. Without ConsistencyLevel: eventual Graph ignores it silently (no @odata.count). */
  count: boolean;
  advanced: boolean;
}

export function queryMode(call: { query: URLSearchParams; headers: Record<string, string | undefined> }): QueryMode {
  const eventual = (call.headers.consistencylevel ?? '').toLowerCase() === 'eventual';
  const c = call.query.get('$count');
  if (c !== null && c !== 'true' && c !== 'false') unmodelled(`$count=${c}`);
  const count = c === 'true';
  // "$search works only in advanced queries. If the ConsistencyLevel header is not specified, the request returns an error" (aad-advanced-queries).
  const search = call.query.get('$search');
  if (search !== null && !eventual) fail(400, 'Request_UnsupportedQuery', "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  if (search !== null) unmodelled('$search');
  return { eventual, count, advanced: eventual && count };
}

/**
 * String collections `any()` may test (learn.microsoft.com/graph/api/resources/application, serviceprincipal);
 * the Azure CLI resolves `az ad sp show --id` with servicePrincipalNames/any(c:c eq '…')
 * (Azure/azure-cli, azure/cli/command_modules/role/custom.py, _resolve_service_principal).
 */
export const COLLECTIONS: Partial<Record<EntityName, string[]>> = { application: ['identifierUris'], servicePrincipal: ['servicePrincipalNames'] };

const RESOURCE: Record<string, string> = { application: 'Application', servicePrincipal: 'ServicePrincipal' };
/** $orderby support: the "Support for sorting" table of aad-advanced-queries (all need advanced parameters). */
const SORTABLE: Partial<Record<EntityName, string[]>> = { application: ['displayName', 'createdDateTime'], servicePrincipal: ['displayName', 'createdDateTime'] };

type Row = Record<string, unknown>;

/**
 * `$orderby=p [asc|desc], …`. Without the advanced query parameters Graph answers "Sorting not
 * supported for current query." (microsoftgraph/microsoft-graph-docs#13762, #10835); an unsortable
 * property "Unsupported sort property 'x' for 'User'." (microsoftgraph/microsoft-graph-docs#20427).
 * Where nulls sort is UNCONFIRMED: the emulator puts them first in ascending order.
 */
export function parseOrderBy(text: string | null, type: EntityName, mode: QueryMode): ((a: Row, b: Row) => number) | undefined {
  if (text === null) return undefined;
  if (!mode.advanced) fail(400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.');
  const keys = text.split(',').map((part) => {
    const [prop = '', dir = 'asc', ...extra] = part.trim().split(/\s+/);
    if (extra.length > 0 || !['asc', 'desc'].includes(dir.toLowerCase())) fail(400, 'BadRequest', `Syntax error in '$orderby=${text}'.`);
    if (!(SORTABLE[type] ?? []).includes(prop)) fail(400, 'Request_UnsupportedQuery', `Unsupported sort property '${prop}' for '${RESOURCE[type] ?? type}'.`);
    return { prop, sign: dir.toLowerCase() === 'desc' ? -1 : 1 };
  });
  const cmp = (x: unknown, y: unknown): number => {
    if (x === y) return 0;
    if (x === null || x === undefined) return -1;
    if (y === null || y === undefined) return 1;
    return String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
  };
  return (a, b) => {
    for (const k of keys) {
      const c = cmp(a[k.prop], b[k.prop]) * k.sign;
      if (c !== 0) return c;
    }
    return 0;
  };
}

export interface Expansion {
  select?: string[];
}

/**
 * `$expand=owners` or `owners($select=a,b)` on applications and service principals
 * (learn.microsoft.com/graph/api/application-get, /graph/query-parameters#expand). Other navigation
 * properties, other nested options and $expand in advanced queries ("$expand is not currently
 * supported with advanced queries", aad-advanced-queries) are refused as not modelled.
 */
export function parseExpand(text: string | null, type: EntityName, mode: QueryMode): Expansion | undefined {
  if (text === null) return undefined;
  if (mode.advanced) unmodelled('$expand in an advanced query');
  const m = /^\s*owners\s*(?:\(\s*\$select=([A-Za-z0-9_,\s]+)\))?\s*$/.exec(text);
  if (!m || !(type === 'application' || type === 'servicePrincipal')) return unmodelled(`$expand=${text} on ${type}`);
  return m[1] ? { select: m[1].split(',').map((s) => s.trim()).filter(Boolean) } : {};
}

/**
 * The expanded owners of an application or service principal, as directoryObjects with @odata.type.
 * "$expand … returns a maximum of 20 items for the expanded relationship" for directory objects
 * (learn.microsoft.com/graph/query-parameters#expand). Users are shown as id only (UNCONFIRMED).
 */
export function expandOwners(dir: Directory, type: EntityName, row: Row, id: string, exp: Expansion): Row {
  const rec = type === 'application' ? dir.appById(id) : dir.spById(id);
  const owners = (rec?.owners ?? []).slice(0, 20).map((oid) => {
    const sp = dir.spById(oid);
    const full: Row = sp ? { '@odata.type': '#microsoft.graph.servicePrincipal', ...servicePrincipalView(sp) } : { '@odata.type': '#microsoft.graph.user', id: oid };
    if (!exp.select) return full;
    const out: Row = { '@odata.type': full['@odata.type'] };
    for (const n of exp.select) if (n in full) out[n] = full[n];
    return out;
  });
  return { ...row, owners };
}

/**
 * `$select` on a directoryObjects collection (…/owners, …/ownedObjects): each item keeps its
 * @odata.type and the selected properties it has (learn.microsoft.com/graph/api/application-list-owners).
 */
export function selectDirectoryObjects(query: URLSearchParams, reply: Reply): Reply {
  const body = reply.body as { '@odata.context'?: unknown; value?: unknown } | undefined;
  if (reply.status >= 400 || typeof body?.['@odata.context'] !== 'string' || !body['@odata.context'].endsWith('#directoryObjects') || !Array.isArray(body.value)) return reply;
  const select = query.get('$select');
  if (!select) return reply;
  const names = select.split(',').map((n) => n.trim()).filter(Boolean);
  const value = (body.value as Row[]).map((o) => {
    const out: Row = { '@odata.type': o['@odata.type'] };
    for (const n of names) if (n in o) out[n] = o[n];
    return out;
  });
  return { ...reply, body: { ...body, '@odata.context': `${body['@odata.context']}(${names.join(',')})`, value } };
}

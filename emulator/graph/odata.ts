import type { Reply } from '../types.ts';
import { fail } from './errors.ts';
import { parseFilter, readLiteral } from './filter.ts';
import { COLLECTIONS, expandOwners, parseExpand, parseOrderBy, queryMode } from './query.ts';
import type { Expansion } from './query.ts';
import { entityProperties } from './schema.ts';
import type { EntityName } from './schema.ts';
import type { Directory } from '../state.ts';

// The slices of OData v4 URL syntax the emulated endpoints need: path segments with key predicates
// (`applications(uniqueName='a''b')`), $select, $top and $skiptoken paging ($filter: filter.ts;
// $count, $orderby, $expand and the advanced query parameters: query.ts); and the GET answers of the
// entity sets built on them (listEntitySet, getEntity).

export interface Segment {
  name: string;
  /** `(appId='x')` → { appId: 'x' }; `('x')` → { '': 'x' }. */
  keys?: Record<string, string>;
}

/** Splits a decoded path into segments, honouring quotes in key predicates (a key may contain '/'). */
export function parsePath(path: string): Segment[] {
  const segs: Segment[] = [];
  let i = path.startsWith('/') ? 1 : 0;
  while (i < path.length) {
    let name = '';
    while (i < path.length && path[i] !== '/' && path[i] !== '(') name += path[i++];
    const seg: Segment = { name };
    if (path[i] === '(') {
      i++;
      const keys: Record<string, string> = {};
      while (i < path.length && path[i] !== ')') {
        let key = '';
        while (i < path.length && path[i] !== '=' && path[i] !== "'" && path[i] !== ')') key += path[i++];
        if (path[i] === '=') i++;
        if (path[i] === "'") {
          const lit = readLiteral(path, i);
          keys[key.trim()] = lit.value;
          i = lit.end;
        } else {
          let raw = '';
          while (i < path.length && path[i] !== ',' && path[i] !== ')') raw += path[i++];
          keys[key.trim()] = raw.trim();
        }
        if (path[i] === ',') i++;
      }
      if (path[i] !== ')') fail(400, 'BadRequest', 'Bad Request - Error in query syntax.');
      i++;
      seg.keys = keys;
    }
    segs.push(seg);
    if (path[i] === '/') i++;
    else if (i < path.length) fail(400, 'BadRequest', 'Bad Request - Error in query syntax.');
  }
  return segs;
}

/** `$select=a,b`: unknown names are a 400, as OData answers them. */
export function parseSelect(select: string | null, known: Record<string, unknown>, typeName: string): string[] | undefined {
  if (!select) return undefined;
  const names = select.split(',').map((n) => n.trim()).filter(Boolean);
  for (const n of names) {
    if (!(n in known)) fail(400, 'BadRequest', `Could not find a property named '${n}' on type 'microsoft.graph.${typeName}'.`);
  }
  return names;
}

export function project(obj: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select) return obj;
  const out: Record<string, unknown> = {};
  for (const n of select) out[n] = obj[n];
  return out;
}

/**
 * Page size: default 100 (learn.microsoft.com/graph/paging: "the GET /users endpoint returns a default
 * of 100 results"), `$top` 1..999 with the 400 Graph gives for 1000 (learn.microsoft.com/answers/questions/1129204).
 */
export function pageSize(top: string | null): number {
  if (top === null) return 100;
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1 || n > 999) fail(400, 'Request_BadRequest', `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`);
  return n;
}

export const encodeSkipToken = (offset: number): string => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

export function decodeSkipToken(token: string | null): number {
  if (!token) return 0;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof v.o === 'number' && v.o >= 0) return v.o;
  } catch {
    // fall through
  }
  return fail(400, 'Request_BadRequest', 'Invalid $skiptoken value.');
}

/** The service-root-relative @odata.context URL, e.g. …/v1.0/$metadata#applications/$entity. */
export const odataContext = (env: { baseUrl: () => string }, fragment: string): string => `${env.baseUrl()}/v1.0/$metadata#${fragment}`;

/** An entity set: its segment (and @odata.context name), its entity type, the properties $filter may test. */
export interface EntitySet {
  name: string;
  type: EntityName;
  filterable: readonly string[];
}

/** What the answers below need of a Graph call (a GraphCall has it). */
interface ODataCall {
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  env: { baseUrl: () => string; dir: Directory };
}

const contextName = (set: EntitySet, select: string[] | undefined): string => (select ? `${set.name}(${select.join(',')})` : set.name);

const shape = (call: ODataCall, set: EntitySet, select: string[] | undefined, exp: Expansion | undefined) => (r: Record<string, unknown>) => {
  const row = project(r, select);
  return exp ? expandOwners(call.env.dir, set.type, row, String(r.id), exp) : row;
};

/**
 * GET /{set}: `rows` (the objects the caller may see, as Graph shows them) with $select, $filter,
 * $orderby, $count, $expand and $top/$skiptoken paging; @odata.nextLink keeps the caller's other
 * query options. $count=true adds @odata.count only with ConsistencyLevel: eventual; without it
 * Graph "silently ignores the $count query parameter" (learn.microsoft.com/graph/aad-advanced-queries).
 */
export function listEntitySet(call: ODataCall, set: EntitySet, rows: () => Record<string, unknown>[]): Reply {
  const mode = queryMode(call);
  const select = parseSelect(call.query.get('$select'), entityProperties(set.type), set.type);
  const filterText = call.query.get('$filter');
  const collections = COLLECTIONS[set.type] ?? [];
  const filter = filterText ? parseFilter(filterText, set.filterable, set.type, { advanced: mode.advanced, collections }) : undefined;
  const order = parseOrderBy(call.query.get('$orderby'), set.type, mode);
  const exp = parseExpand(call.query.get('$expand'), set.type, mode);
  const top = pageSize(call.query.get('$top'));
  const offset = decodeSkipToken(call.query.get('$skiptoken'));
  const all = rows().filter((r) => !filter || filter(r));
  if (order) all.sort(order);
  const body: Record<string, unknown> = { '@odata.context': odataContext(call.env, contextName(set, select)) };
  if (mode.count && mode.eventual) body['@odata.count'] = all.length;
  body.value = all.slice(offset, offset + top).map(shape(call, set, select, exp));
  if (offset + top < all.length) {
    const q = new URLSearchParams(call.query);
    q.set('$skiptoken', encodeSkipToken(offset + top));
    q.set('$top', String(top));
    body['@odata.nextLink'] = `${call.env.baseUrl()}/v1.0/${set.name}?${q.toString()}`;
  }
  return { status: 200, body };
}

/** GET /{set}/{key}: one object as Graph shows it, with $select and $expand=owners. */
export function getEntity(call: ODataCall, set: EntitySet, row: Record<string, unknown>): Reply {
  const select = parseSelect(call.query.get('$select'), entityProperties(set.type), set.type);
  const exp = parseExpand(call.query.get('$expand'), set.type, { eventual: false, count: false, advanced: false });
  return { status: 200, body: { '@odata.context': odataContext(call.env, `${contextName(set, select)}/$entity`), ...shape(call, set, select, exp)(row) } };
}

import type { Reply } from '../types.ts';
import type { GraphCall } from './context.ts';
import { requireRead, visible } from './context.ts';
import { fail } from './errors.ts';
import { parseFilter } from './filter.ts';
import { applicationView, servicePrincipalView } from './model.ts';
import { COLLECTIONS } from './query.ts';
import { unmodelled } from './unmodelled.ts';

// GET /applications/$count and /servicePrincipals/$count (learn.microsoft.com/graph/query-parameters#count).

const FILTERABLE: Record<string, readonly string[]> = {
  applications: ['displayName', 'appId', 'uniqueName', 'id', 'publisherDomain', 'signInAudience'],
  servicePrincipals: ['appId', 'displayName', 'id', 'servicePrincipalType', 'appOwnerOrganizationId'],
};

/**
 * "$count as a URL segment" needs ConsistencyLevel: eventual; without it Graph answers 400
 * Request_BadRequest "$count is not currently supported." (learn.microsoft.com/graph/aad-advanced-queries).
 * With it: the number as text/plain, after $filter (advanced operators allowed, as the header is there).
 */
export function countSegment(call: GraphCall, set: string): Reply {
  const type = set === 'applications' ? 'application' : set === 'servicePrincipals' ? 'servicePrincipal' : undefined;
  if (!type || call.method !== 'GET') return unmodelled(`${call.method} /${set}/$count`);
  if ((call.headers.consistencylevel ?? '').toLowerCase() !== 'eventual') fail(400, 'Request_BadRequest', '$count is not currently supported.');
  requireRead(call.caller);
  const f = call.query.get('$filter');
  const filter = f ? parseFilter(f, FILTERABLE[set] ?? [], type, { advanced: true, collections: COLLECTIONS[type] ?? [] }) : undefined;
  const { dir } = call.env;
  const rows = type === 'application' ? dir.liveApps().filter(visible).map(applicationView) : dir.liveSps().filter(visible).map(servicePrincipalView);
  const n = rows.filter((r) => !filter || filter(r)).length;
  return { status: 200, headers: { 'Content-Type': 'text/plain' }, raw: String(n) };
}

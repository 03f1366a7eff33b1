import type { Reply } from '../types.ts';
import { fail, graphError } from './errors.ts';
import type { GraphCall } from './context.ts';
import { jsonBody } from './context.ts';

/** Runs one member request of a batch through the same router as an HTTP request. */
export type InnerRunner = (method: string, relativeUrl: string, headers: Record<string, string | undefined>, body: unknown) => Reply;

interface BatchRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

const MAX_REQUESTS = 20; // learn.microsoft.com/graph/json-batching: at most 20 requests per batch

/**
 * POST /$batch (learn.microsoft.com/graph/json-batching): up to 20 requests with ids, optional
 * dependsOn, each answered with its own status/headers/body. A request whose dependency failed gets
 * 424 Failed Dependency. Requests are executed one by one in dependency order (Graph may run
 * independent ones in any order; clients must not rely on either).
 */
export function runBatch(call: GraphCall, runInner: InnerRunner): Reply {
  const body = jsonBody(call) as { requests?: unknown } | undefined;
  const requests = body?.requests;
  if (!Array.isArray(requests)) return fail(400, 'BadRequest', 'Invalid batch payload format.');
  // An empty batch is a 400 (OfficeDev/microsoft-teams-apps-company-communicator#337: "Graph rejects
  // these with 400 Bad Request"); the message is UNCONFIRMED — the emulator reuses the payload-format one.
  if (requests.length === 0) return fail(400, 'BadRequest', 'Invalid batch payload format.');
  if (requests.length > MAX_REQUESTS) return fail(400, 'BadRequest', `Number of batch request steps exceeds the maximum of ${MAX_REQUESTS}.`);
  const seen = new Set<string>();
  const reqs: BatchRequest[] = requests.map((r: unknown) => {
    const q = r as Partial<BatchRequest>;
    if (typeof q?.id !== 'string' || typeof q.method !== 'string' || typeof q.url !== 'string') fail(400, 'BadRequest', 'Invalid batch payload format.');
    if (seen.has(q.id as string)) fail(400, 'BadRequest', `Batch request steps must have unique ids; '${q.id}' is repeated.`);
    seen.add(q.id as string);
    const hasContentType = Object.keys(q.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
    if (q.body !== undefined && !hasContentType) fail(400, 'BadRequest', `Write request id : ${q.id} does not contain Content-Type header or body.`);
    return q as BatchRequest;
  });
  for (const r of reqs) for (const d of r.dependsOn ?? []) if (!seen.has(d)) fail(400, 'BadRequest', `Request '${r.id}' depends on unknown request '${d}'.`);

  const unmodelledIds = new Set<string>();
  const results = new Map<string, { id: string; status: number; headers: Record<string, string>; body?: unknown }>();
  const pending = [...reqs];
  while (pending.length > 0) {
    const idx = pending.findIndex((r) => (r.dependsOn ?? []).every((d) => results.has(d)));
    if (idx < 0) return fail(400, 'BadRequest', 'Circular dependency among batch request steps.');
    const r = pending.splice(idx, 1)[0] as BatchRequest;
    const failedDep = (r.dependsOn ?? []).some((d) => (results.get(d)?.status ?? 0) >= 400);
    if (failedDep) {
      const e = graphError(424, 'FailedDependency', 'The request could not be completed because a request it depends on failed.');
      results.set(r.id, { id: r.id, status: 424, headers: { 'Content-Type': 'application/json' }, body: e.body });
      continue;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
    const reply = runInner(r.method.toUpperCase(), r.url.startsWith('/') ? r.url : `/${r.url}`, headers, r.body);
    if (reply.unmodelled) unmodelledIds.add(r.id);
    const out: { id: string; status: number; headers: Record<string, string>; body?: unknown } = { id: r.id, status: reply.status, headers: { ...reply.headers } };
    if (reply.body !== undefined && reply.status !== 204) out.body = reply.body;
    results.set(r.id, out);
  }
  const reply: Reply = { status: 200, body: { responses: reqs.map((r) => results.get(r.id)) } };
  // A member the emulator does not model flags the whole batch in the request log.
  if (unmodelledIds.size > 0) reply.unmodelled = true;
  return reply;
}

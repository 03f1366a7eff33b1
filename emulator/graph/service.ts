import { guid } from '../ids.ts';
import type { Handler, InboundRequest, Reply } from '../types.ts';
import { safeDecode } from '../http.ts';
import type { IssuedToken } from '../state.ts';
import { routeApplications } from './applications.ts';
import { runBatch } from './batch.ts';
import { routeGrants } from './consent.ts';
import type { GraphCall, GraphEnv } from './context.ts';
import { fail, graphError, GraphFailure } from './errors.ts';
import type { GraphErrorBody } from './errors.ts';
import { parsePath } from './odata.ts';
import { checkOptionNames, refuseUnread, selectDirectoryObjects, TrackedQuery } from './query.ts';
import { routeServicePrincipals } from './servicePrincipals.ts';
import { unmodelled } from './unmodelled.ts';
import { countSegment } from './count.ts';

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * Bearer token check. Graph answers 401 InvalidAuthenticationToken with a WWW-Authenticate challenge
 * when the token is missing, unknown or expired (learn.microsoft.com/graph/errors).
 */
function authenticate(env: GraphEnv, headers: Record<string, string | undefined>): IssuedToken | Reply {
  const auth = headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  const challenge = { 'WWW-Authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"` };
  if (!m?.[1]) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', challenge);
  const token = env.dir.tokens.get(m[1]);
  if (!token) return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', challenge);
  if (token.resource !== 'graph') return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', challenge);
  if (token.expiresAtMs <= Date.now()) return graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.', challenge);
  if (!env.dir.isTenant(token.tenantId)) return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.', challenge);
  return token;
}

function route(call: GraphCall, runInner: (m: string, u: string, h: Record<string, string | undefined>, b: unknown) => Reply): Reply {
  const [first] = call.segments;
  const name = first?.name ?? '';
  if (call.segments[1]?.name === '$count' && call.segments.length === 2 && !first?.keys) return countSegment(call, name);
  if (name === 'applications') return routeApplications(call, call.segments);
  if (name === 'servicePrincipals') return routeServicePrincipals(call, call.segments);
  if (name === 'oauth2PermissionGrants') return routeGrants(call, call.segments);
  if (name === '$batch' && call.segments.length === 1 && call.method === 'POST') return runBatch(call, runInner);
  // Graph's wording for an unknown segment; the emulator cannot tell unknown from unmodelled.
  return unmodelled(`Resource not found for the segment '${name}'.`);
}

/**
 * Replies the routers give for what they do not model: "Resource not found for the segment" and
 * 405 (Graph may support the method). Flagged so the request log shows them (UNCONFIRMED wording).
 */
function flagFallbacks(reply: Reply): Reply {
  const msg = (reply.body as Partial<GraphErrorBody> | undefined)?.error?.message ?? '';
  if (reply.status === 405 || (reply.status === 400 && msg.startsWith('Resource not found for the segment'))) return { ...reply, unmodelled: true };
  return reply;
}

/** Runs one call (HTTP or $batch member) and turns thrown Graph errors into replies. */
function execute(env: GraphEnv, caller: IssuedToken, method: string, relativeUrl: string, headers: Record<string, string | undefined>, rawBody: Buffer | unknown, inner: boolean): Reply {
  const runInner = (m: string, u: string, h: Record<string, string | undefined>, b: unknown): Reply => {
    const fault = env.faults.take('graph', m, safeDecode(`/v1.0${u}`), true);
    if (fault !== undefined && typeof fault !== 'string') return decorate(fault, guid(), h['client-request-id']);
    return decorate(execute(env, caller, m, u, h, b, true), guid(), h['client-request-id']);
  };
  try {
    const q = relativeUrl.indexOf('?');
    const path = safeDecode(q < 0 ? relativeUrl : relativeUrl.slice(0, q));
    const query = new TrackedQuery(q < 0 ? '' : relativeUrl.slice(q + 1));
    if (inner && parsePath(path)[0]?.name === '$batch') return fail(400, 'BadRequest', 'Nested batch requests are not supported.');
    checkOptionNames(query);
    const call: GraphCall = { env, caller, method, segments: parsePath(path), query, headers, rawBody, relativeUrl };
    return flagFallbacks(refuseUnread(query, selectDirectoryObjects(query, route(call, runInner))));
  } catch (err) {
    if (err instanceof GraphFailure) return flagFallbacks(err.reply);
    throw err;
  }
}

/** Adds request-id/client-request-id (echoing the caller's) and completes Graph error bodies. */
function decorate(reply: Reply, requestId: string, clientRequestId: string | undefined): Reply {
  const crid = clientRequestId ?? requestId;
  const headers: Record<string, string> = { ...reply.headers, 'request-id': requestId, 'client-request-id': crid };
  const body = reply.body as Partial<GraphErrorBody> | undefined;
  if (body?.error && typeof body.error === 'object') {
    body.error.innerError = { ...body.error.innerError, date: body.error.innerError?.date ?? new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': crid };
  }
  if (reply.body !== undefined && reply.status !== 204 && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = body?.error ? 'application/json' : JSON_TYPE;
  }
  if (reply.status < 400) headers['OData-Version'] = '4.0';
  return { ...reply, headers };
}

export function graphHandler(env: GraphEnv): Handler {
  return (req: InboundRequest): Reply => {
    const m = /^\/v1\.0(\/.*)?$/.exec(req.pathname);
    if (!m) {
      // Graph's answer for an unknown version; beta is real but not modelled, hence flagged.
      const version = req.pathname.split('/')[1] ?? '';
      return { ...graphError(400, 'BadRequest', `Invalid version: ${version}`), unmodelled: true };
    }
    const caller = authenticate(env, req.headers);
    if (!('appId' in caller)) return caller;
    const rawRel = req.url.replace(/^\/v1\.0/, '') || '/';
    return execute(env, caller, req.method, rawRel, req.headers, req.body, false);
  };
}

export const graphFinish = (req: InboundRequest, reply: Reply): Reply => decorate(reply, req.requestId, req.headers['client-request-id']);

import type { AppRecord, Directory, IssuedToken, SpRecord } from '../state.ts';
import type { FaultSource } from '../types.ts';
import { badRequest, denied, fail, notFound } from './errors.ts';
import type { Segment } from './odata.ts';

export interface GraphEnv {
  dir: Directory;
  /** Graph base URL without /v1.0, e.g. https://127.0.0.1:4443 */
  baseUrl: () => string;
  faults: FaultSource;
}

/** One Graph call, from HTTP or from inside a $batch. */
export interface GraphCall {
  env: GraphEnv;
  caller: IssuedToken;
  method: string;
  /** Segments after /v1.0. */
  segments: Segment[];
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  rawBody: Buffer | unknown;
  /** Path+query after /v1.0 as the caller sent it (for nextLink). */
  relativeUrl: string;
}

export function jsonBody(call: GraphCall): unknown {
  const b = call.rawBody;
  if (!Buffer.isBuffer(b)) return b; // $batch members carry parsed JSON
  if (b.length === 0) return undefined;
  try {
    return JSON.parse(b.toString('utf8')) as unknown;
  } catch {
    return fail(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

export const objectBody = (call: GraphCall): Record<string, unknown> => {
  const b = jsonBody(call);
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return fail(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  return b as Record<string, unknown>;
};

// Permission model (learn.microsoft.com/graph/permissions-reference):
// Application.ReadWrite.OwnedBy may create applications (and becomes their owner), read every
// application and service principal (it is among the permissions learn.microsoft.com/graph/api/application-list
// lists), and write only what it owns (microsoftgraph/microsoft-graph-docs#11114). Application.ReadWrite.All
// (or Directory.ReadWrite.All) may do everything; *.Read.All only read.
const has = (c: IssuedToken, ...roles: string[]): boolean => roles.some((r) => c.roles.includes(r));

export const canWriteAll = (c: IssuedToken): boolean => has(c, 'Application.ReadWrite.All', 'Directory.ReadWrite.All');
export const isOwnedBy = (c: IssuedToken): boolean => has(c, 'Application.ReadWrite.OwnedBy');
export const canReadApps = (c: IssuedToken): boolean =>
  canWriteAll(c) || isOwnedBy(c) || has(c, 'Application.Read.All', 'Directory.Read.All');

export function requireRead(c: IssuedToken): void {
  if (!canReadApps(c)) denied();
}

export function requireRole(c: IssuedToken, ...roles: string[]): void {
  if (!has(c, ...roles)) denied();
}

export function requireWrite(c: IssuedToken, owners: string[]): void {
  if (canWriteAll(c)) return;
  if (isOwnedBy(c) && owners.includes(c.servicePrincipalId)) return;
  denied();
}

export const visible = (rec: { replicatedAtMs: number }): boolean => rec.replicatedAtMs <= Date.now();

/** The application a key segment names, if it exists and has replicated; otherwise the Graph 404. */
export function resolveApp(env: GraphEnv, seg: Segment, next: Segment | undefined): { app: AppRecord; used: number } {
  const { dir } = env;
  if (seg.keys) {
    const k = seg.keys;
    let rec: AppRecord | undefined;
    let label: string;
    if (k.appId !== undefined) {
      label = k.appId;
      rec = dir.appByAppId(k.appId);
    } else if (k.uniqueName !== undefined) {
      label = k.uniqueName;
      rec = dir.appByUniqueName(k.uniqueName);
    } else if (k[''] !== undefined) {
      label = k[''];
      rec = dir.appById(k['']);
    } else {
      return badRequest(`Invalid key for 'applications': ${Object.keys(k).join(',')}.`);
    }
    if (!rec || !visible(rec)) return notFound(label);
    return { app: rec, used: 1 };
  }
  if (!next) return fail(400, 'BadRequest', 'Resource not found for the segment.');
  const rec = dir.appById(next.name);
  if (!rec || !visible(rec)) return notFound(next.name);
  return { app: rec, used: 2 };
}

export function resolveSp(env: GraphEnv, seg: Segment, next: Segment | undefined): { sp: SpRecord; used: number } {
  const { dir } = env;
  let rec: SpRecord | undefined;
  let label: string;
  let used: number;
  if (seg.keys) {
    label = seg.keys.appId ?? seg.keys[''] ?? '';
    rec = seg.keys.appId !== undefined ? dir.spByAppId(seg.keys.appId) : dir.spById(label);
    used = 1;
  } else {
    if (!next) return fail(400, 'BadRequest', 'Resource not found for the segment.');
    label = next.name;
    rec = dir.spById(next.name);
    used = 2;
  }
  if (!rec || !visible(rec)) return notFound(label);
  return { sp: rec, used };
}

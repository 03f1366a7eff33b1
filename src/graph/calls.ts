import { withRetry, type Clock, type RetryLimits, type RetryDecision } from '../retry.ts';
import type { GraphCall, GraphHttp, GraphReply } from './graph-http.ts';
import { GraphRequestError, RESPONSE_CUT_OFF } from './graph-error.ts';

/** What every part of the directory works with: one Graph connection and the run's logging and masking. */
export interface GraphContext {
  readonly http: GraphHttp;
  readonly warn: (message: string) => void;
  /** Called with every new secret value the moment it is parsed, before anything else (core.setSecret). */
  readonly mask: (secret: string) => void;
  readonly clock?: Clock;
  readonly limits?: Partial<RetryLimits>;
}

export interface CallOptions {
  /** The object was created by this run: replication lag is retried. */
  readonly justCreated?: boolean;
}

/** Runs an attempt under the one retry policy, with Graph's idea of which failures are transient. */
export function retrying<T>(context: GraphContext, operation: string, transient: TransientOptions, attempt: () => Promise<T>): Promise<T> {
  const { warn, clock, limits } = context;
  return withRetry({ operation, classify: (error) => classifyGraphError(error, transient), warn, clock, limits }, attempt);
}

/** One Graph request, repeated while its failures are transient. */
export function call<T>(context: GraphContext, request: GraphCall, transient: TransientOptions): Promise<GraphReply<T>> {
  return retrying(context, request.operation, transient, () => context.http.send<T>(request));
}

/** A GET, safe to repeat; `justCreated` also waits out replication of an object this run created. */
export async function read<T>(context: GraphContext, operation: string, path: string, justCreated = false): Promise<T> {
  const reply = await call<T>(context, { operation, method: 'GET', path }, { idempotent: true, justCreated });
  return reply.body as T;
}

export interface TransientOptions {
  /** The request may be repeated even when its first attempt's outcome is unknown (reads, PUT-like writes). */
  readonly idempotent: boolean;
  /**
   * The object was created by this run moments ago: a 404 (and for a service principal, a 403) is
   * Entra's replication lag, not a verdict. Sources:
   * devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra,
   * github.com/hashicorp/terraform-provider-azuread/issues/1811 (404),
   * github.com/hashicorp/terraform-provider-azuread/issues/992 (403).
   */
  readonly justCreated?: boolean;
  readonly replicationStatuses?: readonly number[];
}

/** Which Graph failures are worth another attempt. Everything not listed fails at once. */
export function classifyGraphError(error: unknown, options: TransientOptions): RetryDecision {
  if (!(error instanceof GraphRequestError)) return { retry: false };
  const afterMs = error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000;
  // 429 and 503 are throttling (learn.microsoft.com/graph/throttling); a throttled request was not applied.
  if (error.status === 429) return { retry: true, reason: `throttled (HTTP 429 ${error.code})`, afterMs };
  if (error.status === 409 && error.code === 'Directory_ConcurrencyViolation') {
    return { retry: true, reason: 'concurrent change of the same object (409 Directory_ConcurrencyViolation)', afterMs };
  }
  if (options.justCreated && (options.replicationStatuses ?? [404]).includes(error.status)) {
    return { retry: true, reason: `not yet replicated (HTTP ${error.status} ${error.code})`, afterMs };
  }
  if (error.code === RESPONSE_CUT_OFF) {
    // The answer was lost on the way, as with no response at all.
    return options.idempotent ? { retry: true, reason: `the answer was cut off (HTTP ${error.status})`, afterMs } : { retry: false };
  }
  if (error.status === 503 || error.status === 504 || error.status === 0 || error.status === 502) {
    // The request may have been applied; only idempotent requests are repeated blindly.
    if (!options.idempotent) return { retry: false };
    const what = error.status === 0 ? `no response (${error.code})` : `HTTP ${error.status} ${error.code}`;
    return { retry: true, reason: what, afterMs };
  }
  return { retry: false };
}

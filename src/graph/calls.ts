import { withRetry, type Clock, type RetryLimits } from '../retry.ts';
import type { GraphCall, GraphHttp, GraphReply } from './graph-http.ts';
import { classifyGraphError, type TransientOptions } from './transient.ts';

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

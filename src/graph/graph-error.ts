import { ActionError } from '../errors.ts';

/**
 * A Graph request that failed, with what a user needs to act on it: the operation and object,
 * HTTP status, Graph's error code and message, and the request-id Microsoft support asks for.
 * Graph's error body: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}
 * (learn.microsoft.com/graph/errors); some gateway errors have no body.
 */
export class GraphRequestError extends ActionError {
  readonly status: number;
  readonly code: string;
  readonly graphMessage: string;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** True when the request may or may not have taken effect (no answer, or a gateway error). */
  readonly outcomeUnknown: boolean;

  constructor(init: {
    operation: string;
    status: number;
    code: string;
    message: string;
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
    outcomeUnknown?: boolean;
    hint?: string;
    cause?: unknown;
  }) {
    const statusText = init.status === 0 ? 'no response' : `HTTP ${init.status}`;
    const requestId = init.requestId ? ` (request-id ${init.requestId})` : '';
    super(`Failed to ${init.operation}: ${statusText} ${init.code}: ${init.message}${requestId}`, {
      ...(init.hint === undefined ? {} : { hint: init.hint }),
      ...(init.cause === undefined ? {} : { cause: init.cause }),
    });
    this.name = 'GraphRequestError';
    this.status = init.status;
    this.code = init.code;
    this.graphMessage = init.message;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }
}

/** The code of a reply whose status came but whose body was cut off (outcome unknown). */
export const RESPONSE_CUT_OFF = 'ResponseCutOff';

export function isNotFound(error: unknown): boolean {
  return error instanceof GraphRequestError && error.status === 404;
}

import { GraphRequestError } from '../../src/graph/graph-error.ts';
import { classifyGraphError, type TransientOptions } from '../../src/graph/calls.ts';

function graphError(status: number, code: string, retryAfterSeconds?: number): GraphRequestError {
  return new GraphRequestError({ operation: 'update application obj-1', status, code, message: 'failed', retryAfterSeconds });
}

const READ: TransientOptions = { idempotent: true };
const WRITE: TransientOptions = { idempotent: false };
const JUST_CREATED: TransientOptions = { idempotent: true, justCreated: true };
const NEW_SERVICE_PRINCIPAL: TransientOptions = { idempotent: false, justCreated: true, replicationStatuses: [403, 404] };

describe('classifyGraphError', () => {
  test.each<[string, GraphRequestError, TransientOptions, string]>([
    ['429 throttled', graphError(429, 'TooManyRequests'), READ, 'throttled (HTTP 429 TooManyRequests)'],
    ['429 throttled, even for a write that is not idempotent', graphError(429, 'TooManyRequests'), WRITE, 'throttled'],
    ['503 on a read', graphError(503, 'ServiceUnavailable'), READ, 'HTTP 503 ServiceUnavailable'],
    ['504 on a read', graphError(504, 'GatewayTimeout'), READ, 'HTTP 504 GatewayTimeout'],
    ['502 on a read', graphError(502, 'BadGateway'), READ, 'HTTP 502 BadGateway'],
    ['no response (status 0) on a read', graphError(0, 'ECONNRESET'), READ, 'no response (ECONNRESET)'],
    ['409 Directory_ConcurrencyViolation', graphError(409, 'Directory_ConcurrencyViolation'), WRITE, '409 Directory_ConcurrencyViolation'],
    ['404 of an object created moments ago', graphError(404, 'Request_ResourceNotFound'), JUST_CREATED, 'not yet replicated (HTTP 404 Request_ResourceNotFound)'],
    ['403 when creating the service principal of a new application', graphError(403, 'Authorization_RequestDenied'), NEW_SERVICE_PRINCIPAL, 'not yet replicated (HTTP 403'],
    ['404 when creating the service principal of a new application', graphError(404, 'Request_ResourceNotFound'), NEW_SERVICE_PRINCIPAL, 'not yet replicated (HTTP 404'],
  ])('retries %s', (_case, error, options, reason) => {
    const decision = classifyGraphError(error, options);
    expect(decision.retry).toBe(true);
    expect(decision.retry && decision.reason).toContain(reason);
  });

  test.each<[string, unknown, TransientOptions]>([
    ['400 Bad Request', graphError(400, 'Request_BadRequest'), READ],
    ['401 Unauthorized', graphError(401, 'InvalidAuthenticationToken'), READ],
    ['403 Forbidden', graphError(403, 'Authorization_RequestDenied'), READ],
    ['403 of an object created moments ago, without replicationStatuses', graphError(403, 'Authorization_RequestDenied'), JUST_CREATED],
    ['404 of an object not created by this run', graphError(404, 'Request_ResourceNotFound'), READ],
    ['404 with replicationStatuses but not justCreated', graphError(404, 'Request_ResourceNotFound'), { idempotent: true, replicationStatuses: [404] }],
    ['409 of another kind', graphError(409, 'Request_MultipleObjectsWithSameKeyValue'), READ],
    ['500 Internal Server Error', graphError(500, 'InternalServerError'), READ],
    ['503 on a write that is not idempotent', graphError(503, 'ServiceUnavailable'), WRITE],
    ['504 on a write that is not idempotent', graphError(504, 'GatewayTimeout'), WRITE],
    ['no response on a write that is not idempotent', graphError(0, 'ETIMEDOUT'), WRITE],
    ['503 on a new object when not idempotent', graphError(503, 'ServiceUnavailable'), NEW_SERVICE_PRINCIPAL],
    ['an error that is not a Graph error', new Error('socket hang up'), READ],
    ['a thrown string', 'boom', READ],
  ])('does not retry %s', (_case, error, options) => {
    expect(classifyGraphError(error, options)).toEqual({ retry: false });
  });

  test.each<[string, GraphRequestError, TransientOptions, number | undefined]>([
    ['429 with Retry-After', graphError(429, 'TooManyRequests', 12), READ, 12_000],
    ['503 with Retry-After', graphError(503, 'ServiceUnavailable', 3), READ, 3_000],
    ['409 with Retry-After', graphError(409, 'Directory_ConcurrencyViolation', 1), READ, 1_000],
    ['429 without Retry-After', graphError(429, 'TooManyRequests'), READ, undefined],
  ])("passes the server's Retry-After on: %s", (_case, error, options, afterMs) => {
    const decision = classifyGraphError(error, options);
    expect(decision).toMatchObject({ retry: true });
    expect(decision.retry && decision.afterMs).toBe(afterMs);
  });
});

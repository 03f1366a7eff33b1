import type { FaultResponse, FaultRule } from '../types.ts';
import { graphError } from './errors.ts';

// Graph's side of fault injection: the error bodies throttle() and serviceUnavailable()
// (emulator/faults.ts) use for Graph, and the Graph-only concurrencyViolation preset.

/**
 * 429 TooManyRequests, as the directory's throttle answers (learn.microsoft.com/answers/questions/1138873:
 * "Too many requests from Identifier:… under category:throttle.aad.ags…").
 */
export const graphThrottled = (headers: Record<string, string>): FaultResponse =>
  graphError(429, 'TooManyRequests', 'Too many requests from Identifier:emulator under category:throttle.aad.ags.applications. Please try again later.', headers);

/** 503 serviceNotAvailable, the code learn.microsoft.com/graph/errors documents for 503. */
export const graphServiceUnavailable = (headers: Record<string, string>): FaultResponse =>
  graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry after the delay in the Retry-After header.', headers);

/**
 * 409 Directory_ConcurrencyViolation: writes to one object in quick succession can hit it, e.g. an
 * addPassword (nais/azurerator#448; Azure/azure-cli#23081, where the same error came as a 503); clients
 * retry after a short wait. Graph's message in those reports is "Error due to concurrent requests being
 * made to the tenant. Please wait briefly and retry."; the emulator sends its own text, so clients must
 * go by the code. How close together writes must be to hit it is UNCONFIRMED: the emulator answers
 * Directory_ConcurrencyViolation only when a test injects this preset.
 */
export function concurrencyViolation(pathRegex: string, times = 1): FaultRule {
  return {
    service: 'graph',
    path: pathRegex,
    times,
    response: graphError(409, 'Directory_ConcurrencyViolation', 'Another update operation is in progress on the same object. Please retry the operation.'),
  };
}

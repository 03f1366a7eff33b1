import type { ClientAssertionCredentialOptions } from '@azure/identity';
import { BodyCutOff, NoAnswer, send, type HttpRequest } from '../http/https.ts';
import { pipelineResponse } from './prefetch-policy.ts';

// The pipeline types, taken from @azure/identity's own options rather than imported from
// @azure/core-rest-pipeline, which is not one of the action's dependencies.
type HttpClient = NonNullable<ClientAssertionCredentialOptions['httpClient']>;
type PipelineRequest = Parameters<HttpClient['sendRequest']>[0];

/**
 * The HTTP client of @azure/identity's pipeline (learn.microsoft.com/javascript/api/@azure/core-client/
 * commonclientoptions#@azure-core-client-commonclientoptions-httpclient): the pipeline's policies
 * (retries, logging, redirects) stay, only the last hop is the action's own transport. So identity's
 * requests share the keep-alive connections of the action's other requests to the same host (the
 * metadata read on a custom authority host, the later check of a new secret), and the entry point
 * learns when the token request has left (`onSent`), the moment to load the rest of the action.
 */
export function identityHttpClient(onSent?: () => void): HttpClient {
  return {
    async sendRequest(request) {
      try {
        return pipelineResponse(request, await send(httpRequest(request, onSent)));
      } catch (error) {
        throw asRestError(error, request);
      }
    },
  };
}

/**
 * A failure without an answer as the default client reports it: a RestError with the system error
 * code, which the pipeline's retry policy retries for ECONNRESET, ETIMEDOUT, ECONNREFUSED and
 * ENOTFOUND (@typespec/ts-http-runtime src/retryStrategies/exponentialRetryStrategy.ts, isSystemError)
 * and passes on at once otherwise (src/policies/retryPolicy.ts). `isRestError` accepts the name
 * (src/restError.ts). A body cut off counts as a reset connection, a timeout as ETIMEDOUT: repeating
 * a token request only mints another token.
 */
function asRestError(error: unknown, request: PipelineRequest): unknown {
  if (!(error instanceof NoAnswer) && !(error instanceof BodyCutOff)) return error;
  const code = error instanceof BodyCutOff ? 'ECONNRESET' : error.code === 'Timeout' ? 'ETIMEDOUT' : error.code;
  if (code === 'Aborted') return error;
  return Object.assign(new Error(`${code}: ${error.message}`, { cause: error }), { name: 'RestError', code, request });
}

function httpRequest(request: PipelineRequest, onSent: (() => void) | undefined): HttpRequest {
  if (request.body !== undefined && request.body !== null && typeof request.body !== 'string') {
    throw new Error(`unsupported request body for ${request.method} ${request.url}: the action sends only text`);
  }
  const headers = request.headers.toJSON();
  // decompressResponsePolicy asks for gzip; this client reads the body as it comes, so it asks for none
  // (toJSON gives the names lower-cased).
  delete headers['accept-encoding'];
  return {
    method: request.method as HttpRequest['method'],
    url: request.url,
    headers,
    body: request.body ?? undefined,
    timeoutMs: request.timeout > 0 ? request.timeout : undefined,
    signal: request.abortSignal as AbortSignal | undefined,
    onSent,
  };
}

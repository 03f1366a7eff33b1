import type { ClientAssertionCredentialOptions } from '@azure/identity';
import { send, type HttpRequest } from '../http/https.ts';
import { pipelineResponse } from './prefetch-policy.ts';

// The pipeline types, taken from @azure/identity's own options rather than imported from
// @azure/core-rest-pipeline, which is not one of the action's dependencies.
type HttpClient = NonNullable<ClientAssertionCredentialOptions['httpClient']>;
type PipelineRequest = Parameters<HttpClient['sendRequest']>[0];

/**
 * The HTTP client of @azure/identity's pipeline (learn.microsoft.com/javascript/api/@azure/core-client/
 * commonclientoptions#@azure-core-client-commonclientoptions-httpclient): the pipeline's policies
 * (retries, logging, redirects) stay, only the last hop is the action's own transport. So the token
 * request reuses the connection the metadata read opened, and the entry point learns when it has
 * left (`onSent`), the moment to load the rest of the action while it travels.
 */
export function identityHttpClient(onSent?: () => void): HttpClient {
  return { sendRequest: async (request) => pipelineResponse(request, await send(httpRequest(request, onSent))) };
}

/**
 * Proxies are the one thing the default client does that this one does not (@azure/core-rest-pipeline
 * proxyPolicy reads HTTPS_PROXY, ALL_PROXY and HTTP_PROXY, either case): with one set, identity keeps
 * its own client.
 */
export function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return ['HTTPS_PROXY', 'ALL_PROXY', 'HTTP_PROXY'].some((name) => env[name] || env[name.toLowerCase()]);
}

function httpRequest(request: PipelineRequest, onSent: (() => void) | undefined): HttpRequest {
  if (request.body !== undefined && request.body !== null && typeof request.body !== 'string') {
    throw new Error(`unsupported request body for ${request.method} ${request.url}: the action sends only text`);
  }
  const headers = request.headers.toJSON();
  // decompressResponsePolicy asks for gzip; this client reads the body as it comes, so it asks for none.
  delete headers['accept-encoding'];
  delete headers['Accept-Encoding'];
  return {
    method: request.method as HttpRequest['method'],
    url: request.url,
    headers,
    body: request.body ?? undefined,
    timeoutMs: request.timeout > 0 ? request.timeout : 30_000,
    signal: request.abortSignal as AbortSignal | undefined,
    onSent,
  };
}

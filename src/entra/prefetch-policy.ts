import type { ClientAssertionCredentialOptions } from '@azure/identity';
import type { HttpReply } from '../http/https.ts';
import type { Prefetch } from './early-requests.ts';

// The pipeline types, taken from @azure/identity's own options rather than imported from
// @azure/core-rest-pipeline, which is not one of the action's dependencies.
type PolicyConfig = NonNullable<ClientAssertionCredentialOptions['additionalPolicies']>[number];
type Policy = PolicyConfig['policy'];
type PipelineRequest = Parameters<Policy['sendRequest']>[0];
type PipelineResponse = Awaited<ReturnType<Policy['sendRequest']>>;
type HttpHeaders = PipelineResponse['headers'];

/**
 * A policy for @azure/identity's HTTP pipeline that answers the first GET of the prefetched URL with
 * the prefetched answer, so MSAL's read of the authority metadata costs no round trip of its own. Any
 * other request, a second read, or a prefetch that failed goes to the network as before. A per-call
 * policy runs before the retry and logging policies and the HTTP client
 * (learn.microsoft.com/javascript/api/@azure/core-client/additionalpolicyconfig; @azure/core-rest-pipeline
 * src/pipeline.ts, the phase order).
 */
export function prefetchPolicy(prefetch: Prefetch): PolicyConfig {
  let taken = false;
  const policy: Policy = {
    name: 'intrexxPrefetchedAnswer',
    async sendRequest(request, next) {
      if (taken || request.method !== 'GET' || request.url.toLowerCase() !== prefetch.url.toLowerCase()) return next(request);
      taken = true;
      const reply = await prefetch.reply;
      return reply ? pipelineResponse(request, reply) : next(request);
    },
  };
  return { policy, position: 'perCall' };
}

/** A reply of the action's transport as the pipeline's response. */
export function pipelineResponse(request: PipelineRequest, reply: HttpReply): PipelineResponse {
  return { request, status: reply.status, headers: headersOf(reply.headers.entries()), bodyAsText: reply.text };
}

/** @azure/core-rest-pipeline's HttpHeaders over a reply's headers (names are case-insensitive). */
function headersOf(entries: [string, string][]): HttpHeaders {
  const map = new Map(entries.map(([name, value]) => [name.toLowerCase(), value]));
  const headers: HttpHeaders = {
    get: (name) => map.get(name.toLowerCase()),
    has: (name) => map.has(name.toLowerCase()),
    set: (name, value) => void map.set(name.toLowerCase(), String(value)),
    delete: (name) => void map.delete(name.toLowerCase()),
    toJSON: () => Object.fromEntries(map),
    [Symbol.iterator]: () => map.entries(),
  };
  return headers;
}

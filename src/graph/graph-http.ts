import { AuthenticationHandler, Client, HTTPMessageHandler, RedirectHandler, ResponseType, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { causeChain } from '../errors.ts';
import { GraphRequestError, RESPONSE_CUT_OFF } from './graph-error.ts';
import { AnswerTooLarge, readBodyText } from './read-body.ts';

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphCall {
  /** What the call does, in the user's words, for error messages: "read application 'x'". */
  readonly operation: string;
  readonly method: GraphMethod;
  /** Path below /v1.0 with an already percent-encoded query, e.g. "/applications?$filter=…". */
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GraphReply<T> {
  readonly status: number;
  readonly body: T | undefined;
}

/** What one member of a $batch came to: its reply, or the error `send` would have thrown for it. */
export type BatchOutcome<T> = GraphReply<T> | GraphRequestError;

/** One outcome per call, in the calls' order, each typed with the body its call is declared to return. */
export type BatchOutcomes<Bodies extends readonly unknown[]> = { -readonly [K in keyof Bodies]: BatchOutcome<Bodies[K]> };

/** The calls of a $batch, one per declared body type. */
export type BatchCalls<Bodies extends readonly unknown[]> = { readonly [K in keyof Bodies]: GraphCall };

export interface BatchOptions {
  /** Each request waits for the one before it (dependsOn), e.g. several writes to one object. */
  readonly sequential?: boolean;
}

/** One HTTP exchange with Microsoft Graph; throws GraphRequestError for anything but 2xx. */
export interface GraphHttp {
  send<T>(call: GraphCall): Promise<GraphReply<T>>;
  /**
   * Sends up to 20 calls in one JSON batch round trip; each answer is a reply or the error it would
   * have thrown. Bodies names the body type of each call's reply, like send's T:
   * `batch<[Application, GraphPage<Application>]>([byKey, byName])` resolves to a pair.
   */
  batch<Bodies extends readonly unknown[]>(calls: BatchCalls<Bodies>, options?: BatchOptions): Promise<BatchOutcomes<Bodies>>;
}

/** How long one Graph request may take before it counts as unanswered (fetch itself waits minutes). */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Graph over the official client and its own middleware: authentication, redirects, telemetry and the
 * HTTP call (Node's fetch), all of them but its RetryHandler. That handler repeats POSTs such as
 * addPassword with the same body on 429/503/504, which can mint a secret whose value is lost: in the
 * client 3.0.7 (github.com/microsoftgraph/msgraph-sdk-javascript, src/middleware/RetryHandler.ts),
 * isBuffered() holds for every POST/PATCH/PUT that is not application/octet-stream. Retries live in
 * ../retry.ts, where each caller decides what is safe to repeat (passwords.ts gives every addPassword
 * attempt a marker of its own, so an attempt whose answer was lost can be found and removed).
 */
export function createGraphHttp(graphEndpoint: string, getAccessToken: () => Promise<string>): GraphHttp {
  const chain = [new AuthenticationHandler({ getAccessToken }), new RedirectHandler(), new TelemetryHandler(), new HTTPMessageHandler()];
  const client = Client.initWithMiddleware({
    baseUrl: graphEndpoint,
    defaultVersion: 'v1.0',
    middleware: chain,
    // The token goes only to Graph's own hosts and these (the client's AuthenticationHandler compares
    // host names without port: src/GraphRequestUtil.ts, isCustomHost).
    customHosts: new Set([new URL(graphEndpoint).hostname]),
  });

  const send = async <T>(call: GraphCall): Promise<GraphReply<T>> => {
    let request = client
      .api(call.path)
      .responseType(ResponseType.RAW)
      // fetch options pass through (src/GraphRequest.ts, options); typed there as strings and numbers only.
      .options({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) } as unknown as Record<string, string>);
    for (const [name, value] of Object.entries(call.headers ?? {})) request = request.header(name, value);
    let response: Response;
    try {
      response = (await dispatch(request, call)) as Response;
    } catch (error) {
      throw networkError(call, error);
    }
    let text: string;
    try {
      // Read up to a cap (read-body.ts): an answer larger than any of Graph's is refused, not buffered.
      text = await readBodyText(response);
    } catch (error) {
      if (error instanceof AnswerTooLarge) throw tooLarge(call, response, error);
      // The status line came, the body did not (the connection ended mid-body). The request may have taken effect.
      throw cutOff(call, response, causeText(error));
    }
    const body = jsonOrText(text);
    if (!response.ok) throw replyError(call, response.status, body, response.headers);
    // A 2xx whose JSON does not parse was cut off too: the only copy of a new secret would be lost in it.
    if (typeof body === 'string' && /json/i.test(response.headers.get('content-type') ?? '')) throw cutOff(call, response, 'the JSON body ended early');
    return { status: response.status, body: body as T | undefined };
  };

  const batch = async <Bodies extends readonly unknown[]>(batchCalls: BatchCalls<Bodies>, options: BatchOptions = {}): Promise<BatchOutcomes<Bodies>> => {
    const calls: readonly GraphCall[] = batchCalls;
    // Graph runs batched requests in any order unless each depends on the one before
    // (learn.microsoft.com/graph/json-batching).
    const requests = calls.map((call, index) => ({
      id: String(index + 1),
      method: call.method,
      url: call.path,
      ...(options.sequential && index > 0 ? { dependsOn: [String(index)] } : {}),
      ...(call.body === undefined ? {} : { body: call.body }),
      headers: { ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...call.headers },
    }));
    const reply = await send<{ responses: BatchResponse[] }>({
      operation: calls.map((c) => c.operation).join(' and '),
      method: 'POST',
      path: '/$batch',
      body: { requests },
    });
    const responses = reply.body?.responses ?? [];
    const outcomes = calls.map((call, index): BatchOutcome<unknown> => {
      const answer = responses.find((r) => r.id === String(index + 1));
      if (!answer) {
        return new GraphRequestError({ operation: call.operation, status: 0, code: 'BatchResponseMissing', message: 'the $batch answer had no response for this request', outcomeUnknown: true });
      }
      if (answer.status >= 200 && answer.status < 300) return { status: answer.status, body: answer.body };
      return replyError(call, answer.status, answer.body, new Headers(answer.headers ?? {}));
    });
    // The one unchecked step, as in send: each body is taken to be of the type its caller declared.
    return outcomes as BatchOutcomes<Bodies>;
  };

  return { send, batch };
}

interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

type PendingRequest = ReturnType<Client['api']>;

function dispatch(request: PendingRequest, call: GraphCall): Promise<unknown> {
  switch (call.method) {
    case 'GET':
      return request.get();
    case 'POST':
      return request.post(call.body ?? {});
    case 'PATCH':
      return request.patch(call.body ?? {});
    case 'DELETE':
      return request.delete();
  }
}

function replyError(call: GraphCall, status: number, body: unknown, headers: Headers): GraphRequestError {
  const error = (body as { error?: { code?: string; message?: string; innerError?: Record<string, string> } } | undefined)?.error;
  const retryAfter = Number(headers.get('retry-after'));
  return new GraphRequestError({
    operation: call.operation,
    status,
    code: error?.code ?? `HTTP${status}`,
    message: error?.message ?? (typeof body === 'string' && body !== '' ? body.slice(0, 300) : 'no error body'),
    requestId: headers.get('request-id') ?? error?.innerError?.['request-id'],
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    // A gateway error can come after the service applied the request.
    outcomeUnknown: status >= 500,
  });
}

/** A reply whose body was cut off: its outcome is unknown, like a request without an answer. */
function cutOff(call: GraphCall, response: Response, detail: string): GraphRequestError {
  return new GraphRequestError({
    operation: call.operation,
    status: response.status,
    code: RESPONSE_CUT_OFF,
    message: `the answer's body was cut off (${detail})`,
    requestId: response.headers.get('request-id') ?? undefined,
    outcomeUnknown: true,
  });
}

/** An answer past the cap: not read, so, as with no answer, a write may have taken effect. */
function tooLarge(call: GraphCall, response: Response, error: AnswerTooLarge): GraphRequestError {
  return new GraphRequestError({
    operation: call.operation,
    status: response.status,
    code: 'AnswerTooLarge',
    message: error.message,
    requestId: response.headers.get('request-id') ?? undefined,
    outcomeUnknown: true,
    hint: 'Check that graph-endpoint (or the cloud\'s Graph host) is Microsoft Graph and that no proxy between the runner and it alters answers.',
  });
}

/**
 * No answer: the client turns fetch's error into a GraphError with statusCode -1, code = the error's
 * name and its message (src/GraphErrorHandler.ts, constructError), e.g. TypeError "fetch failed" or
 * TimeoutError. The request may have taken effect.
 */
function networkError(call: GraphCall, error: unknown): GraphRequestError {
  if (error instanceof GraphRequestError) return error;
  const code = (error as { code?: string | null }).code ?? 'NetworkError';
  return new GraphRequestError({
    operation: call.operation,
    status: 0,
    code,
    message: causeText(error),
    outcomeUnknown: true,
    hint: 'Check that graph-endpoint (or the cloud\'s Graph host) is reachable from the runner; behind a proxy set HTTPS_PROXY, NO_PROXY and NODE_USE_ENV_PROXY=1 (Node\'s fetch, nodejs.org/api/http.html#built-in-proxy-support).',
  });
}

/** An error's message with its causes' (fetch puts the network's code in its cause). */
function causeText(error: unknown): string {
  const parts = causeChain(error).map((e) => {
    const { message, code } = (e ?? {}) as { message?: unknown; code?: unknown };
    return [typeof code === 'string' ? code : '', typeof message === 'string' ? message : ''].filter(Boolean).join(' ');
  });
  return [...new Set(parts.filter(Boolean))].join(': ') || String(error);
}

/** An answer's body as JSON, or as the text it is when it does not parse; undefined when empty. */
export function jsonOrText(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

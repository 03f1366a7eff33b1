import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { BodyCutOff, send, type HttpRequest, type ReplyHeaders } from '../http/https.ts';

/** The Graph client's middleware chain (graph-http.ts): the token, then the HTTP call. */

/** The parts of an answer `send` reads; what HttpsHandler hands the client as its raw response. */
export interface RawResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: ReplyHeaders;
  text(): Promise<string>;
}

/**
 * The client's AuthenticationHandler, minus its header helpers: those test `request instanceof
 * Request` (msgraph-sdk-javascript src/middleware/MiddlewareUtil.ts), and touching the global Request
 * loads Node's fetch implementation (../http/https.ts). Like that handler, it attaches the token
 * only to https URLs on the Graph host (src/middleware/AuthenticationHandler.ts, isGraphURL and
 * isCustomHost), so a URL from an answer never carries it elsewhere.
 */
export class BearerToken implements Middleware {
  private next: Middleware | undefined;
  private readonly host: string;
  private readonly getAccessToken: () => Promise<string>;
  constructor(host: string, getAccessToken: () => Promise<string>) {
    this.host = host;
    this.getAccessToken = getAccessToken;
  }

  async execute(context: Context): Promise<void> {
    const url = new URL(String(context.request));
    if (url.protocol === 'https:' && url.host === this.host) {
      const options = (context.options ??= {});
      options.headers = { ...(options.headers as Record<string, string> | undefined), Authorization: `Bearer ${await this.getAccessToken()}` };
    }
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * The client's HTTPMessageHandler over node:https instead of fetch. A failed connection keeps its
 * cause (the client wraps a thrown error into a GraphError that keeps only name and message), and a
 * body cut off after the status line becomes a response whose text() rejects, as fetch's would.
 */
export class HttpsHandler implements Middleware {
  async execute(context: Context): Promise<void> {
    const options = context.options ?? {};
    if (options.body !== undefined && options.body !== null && typeof options.body !== 'string') {
      throw new Error(`unsupported request body for ${String(options.method)} ${String(context.request)}: the action sends only JSON text`);
    }
    const request: HttpRequest = {
      method: (options.method ?? 'GET') as HttpRequest['method'],
      url: String(context.request),
      headers: options.headers as Record<string, string> | undefined,
      body: options.body ?? undefined,
      signal: options.signal ?? undefined,
    };
    let response: RawResponse;
    try {
      const reply = await send(request);
      response = { ok: reply.status >= 200 && reply.status < 300, status: reply.status, headers: reply.headers, text: () => Promise.resolve(reply.text) };
    } catch (error) {
      if (!(error instanceof BodyCutOff)) throw error;
      response = { ok: error.status >= 200 && error.status < 300, status: error.status, headers: error.headers, text: () => Promise.reject(error) };
    }
    context.response = response as unknown as Response;
  }
}

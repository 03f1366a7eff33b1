import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

/**
 * One HTTP exchange over node:https, the transport of every request the action makes itself (the
 * OIDC token, Graph, the secret check). Not the global fetch: its first call loads Node's bundled
 * undici and compiles its llhttp WebAssembly, and merely touching one of the globals Request,
 * Response or Headers does the first part (nodejs.org/api/globals.html#fetch: they come from undici;
 * Node defines them as lazily loaded getters, lib/internal/bootstrap/web/exposed-window-or-worker.js).
 * That costs tens of milliseconds before the first request and after the last (`npm run bench`).
 */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Gives up (a Timeout error) when the whole answer has not arrived by then; 30 s unless given. */
  readonly timeoutMs?: number;
  /** Also gives up when this aborts, e.g. the Graph client's signal. */
  readonly signal?: AbortSignal;
  /** Called once the request has been handed to the network, to start work that may wait until then. */
  readonly onSent?: () => void;
}

/** An answer read to its end. */
export interface HttpReply {
  readonly status: number;
  readonly headers: ReplyHeaders;
  readonly text: string;
}

/** Response headers by case-insensitive name, as fetch's Headers.get answers them. */
export class ReplyHeaders {
  private readonly raw: IncomingHttpHeaders;
  constructor(raw: IncomingHttpHeaders | Readonly<Record<string, string>>) {
    this.raw = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name.toLowerCase(), value]));
  }

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** Every header with a lower-case name, as @azure/core-rest-pipeline's HttpHeaders.toJSON gives them. */
  entries(): [string, string][] {
    return Object.keys(this.raw).map((name) => [name, this.get(name) ?? '']);
  }
}

/** No answer came: the connection failed, was reset, or the time ran out. The request may have taken effect. */
export class NoAnswer extends Error {
  /** The system error code (ECONNRESET, ENOTFOUND, CERT_HAS_EXPIRED …), 'Timeout' or 'Aborted'. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = code === 'Timeout' ? 'Timeout' : 'NetworkError';
    this.code = code;
  }
}

/** The status line and headers came, the body did not arrive whole. The request may have taken effect. */
export class BodyCutOff extends Error {
  readonly status: number;
  readonly headers: ReplyHeaders;
  /** How it ended: 'the connection ended mid-body', 'timed out', 'the caller gave up'. */
  readonly detail: string;
  constructor(status: number, headers: ReplyHeaders, detail: string) {
    super(`the body of the HTTP ${status} answer was cut off (${detail})`);
    this.name = 'BodyCutOff';
    this.status = status;
    this.headers = headers;
    this.detail = detail;
  }
}

// Node's global agent: keep-alive since Node 19, so one run's many calls to a host share a connection,
// and idle sockets do not hold the process open (nodejs.org/api/http.html#class-httpagent). It is also
// the agent Node points at a proxy when NODE_USE_ENV_PROXY=1 is set with HTTPS_PROXY and NO_PROXY
// (nodejs.org/api/http.html#built-in-proxy-support; Node 24.5.0 and later, nodejs/node#58980), the way to
// run the action behind one.

/** Sends one request and reads the whole answer; throws NoAnswer or BodyCutOff, never for an HTTP status. */
export function send(req: HttpRequest): Promise<HttpReply> {
  return new Promise<HttpReply>((resolve, reject) => {
    const url = new URL(req.url);
    // Every endpoint the action accepts is https (src/settings/endpoints.ts); plain http only reaches a
    // test server on this machine, so a token never travels in clear text.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
      throw new TypeError(`refusing to send ${req.method} ${url.origin}: only https, or http to this machine`);
    }
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const timeout = AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
    const gaveUp = (): string | undefined => (timeout.aborted ? 'timed out' : signal.aborted ? 'the caller gave up' : undefined);
    const open = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const outgoing = open(url, { method: req.method, headers, signal });
    let answered = false;
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered) reject(noAnswer(error, gaveUp()));
    });
    outgoing.on('finish', () => req.onSent?.());
    outgoing.on('response', (incoming) => {
      answered = true;
      readBody(incoming, gaveUp).then(resolve, reject);
    });
    outgoing.end(req.body);
  });
}

const DEFAULT_TIMEOUT_MS = 30_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Sent unless a caller names itself (GitHub refuses requests without one; the others log it). */
export const USER_AGENT = 'intrexx-entra-registration-action';

function readBody(incoming: IncomingMessage, gaveUp: () => string | undefined): Promise<HttpReply> {
  const status = incoming.statusCode ?? 0;
  const headers = new ReplyHeaders(incoming.headers);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('error', () => undefined); // reported by 'close' below, with the status that came
    incoming.on('close', () => {
      if (incoming.complete) resolve({ status, headers, text: Buffer.concat(chunks).toString('utf8') });
      else reject(new BodyCutOff(status, headers, gaveUp() ?? 'the connection ended mid-body'));
    });
  });
}

/** Why no answer came: the time ran out ('Timeout'), the caller gave up ('Aborted'), or the network's code. */
function noAnswer(error: NodeJS.ErrnoException, gaveUp: string | undefined): NoAnswer {
  if (gaveUp === 'timed out') return new NoAnswer('Timeout', 'no answer in time', { cause: error });
  if (gaveUp) return new NoAnswer('Aborted', `no answer: ${gaveUp}`, { cause: error });
  const code = error.code ?? 'NetworkError';
  return new NoAnswer(code, `${code}: ${error.message}`, { cause: error });
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

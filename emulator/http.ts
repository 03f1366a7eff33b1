import { createServer } from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { guid } from './ids.ts';
import type { TlsMaterial } from './tls.ts';
import type { FaultSource, Handler, InboundRequest, Reply, RequestLogEntry, ServiceName } from './types.ts';

export interface ServiceContext {
  faults: FaultSource;
  log: RequestLogEntry[];
  latencyMs: () => number;
}

export interface RunningService {
  name: ServiceName;
  url: string; // https://127.0.0.1:PORT
  server: Server;
  close(): Promise<void>;
}

/** Decodes percent-escapes leniently (a stray '%' stays as it is). */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function lowerHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function toInbound(service: ServiceName, method: string, url: string, headers: Record<string, string | undefined>, body: Buffer): InboundRequest {
  const qIndex = url.indexOf('?');
  const rawPath = qIndex < 0 ? url : url.slice(0, qIndex);
  const rawQuery = qIndex < 0 ? '' : url.slice(qIndex + 1);
  return { service, method: method.toUpperCase(), url, pathname: safeDecode(rawPath), query: new URLSearchParams(rawQuery), headers, body, requestId: guid() };
}

/** Serialises a Reply: JSON by default, nothing for 204/304. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | undefined;
  if (reply.raw !== undefined) payload = reply.raw;
  else if (reply.body !== undefined && reply.status !== 204 && reply.status !== 304) {
    payload = JSON.stringify(reply.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  else if (reply.status !== 204 && reply.status !== 304) headers['Content-Length'] = '0';
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Sends the status, the headers and half the body, then drops the connection. */
function cutBody(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const payload = reply.raw ?? JSON.stringify(reply.body ?? {});
  res.writeHead(reply.status, { ...reply.headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(payload)) });
  res.write(payload.slice(0, Math.floor(payload.length / 2)));
  setTimeout(() => req.socket.destroy(), 20);
}

/**
 * One HTTPS service on 127.0.0.1 with an ephemeral port. Every request is logged; faults are
 * consulted before the handler; the configured latency is added before every answer. A 'hang'
 * fault leaves the request unanswered with its socket open (status 0 in the log).
 * `finish` lets a service complete replies it did not make itself (fault bodies, for instance).
 */
export async function startService(
  name: ServiceName,
  tls: TlsMaterial,
  ctx: ServiceContext,
  handler: Handler,
  finish: (req: InboundRequest, reply: Reply) => Reply = (_req, r) => r,
): Promise<RunningService> {
  const server = createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, (req, res) => {
    void serve(req, res);
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: RequestLogEntry = { service: name, method, path: url, status: 0, startedAt: new Date(started).toISOString(), durationMs: 0 };
    ctx.log.push(entry);
    const done = (status: number): void => {
      entry.status = status;
      entry.durationMs = Date.now() - started;
    };
    try {
      const fault = ctx.faults.take(name, method, safeDecode(url));
      if (fault === 'reset') {
        done(0);
        req.socket.destroy();
        return;
      }
      const body = await readBody(req);
      if (fault === 'hang') {
        // Received and logged, never answered: the socket is held until the client goes away or
        // close() destroys it (closeAllConnections), so a hung request cannot delay shutdown.
        req.socket.once('close', () => done(0));
        return;
      }
      const inbound = toInbound(name, method, url, lowerHeaders(req), body);
      let reply: Reply;
      if (fault !== undefined && typeof fault !== 'string') reply = finish(inbound, fault);
      else reply = finish(inbound, await handler(inbound));
      const latency = ctx.latencyMs();
      if (latency > 0) await sleep(latency);
      if (fault === 'reset-after') {
        done(0);
        req.socket.destroy();
        return;
      }
      if (fault === 'cut-body') {
        cutBody(req, res, reply);
        done(reply.status);
        return;
      }
      writeReply(res, reply);
      if (reply.unmodelled) entry.unmodelled = true;
      done(reply.status);
    } catch (err) {
      console.error(`[emulator:${name}] ${method} ${url} failed:`, err);
      if (!res.headersSent) writeReply(res, { status: 500, body: { message: 'emulator internal error', detail: String(err) } });
      done(500);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `https://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

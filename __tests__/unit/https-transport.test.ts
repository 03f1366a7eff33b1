/**
 * src/http/https.ts, the action's own transport, against real servers on 127.0.0.1: plain http (the
 * loopback test path) and https with a certificate of the emulator's TLS helper, trusted in-process
 * through tls.setDefaultCACertificates (NODE_EXTRA_CA_CERTS is read only at start-up).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { rm } from 'node:fs/promises';
import type { AddressInfo, Socket } from 'node:net';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { makeTlsMaterial, type TlsMaterial } from '../../emulator/tls.ts';
import { BodyCutOff, NoAnswer, ReplyHeaders, send } from '../../src/http/https.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

/** A server on 127.0.0.1, made when started, whose handler each test sets; it reads the whole request body first. */
function testServer(make: (listener: (req: IncomingMessage, res: ServerResponse) => void) => Server) {
  let handler: Handler = (_req, res) => res.end();
  let server: Server | undefined;
  const connections: Socket[] = [];
  return {
    connections,
    handle(h: Handler) {
      handler = h;
    },
    async start(): Promise<string> {
      const s = make((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => handler(req, res, Buffer.concat(chunks)));
      });
      server = s;
      s.on('connection', (socket: Socket) => connections.push(socket));
      await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
      return String((s.address() as AddressInfo).port);
    },
    async stop(): Promise<void> {
      const s = server;
      if (!s) return;
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes the buffer in pieces cut at the given byte offsets, pausing so that each arrives on its own. */
async function writeInPieces(res: ServerResponse, bytes: Buffer, cuts: number[]): Promise<void> {
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    await new Promise<void>((resolve) => res.write(bytes.subarray(from, to), () => resolve()));
    from = to;
    await sleep(15);
  }
}

describe('send over http (loopback)', () => {
  const http = testServer((listener) => createServer({ keepAlive: true }, listener));
  let base = '';
  beforeAll(async () => {
    base = `http://127.0.0.1:${await http.start()}`;
  });
  afterAll(() => http.stop());

  test('reads status, headers and a body of multi-byte UTF-8 split inside its characters across chunks', async () => {
    const text = 'Grüße aus Köln – 日本語 🙂 end';
    const bytes = Buffer.from(text, 'utf8');
    // Offsets inside 'ü' (2 bytes), '日' (3 bytes) and the emoji (4 bytes).
    const cuts = [bytes.indexOf(Buffer.from('ü')) + 1, bytes.indexOf(Buffer.from('日')) + 2, bytes.indexOf(Buffer.from('🙂')) + 3];
    http.handle((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Request-Id': 'req-1', 'Set-Cookie': ['a=1', 'b=2'] });
      void writeInPieces(res, bytes, cuts).then(() => res.end());
    });

    const reply = await send({ method: 'GET', url: `${base}/words`, timeoutMs: 5_000 });

    expect(reply.status).toBe(201);
    expect(reply.text).toBe(text);
    expect(reply.headers).toBeInstanceOf(ReplyHeaders);
    for (const name of ['x-request-id', 'X-Request-Id', 'X-REQUEST-ID']) expect(reply.headers.get(name)).toBe('req-1');
    expect(reply.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(reply.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(reply.headers.get('retry-after')).toBeNull();
    const entries = Object.fromEntries(reply.headers.entries());
    expect(entries).toMatchObject({ 'x-request-id': 'req-1', 'content-type': 'text/plain; charset=utf-8' });
    expect(Object.keys(entries).every((name) => name === name.toLowerCase())).toBe(true);
  });

  test('a 500 is a reply, not a throw', async () => {
    http.handle((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'retry-after': '7' });
      res.end('{"error":{"code":"InternalServerError"}}');
    });
    const reply = await send({ method: 'GET', url: `${base}/broken`, timeoutMs: 5_000 });
    expect(reply.status).toBe(500);
    expect(reply.text).toBe('{"error":{"code":"InternalServerError"}}');
    expect(reply.headers.get('Retry-After')).toBe('7');
  });

  test('an empty 204 is a reply with empty text', async () => {
    http.handle((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const reply = await send({ method: 'DELETE', url: `${base}/thing`, timeoutMs: 5_000 });
    expect(reply).toMatchObject({ status: 204, text: '' });
  });

  test('a body cut off after the headers is BodyCutOff, with the status and headers that came', async () => {
    const body = JSON.stringify({ keyId: 'k1', secretText: 'the-only-copy-of-the-secret' });
    http.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length), 'request-id': 'req-cut' });
      res.write(body.slice(0, 20), () => setTimeout(() => res.socket?.destroy(), 10));
    });

    const error: unknown = await send({ method: 'POST', url: `${base}/addPassword`, body: '{}', timeoutMs: 5_000 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BodyCutOff);
    const cut = error as BodyCutOff;
    expect(cut.name).toBe('BodyCutOff');
    expect(cut.status).toBe(200);
    expect(cut.headers.get('Request-Id')).toBe('req-cut');
    expect(cut.message).toContain('HTTP 200');
    // Nothing of the part that came is in the message.
    expect(cut.message).not.toContain('the-only');
  });

  test('a refused connection is NoAnswer with the system error code', async () => {
    const closed = testServer((listener) => createServer(listener));
    const port = await closed.start();
    await closed.stop();

    const error: unknown = await send({ method: 'GET', url: `http://127.0.0.1:${port}/`, timeoutMs: 5_000 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NoAnswer);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', name: 'NetworkError' });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  test('a server that never answers is NoAnswer with code Timeout, once timeoutMs has passed', async () => {
    http.handle(() => undefined); // the request is read, never answered
    const started = performance.now();

    const error: unknown = await send({ method: 'GET', url: `${base}/silent`, timeoutMs: 300 }).catch((e: unknown) => e);

    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(NoAnswer);
    expect(error).toMatchObject({ code: 'Timeout', name: 'Timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3_000);
  });

  test('timeoutMs covers the body too: headers that came and a body that stalls is BodyCutOff', async () => {
    http.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"value":'); // and then nothing
    });
    const started = performance.now();

    const error: unknown = await send({ method: 'GET', url: `${base}/stalls`, timeoutMs: 300 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BodyCutOff);
    expect(error).toMatchObject({ status: 200 });
    expect((error as Error).message).toContain('timed out');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  test("the caller's AbortSignal ends the wait with NoAnswer, long before timeoutMs", async () => {
    http.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('the caller gave up')), 100);
    const started = performance.now();

    const error: unknown = await send({ method: 'GET', url: `${base}/silent`, timeoutMs: 20_000, signal: controller.signal }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NoAnswer);
    // Told apart from a timeout: the caller gave up, the time did not run out.
    expect(error).toMatchObject({ code: 'Aborted', name: 'NetworkError' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test.each(['http://192.0.2.1/x', 'http://example.com/x', 'ftp://127.0.0.1/x'])('%s is refused before anything is sent: only https, or http to this machine', async (url) => {
    await expect(send({ method: 'GET', url, timeoutMs: 1_000, headers: { authorization: 'Bearer t' } })).rejects.toThrow(/only https, or http to this machine/);
  });

  test('a signal aborted before the call is NoAnswer at once, and nothing reaches the server', async () => {
    const seen: string[] = [];
    http.handle((req, res) => {
      seen.push(req.url ?? '');
      res.end();
    });
    const controller = new AbortController();
    controller.abort();

    const error: unknown = await send({ method: 'GET', url: `${base}/never`, timeoutMs: 20_000, signal: controller.signal }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NoAnswer);
    await sleep(50);
    expect(seen).toEqual([]);
  });

  test('onSent fires once, after the request has left and before the answer', async () => {
    const events: string[] = [];
    let release: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => (release = resolve));
    // The server answers only once the client has said it sent: without onSent, the call times out.
    http.handle((_req, res) => {
      events.push('server read the request');
      void sent.then(() => {
        events.push('server answers');
        res.end('ok');
      });
    });

    const reply = await send({
      method: 'POST',
      url: `${base}/sent`,
      body: 'x=1',
      timeoutMs: 3_000,
      onSent: () => {
        events.push('onSent');
        release();
      },
    });
    events.push('reply');

    expect(reply.text).toBe('ok');
    expect(events.filter((e) => e === 'onSent')).toHaveLength(1);
    expect(events.indexOf('onSent')).toBeLessThan(events.indexOf('server answers'));
    expect(events.at(-1)).toBe('reply');
  });

  test('method, path and query, headers, body and its content-length (in bytes) arrive as sent', async () => {
    let received: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: Buffer } = {};
    http.handle((req, res, body) => {
      received = { method: req.method, url: req.url, headers: req.headers, body };
      res.end();
    });
    const body = 'client_id=c&client_secret=Grüße–€&scope=x';

    await send({ method: 'POST', url: `${base}/tenant/oauth2/v2.0/token?x=1&y=%C3%BC`, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Custom': 'v' }, body, timeoutMs: 5_000 });

    expect(received.method).toBe('POST');
    expect(received.url).toBe('/tenant/oauth2/v2.0/token?x=1&y=%C3%BC');
    expect(received.headers?.['content-type']).toBe('application/x-www-form-urlencoded');
    expect(received.headers?.['x-custom']).toBe('v');
    expect(received.headers?.['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(received.headers?.['content-length']).not.toBe(String(body.length));
    expect(received.body?.toString('utf8')).toBe(body);
  });

  test('a GET without a body sends no content-length and no body', async () => {
    let received: { headers?: IncomingMessage['headers']; body?: Buffer } = {};
    http.handle((req, res, body) => {
      received = { headers: req.headers, body };
      res.end();
    });
    await send({ method: 'GET', url: `${base}/plain`, timeoutMs: 5_000 });
    expect(received.headers?.['content-length']).toBeUndefined();
    expect(received.body?.length).toBe(0);
  });
});

describe('send over https', () => {
  let trusted: TlsMaterial;
  let untrusted: TlsMaterial;
  const defaults = getCACertificates('default');
  const good = testServer((listener) => createHttpsServer({ key: trusted.key, cert: trusted.cert, keepAlive: true }, listener));
  const bad = testServer((listener) => createHttpsServer({ key: untrusted.key, cert: untrusted.cert }, listener));
  let goodBase = '';
  let badBase = '';
  beforeAll(async () => {
    [trusted, untrusted] = await Promise.all([makeTlsMaterial(), makeTlsMaterial()]);
    setDefaultCACertificates([...defaults, trusted.cert]);
    goodBase = `https://127.0.0.1:${await good.start()}`;
    badBase = `https://127.0.0.1:${await bad.start()}`;
  });
  afterAll(async () => {
    setDefaultCACertificates(defaults);
    await Promise.all([good.stop(), bad.stop()]);
    await Promise.all([rm(trusted.dir, { recursive: true, force: true }), rm(untrusted.dir, { recursive: true, force: true })]);
  });

  test('reads the answer, and consecutive requests share one keep-alive connection', async () => {
    good.handle((req, res, body) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, body: body.toString('utf8') }));
    });
    const before = good.connections.length;

    const first = await send({ method: 'POST', url: `${goodBase}/one`, body: 'ä', timeoutMs: 5_000 });
    const second = await send({ method: 'GET', url: `${goodBase}/two`, timeoutMs: 5_000 });

    expect(JSON.parse(first.text)).toEqual({ path: '/one', body: 'ä' });
    expect(JSON.parse(second.text)).toEqual({ path: '/two', body: '' });
    expect(good.connections.length - before).toBe(1);
  });

  test('a certificate nobody trusts is NoAnswer with the TLS error code, and nothing is sent', async () => {
    const seen: string[] = [];
    bad.handle((req, res) => {
      seen.push(req.url ?? '');
      res.end();
    });
    const error: unknown = await send({ method: 'POST', url: `${badBase}/token`, body: 'client_secret=s', timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoAnswer);
    expect(error).toMatchObject({ name: 'NetworkError', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(seen).toEqual([]);
  });
});

describe('ReplyHeaders over a plain record (a $batch member\'s headers)', () => {
  test('answers names case-insensitively and lists them in lower case', () => {
    const headers = new ReplyHeaders({ 'Retry-After': '5', 'Content-Type': 'application/json' });
    expect(headers.get('retry-after')).toBe('5');
    expect(headers.get('RETRY-AFTER')).toBe('5');
    expect(headers.get('x-missing')).toBeNull();
    expect(headers.entries()).toEqual([
      ['retry-after', '5'],
      ['content-type', 'application/json'],
    ]);
  });
});

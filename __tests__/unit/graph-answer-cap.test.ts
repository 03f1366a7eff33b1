// An answer of Graph larger than any the action reads is refused, not buffered (src/graph/read-body.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphRequestError } from '../../src/graph/graph-error.ts';
import { createGraphHttp } from '../../src/graph/graph-http.ts';
import { MAX_GRAPH_ANSWER_BYTES, readBodyText } from '../../src/graph/read-body.ts';

const MiB = 1024 * 1024;

describe('GraphHttp stops reading an answer past 16 MiB', () => {
  let server: Server;
  let base = '';
  let mode: 'endless' | 'declared' | 'large-but-fine' = 'endless';
  /** Bytes the server managed to send before the client went away. */
  let sent = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      sent = 0;
      if (mode === 'declared') {
        // Says up front it will be too large.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_GRAPH_ANSWER_BYTES + 1), 'request-id': 'req-big' });
        res.write('{"value":[');
        return;
      }
      if (mode === 'large-but-fine') {
        const body = JSON.stringify({ value: 'x'.repeat(8 * MiB) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        res.end(body);
        return;
      }
      // Chunked and endless: a JSON array that never closes.
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req-endless' });
      res.write('{"value":[');
      const chunk = `${'"aaaaaaaaaaaaaaaa",'.repeat(3449)}`;
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test.each(['endless', 'declared'] as const)('%s: a clear error, the outcome unknown, the connection given up', async (m) => {
    mode = m;
    const http = createGraphHttp(base, async () => 'token');
    const error = await http.send({ operation: "list applications named 'x'", method: 'GET', path: '/applications' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ status: 200, code: 'AnswerTooLarge', outcomeUnknown: true, requestId: m === 'endless' ? 'req-endless' : 'req-big' });
    expect((error as Error).message).toBe(
      "Failed to list applications named 'x': HTTP 200 AnswerTooLarge: the answer is larger than 16 MiB, more than any answer of Graph the action reads" +
        ` (request-id ${m === 'endless' ? 'req-endless' : 'req-big'})`,
    );
    // Not much more than the cap was read (the socket's buffers aside).
    if (m === 'endless') expect(sent).toBeLessThan(MAX_GRAPH_ANSWER_BYTES + 8 * MiB);
  });

  test('an answer below the cap is read whole', async () => {
    mode = 'large-but-fine';
    const http = createGraphHttp(base, async () => 'token');
    const reply = await http.send<{ value: string }>({ operation: 'read', method: 'GET', path: '/applications' });
    expect(reply.body?.value).toHaveLength(8 * MiB);
  });
});

describe('readBodyText', () => {
  const answer = (parts: string[] | Uint8Array[], headers: Record<string, string> = {}) =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (const p of parts) controller.enqueue(typeof p === 'string' ? new TextEncoder().encode(p) : p);
          controller.close();
        },
      }),
      { headers },
    );

  test('decodes UTF-8 split across chunks, as response.text() does', async () => {
    const bytes = new TextEncoder().encode('{"displayName":"Ölprüfung €"}');
    expect(await readBodyText(answer([bytes.slice(0, 17), bytes.slice(17, 19), bytes.slice(19)]))).toBe('{"displayName":"Ölprüfung €"}');
  });

  test('the limit counts bytes: at the limit is fine, one more is not', async () => {
    expect(await readBodyText(answer(['abcd', 'ef']), 6)).toBe('abcdef');
    await expect(readBodyText(answer(['abcd', 'efg']), 6)).rejects.toThrow('larger than');
  });

  test('a Content-Length over the limit fails before reading', async () => {
    await expect(readBodyText(answer(['ab'], { 'content-length': '7' }), 6)).rejects.toThrow('larger than');
  });

  test('no body is an empty text', async () => {
    expect(await readBodyText(new Response(null, { status: 204 }))).toBe('');
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphRequestError, RESPONSE_CUT_OFF } from '../../src/graph/graph-error.ts';
import { createGraphHttp } from '../../src/graph/graph-http.ts';
import type { GraphCall } from '../../src/graph/graph-http.ts';
import { createPasswords } from '../../src/graph/passwords.ts';
import { noContent, ok, testContext } from './graph-fakes.ts';

const END = '2027-01-01T00:00:00Z';
const displayNameOf = (c: GraphCall) => (c.body as { passwordCredential: { displayName: string } }).passwordCredential.displayName;

describe('a 200 whose body is cut off', () => {
  let server: Server;
  let base = '';
  let mode: 'terminated' | 'truncated-json' = 'terminated';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      const body = JSON.stringify({ keyId: 'k1', displayName: 'x', secretText: 'the-only-copy-of-the-secret' });
      const half = body.slice(0, 20);
      if (mode === 'terminated') {
        // Promises the whole body, sends part of it, then drops the connection: undici's "terminated".
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length), 'request-id': 'req-cut' });
        res.write(half, () => res.socket?.destroy());
      } else {
        // A complete HTTP message whose JSON ends early.
        res.writeHead(200, { 'content-type': 'application/json; odata.metadata=minimal', 'content-length': String(half.length) });
        res.end(half);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test.each(['terminated', 'truncated-json'] as const)('%s: GraphHttp reports an unknown outcome', async (m) => {
    mode = m;
    const http = createGraphHttp(base, async () => 'token');
    const error = await http.send({ operation: 'add a client secret to application obj-1', method: 'POST', path: '/applications/obj-1/addPassword', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ status: 200, code: RESPONSE_CUT_OFF, outcomeUnknown: true });
    expect((error as Error).message).toMatch(/cut off/);
    // The cut-off part of the secret is not in the message.
    expect((error as Error).message).not.toContain('the-only');
    if (m === 'terminated') expect((error as GraphRequestError).requestId).toBe('req-cut');
  });

  test('addPassword: the orphan with the attempt marker is removed, then the add is repeated', async () => {
    const attempts: string[] = [];
    const context = testContext((c) => {
      if (c.path.endsWith('/addPassword')) {
        attempts.push(displayNameOf(c));
        if (attempts.length === 1) return new GraphRequestError({ operation: c.operation, status: 200, code: RESPONSE_CUT_OFF, message: "the answer's body was cut off (terminated)", outcomeUnknown: true });
        return ok({ keyId: 'k2', displayName: displayNameOf(c), startDateTime: null, endDateTime: END, hint: 'abc', secretText: 'second' });
      }
      if (c.method === 'GET') return ok({ id: 'obj-1', passwordCredentials: [{ keyId: 'k1', displayName: attempts[0], startDateTime: null, endDateTime: END, hint: 'abc' }] });
      return noContent;
    });
    const added = await createPasswords(context).addPassword('obj-1', 'intrexx', END);
    expect(added.keyId).toBe('k2');
    expect(context.http.requests()).toEqual([
      'POST /applications/obj-1/addPassword',
      'GET /applications/obj-1?$select=id,passwordCredentials',
      'POST /applications/obj-1/removePassword',
      'POST /applications/obj-1/addPassword',
    ]);
    expect(context.http.sent[2]?.body).toEqual({ keyId: 'k1' });
    expect(context.warnings).toEqual([expect.stringContaining('Removing client secret k1'), expect.stringContaining('the answer was cut off (HTTP 200)')]);
    expect(context.masked).toEqual(['second']);
  });

  test('the retry stays bounded', async () => {
    const context = testContext((c) =>
      c.path.endsWith('/addPassword') ? new GraphRequestError({ operation: c.operation, status: 200, code: RESPONSE_CUT_OFF, message: 'cut off', outcomeUnknown: true }) : c.method === 'GET' ? ok({ id: 'obj-1', passwordCredentials: [] }) : noContent,
    );
    await expect(createPasswords(context).addPassword('obj-1', 'intrexx', END)).rejects.toMatchObject({ code: RESPONSE_CUT_OFF });
    expect(context.http.requests().filter((r) => r.endsWith('/addPassword'))).toHaveLength(4);
  });
});

import type { GraphCall } from '../../src/graph/graph-http.ts';
import { createPasswords } from '../../src/graph/passwords.ts';
import type { PasswordCredential } from '../../src/graph/types.ts';
import { graphError, noContent, ok, testContext } from './graph-fakes.ts';

const END = '2027-01-01T00:00:00Z';

const isAdd = (c: GraphCall) => c.path.endsWith('/addPassword');
const isRemove = (c: GraphCall) => c.path.endsWith('/removePassword');

/** The description an addPassword call asked for. */
const displayNameOf = (c: GraphCall) => (c.body as { passwordCredential: { displayName: string } }).passwordCredential.displayName;

function credential(keyId: string, displayName: string): PasswordCredential {
  return { keyId, displayName, startDateTime: null, endDateTime: END, hint: 'abc' };
}

describe('addPassword', () => {
  test('adds a secret whose description carries a marker of the attempt, and masks its value at once', async () => {
    const context = testContext((c) => ok({ ...credential('k1', displayNameOf(c)), secretText: 's3cret' }));
    const added = await createPasswords(context).addPassword('obj-1', 'intrexx', END);
    expect(added.secretText).toBe('s3cret');
    expect(context.masked).toEqual(['s3cret']);
    const [call] = context.http.sent;
    expect(call).toMatchObject({ method: 'POST', path: '/applications/obj-1/addPassword', body: { passwordCredential: { endDateTime: END } } });
    expect(displayNameOf(call as GraphCall)).toMatch(/^intrexx [0-9a-f]{8}$/);
  });

  test('an attempt whose answer was lost is found by its marker and removed before the next attempt', async () => {
    const attempts: string[] = [];
    const context = testContext((c) => {
      if (isAdd(c)) {
        attempts.push(displayNameOf(c));
        return attempts.length === 1 ? graphError(0, 'ECONNRESET', { outcomeUnknown: true }) : ok({ ...credential('k2', displayNameOf(c)), secretText: 'second' });
      }
      if (c.method === 'GET') return ok({ id: 'obj-1', passwordCredentials: [credential('k0', 'intrexx older'), credential('k1', attempts[0] ?? '')] });
      return noContent;
    });
    const added = await createPasswords(context).addPassword('obj-1', 'intrexx', END);
    expect(added.keyId).toBe('k2');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).not.toBe(attempts[1]);
    expect(context.http.requests()).toEqual([
      'POST /applications/obj-1/addPassword',
      'GET /applications/obj-1?$select=id,passwordCredentials',
      'POST /applications/obj-1/removePassword',
      'POST /applications/obj-1/addPassword',
    ]);
    expect(context.http.sent[2]?.body).toEqual({ keyId: 'k1' });
    expect(context.warnings).toEqual([expect.stringContaining('Removing client secret k1'), expect.stringContaining('no response (ECONNRESET)')]);
    expect(context.masked).toEqual(['second']);
  });

  test('an answer without secretText: the secret it made is removed, and the failure is not repeated', async () => {
    let marker = '';
    const context = testContext((c) => {
      if (isAdd(c)) {
        marker = displayNameOf(c);
        return ok(credential('k1', marker));
      }
      if (c.method === 'GET') return ok({ id: 'obj-1', passwordCredentials: [credential('k1', marker)] });
      return noContent;
    });
    await expect(createPasswords(context).addPassword('obj-1', 'intrexx', END)).rejects.toMatchObject({ code: 'NoSecretText', outcomeUnknown: true });
    expect(context.http.requests()).toEqual(['POST /applications/obj-1/addPassword', 'GET /applications/obj-1?$select=id,passwordCredentials', 'POST /applications/obj-1/removePassword']);
    expect(context.masked).toEqual([]);
  });

  test('a refusal is not repeated and leaves nothing to clean up', async () => {
    const context = testContext(() => graphError(403, 'Authorization_RequestDenied'));
    await expect(createPasswords(context).addPassword('obj-1', 'intrexx', END)).rejects.toMatchObject({ status: 403 });
    expect(context.http.requests()).toEqual(['POST /applications/obj-1/addPassword']);
  });
});

describe('removePassword', () => {
  test.each([
    ['404', graphError(404)],
    ['400 about the keyId', graphError(400, 'Request_BadRequest', { message: 'No credential with keyId k1' })],
  ])('a secret already gone (%s) is the goal reached', async (_case, error) => {
    const context = testContext(() => error);
    await expect(createPasswords(context).removePassword('obj-1', 'k1')).resolves.toBeUndefined();
  });

  test('other refusals fail', async () => {
    const context = testContext(() => graphError(403));
    await expect(createPasswords(context).removePassword('obj-1', 'k1')).rejects.toMatchObject({ status: 403 });
  });
});

describe('removePasswords', () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i + 1}`);

  test('a single secret goes without a batch', async () => {
    const context = testContext(() => noContent);
    await createPasswords(context).removePasswords('obj-1', ['k1']);
    expect(context.http.batches).toEqual([]);
    expect(context.http.sent.map((c) => c.body)).toEqual([{ keyId: 'k1' }]);
  });

  test('several go in one sequential batch of at most 20; the rest and the unsettled go one by one', async () => {
    const context = testContext((c) => (isRemove(c) && (c.body as { keyId: string }).keyId === 'k3' && context.http.sent.length === 0 ? graphError(409, 'Conflict') : noContent));
    await createPasswords(context).removePasswords('obj-1', keys(22));
    expect(context.http.batches).toHaveLength(1);
    expect(context.http.batches[0]?.options).toEqual({ sequential: true });
    expect(context.http.batches[0]?.calls.map((c) => c.body)).toEqual(keys(20).map((keyId) => ({ keyId })));
    expect(context.http.sent.map((c) => c.body)).toEqual([{ keyId: 'k3' }, { keyId: 'k21' }, { keyId: 'k22' }]);
  });

  test('a batch without an answer: every secret is removed one by one', async () => {
    const context = testContext(() => noContent);
    context.http.batchFailure = graphError(0, 'ETIMEDOUT', { outcomeUnknown: true });
    await createPasswords(context).removePasswords('obj-1', ['k1', 'k2']);
    expect(context.http.batches).toHaveLength(1);
    expect(context.http.sent.map((c) => c.body)).toEqual([{ keyId: 'k1' }, { keyId: 'k2' }]);
  });
});

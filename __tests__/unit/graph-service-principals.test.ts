import { createServicePrincipals } from '../../src/graph/service-principals.ts';
import { graphError, ok, testContext } from './graph-fakes.ts';

const SP = { id: 'sp-1', appId: 'app-1' };

describe('findServicePrincipal', () => {
  test('reads by appId', async () => {
    const context = testContext(() => ok(SP));
    await expect(createServicePrincipals(context).findServicePrincipal('app-1')).resolves.toEqual(SP);
    expect(context.http.requests()).toEqual(["GET /servicePrincipals(appId='app-1')?$select=id,appId"]);
  });

  test('a 404 means there is none', async () => {
    const context = testContext(() => graphError(404));
    await expect(createServicePrincipals(context).findServicePrincipal('app-1')).resolves.toBeUndefined();
  });
});

describe('createServicePrincipal', () => {
  test('POSTs the appId; 403 and 404 right after the application was created are replication lag', async () => {
    const answers = [graphError(403, 'Authorization_RequestDenied'), graphError(404), ok(SP, 201)];
    const context = testContext(() => answers.shift() ?? graphError(500));
    await expect(createServicePrincipals(context).createServicePrincipal('app-1', { justCreated: true })).resolves.toEqual(SP);
    expect(context.http.sent.map((c) => [c.method, c.path, c.body])).toEqual(Array(3).fill(['POST', '/servicePrincipals', { appId: 'app-1' }]));
  });

  test('a 403 for an application not created by this run fails at once', async () => {
    const context = testContext(() => graphError(403, 'Authorization_RequestDenied'));
    await expect(createServicePrincipals(context).createServicePrincipal('app-1')).rejects.toMatchObject({ status: 403 });
    expect(context.http.sent).toHaveLength(1);
  });

  test.each([
    ['409', graphError(409)],
    ['400 "already exists"', graphError(400, 'Request_BadRequest', { message: 'The service principal already exists' })],
    ['an answer lost on the way', graphError(0, 'ECONNRESET', { outcomeUnknown: true })],
  ])('%s: it exists, and is read, waiting out its replication', async (_case, refusal) => {
    const answers = [refusal, graphError(404), ok(SP)];
    const context = testContext(() => answers.shift() ?? graphError(500));
    await expect(createServicePrincipals(context).createServicePrincipal('app-1')).resolves.toEqual(SP);
    expect(context.http.requests()).toEqual([
      'POST /servicePrincipals',
      "GET /servicePrincipals(appId='app-1')?$select=id,appId",
      "GET /servicePrincipals(appId='app-1')?$select=id,appId",
    ]);
  });
});

import { createConsent } from '../../src/graph/consent.ts';
import { graphError, noContent, ok, testContext } from './graph-fakes.ts';

describe('graphPermissionCatalog', () => {
  test("reads Microsoft Graph's service principal with its scopes and app roles", async () => {
    const context = testContext(() => ok({ id: 'g', appId: '00000003-0000-0000-c000-000000000000', oauth2PermissionScopes: [], appRoles: [] }));
    await createConsent(context).graphPermissionCatalog();
    expect(context.http.requests()).toEqual(["GET /servicePrincipals(appId='00000003-0000-0000-c000-000000000000')?$select=id,appId,oauth2PermissionScopes,appRoles"]);
  });
});

describe('grantAppRole', () => {
  test('assigns the role to the client on the resource', async () => {
    const context = testContext(() => ok({ id: 'assignment' }, 201));
    await createConsent(context).grantAppRole('client-sp', 'graph-sp', 'role-1');
    expect(context.http.sent.map((c) => [c.method, c.path, c.body])).toEqual([['POST', '/servicePrincipals/graph-sp/appRoleAssignedTo', { principalId: 'client-sp', resourceId: 'graph-sp', appRoleId: 'role-1' }]]);
  });

  test.each([
    ['409', graphError(409)],
    ['"already exists"', graphError(400, 'Request_BadRequest', { message: 'Permission being assigned already exists on the object' })],
  ])('already granted (%s) is the goal reached', async (_case, error) => {
    const context = testContext(() => error);
    await expect(createConsent(context).grantAppRole('client-sp', 'graph-sp', 'role-1')).resolves.toBeUndefined();
  });
});

describe('grantDelegated', () => {
  const filter = `/oauth2PermissionGrants?$filter=${encodeURIComponent("clientId eq 'client-sp' and resourceId eq 'graph-sp'")}`;

  test('creates a grant for all principals when there is none', async () => {
    const context = testContext((c) => (c.method === 'GET' ? ok({ value: [] }) : ok({ id: 'grant-1' }, 201)));
    await createConsent(context).grantDelegated('client-sp', 'graph-sp', ['User.Read', 'openid']);
    expect(context.http.sent.map((c) => [c.method, c.path, c.body])).toEqual([
      ['GET', filter, undefined],
      ['POST', '/oauth2PermissionGrants', { clientId: 'client-sp', consentType: 'AllPrincipals', resourceId: 'graph-sp', scope: 'User.Read openid' }],
    ]);
  });

  test('extends an existing grant by the scopes it lacks', async () => {
    const context = testContext((c) => (c.method === 'GET' ? ok({ value: [{ id: 'grant-1', scope: ' openid  User.Read' }] }) : noContent));
    await createConsent(context).grantDelegated('client-sp', 'graph-sp', ['User.Read', 'offline_access']);
    expect(context.http.sent[1]).toMatchObject({ method: 'PATCH', path: '/oauth2PermissionGrants/grant-1', body: { scope: 'openid User.Read offline_access' } });
  });

  test('leaves a grant alone that has every scope', async () => {
    const context = testContext(() => ok({ value: [{ id: 'grant-1', scope: 'openid User.Read' }] }));
    await createConsent(context).grantDelegated('client-sp', 'graph-sp', ['User.Read']);
    expect(context.http.sent).toHaveLength(1);
  });
});

import { createApplications } from '../../src/graph/applications.ts';
import type { GraphCall } from '../../src/graph/graph-http.ts';
import type { Application } from '../../src/graph/types.ts';
import { graphError, noContent, ok, testContext } from './graph-fakes.ts';

const SELECT = '$select=id,appId,displayName,uniqueName,signInAudience,isFallbackPublicClient,web,api,passwordCredentials,requiredResourceAccess,tags';

function application(id: string, extra: Partial<Application> = {}): Application {
  return {
    id,
    appId: `app-${id}`,
    displayName: 'Portal',
    uniqueName: null,
    signInAudience: 'AzureADMyOrg',
    isFallbackPublicClient: true,
    web: null,
    passwordCredentials: [],
    requiredResourceAccess: [],
    ...extra,
  };
}

const NEXT = 'https://graph.microsoft.com/v1.0/applications?$skiptoken=page2';

describe('lookup', () => {
  const byKey = (c: GraphCall) => c.path.startsWith('/applications(uniqueName=');
  const byName = (c: GraphCall) => c.path.startsWith('/applications?$filter=');
  const spByName = (c: GraphCall) => c.path.startsWith('/servicePrincipals?$filter=');

  test('reads by uniqueName, applications by name and service principals by name in one batch', async () => {
    const context = testContext((c) => {
      if (byKey(c)) return ok(application('a1', { uniqueName: "o'neil" }));
      if (byName(c)) return ok({ value: [application('a1'), application('a2')] });
      return ok({ value: [{ id: 'sp-1', appId: 'app-a1' }] });
    });
    const found = await createApplications(context).lookup("o'neil", 'My Portal');
    expect(context.http.batches).toHaveLength(1);
    expect(context.http.batches[0]?.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /applications(uniqueName='o''neil')?${SELECT}`,
      `GET /applications?$filter=displayName%20eq%20'My%20Portal'&${SELECT}&$top=999`,
      `GET /servicePrincipals?$filter=displayName%20eq%20'My%20Portal'&$select=id,appId&$top=999`,
    ]);
    expect(context.http.sent).toEqual([]);
    expect(found.byUniqueName?.id).toBe('a1');
    expect(found.byDisplayName.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(found.servicePrincipalsByDisplayName).toEqual([{ id: 'sp-1', appId: 'app-a1' }]);
  });

  test('a 404 by uniqueName is an answer: no application has it', async () => {
    const context = testContext((c) => (byKey(c) ? graphError(404, 'Request_ResourceNotFound') : ok({ value: [] })));
    const found = await createApplications(context).lookup('portal', 'Portal');
    expect(found).toEqual({ byUniqueName: undefined, byDisplayName: [], servicePrincipalsByDisplayName: [] });
  });

  test('with a legacy uniqueName, reads that key in the same batch; a 404 there is an answer too', async () => {
    const legacy = (c: GraphCall) => c.path.startsWith("/applications(uniqueName='intrexx-intrexx-portal')");
    const context = testContext((c) => {
      if (legacy(c)) return ok(application('old', { uniqueName: 'intrexx-intrexx-portal' }));
      if (byKey(c)) return graphError(404, 'Request_ResourceNotFound');
      return ok({ value: [] });
    });
    const found = await createApplications(context).lookup('intrexx-portal', 'Intrexx Portal', 'intrexx-intrexx-portal');
    expect(context.http.batches).toHaveLength(1);
    expect(context.http.batches[0]?.calls.map((c) => c.path)).toEqual([
      `/applications(uniqueName='intrexx-portal')?${SELECT}`,
      `/applications?$filter=displayName%20eq%20'Intrexx%20Portal'&${SELECT}&$top=999`,
      `/servicePrincipals?$filter=displayName%20eq%20'Intrexx%20Portal'&$select=id,appId&$top=999`,
      `/applications(uniqueName='intrexx-intrexx-portal')?${SELECT}`,
    ]);
    expect(found.byUniqueName).toBeUndefined();
    expect(found.byLegacyUniqueName?.id).toBe('old');

    const none = testContext((c) => (byKey(c) ? graphError(404) : ok({ value: [] })));
    await expect(createApplications(none).lookup('intrexx-portal', 'Intrexx Portal', 'intrexx-intrexx-portal')).resolves.toEqual({
      byUniqueName: undefined,
      byLegacyUniqueName: undefined,
      byDisplayName: [],
      servicePrincipalsByDisplayName: [],
    });
  });

  test('a failed read of the legacy uniqueName, other than 404, fails the lookup', async () => {
    const context = testContext((c) => (c.path.includes("'intrexx-intrexx-portal'") ? graphError(403) : byKey(c) ? graphError(404) : ok({ value: [] })));
    await expect(createApplications(context).lookup('intrexx-portal', 'Intrexx Portal', 'intrexx-intrexx-portal')).rejects.toMatchObject({ status: 403 });
  });

  test('follows the next links of applications named so, but not of service principals', async () => {
    const context = testContext((c) => {
      if (byKey(c)) return graphError(404);
      if (byName(c)) return ok({ value: [application('a1')], '@odata.nextLink': NEXT });
      if (c.path === NEXT) return ok({ value: [application('a2')] });
      if (spByName(c)) return ok({ value: [], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/servicePrincipals?$skiptoken=x' });
      throw new Error(`unexpected ${c.path}`);
    });
    const found = await createApplications(context).lookup('portal', 'Portal');
    expect(found.byDisplayName.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(context.http.sent.map((c) => `${c.method} ${c.path}`)).toEqual([`GET ${NEXT}`]);
  });

  test('a throttled member repeats the whole batch', async () => {
    let throttled = true;
    const context = testContext((c) => {
      if (spByName(c) && throttled) {
        throttled = false;
        return graphError(429, 'TooManyRequests');
      }
      return byKey(c) ? ok(application('a1')) : ok({ value: [] });
    });
    const found = await createApplications(context).lookup('portal', 'Portal');
    expect(found.byUniqueName?.id).toBe('a1');
    expect(context.http.batches).toHaveLength(2);
    expect(context.warnings).toEqual([expect.stringContaining('look up the app registration: throttled (HTTP 429 TooManyRequests)')]);
  });

  test.each([
    ['by uniqueName, other than 404', (c: GraphCall) => byKey(c), 403],
    ['of applications by name', (c: GraphCall) => byName(c), 400],
    ['of service principals by name', (c: GraphCall) => spByName(c), 403],
  ])('a failed read %s fails the lookup', async (_case, failing, status) => {
    const context = testContext((c) => (failing(c) ? graphError(status) : ok({ value: [] })));
    await expect(createApplications(context).lookup('portal', 'Portal')).rejects.toMatchObject({ status });
    expect(context.http.batches).toHaveLength(1);
  });
});

describe('ownership', () => {
  const owners = (c: GraphCall) => c.path.includes('/owners');

  test('reads owners and the deployer in one batch, finds the deployer among the owners, and lists every owner', async () => {
    const value = [
      { '@odata.type': '#microsoft.graph.user', id: 'user-1' },
      { '@odata.type': '#microsoft.graph.servicePrincipal', id: 'SP-DEPLOYER', displayName: 'deployer' },
    ];
    const context = testContext((c) => (owners(c) ? ok({ value }) : ok({ id: 'sp-deployer' })));
    await expect(createApplications(context).ownership('obj-1', 'client-1')).resolves.toEqual({
      owned: true,
      deployerObjectId: 'sp-deployer',
      owners: [
        { id: 'user-1', type: 'user', displayName: null },
        { id: 'SP-DEPLOYER', type: 'servicePrincipal', displayName: 'deployer' },
      ],
    });
    expect(context.http.batches[0]?.calls.map((c) => c.path)).toEqual(['/applications/obj-1/owners?$select=id,displayName', "/servicePrincipals(appId='client-1')?$select=id"]);
  });

  test('follows @odata.nextLink to the last page of owners', async () => {
    const next = 'https://graph.example/v1.0/applications/obj-1/owners?$skiptoken=2';
    const context = testContext((c) => (c.path === next ? ok({ value: [{ id: 'user-2' }] }) : owners(c) ? ok({ value: [{ id: 'user-1' }], '@odata.nextLink': next }) : ok({ id: 'sp-deployer' })));
    const result = await createApplications(context).ownership('obj-1', 'client-1');
    expect(result.owners.map((o) => o.id)).toEqual(['user-1', 'user-2']);
  });

  test('not owned when the deployer is not among the owners', async () => {
    const context = testContext((c) => (owners(c) ? ok({ value: [{ id: 'user-1' }] }) : ok({ id: 'sp-deployer' })));
    await expect(createApplications(context).ownership('obj-1', 'client-1')).resolves.toMatchObject({ owned: false, deployerObjectId: 'sp-deployer' });
  });

  test("a failed read of the deployer's service principal leaves its ID unknown", async () => {
    const context = testContext((c) => (owners(c) ? ok({ value: [{ id: 'sp-deployer' }] }) : graphError(404)));
    await expect(createApplications(context).ownership('obj-1', 'client-1')).resolves.toMatchObject({ owned: false, deployerObjectId: undefined });
  });

  test('a failed read of the owners fails, without a retry', async () => {
    const context = testContext((c) => (owners(c) ? graphError(403, 'Authorization_RequestDenied') : ok({ id: 'sp-deployer' })));
    await expect(createApplications(context).ownership('obj-1', 'client-1')).rejects.toMatchObject({ status: 403 });
    expect(context.http.batches).toHaveLength(1);
  });
});

describe('upsertByUniqueName', () => {
  test('PATCHes by alternate key with Prefer: create-if-missing; 201 is a creation', async () => {
    const context = testContext(() => ok(application('new'), 201));
    const result = await createApplications(context).upsertByUniqueName('portal', { displayName: 'Portal' });
    expect(result).toEqual({ created: true, application: application('new') });
    expect(context.http.sent).toEqual([
      { operation: "create application with uniqueName 'portal'", method: 'PATCH', path: "/applications(uniqueName='portal')", headers: { Prefer: 'create-if-missing' }, body: { displayName: 'Portal' } },
    ]);
  });

  test('204 means it existed', async () => {
    const context = testContext(() => noContent);
    await expect(createApplications(context).upsertByUniqueName('portal', { displayName: 'Portal' })).resolves.toEqual({ created: false });
  });
});

describe('reads and updates', () => {
  test('getApplication and getByUniqueName select the fields the action needs; justCreated waits out a 404', async () => {
    let misses = 1;
    const context = testContext(() => (misses-- > 0 ? graphError(404) : ok(application('a1'))));
    const applications = createApplications(context);
    await expect(applications.getByUniqueName('portal', { justCreated: true })).resolves.toMatchObject({ id: 'a1' });
    await expect(applications.getApplication('a1')).resolves.toMatchObject({ id: 'a1' });
    expect(context.http.requests()).toEqual([`GET /applications(uniqueName='portal')?${SELECT}`, `GET /applications(uniqueName='portal')?${SELECT}`, `GET /applications/a1?${SELECT}`]);
  });

  test('a 404 of an application not created by this run is not retried', async () => {
    const context = testContext(() => graphError(404));
    await expect(createApplications(context).getApplication('a1')).rejects.toMatchObject({ status: 404 });
    expect(context.http.sent).toHaveLength(1);
  });

  test('updateApplication PATCHes the object and repeats on a gateway error', async () => {
    let failures = 1;
    const context = testContext(() => (failures-- > 0 ? graphError(504) : noContent));
    await createApplications(context).updateApplication('a1', { isFallbackPublicClient: true });
    expect(context.http.sent.map((c) => [c.method, c.path, c.body])).toEqual([
      ['PATCH', '/applications/a1', { isFallbackPublicClient: true }],
      ['PATCH', '/applications/a1', { isFallbackPublicClient: true }],
    ]);
  });
});

import { ActionError } from '../../src/errors.ts';
import type { PermissionCatalog } from '../../src/graph/types.ts';
import type { ApiPermission } from '../../src/settings/settings.ts';
import { resolvePermissions, type ResolvedPermission } from '../../src/steps/read-registration.ts';

const catalog: PermissionCatalog = {
  id: 'graph-sp',
  appId: '00000003-0000-0000-c000-000000000000',
  oauth2PermissionScopes: [
    { id: 'scope-user-read', value: 'User.Read' },
    { id: 'scope-offline', value: 'offline_access' },
    { id: 'scope-files', value: 'Files.ReadWrite.All' },
  ],
  appRoles: [
    { id: 'role-user-read-all', value: 'User.Read.All', allowedMemberTypes: ['Application'] },
    { id: 'role-files', value: 'Files.ReadWrite.All', allowedMemberTypes: ['Application'] },
    { id: 'role-unnamed', value: null },
  ],
};

const delegated = (name: string): ApiPermission => ({ name, kind: 'delegated' });
const application = (name: string): ApiPermission => ({ name, kind: 'application' });

describe('resolvePermissions', () => {
  test.each<[string, ApiPermission[], ResolvedPermission[]]>([
    ['nothing', [], []],
    ['a delegated permission to its scope', [delegated('User.Read')], [{ id: 'scope-user-read', type: 'Scope', name: 'User.Read' }]],
    ['an application permission to its app role', [application('User.Read.All')], [{ id: 'role-user-read-all', type: 'Role', name: 'User.Read.All' }]],
    [
      'the same name of each kind to different IDs',
      [delegated('Files.ReadWrite.All'), application('Files.ReadWrite.All')],
      [
        { id: 'scope-files', type: 'Scope', name: 'Files.ReadWrite.All' },
        { id: 'role-files', type: 'Role', name: 'Files.ReadWrite.All' },
      ],
    ],
    [
      "any case, named as Graph spells it, in the order asked",
      [delegated('OFFLINE_ACCESS'), application('user.read.all')],
      [
        { id: 'scope-offline', type: 'Scope', name: 'offline_access' },
        { id: 'role-user-read-all', type: 'Role', name: 'User.Read.All' },
      ],
    ],
  ])('resolves %s', (_case, requested, expected) => {
    expect(resolvePermissions(requested, catalog)).toEqual(expected);
  });

  test.each<[string, ApiPermission[], string]>([
    ['an unknown delegated permission', [delegated('User.Read'), delegated('User.Fly')], 'delegated:User.Fly'],
    ['an application permission Graph only has as a scope', [application('offline_access')], 'application:offline_access'],
    ['a delegated permission Graph only has as an app role', [delegated('User.Read.All')], 'delegated:User.Read.All'],
    ['every unknown one at once', [delegated('A.B'), application('C.D')], 'delegated:A.B, application:C.D'],
  ])('rejects %s, naming it and the input', (_case, requested, named) => {
    let thrown: unknown;
    try {
      resolvePermissions(requested, catalog);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ActionError);
    const error = thrown as ActionError;
    expect(error.message).toBe(`api-permissions: Microsoft Graph publishes no permission ${named}.`);
    expect(error.hint).toContain('prefix application permissions with "application:"');
  });
});

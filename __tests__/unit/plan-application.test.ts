import { MICROSOFT_GRAPH_APP_ID as GRAPH, type Application, type RequiredResourceAccess } from '../../src/graph/types.ts';
import type { Change } from '../../src/plan/changes.ts';
import { mergeGraphAccess, planApplication, type DesiredApplication } from '../../src/plan/plan-application.ts';

const SHAREPOINT = '00000003-0000-0ff1-ce00-000000000000';
const USER_READ = { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope', name: 'User.Read' } as const;
const OFFLINE_ACCESS = { id: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182', type: 'Scope', name: 'offline_access' } as const;
const FILES_READ_ALL = { id: '01d4889c-1287-42c6-ac1f-5d1e02578ef6', type: 'Role', name: 'Files.Read.All' } as const;

const URI_A = 'https://portal.example.com/service/oauth2/authorize';
const URI_B = 'https://portal.example.com/exchange/oauth2';
const URI_OTHER = 'https://portal.example.com/sharepoint/callback';

const desired: DesiredApplication = {
  displayName: 'Intrexx Portal',
  uniqueName: 'intrexx-intrexx-portal',
  signInAudience: 'AzureADMyOrg',
  redirectUris: [URI_A],
  graphPermissions: [],
};

/** An application that already matches `desired` in every respect. */
const matching: Application = {
  id: 'obj-1',
  appId: 'app-1',
  displayName: 'Intrexx Portal',
  uniqueName: 'intrexx-intrexx-portal',
  signInAudience: 'AzureADMyOrg',
  isFallbackPublicClient: true,
  web: {
    redirectUris: [URI_A],
    homePageUrl: null,
    logoutUrl: null,
    implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false },
    redirectUriSettings: [{ uri: URI_A, index: null }],
  },
  passwordCredentials: [],
  requiredResourceAccess: [],
};

describe('planApplication without an existing application', () => {
  test('creates it with the redirect URIs, public client flows and permissions', () => {
    const plan = planApplication(
      { ...desired, redirectUris: [URI_A, URI_B], graphPermissions: [USER_READ, FILES_READ_ALL] },
      undefined,
    );
    expect(plan.changes).toEqual<Change[]>([
      { kind: 'create-application', displayName: 'Intrexx Portal', uniqueName: 'intrexx-intrexx-portal' },
      { kind: 'add-redirect-uri', uri: URI_A },
      { kind: 'add-redirect-uri', uri: URI_B },
      { kind: 'enable-public-client-flows' },
      { kind: 'add-api-permission', permission: 'User.Read', type: 'delegated' },
      { kind: 'add-api-permission', permission: 'Files.Read.All', type: 'application' },
    ]);
    expect(plan.write).toEqual({
      displayName: 'Intrexx Portal',
      signInAudience: 'AzureADMyOrg',
      isFallbackPublicClient: true,
      web: { redirectUris: [URI_A, URI_B] },
      requiredResourceAccess: [
        {
          resourceAppId: GRAPH,
          resourceAccess: [
            { id: USER_READ.id, type: 'Scope' },
            { id: FILES_READ_ALL.id, type: 'Role' },
          ],
        },
      ],
    });
  });

  test('sends no requiredResourceAccess when no permissions are asked for', () => {
    const plan = planApplication(desired, undefined);
    expect(plan.write).toEqual({
      displayName: 'Intrexx Portal',
      signInAudience: 'AzureADMyOrg',
      isFallbackPublicClient: true,
      web: { redirectUris: [URI_A] },
    });
  });
});

describe('planApplication against an existing application', () => {
  const graphAccess = (...access: RequiredResourceAccess['resourceAccess']): RequiredResourceAccess => ({ resourceAppId: GRAPH, resourceAccess: access });
  const sharePoint: RequiredResourceAccess = { resourceAppId: SHAREPOINT, resourceAccess: [{ id: 'sp-scope', type: 'Scope' }] };

  test.each<[string, Partial<DesiredApplication>, Partial<Application>, Change[], Record<string, unknown> | undefined]>([
    ['nothing to change', {}, {}, [], undefined],
    [
      'nothing to change when it holds more redirect URIs and permissions than asked for',
      { graphPermissions: [USER_READ] },
      {
        web: { ...matching.web, redirectUris: [URI_OTHER, URI_A] },
        requiredResourceAccess: [sharePoint, graphAccess({ id: USER_READ.id, type: 'Scope' }, { id: 'other', type: 'Role' })],
      },
      [],
      undefined,
    ],
    [
      'adopts one made before uniqueName existed',
      {},
      { uniqueName: null },
      [{ kind: 'adopt-application', objectId: 'obj-1', uniqueName: 'intrexx-intrexx-portal' }],
      { uniqueName: 'intrexx-intrexx-portal' },
    ],
    [
      'renames',
      { displayName: 'Intrexx Portal (prod)' },
      {},
      [{ kind: 'rename-application', from: 'Intrexx Portal', to: 'Intrexx Portal (prod)' }],
      { displayName: 'Intrexx Portal (prod)' },
    ],
    ['turns public client flows on from off', {}, { isFallbackPublicClient: false }, [{ kind: 'enable-public-client-flows' }], { isFallbackPublicClient: true }],
    ['turns public client flows on from unset', {}, { isFallbackPublicClient: null }, [{ kind: 'enable-public-client-flows' }], { isFallbackPublicClient: true }],
    [
      'changes the sign-in audience',
      { signInAudience: 'AzureADMultipleOrgs' },
      {},
      [{ kind: 'set-sign-in-audience', from: 'AzureADMyOrg', to: 'AzureADMultipleOrgs' }],
      { signInAudience: 'AzureADMultipleOrgs' },
    ],
    [
      'sets an unset sign-in audience',
      {},
      { signInAudience: null },
      [{ kind: 'set-sign-in-audience', from: null, to: 'AzureADMyOrg' }],
      { signInAudience: 'AzureADMyOrg' },
    ],
    [
      'adds a redirect URI, keeping the other ones and every other web field',
      { redirectUris: [URI_A, URI_B] },
      {
        web: {
          redirectUris: [URI_OTHER, URI_A],
          homePageUrl: 'https://portal.example.com/',
          logoutUrl: 'https://portal.example.com/logout',
          implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
          redirectUriSettings: [
            { uri: URI_OTHER, index: 0 },
            { uri: URI_A, index: null },
          ],
        },
      },
      [{ kind: 'add-redirect-uri', uri: URI_B }],
      {
        web: {
          redirectUris: [URI_OTHER, URI_A, URI_B],
          homePageUrl: 'https://portal.example.com/',
          logoutUrl: 'https://portal.example.com/logout',
          implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
          redirectUriSettings: [
            { uri: URI_OTHER, index: 0 },
            { uri: URI_A, index: null },
            { uri: URI_B, index: null },
          ],
        },
      },
    ],
    [
      'adds redirect URIs to an application without web settings',
      { redirectUris: [URI_A, URI_B] },
      { web: null },
      [
        { kind: 'add-redirect-uri', uri: URI_A },
        { kind: 'add-redirect-uri', uri: URI_B },
      ],
      { web: { redirectUris: [URI_A, URI_B] } },
    ],
    [
      'treats redirect URIs as case-sensitive',
      { redirectUris: ['https://portal.example.com/Service/oauth2/authorize'] },
      {},
      [{ kind: 'add-redirect-uri', uri: 'https://portal.example.com/Service/oauth2/authorize' }],
      {
        web: {
          ...matching.web,
          redirectUris: [URI_A, 'https://portal.example.com/Service/oauth2/authorize'],
          redirectUriSettings: [
            { uri: URI_A, index: null },
            { uri: 'https://portal.example.com/Service/oauth2/authorize', index: null },
          ],
        },
      },
    ],
    [
      "merges permissions into Graph's entry, keeping other resources and existing Graph entries",
      { graphPermissions: [USER_READ, OFFLINE_ACCESS, FILES_READ_ALL] },
      { requiredResourceAccess: [sharePoint, graphAccess({ id: 'existing-role', type: 'Role' }, { id: USER_READ.id, type: 'Scope' })] },
      [
        { kind: 'add-api-permission', permission: 'offline_access', type: 'delegated' },
        { kind: 'add-api-permission', permission: 'Files.Read.All', type: 'application' },
      ],
      {
        requiredResourceAccess: [
          sharePoint,
          graphAccess(
            { id: 'existing-role', type: 'Role' },
            { id: USER_READ.id, type: 'Scope' },
            { id: OFFLINE_ACCESS.id, type: 'Scope' },
            { id: FILES_READ_ALL.id, type: 'Role' },
          ),
        ],
      },
    ],
    [
      "adds Graph's entry after other resources' entries",
      { graphPermissions: [USER_READ] },
      { requiredResourceAccess: [sharePoint] },
      [{ kind: 'add-api-permission', permission: 'User.Read', type: 'delegated' }],
      { requiredResourceAccess: [sharePoint, graphAccess({ id: USER_READ.id, type: 'Scope' })] },
    ],
    [
      'does not count an ID held with the other type',
      { graphPermissions: [{ id: 'same-id', type: 'Role', name: 'Thing.Read.All' }] },
      { requiredResourceAccess: [graphAccess({ id: 'same-id', type: 'Scope' })] },
      [{ kind: 'add-api-permission', permission: 'Thing.Read.All', type: 'application' }],
      { requiredResourceAccess: [graphAccess({ id: 'same-id', type: 'Scope' }, { id: 'same-id', type: 'Role' })] },
    ],
    [
      'a same-named permission of another resource does not count',
      { graphPermissions: [USER_READ] },
      { requiredResourceAccess: [{ resourceAppId: SHAREPOINT, resourceAccess: [{ id: USER_READ.id, type: 'Scope' }] }] },
      [{ kind: 'add-api-permission', permission: 'User.Read', type: 'delegated' }],
      {
        requiredResourceAccess: [
          { resourceAppId: SHAREPOINT, resourceAccess: [{ id: USER_READ.id, type: 'Scope' }] },
          graphAccess({ id: USER_READ.id, type: 'Scope' }),
        ],
      },
    ],
    [
      'everything at once, in one write',
      { displayName: 'Renamed', signInAudience: 'AzureADMultipleOrgs', redirectUris: [URI_A, URI_B], graphPermissions: [USER_READ] },
      { uniqueName: null, isFallbackPublicClient: false, web: { redirectUris: [URI_A] } },
      [
        { kind: 'adopt-application', objectId: 'obj-1', uniqueName: 'intrexx-intrexx-portal' },
        { kind: 'rename-application', from: 'Intrexx Portal', to: 'Renamed' },
        { kind: 'add-redirect-uri', uri: URI_B },
        { kind: 'enable-public-client-flows' },
        { kind: 'set-sign-in-audience', from: 'AzureADMyOrg', to: 'AzureADMultipleOrgs' },
        { kind: 'add-api-permission', permission: 'User.Read', type: 'delegated' },
      ],
      {
        uniqueName: 'intrexx-intrexx-portal',
        displayName: 'Renamed',
        web: { redirectUris: [URI_A, URI_B] },
        isFallbackPublicClient: true,
        signInAudience: 'AzureADMultipleOrgs',
        requiredResourceAccess: [graphAccess({ id: USER_READ.id, type: 'Scope' })],
      },
    ],
  ])('%s', (_case, desiredOverrides, actualOverrides, expectedChanges, expectedWrite) => {
    const actual: Application = { ...matching, ...actualOverrides };
    const before = structuredClone(actual);
    const plan = planApplication({ ...desired, ...desiredOverrides }, actual);
    expect(plan.changes).toEqual(expectedChanges);
    expect(plan.write).toEqual(expectedWrite);
    expect(actual).toEqual(before);
  });
});

describe('mergeGraphAccess', () => {
  test.each<[string, RequiredResourceAccess[], { id: string; type: 'Scope' | 'Role' }[], RequiredResourceAccess[]]>([
    ['into nothing', [], [{ id: 'a', type: 'Scope' }], [{ resourceAppId: GRAPH, resourceAccess: [{ id: 'a', type: 'Scope' }] }]],
    [
      'without duplicates',
      [{ resourceAppId: GRAPH, resourceAccess: [{ id: 'a', type: 'Scope' }] }],
      [{ id: 'a', type: 'Scope' }, { id: 'b', type: 'Role' }, { id: 'b', type: 'Role' }],
      [{ resourceAppId: GRAPH, resourceAccess: [{ id: 'a', type: 'Scope' }, { id: 'b', type: 'Role' }] }],
    ],
    [
      "leaving other resources where they are",
      [
        { resourceAppId: GRAPH, resourceAccess: [] },
        { resourceAppId: SHAREPOINT, resourceAccess: [{ id: 's', type: 'Role' }] },
      ],
      [{ id: 'a', type: 'Scope' }],
      [
        { resourceAppId: GRAPH, resourceAccess: [{ id: 'a', type: 'Scope' }] },
        { resourceAppId: SHAREPOINT, resourceAccess: [{ id: 's', type: 'Role' }] },
      ],
    ],
  ])('%s', (_case, existing, add, expected) => {
    expect(mergeGraphAccess(existing, add)).toEqual(expected);
  });

  test('copies only id and type of what it adds', () => {
    expect(mergeGraphAccess([], [USER_READ])).toEqual([{ resourceAppId: GRAPH, resourceAccess: [{ id: USER_READ.id, type: 'Scope' }] }]);
  });
});

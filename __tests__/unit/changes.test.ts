import { describeChange, type Change } from '../../src/plan/changes.ts';

describe('describeChange', () => {
  test.each<[Change, string]>([
    [{ kind: 'create-application', displayName: 'Intrexx Portal', uniqueName: 'intrexx-portal' }, 'create app registration "Intrexx Portal" (uniqueName intrexx-portal)'],
    [{ kind: 'adopt-application', objectId: 'obj-1', uniqueName: 'intrexx-portal' }, 'adopt the existing app registration obj-1 (set uniqueName intrexx-portal)'],
    [{ kind: 'rename-application', from: 'Old', to: 'New' }, 'rename the app registration from "Old" to "New"'],
    [{ kind: 'add-redirect-uri', uri: 'https://portal.example.com/service/oauth2/authorize' }, 'add Web redirect URI https://portal.example.com/service/oauth2/authorize'],
    [{ kind: 'enable-public-client-flows' }, 'allow public client flows'],
    [{ kind: 'set-sign-in-audience', from: 'AzureADMyOrg', to: 'AzureADMultipleOrgs' }, 'set supported account types from AzureADMyOrg to AzureADMultipleOrgs'],
    [{ kind: 'set-sign-in-audience', from: null, to: 'AzureADMyOrg' }, 'set supported account types from (unset) to AzureADMyOrg'],
    [{ kind: 'add-api-permission', permission: 'User.Read', type: 'delegated' }, 'add Microsoft Graph delegated permission User.Read'],
    [{ kind: 'add-api-permission', permission: 'User.Read.All', type: 'application' }, 'add Microsoft Graph application permission User.Read.All'],
    [{ kind: 'create-service-principal' }, 'create the service principal (enterprise application)'],
    [{ kind: 'grant-admin-consent', permissions: ['User.Read', 'offline_access'] }, 'grant admin consent for User.Read, offline_access'],
    [{ kind: 'add-client-secret', lifetimeDays: 180, reason: 'rotate is always' }, 'add a client secret valid for 180 days (rotate is always)'],
    [
      { kind: 'deliver-secrets', destination: 'repository octo-org/portal', names: ['INTREXX_CLIENT_ID', 'INTREXX_TENANT_ID', 'INTREXX_CLIENT_SECRET'] },
      'write INTREXX_CLIENT_ID, INTREXX_TENANT_ID, INTREXX_CLIENT_SECRET to repository octo-org/portal',
    ],
    [
      { kind: 'remove-client-secret', keyId: 'key-1', displayName: 'x', expiresAt: '2025-12-01T00:00:00Z', reason: 'made by run 7.1, never delivered' },
      'remove client secret key-1 (expires 2025-12-01T00:00:00Z): made by run 7.1, never delivered',
    ],
    [{ kind: 'remove-client-secret', keyId: 'key-2', displayName: null, expiresAt: null, reason: 'replaced' }, 'remove client secret key-2: replaced'],
  ])('%j', (change, expected) => {
    expect(describeChange(change)).toBe(expected);
  });
});

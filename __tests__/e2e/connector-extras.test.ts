import { MS_GRAPH_APP_ID } from '../../emulator/index.ts';
import { changeKinds, emulator, errorText, PORTAL, portalApps, run, writes, type Emulator } from './harness.ts';

// Real Microsoft Graph permission IDs (published by Graph's service principal).
const USER_READ = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';
const OFFLINE_ACCESS = '7427e0e9-2fba-42fe-b0c0-848c9e6a8182';
const USER_READ_ALL_ROLE = 'df021288-bdef-4463-88db-98f22de89214';

interface ConsentState {
  servicePrincipals: { id: string; appId: string }[];
  appRoleAssignments: { principalId: string; appRoleId: string }[];
  oauth2PermissionGrants: { clientId: string; scope: string; consentType: string }[];
}

describe('Intrexx connector extras', () => {
  let emu: Emulator;
  afterEach(async () => {
    await emu.close();
  });

  test('redirect-paths add the Exchange connector URI next to the portal one', async () => {
    emu = await emulator();
    const result = await run(emu, { 'redirect-paths': '/service/oauth2/authorize\n/oauth2/token/msexchange' });
    expect(errorText(result)).toBe('');
    expect(portalApps(emu)[0]!.web?.redirectUris).toEqual([`${PORTAL}/service/oauth2/authorize`, `${PORTAL}/oauth2/token/msexchange`]);
  });

  test('api-permissions are resolved by name and merged without dropping existing entries', async () => {
    emu = await emulator();
    const otherResource = { resourceAppId: '00000002-0000-0ff1-ce00-000000000000', resourceAccess: [{ id: 'dc890d15-9560-4a4c-9b7f-a736ec74ec40', type: 'Role' }] };
    emu.graph.createApplication(
      { displayName: 'Intrexx Portal', requiredResourceAccess: [otherResource, { resourceAppId: MS_GRAPH_APP_ID, resourceAccess: [{ id: USER_READ, type: 'Scope' }] }] },
      { ownerIds: [emu.deployer.servicePrincipalId], withServicePrincipal: true },
    );
    const result = await run(emu, { 'api-permissions': 'User.Read offline_access application:User.Read.All' });
    expect(errorText(result)).toBe('');
    const access = portalApps(emu)[0]!.requiredResourceAccess;
    expect(access).toContainEqual(otherResource);
    expect(access.find((r) => r.resourceAppId === MS_GRAPH_APP_ID)?.resourceAccess).toEqual([
      { id: USER_READ, type: 'Scope' },
      { id: OFFLINE_ACCESS, type: 'Scope' },
      { id: USER_READ_ALL_ROLE, type: 'Role' },
    ]);
    expect(changeKinds(result).filter((k) => k === 'add-api-permission')).toHaveLength(2);
  });

  test('an unknown permission name is an error before any write', async () => {
    emu = await emulator();
    const result = await run(emu, { 'api-permissions': 'User.Read Files.ReadWriteEverything' });
    expect(result.exitCode).not.toBe(0);
    expect(errorText(result)).toContain('delegated:Files.ReadWriteEverything');
    expect(writes(emu, 'graph')).toEqual([]);
  });

  test('admin consent is granted when the deployer may grant it', async () => {
    emu = await emulator({ deployerGraphRoles: ['Application.ReadWrite.OwnedBy', 'AppRoleAssignment.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All'] });
    const result = await run(emu, { 'api-permissions': 'User.Read offline_access application:User.Read.All', 'admin-consent': 'true' });
    expect(errorText(result)).toBe('');
    const state = emu.state() as ConsentState;
    const app = portalApps(emu)[0]!;
    const sp = state.servicePrincipals.find((s) => s.appId === app.appId)!;
    expect(state.appRoleAssignments.filter((a) => a.principalId === sp.id).map((a) => a.appRoleId)).toEqual([USER_READ_ALL_ROLE]);
    const grant = state.oauth2PermissionGrants.find((g) => g.clientId === sp.id)!;
    expect(grant.consentType).toBe('AllPrincipals');
    expect(grant.scope.split(' ').sort()).toEqual(['User.Read', 'offline_access'].sort());
    expect(changeKinds(result)).toContain('grant-admin-consent');
  });

  test('without the right to consent the run succeeds and prints the consent link', async () => {
    emu = await emulator();
    const result = await run(emu, { 'api-permissions': 'User.Read', 'admin-consent': 'true' });
    expect(errorText(result)).toBe('');
    const app = portalApps(emu)[0]!;
    expect(result.stdout).toContain(`::warning::The deployer identity may not grant admin consent. An administrator can grant it here: ${emu.urls.authorityHost}/${emu.tenantId}/adminconsent?client_id=${app.appId}`);
    expect(changeKinds(result)).not.toContain('grant-admin-consent');
  });
});

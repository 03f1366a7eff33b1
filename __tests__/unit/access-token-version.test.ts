import type { Application } from '../../src/graph/types.ts';
import { describeChange } from '../../src/plan/changes.ts';
import { planApplication, type DesiredApplication } from '../../src/plan/plan-application.ts';

const URI = 'https://portal.example.com/service/oauth2/authorize';
const desired = (signInAudience: string): DesiredApplication => ({ displayName: 'Intrexx Portal', uniqueName: 'intrexx-portal', signInAudience, redirectUris: [URI], graphPermissions: [] });
const existing: Application = {
  id: 'obj-1',
  appId: 'app-1',
  displayName: 'Intrexx Portal',
  uniqueName: 'intrexx-portal',
  signInAudience: 'AzureADMyOrg',
  isFallbackPublicClient: true,
  web: { redirectUris: [URI] },
  api: { requestedAccessTokenVersion: null, oauth2PermissionScopes: [{ id: 's1', value: 'access' }], knownClientApplications: [] },
  passwordCredentials: [],
  requiredResourceAccess: [],
};

describe('api.requestedAccessTokenVersion follows an audience with personal accounts', () => {
  test.each(['AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'])('create for %s sets version 2 in the same request', (audience) => {
    const plan = planApplication(desired(audience), undefined);
    expect(plan.write).toMatchObject({ signInAudience: audience, api: { requestedAccessTokenVersion: 2 } });
    expect(plan.changes).toContainEqual({ kind: 'set-access-token-version', from: null, to: 2 });
  });

  test('create for an organisational audience leaves api alone', () => {
    const plan = planApplication(desired('AzureADMyOrg'), undefined);
    expect(plan.write?.api).toBeUndefined();
    expect(plan.changes.map((c) => c.kind)).not.toContain('set-access-token-version');
  });

  test('an update to a personal audience writes the audience and version 2 together, the rest of api as read', () => {
    const plan = planApplication(desired('AzureADandPersonalMicrosoftAccount'), existing);
    expect(plan.write).toEqual({
      signInAudience: 'AzureADandPersonalMicrosoftAccount',
      api: { requestedAccessTokenVersion: 2, oauth2PermissionScopes: [{ id: 's1', value: 'access' }], knownClientApplications: [] },
    });
    expect(plan.changes).toEqual([
      { kind: 'set-sign-in-audience', from: 'AzureADMyOrg', to: 'AzureADandPersonalMicrosoftAccount' },
      { kind: 'set-access-token-version', from: null, to: 2 },
    ]);
  });

  test('an application with a personal audience and version 1 is corrected; with version 2 nothing is written', () => {
    const personal = { ...existing, signInAudience: 'PersonalMicrosoftAccount', api: { requestedAccessTokenVersion: 1 } };
    expect(planApplication(desired('PersonalMicrosoftAccount'), personal).write).toEqual({ api: { requestedAccessTokenVersion: 2 } });
    expect(planApplication(desired('PersonalMicrosoftAccount'), { ...personal, api: { requestedAccessTokenVersion: 2 } }).write).toBeUndefined();
    // An api Graph did not return at all is written as just the version.
    expect(planApplication(desired('PersonalMicrosoftAccount'), { ...personal, api: null }).write).toEqual({ api: { requestedAccessTokenVersion: 2 } });
  });

  test('the change reads as the user would put it', () => {
    expect(describeChange({ kind: 'set-access-token-version', from: null, to: 2 })).toBe(
      'set the requested access token version from (unset) to 2, as an audience with personal Microsoft accounts requires',
    );
  });
});

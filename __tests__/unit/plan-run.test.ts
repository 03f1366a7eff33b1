import type { Application, PasswordCredential } from '../../src/graph/types.ts';
import { planRun, type ActualState } from '../../src/plan/plan-run.ts';
import { readSettings } from '../../src/settings/read-settings.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const DAY = 86_400_000;

function settings(inputs: Record<string, string> = {}) {
  const all: Record<string, string> = {
    'tenant-id': 'contoso.onmicrosoft.com',
    'client-id': '11111111-2222-3333-4444-555555555555',
    'portal-base-url': 'https://portal.example.com',
    'app-name': 'Portal',
    ...inputs,
  };
  return readSettings((name) => all[name] ?? '', { GITHUB_REPOSITORY: 'contoso/infra' });
}

function credential(keyId: string, ageDays: number, validDays: number, madeByAction = true): PasswordCredential {
  return {
    keyId,
    displayName: madeByAction ? `intrexx-entra-action run 1.1 ${keyId}` : 'by hand',
    startDateTime: new Date(NOW.getTime() - ageDays * DAY).toISOString(),
    endDateTime: new Date(NOW.getTime() + validDays * DAY).toISOString(),
    hint: 'abc',
  };
}

function existing(passwordCredentials: PasswordCredential[] = []): Application {
  return {
    id: 'obj',
    appId: 'app',
    displayName: 'Portal',
    uniqueName: 'intrexx-portal',
    signInAudience: 'AzureADMyOrg',
    isFallbackPublicClient: true,
    web: { redirectUris: ['https://portal.example.com/service/oauth2/authorize'] },
    passwordCredentials,
    requiredResourceAccess: [],
  };
}

function actual(application: Application | undefined, withServicePrincipal = true): ActualState {
  return {
    application,
    foundBy: application ? 'unique-name' : undefined,
    servicePrincipal: application && withServicePrincipal ? { id: 'sp', appId: application.appId } : undefined,
    catalog: undefined,
    permissions: [],
  };
}

const kinds = (plan: ReturnType<typeof planRun>) => plan.changes.map((c) => c.kind);

describe('planRun', () => {
  test.each<[string, Record<string, string>, ActualState, string[]]>([
    ['nothing exists', {}, actual(undefined), ['create-application', 'add-redirect-uri', 'enable-public-client-flows', 'create-service-principal', 'add-client-secret']],
    ['everything matches, rotate always', {}, actual(existing()), ['add-client-secret']],
    ['everything matches, nothing due', { rotate: 'when-expiring' }, actual(existing([credential('a', 10, 170)])), []],
    ['secret due', { rotate: 'when-expiring' }, actual(existing([credential('a', 170, 10)])), ['add-client-secret']],
    ['service principal missing', { rotate: 'when-expiring' }, actual(existing([credential('a', 10, 170)]), false), ['create-service-principal']],
    ['delivery planned', { 'secrets-target': 'repository', 'github-token': 't' }, actual(existing()), ['add-client-secret', 'deliver-secrets']],
    ['old secrets beyond keep-secrets', { 'keep-secrets': '2' }, actual(existing([credential('a', 100, 80), credential('b', 200, 10), credential('c', 300, 5, false)])), ['add-client-secret', 'remove-client-secret']],
  ])('%s', (_name, inputs, state, expected) => {
    expect(kinds(planRun(settings(inputs), state, NOW))).toEqual(expected);
  });

  test('the planned removal is the oldest secret made by the action, never a hand-made one', () => {
    const plan = planRun(settings({ 'keep-secrets': '2' }), actual(existing([credential('a', 100, 80), credential('b', 200, 10), credential('c', 300, 5, false)])), NOW);
    expect(plan.changes.filter((c) => c.kind === 'remove-client-secret')).toEqual([
      expect.objectContaining({ keyId: 'b' }),
    ]);
  });

  test('consent is planned only with permissions and admin-consent', () => {
    const state = { ...actual(existing()), permissions: [{ id: 'x', type: 'Scope' as const, name: 'User.Read' }] };
    expect(planRun(settings({ 'admin-consent': 'true' }), state, NOW).consent).toBe(true);
    expect(planRun(settings({ 'admin-consent': 'false' }), state, NOW).consent).toBe(false);
    expect(planRun(settings({ 'admin-consent': 'true' }), actual(existing()), NOW).consent).toBe(false);
  });
});

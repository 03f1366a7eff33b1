import type { Application, PasswordCredential } from '../../src/graph/types.ts';
import type { DestinationView } from '../../src/plan/holding.ts';
import { factTag, secretLabel } from '../../src/plan/ledger.ts';
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

const OUTPUT = settings().destination;
const key = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;

function credential(n: number, ageDays: number, validDays: number, madeByAction = true): PasswordCredential {
  return {
    keyId: key(n),
    displayName: madeByAction ? `${secretLabel(OUTPUT.id, { id: '1', attempt: '1', invocation: 'abcdef' })} 0011aabb` : 'by hand',
    startDateTime: new Date(NOW.getTime() - ageDays * DAY).toISOString(),
    endDateTime: new Date(NOW.getTime() + validDays * DAY).toISOString(),
    hint: 'abc',
  };
}

function existing(passwordCredentials: PasswordCredential[] = [], tags: string[] = []): Application {
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
    tags,
  };
}

/** The step outputs hold secret n, per the ledger. */
const holds = (n: number) => factTag({ kind: 'holds', destination: OUTPUT.id, keyId: key(n), delta: null });
const replaced = (n: number, by: number) => factTag({ kind: 'retiring', destination: OUTPUT.id, keyId: key(n), replacedBy: key(by) });

function actual(application: Application | undefined, withServicePrincipal = true): ActualState {
  return {
    application,
    foundBy: application ? 'unique-name' : undefined,
    servicePrincipal: application && withServicePrincipal ? { id: 'sp', appId: application.appId } : undefined,
    catalog: undefined,
    permissions: [],
  };
}

const view = (s: ReturnType<typeof settings>, secretUpdatedAt: string | null = null): DestinationView => ({ ...s.destination, secretUpdatedAt });
const plan = (inputs: Record<string, string>, state: ActualState) => planRun(settings(inputs), state, view(settings(inputs)), NOW);
const kinds = (p: ReturnType<typeof planRun>) => p.changes.map((c) => c.kind);

describe('planRun', () => {
  test.each<[string, Record<string, string>, ActualState, string[]]>([
    ['nothing exists', {}, actual(undefined), ['create-application', 'add-redirect-uri', 'enable-public-client-flows', 'create-service-principal', 'add-client-secret']],
    ['everything matches, rotate always', {}, actual(existing()), ['add-client-secret']],
    ['the outputs hold a fresh secret: nothing due', { rotate: 'when-expiring' }, actual(existing([credential(1, 10, 170)], [holds(1)])), []],
    ['a fresh secret, but no record of it: due', { rotate: 'when-expiring' }, actual(existing([credential(1, 10, 170)])), ['add-client-secret']],
    ['the held secret expires soon: due', { rotate: 'when-expiring' }, actual(existing([credential(1, 170, 10)], [holds(1)])), ['add-client-secret']],
    ['service principal missing', { rotate: 'when-expiring' }, actual(existing([credential(1, 10, 170)], [holds(1)]), false), ['create-service-principal']],
    ['delivery planned', { 'secrets-target': 'repository', 'github-token': 't' }, actual(existing()), ['add-client-secret', 'deliver-secrets']],
    [
      'a replaced secret past its grace period beyond keep-secrets',
      { 'keep-secrets': '1' },
      actual(existing([credential(1, 10, 170), credential(2, 200, 10), credential(3, 300, 5, false)], [holds(1), replaced(2, 1)])),
      ['add-client-secret', 'remove-client-secret'],
    ],
    [
      'a replaced secret within its grace period stays',
      { 'keep-secrets': '1' },
      actual(existing([credential(1, 3, 170), credential(2, 200, 10)], [holds(1), replaced(2, 1)])),
      ['add-client-secret'],
    ],
    ['secret-phase rotate plans no removal', { 'keep-secrets': '1', 'secret-phase': 'rotate' }, actual(existing([credential(1, 10, 170), credential(2, 200, 10)], [holds(1), replaced(2, 1)])), ['add-client-secret']],
  ])('%s', (_name, inputs, state, expected) => {
    expect(kinds(plan(inputs, state))).toEqual(expected);
  });

  test('the planned removal is the replaced secret, never a hand-made one', () => {
    const p = plan({ 'keep-secrets': '1' }, actual(existing([credential(1, 10, 170), credential(2, 200, 10), credential(3, 300, 5, false)], [holds(1), replaced(2, 1)])));
    expect(p.changes.filter((c) => c.kind === 'remove-client-secret')).toEqual([expect.objectContaining({ keyId: key(2) })]);
  });

  test('personal accounts: a third secret is blocked while both others must stay', () => {
    const state = actual({ ...existing([credential(1, 3, 170), credential(2, 200, 10)], [holds(1), replaced(2, 1)]), signInAudience: 'AzureADandPersonalMicrosoftAccount' });
    const p = plan({ 'sign-in-audience': 'AzureADandPersonalMicrosoftAccount' }, state);
    expect(p.secret.blocked).toContain('at most 2 client secrets');
    expect(p.secret.blocked).toContain(key(2));
  });

  test('personal accounts: a replaced secret past its grace period makes room, whatever keep-secrets says', () => {
    const state = actual({ ...existing([credential(1, 10, 170), credential(2, 200, 10)], [holds(1), replaced(2, 1)]), signInAudience: 'AzureADandPersonalMicrosoftAccount' });
    const p = plan({ 'sign-in-audience': 'AzureADandPersonalMicrosoftAccount', 'keep-secrets': '2' }, state);
    expect(p.secret.blocked).toBeUndefined();
    expect(p.secret.room.map((v) => v.credential.keyId)).toEqual([key(2)]);
  });

  test('consent is planned only with permissions and admin-consent', () => {
    const state = { ...actual(existing()), permissions: [{ id: 'x', type: 'Scope' as const, name: 'User.Read' }] };
    expect(plan({ 'admin-consent': 'true' }, state).consent).toBe(true);
    expect(plan({ 'admin-consent': 'false' }, state).consent).toBe(false);
    expect(plan({ 'admin-consent': 'true' }, actual(existing())).consent).toBe(false);
  });
});

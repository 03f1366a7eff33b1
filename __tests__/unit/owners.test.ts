import { ActionError } from '../../src/errors.ts';
import type { Ownership } from '../../src/graph/directory.ts';
import { describeOwner, judgeOwners, tenantText } from '../../src/steps/owners.ts';

const APP = { id: 'obj-1', appId: 'client-1', displayName: 'Intrexx Portal' };
const DEPLOYER = { id: 'sp-deployer', type: 'servicePrincipal', displayName: 'github-portal-deployer' };
const USER = { id: 'aaaaaaaa-0000-4000-8000-000000000001', type: 'user', displayName: null };
const SQUATTER = { id: 'bbbbbbbb-0000-4000-8000-000000000002', type: 'servicePrincipal', displayName: 'Squatter\n::stop-commands::x' };
const ownedBy = (...owners: Ownership['owners']): Ownership => ({ owned: owners.includes(DEPLOYER), deployerObjectId: DEPLOYER.id, owners });
const policy = (allowed: string[] = [], allowOthers = false) => ({ allowed, allowOthers });

function refusal(run: () => unknown): ActionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError);
    return error as ActionError;
  }
  throw new Error('no refusal');
}

describe('the owners of a registration, judged before any write', () => {
  test('the deployer alone is no one to report', () => {
    expect(judgeOwners(policy(), APP, ownedBy(DEPLOYER), 'uniqueName intrexx-portal')).toEqual([]);
  });

  test('an owner allowed-owners lists is reported, not refused (in any case)', () => {
    expect(judgeOwners(policy([USER.id]), APP, ownedBy(DEPLOYER, { ...USER, id: USER.id.toUpperCase() }), 'display name')).toEqual([{ owner: { ...USER, id: USER.id.toUpperCase() }, listed: true }]);
  });

  test('an owner not listed stops the run, naming each such owner, the risk and the way out', () => {
    const error = refusal(() => judgeOwners(policy([USER.id]), APP, ownedBy(USER, SQUATTER, DEPLOYER), 'uniqueName intrexx-portal'));
    expect(error.message).toContain('found by uniqueName intrexx-portal');
    expect(error.message).toContain(`service principal ${SQUATTER.id} "Squatter\\n::stop-commands::x"`);
    expect(error.message).not.toContain(USER.id);
    expect(error.message).toContain('can add client secrets of its own');
    expect(error.message).toContain('Nothing was written');
    expect(error.hint).toContain('allowed-owners');
    expect(error.hint).toContain('allow-other-owners: true');
    expect(error.hint).toContain(`az ad app owner remove --id ${APP.appId}`);
    // The tenant's text never starts a line of its own.
    for (const line of error.message.split('\n')) expect(line.startsWith('::')).toBe(false);
  });

  test('with allow-other-owners, every other owner is reported, listed or not', () => {
    expect(judgeOwners(policy([USER.id], true), APP, ownedBy(USER, SQUATTER, DEPLOYER), 'display name')).toEqual([
      { owner: USER, listed: true },
      { owner: SQUATTER, listed: false },
    ]);
  });

  test("when the deployer's own service principal could not be read, every owner counts and the error says why", () => {
    const error = refusal(() => judgeOwners(policy(), APP, { owned: false, deployerObjectId: undefined, owners: [DEPLOYER] }, 'display name'));
    expect(error.message).toContain(DEPLOYER.id);
    expect(error.message).toContain('could not be read');
  });
});

describe("the tenant's text in the log", () => {
  test('quoted on one line, the Unicode line separators escaped too, and shortened', () => {
    expect(tenantText('a\r\nb\u2028c"d')).toBe('"a\\r\\nb\\u2028c\\"d"');
    expect(tenantText('x'.repeat(200))).toBe(`"${'x'.repeat(120)}…"`);
    expect(describeOwner(USER)).toBe(`user ${USER.id} (display name not readable by the deployer identity)`);
  });
});

import type { PasswordCredential } from '../../src/graph/types.ts';
import {
  IN_FLIGHT_GRACE_MS,
  SECRET_MARKER,
  decideRotation,
  isMadeByAction,
  plannedRemovals,
  runLabel,
  secretsToRemove,
} from '../../src/plan/rotation.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const NOW = new Date('2025-06-01T12:00:00.000Z');

const at = (offsetMs: number): string => new Date(NOW.getTime() + offsetMs).toISOString();

/** A password credential that started `ageMs` ago and lives `lifetimeDays`. */
function credential(keyId: string, displayName: string | null, ageMs: number, lifetimeDays = 180): PasswordCredential {
  return { keyId, displayName, startDateTime: at(-ageMs), endDateTime: at(-ageMs + lifetimeDays * DAY_MS), hint: 'abc' };
}

const LABEL = runLabel({ id: '42', attempt: '1' });
const byAction = (run: string, ageMs: number, lifetimeDays?: number): PasswordCredential =>
  credential(`key-${run}`, `${SECRET_MARKER} run ${run} 0a1b2c3d`, ageMs, lifetimeDays);

describe('runLabel and isMadeByAction', () => {
  test.each<[{ id: string; attempt: string }, string]>([
    [{ id: '42', attempt: '1' }, 'intrexx-entra-action run 42.1'],
    [{ id: 'local', attempt: '1' }, 'intrexx-entra-action run local.1'],
    [{ id: '9876543210', attempt: '12' }, 'intrexx-entra-action run 9876543210.12'],
  ])('runLabel(%j) is %s', (run, expected) => {
    expect(runLabel(run)).toBe(expected);
  });

  test.each<[string | null, boolean]>([
    [`${runLabel({ id: '42', attempt: '1' })} 0a1b2c3d`, true],
    ['intrexx-entra-action something else', true],
    ['intrexx-entra-action', false],
    ['intrexx-entra-actions run 1.1 x', false],
    ['my intrexx-entra-action run 1.1 x', false],
    ['Password uploaded on Mon Jun 02 2025', false],
    ['', false],
    [null, false],
  ])('isMadeByAction(%j) is %s', (displayName, expected) => {
    expect(isMadeByAction(credential('k', displayName, DAY_MS))).toBe(expected);
  });
});

describe('decideRotation', () => {
  const whenExpiring = { rotate: 'when-expiring', rotateBeforeDays: 30 } as const;

  test.each<[string, PasswordCredential[], boolean, string]>([
    ['no secrets at all', [], true, 'no client secret made by this action exists'],
    ['only hand-made secrets, however fresh', [credential('hand', 'CI secret', DAY_MS, 700)], true, 'no client secret made by this action exists'],
    ['a fresh secret made by this action', [byAction('41.1', 10 * DAY_MS)], false, 'stays valid until'],
    ['expires in 31 days', [byAction('41.1', 149 * DAY_MS)], false, 'more than rotate-before-days (30) away'],
    ['expires in 29 days', [byAction('41.1', 151 * DAY_MS)], true, 'within 30 days'],
    ['expires in exactly 30 days', [byAction('41.1', 150 * DAY_MS)], true, 'within 30 days'],
    ['expired yesterday', [byAction('41.1', 181 * DAY_MS)], true, 'expired on'],
    [
      'only the newest made by this action counts, not an older long-lived one',
      [byAction('40.1', 20 * DAY_MS, 730), byAction('41.1', 5 * DAY_MS, 20)],
      true,
      'within 30 days',
    ],
    [
      'the newest one is fresh, an older one expired',
      [byAction('40.1', 200 * DAY_MS), byAction('41.1', 5 * DAY_MS)],
      false,
      'client secret key-41.1 stays valid',
    ],
    [
      'a hand-made secret expiring soon does not count',
      [credential('hand', 'CI secret', 179 * DAY_MS), byAction('41.1', 5 * DAY_MS)],
      false,
      'stays valid',
    ],
  ])('when-expiring: %s', (_case, credentials, rotate, reason) => {
    const decision = decideRotation(credentials, whenExpiring, NOW);
    expect(decision.rotate).toBe(rotate);
    expect(decision.reason).toContain(reason);
  });

  test('rotate always makes a new secret even when a fresh one exists', () => {
    expect(decideRotation([byAction('41.1', DAY_MS)], { rotate: 'always', rotateBeforeDays: 30 }, NOW)).toEqual({
      rotate: true,
      reason: 'rotate is always',
    });
  });

  test('rotate-before-days 0 rotates only once the newest has expired', () => {
    const policy = { rotate: 'when-expiring', rotateBeforeDays: 0 } as const;
    expect(decideRotation([byAction('41.1', 179 * DAY_MS)], policy, NOW).rotate).toBe(false);
    expect(decideRotation([byAction('41.1', 180 * DAY_MS + 1)], policy, NOW).rotate).toBe(true);
  });
});

describe('secretsToRemove', () => {
  const ours = credential('ours', `${LABEL} 99887766`, 0);
  const old1 = byAction('40.1', 10 * DAY_MS);
  const old2 = byAction('41.1', 5 * DAY_MS);
  const old3 = byAction('39.1', 20 * DAY_MS);
  const handMade = credential('hand', 'Created in the portal', 400 * DAY_MS, 730);
  const handMadeNoName = credential('anon', null, 300 * DAY_MS, 730);
  const newer = credential('newer', `${SECRET_MARKER} run 43.1 aabbccdd`, -MINUTE_MS);
  const inFlight = credential('in-flight', `${SECRET_MARKER} run 41.2 aabbccdd`, IN_FLIGHT_GRACE_MS - MINUTE_MS);
  const justOutOfGrace = credential('just-out', `${SECRET_MARKER} run 41.3 aabbccdd`, IN_FLIGHT_GRACE_MS + MINUTE_MS);
  const orphan = credential('orphan', `${LABEL} deadbeef`, 0);
  const otherAttempt = credential('attempt-2', `${runLabel({ id: '42', attempt: '2' })} deadbeef`, 2 * IN_FLIGHT_GRACE_MS);
  const run42dot10 = credential('run-42.10', `${SECRET_MARKER} run 42.10 deadbeef`, 2 * IN_FLIGHT_GRACE_MS);

  const keys = (credentials: readonly PasswordCredential[]): string[] => credentials.map((c) => c.keyId).sort();

  test.each<[string, PasswordCredential[], number, string[]]>([
    ['keeps 2: ours and the newest older one', [old1, ours, old2, old3], 2, ['key-39.1', 'key-40.1']],
    ['keeps 1: only ours', [old1, ours, old2], 1, ['key-40.1', 'key-41.1']],
    ['keeps 3 of 3', [old1, ours, old2], 3, []],
    ['keeps more than there are', [ours, old1], 10, []],
    ['never ours, even with keep 1 and a newer one', [newer, ours], 1, []],
    ['a newer one from another run counts towards keep and is kept', [newer, ours, old2, old1], 2, ['key-40.1', 'key-41.1']],
    ['never a hand-made one', [handMade, handMadeNoName, ours, old1], 1, ['key-40.1']],
    ['never one younger than the in-flight grace', [ours, inFlight, old1], 1, ['key-40.1']],
    ['one just older than the grace goes', [ours, justOutOfGrace], 1, ['just-out']],
    ['an orphan of this run goes, even brand-new, and does not count towards keep', [ours, orphan, old2, old1], 2, ['key-40.1', 'orphan']],
    ['another attempt of this run is no orphan', [ours, otherAttempt], 2, []],
    ['run 42.10 is no orphan of run 42.1', [ours, run42dot10], 2, []],
    ['keep 0 keeps all made by this action', [ours, old1, old2, old3, inFlight], 0, []],
    ['keep 0 still removes orphans', [ours, orphan, old1, handMade], 0, ['orphan']],
  ])('%s', (_case, credentials, keep, expected) => {
    expect(keys(secretsToRemove(credentials, ours, keep, LABEL, NOW))).toEqual(expected);
  });

  test('never removes anything newer than ours when ours has no start time', () => {
    const undated = { keyId: 'ours', startDateTime: null };
    expect(secretsToRemove([{ ...ours, startDateTime: null }, old1, old2], undated, 1, LABEL, NOW)).toEqual([]);
  });
});

describe('plannedRemovals', () => {
  const old = (run: string, ageDays: number): PasswordCredential => byAction(run, ageDays * DAY_MS);
  const a = old('1.1', 30);
  const b = old('2.1', 20);
  const c = old('3.1', 10);
  const young = credential('young', `${SECRET_MARKER} run 4.1 x`, MINUTE_MS);
  const hand = credential('hand', 'manual', 100 * DAY_MS);

  test.each<[string, PasswordCredential[], number, string[]]>([
    ['keep 2 leaves room for the new one and one more', [a, b, c, hand], 2, ['key-1.1', 'key-2.1']],
    ['keep 1 removes all older ones', [a, b, c], 1, ['key-1.1', 'key-2.1', 'key-3.1']],
    ['keep 4 removes none of 3', [a, b, c], 4, []],
    ['keep 0 removes none', [a, b, c], 0, []],
    ['a young one is neither removed nor planned', [young, a], 1, ['key-1.1']],
    ['never a hand-made one', [hand], 1, []],
  ])('%s', (_case, credentials, keep, expected) => {
    expect(plannedRemovals(credentials, keep, NOW).map((x) => x.keyId).sort()).toEqual(expected);
  });
});

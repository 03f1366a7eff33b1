import { observeHolding, type DestinationView } from '../../src/plan/holding.ts';
import type { Ledger } from '../../src/plan/ledger.ts';
import { judgeSecrets, removals, type RetirePolicy } from '../../src/plan/retirement.ts';
import type { PasswordCredential } from '../../src/graph/types.ts';
import { byHand, confirmed, DAY, deltaOf, ENV, github, holds, key, ledger, made, MINUTE, NOW, pending, policy, REPO, retiring } from './ledger-fixtures.ts';

const POLICY: RetirePolicy = { keep: 2, graceDays: 7, phase: 'rotate-and-retire' };

function judge(view: DestinationView, l: Ledger, credentials: PasswordCredential[], policy: Partial<RetirePolicy> = {}, ours?: { label: string; keyId: string }) {
  const holding = observeHolding(view, l, credentials);
  return judgeSecrets({ ledger: l, credentials, destination: view, holding, policy: { ...POLICY, ...policy }, now: NOW, run: { id: '300', attempt: '1' }, ...(ours ? { ours } : {}) });
}
const removed = (verdicts: ReturnType<typeof judge>) => removals(verdicts).map((v) => v.credential.keyId);

describe('judgeSecrets', () => {
  const h3 = made(3, 1 * DAY);
  const view = github(REPO, h3);
  const known = (...more: Parameters<typeof ledger>) => ledger(holds(REPO, 3, deltaOf(view, h3)), ...more);

  test('a replaced secret goes once its grace period is over and it is beyond keep-secrets', () => {
    const creds = [made(1, 300 * DAY), made(2, 100 * DAY), h3];
    const l = known(retiring(REPO, 1, 2), retiring(REPO, 2, 3));
    expect(removed(judge(view, l, creds))).toEqual([key(1)]);
    expect(removed(judge(view, l, creds, { keep: 1, graceDays: 0 }))).toEqual([key(1), key(2)]);
    expect(removed(judge(view, l, creds, { keep: 1 }))).toEqual([key(1)]);
    // keep-secrets 0 keeps every secret a destination was given, but not past its expiry (made(1) expired 120 days ago).
    expect(removed(judge(view, l, creds, { keep: 0 }))).toEqual([key(1)]);
    expect(judge(view, l, creds, { keep: 0 }).find((v) => v.credential.keyId === key(1))?.kind).toBe('expired');
  });

  test('an expired secret goes whatever holds it; within a day of its expiry (clock skew) it stays', () => {
    const expired = made(5, 183 * DAY, ENV);
    const justExpired = made(6, 180 * DAY + 3_600_000, ENV);
    const l = known(holds(ENV, 5, 1000), retiring(ENV, 6, 5));
    const verdicts = judge(view, l, [expired, justExpired, h3], { keep: 0, phase: 'rotate' });
    expect(removed(verdicts)).toEqual([key(5)]);
    expect(verdicts.find((v) => v.credential === justExpired)?.kind).toBe('kept');
  });

  test('within the grace period a replaced secret stays, whatever keep-secrets says', () => {
    const creds = [made(2, 100 * DAY), h3];
    const verdicts = judge(view, known(retiring(REPO, 2, 3)), creds, { keep: 1 });
    expect(removed(verdicts)).toEqual([]);
    expect(verdicts[0]?.why).toMatch(/grace period \(7 days\) runs until/);
  });

  test('secret-phase retire removes what this destination no longer holds at once', () => {
    const creds = [made(2, 100 * DAY), h3];
    expect(removed(judge(view, known(retiring(REPO, 2, 3)), creds, { phase: 'retire' }))).toEqual([key(2)]);
  });

  test('a secret another destination holds is never removed', () => {
    const creds = [made(2, 100 * DAY, ENV), h3];
    const l = known(retiring(REPO, 2, 3), holds(ENV, 2, 1000));
    expect(removed(judge(view, l, creds, { keep: 1, graceDays: 0, phase: 'retire' }))).toEqual([]);
  });

  test('a secret replaced at two destinations goes only when both allow it, each by its own recorded rules', () => {
    const h4 = made(4, 2 * DAY, ENV);
    const creds = [made(2, 100 * DAY), h3, h4];
    const l = (envGrace: number) => known(retiring(REPO, 2, 3), retiring(ENV, 2, 4), holds(ENV, 4, 1000), policy(ENV, envGrace, 1));
    expect(removed(judge(view, l(1), creds, { keep: 1, graceDays: 1 }))).toEqual([key(2)]);
    expect(removed(judge(view, l(3), creds, { keep: 1, graceDays: 1 }))).toEqual([]);
    // This run's own rules never shorten another destination's: grace 0 here, 3 days there.
    expect(removed(judge(view, l(3), creds, { keep: 1, graceDays: 0, phase: 'retire' }))).toEqual([]);
  });

  test("another destination that recorded no rules gets the stricter of this run's and the defaults (7 days, keep 2)", () => {
    const h4 = made(4, 2 * DAY, ENV);
    const creds = [made(2, 100 * DAY, ENV), h3, h4];
    const l = known(retiring(ENV, 2, 4), holds(ENV, 4, 1000));
    const verdicts = judge(view, l, creds, { keep: 1, graceDays: 0 });
    expect(removed(verdicts)).toEqual([]);
    expect(verdicts.find((v) => v.credential.keyId === key(2))?.why).toMatch(/grace period \(7 days\)/);
    expect(removed(judge(view, known(retiring(ENV, 2, 4), holds(ENV, 4, 1000), policy(ENV, 1, 1)), creds, { keep: 5, graceDays: 30 }))).toEqual([key(2)]);
  });

  test('with confirmation, a replaced secret waits for the destination to confirm its replacement (or a newer one); grace runs from then', () => {
    const h4 = made(4, 10 * DAY, ENV);
    const h5 = made(5, 9 * DAY, ENV);
    const creds = [made(2, 100 * DAY, ENV), h3, h4, h5];
    const base = [retiring(ENV, 2, 4), retiring(ENV, 4, 5), holds(ENV, 5, 1000), policy(ENV, 7, 1, true)] as const;
    const why = (l: Ledger) => judge(view, l, creds, { keep: 1, graceDays: 0 }).find((v) => v.credential.keyId === key(2))?.why;
    expect(why(known(...base))).toMatch(/has not yet confirmed that it uses/);
    // Confirmed 8 days after h5 was made, i.e. 1 day ago: grace (7 days) runs for 6 more days.
    expect(why(known(...base, confirmed(ENV, 5, 8 * DAY)))).toMatch(/grace period \(7 days\) runs until/);
    // Confirmed right after h5 was made, 9 days ago: both older secrets are past their grace; keep 1 keeps only h5.
    expect(removed(judge(view, known(...base, confirmed(ENV, 5, 60_000)), creds, { keep: 1, graceDays: 0 }))).toEqual([key(2), key(4)]);
  });

  test('a leftover goes first and takes no keep-secrets place', () => {
    const orphan = made(9, 40 * MINUTE);
    const creds = [made(2, 100 * DAY), h3, orphan];
    const l = known(retiring(REPO, 2, 3), pending(REPO, 9));
    const verdicts = judge(view, l, creds, { keep: 2, graceDays: 0 });
    expect(removed(verdicts)).toEqual([key(9)]);
    expect(verdicts.find((v) => v.credential === orphan)?.why).toContain('never delivered');
  });

  test('a delivery that may still be under way is left alone', () => {
    expect(removed(judge(view, known(pending(REPO, 9)), [h3, made(9, 5 * MINUTE)], { graceDays: 0 }))).toEqual([]);
  });

  test('while what the destination holds is unknown, nothing it was ever given goes, replaced or not (a person may have written it back)', () => {
    const unknownView = github(REPO, h3, 60_000);
    const creds = [made(2, 100 * DAY), h3, made(9, 40 * MINUTE)];
    const verdicts = judge(unknownView, known(retiring(REPO, 2, 3)), creds, { keep: 1, graceDays: 0 });
    expect(removed(verdicts)).toEqual([]);
    expect(verdicts.find((v) => v.credential.keyId === key(2))?.why).toMatch(/may hold it/);
    expect(removed(judge(unknownView, ledger(holds(REPO, 3, 1)), creds, { keep: 1, graceDays: 0 }))).toEqual([]);
  });

  test('secrets made for another destination that no record mentions are that destination\'s business', () => {
    expect(removed(judge(view, known(), [h3, made(8, 40 * DAY, ENV)], { keep: 1, graceDays: 0 }))).toEqual([]);
  });

  test('an unrecorded older secret of a known destination counts as replaced by what it holds', () => {
    expect(removed(judge(view, known(), [made(2, 100 * DAY), h3], { keep: 1, graceDays: 0 }))).toEqual([key(2)]);
  });

  test('hand-made secrets are never judged, even with a name like ours', () => {
    const verdicts = judge(view, known(), [byHand(5), byHand(6, 'intrexx-entra-action backup'), h3], { keep: 1, graceDays: 0 });
    expect(verdicts.map((v) => v.credential.keyId)).toEqual([key(3)]);
  });

  test("this run's secrets whose value was lost with an answer go", () => {
    const ours = made(7, MINUTE, REPO, { id: '300', attempt: '1' });
    const lost = made(6, MINUTE, REPO, { id: '300', attempt: '1' });
    const label = (ours.displayName ?? '').replace(/ [0-9a-f]+$/, '');
    const verdicts = judge(view, known(), [h3, lost, ours], {}, { label, keyId: key(7) });
    expect(removed(verdicts)).toEqual([key(6)]);
  });
});

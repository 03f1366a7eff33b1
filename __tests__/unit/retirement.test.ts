import { observeHolding, type DestinationView } from '../../src/plan/holding.ts';
import type { Ledger } from '../../src/plan/ledger.ts';
import { judgeSecrets, removals, type RetirePolicy } from '../../src/plan/retirement.ts';
import type { PasswordCredential } from '../../src/graph/types.ts';
import { byHand, DAY, deltaOf, ENV, github, holds, key, ledger, made, MINUTE, NOW, pending, REPO, retiring } from './ledger-fixtures.ts';

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
    expect(removed(judge(view, l, creds, { keep: 0 }))).toEqual([]);
  });

  test('within the grace period a replaced secret stays, whatever keep-secrets says', () => {
    const creds = [made(2, 100 * DAY), h3];
    const verdicts = judge(view, known(retiring(REPO, 2, 3)), creds, { keep: 1 });
    expect(removed(verdicts)).toEqual([]);
    expect(verdicts[0]?.why).toContain('grace period runs until');
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

  test('a secret replaced at two destinations goes only when both allow it', () => {
    const h4 = made(4, 2 * DAY, ENV);
    const creds = [made(2, 100 * DAY), h3, h4];
    const l = known(retiring(REPO, 2, 3), retiring(ENV, 2, 4), holds(ENV, 4, 1000));
    expect(removed(judge(view, l, creds, { keep: 1, graceDays: 1 }))).toEqual([key(2)]);
    expect(removed(judge(view, l, creds, { keep: 1, graceDays: 3 }))).toEqual([]);
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

  test('while what the destination holds is unknown, nothing made for it goes', () => {
    const unknownView = github(REPO, h3, 60_000);
    const creds = [made(2, 100 * DAY), h3, made(9, 40 * MINUTE)];
    expect(removed(judge(unknownView, known(retiring(REPO, 2, 3)), creds, { keep: 1, graceDays: 0 }))).toEqual([key(2)]);
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

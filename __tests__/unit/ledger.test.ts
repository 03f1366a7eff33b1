import { compactLedger, factTag, ledgerTags, parseLedger, policyOf, readLabel, secretLabel, withoutDangling, withPolicy } from '../../src/plan/ledger.ts';
import { byHand, confirmed, DAY, ENV, holds, key, ledger as facts, made, pending, policy, REPO, retiring } from './ledger-fixtures.ts';

describe('the ledger in application tags', () => {
  test.each([holds(REPO, 1, 2345), holds(REPO, 1, -12), holds(REPO, 1, null), pending(REPO, 2), retiring(REPO, 3, 4), confirmed(REPO, 5, 86_400_123), policy(REPO, 365, 100, true), policy(ENV, 0, 0)])('%j survives a round trip through a tag', (fact) => {
    const tag = factTag(fact);
    expect(tag.length).toBeLessThanOrEqual(256);
    expect(parseLedger([tag]).facts).toEqual([fact]);
  });

  test('other tags are kept as they are, and facts are not duplicated', () => {
    const tags = ['HideApp', factTag(pending(REPO, 2)), 'intrexx-entra-action:not-a-fact', factTag(pending(REPO, 2))];
    const ledger = parseLedger(tags);
    expect(ledger.otherTags).toEqual(['HideApp', 'intrexx-entra-action:not-a-fact']);
    expect(ledgerTags(ledger)).toEqual(['HideApp', 'intrexx-entra-action:not-a-fact', factTag(pending(REPO, 2))]);
  });

  test('facts about secrets that no longer exist are dropped', () => {
    const ledger = parseLedger([factTag(holds(REPO, 1, 5)), factTag(retiring(REPO, 2, 1))]);
    expect(withoutDangling(ledger, [made(1, 0)]).facts).toEqual([holds(REPO, 1, 5)]);
  });

  test("a destination's rules are dropped with its last fact about a secret, not before", () => {
    const ledger = parseLedger([factTag(holds(REPO, 1, 5)), factTag(policy(REPO, 7, 2))]);
    expect(withoutDangling(ledger, []).facts).toEqual([policy(REPO, 7, 2)]);
    expect(compactLedger(withoutDangling(ledger, []), []).facts).toEqual([]);
    expect(compactLedger(ledger, [made(1, 0)]).facts).toEqual([holds(REPO, 1, 5), policy(REPO, 7, 2)]);
  });

  test('compacting keeps only the newest confirmation per destination, which starts grace periods no earlier', () => {
    const creds = [made(1, 30 * DAY), made(2, 20 * DAY), made(3, 10 * DAY, ENV)];
    const l = facts(confirmed(REPO, 1, 5), confirmed(REPO, 2, 5), confirmed(ENV, 3, 5), retiring(REPO, 1, 2));
    expect(compactLedger(l, creds).facts).toEqual([confirmed(REPO, 2, 5), confirmed(ENV, 3, 5), retiring(REPO, 1, 2)]);
  });

  test("rules are recorded once per destination, replacing the destination's earlier ones", () => {
    const l = withPolicy(withPolicy(facts(policy(ENV, 1, 1)), REPO, { graceDays: 3, keep: 1, confirm: false }), REPO, { graceDays: 9, keep: 4, confirm: true });
    expect(policyOf(l, REPO)).toEqual({ graceDays: 9, keep: 4, confirm: true });
    expect(policyOf(l, ENV)).toEqual({ graceDays: 1, keep: 1, confirm: false });
    expect(l.facts).toHaveLength(2);
  });

  test('a null or missing tags collection is an empty ledger', () => {
    expect(parseLedger(null)).toEqual({ facts: [], otherTags: [] });
  });
});

describe('secret labels', () => {
  test('name the destination, the run and its attempt', () => {
    expect(secretLabel(REPO, { id: '42', attempt: '3', invocation: 'abcdef' })).toBe(`intrexx-entra-action ${REPO} run 42.3 abcdef`);
    expect(readLabel(`intrexx-entra-action ${REPO} run 42.3 abcdef 0a1b2c3d`)).toEqual({ destination: REPO, runId: '42', attempt: 3 });
  });

  test.each([
    ['the first release', 'intrexx-entra-action run 41.1 0a1b2c3d', { destination: undefined, runId: '41', attempt: 1 }],
    ['a hand-made name that merely starts like ours', 'intrexx-entra-action backup', undefined],
    ['a hand-made name', 'Created in the portal', undefined],
    ['no name', null, undefined],
  ])('%s', (_name, displayName, expected) => {
    expect(readLabel(displayName)).toEqual(expected);
  });

  test('a hand-made secret is not read as ours', () => {
    expect(readLabel(byHand(1).displayName)).toBeUndefined();
    expect(key(1)).toMatch(/^00000001-/);
  });
});

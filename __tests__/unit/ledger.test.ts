import { factTag, ledgerTags, parseLedger, readLabel, secretLabel, withoutDangling } from '../../src/plan/ledger.ts';
import { byHand, holds, key, made, pending, REPO, retiring } from './ledger-fixtures.ts';

describe('the ledger in application tags', () => {
  test.each([holds(REPO, 1, 2345), holds(REPO, 1, -12), holds(REPO, 1, null), pending(REPO, 2), retiring(REPO, 3, 4)])('%j survives a round trip through a tag', (fact) => {
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

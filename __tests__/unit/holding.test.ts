import { neverDelivered, observeHolding } from '../../src/plan/holding.ts';
import { DAY, deltaOf, github, holds, ledger, made, MINUTE, NOW, output, pending, REPO, retiring } from './ledger-fixtures.ts';

describe('observeHolding', () => {
  const h1 = made(1, 10 * DAY);
  const view = github(REPO, h1);

  test('known: the recorded secret, and nothing wrote the destination since', () => {
    const result = observeHolding(view, ledger(holds(REPO, 1, deltaOf(view, h1))), [h1]);
    expect(result).toEqual({ status: 'known', secret: h1, writtenAt: Date.parse(view.secretUpdatedAt ?? '') });
  });

  test.each([
    ['the destination has no client secret', github(REPO, undefined), ledger(holds(REPO, 1, 2000)), [h1], 'none', 'has no client secret'],
    ['no record', view, ledger(), [h1], 'unknown', 'no record'],
    ['written since the record', github(REPO, h1, 5000), ledger(holds(REPO, 1, 2000)), [h1], 'unknown', 'which the ledger does not record'],
    ['the recorded secret is gone', view, ledger(holds(REPO, 1, 2000)), [], 'unknown', 'no longer exists'],
    ['two records', view, ledger(holds(REPO, 1, 2000), holds(REPO, 2, 1000)), [h1, made(2, DAY)], 'unknown', '2 client secrets'],
    ['a delivery began before the last write', view, ledger(holds(REPO, 1, 2000), pending(REPO, 2)), [h1, made(2, 10 * DAY - 1000)], 'unknown', 'began before its last write'],
    ['an unrecorded secret made for it in the same second', view, ledger(holds(REPO, 1, 2000)), [h1, made(2, 10 * DAY - 1500)], 'unknown', 'began before its last write'],
  ])('%s', (_name, v, l, credentials, status, reason) => {
    const result = observeHolding(v, l, credentials);
    expect(result.status).toBe(status);
    expect(result.status === 'known' ? '' : result.reason).toContain(reason);
  });

  test('a Key Vault is a store like GitHub: without the secret it holds none; a write the ledger does not record makes it unknown', () => {
    const vault = (v: ReturnType<typeof github>) => ({ ...v, kind: 'key-vault' as const });
    expect(observeHolding(vault(github(REPO, undefined)), ledger(holds(REPO, 1, 2000)), [h1]).status).toBe('none');
    expect(observeHolding(vault(view), ledger(holds(REPO, 1, deltaOf(view, h1))), [h1]).status).toBe('known');
    expect(observeHolding(vault(github(REPO, h1, 5000)), ledger(holds(REPO, 1, 2000)), [h1]).status).toBe('unknown');
  });

  test('a delivery that began well after the last write does not cloud it', () => {
    const l = ledger(holds(REPO, 1, 2000), pending(REPO, 2));
    expect(observeHolding(view, l, [h1, made(2, DAY)]).status).toBe('known');
  });

  test('step outputs: known from the record alone, unknown once a newer secret was made for them', () => {
    const o = output(REPO);
    expect(observeHolding(o, ledger(), []).status).toBe('none');
    expect(observeHolding(o, ledger(holds(REPO, 1, null)), [h1]).status).toBe('known');
    expect(observeHolding(o, ledger(holds(REPO, 1, null)), [h1, made(2, DAY)]).status).toBe('unknown');
    expect(observeHolding(o, ledger(holds(REPO, 1, null), retiring(REPO, 2, 1)), [h1, made(2, 20 * DAY)]).status).toBe('known');
  });
});

describe('neverDelivered', () => {
  const h1 = made(1, 10 * DAY);
  const view = github(REPO, h1);
  const known = observeHolding(view, ledger(holds(REPO, 1, deltaOf(view, h1))), [h1]);
  const run = { id: '200', attempt: '2' };

  test.each([
    ['younger than the last write and older than a run takes', made(2, 31 * MINUTE), true],
    ['younger than the last write, but a run may still deliver it', made(2, 29 * MINUTE), false],
    ['made by an earlier attempt of this workflow run', made(2, MINUTE, REPO, { id: '200', attempt: '1' }), true],
    ['made by the same attempt (this very run)', made(2, MINUTE, REPO, { id: '200', attempt: '2' }), false],
    ['older than the last write', made(2, 11 * DAY), false],
  ])('%s: %s', (_name, c, expected) => {
    expect(neverDelivered(c, known, run, NOW)).toBe(expected);
  });

  test('never, while what the destination holds is unknown', () => {
    expect(neverDelivered(made(2, DAY), { status: 'unknown', reason: 'x' }, run, NOW)).toBe(false);
  });
});

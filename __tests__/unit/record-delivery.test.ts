import { withDelivery, withPending, withoutSecret } from '../../src/plan/record-delivery.ts';
import { DAY, ENV, holds, key, ledger, made, MINUTE, NOW, pending, REPO, retiring } from './ledger-fixtures.ts';

describe('recording a delivery', () => {
  const k9 = made(9, 2_000);

  test('the new secret is held; what was held, and what was made for it unrecorded, are replaced by it', () => {
    const creds = [made(1, 300 * DAY, undefined), made(2, 100 * DAY), made(3, 50 * DAY), made(4, 40 * DAY, ENV), k9];
    const before = ledger(holds(REPO, 3, 1000), retiring(REPO, 2, 3), holds(ENV, 4, 500), pending(REPO, 9));
    const { ledger: after, recorded } = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1500, heldBefore: [holds(REPO, 3, 1000)], credentials: creds, now: NOW });
    expect(recorded).toBe(true);
    expect(after.facts).toEqual(expect.arrayContaining([holds(REPO, 9, 1500), retiring(REPO, 3, 9), retiring(REPO, 2, 3), holds(ENV, 4, 500), retiring(REPO, 1, 9)]));
    expect(after.facts).not.toContainEqual(pending(REPO, 9));
    expect(after.facts).toHaveLength(5);
  });

  test('a delivery still under way keeps its claim; one long over is replaced', () => {
    const creds = [made(3, 50 * DAY), made(5, 5 * MINUTE), made(6, 2 * DAY), k9];
    const before = ledger(holds(REPO, 3, 1000), pending(REPO, 5), pending(REPO, 6));
    const { ledger: after } = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1500, heldBefore: [holds(REPO, 3, 1000)], credentials: creds, now: NOW });
    expect(after.facts).toContainEqual(pending(REPO, 5));
    expect(after.facts).toContainEqual(retiring(REPO, 6, 9));
  });

  test('a replaced secret whose replacement is gone is replaced by the new one', () => {
    const { ledger: after } = withDelivery(ledger(retiring(REPO, 2, 3)), { destination: REPO, keyId: key(9), delta: 1, heldBefore: [], credentials: [made(2, 100 * DAY), k9], now: NOW });
    expect(after.facts).toContainEqual(retiring(REPO, 2, 9));
  });

  test('another run delivered meanwhile and wrote later (or in the same second): nothing is claimed', () => {
    const rival = made(8, 1_000);
    const rivalDelta = 2_000; // wrote one second after ours was made
    const before = ledger(holds(REPO, 8, rivalDelta), pending(REPO, 9));
    const result = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1_500, heldBefore: [], credentials: [rival, k9], now: NOW });
    expect(result.recorded).toBe(false);
    expect(result.ledger).toBe(before);
  });

  test('another run delivered meanwhile, but clearly earlier: ours is recorded and replaces it', () => {
    const rival = made(8, 60_000);
    const before = ledger(holds(REPO, 8, 1_000));
    const result = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1_500, heldBefore: [], credentials: [rival, k9], now: NOW });
    expect(result.recorded).toBe(true);
    expect(result.ledger.facts).toContainEqual(retiring(REPO, 8, 9));
  });

  test('pending and undo', () => {
    const l = withPending(ledger(holds(REPO, 3, 1)), REPO, key(9).toUpperCase());
    expect(l.facts).toContainEqual(pending(REPO, 9));
    expect(withoutSecret(l, key(9)).facts).toEqual([holds(REPO, 3, 1)]);
  });
});

import { withDelivery, withPending, withoutSecret } from '../../src/plan/record-delivery.ts';
import { DAY, ENV, holds, key, ledger, made, MINUTE, NOW, pending, REPO, retiring } from './ledger-fixtures.ts';

/** The delivering destination's rules, recorded with the delivery; what it held before was known. */
const POLICY = { graceDays: 7, keep: 2, confirm: false };
const RULES = { policy: POLICY, heldUnknown: false };
const policyFact = (destination: string, p = POLICY) => ({ kind: 'policy' as const, destination, ...p });

describe('recording a delivery', () => {
  const k9 = made(9, 2_000);

  test('the new secret is held; what was held, and what was made for it unrecorded, are replaced by it; the rules are recorded; a first-release secret is not replaced', () => {
    const creds = [made(1, 150 * DAY, null), made(2, 100 * DAY), made(3, 50 * DAY), made(4, 40 * DAY, ENV), k9];
    const before = ledger(holds(REPO, 3, 1000), retiring(REPO, 2, 3), holds(ENV, 4, 500), pending(REPO, 9));
    const { ledger: after, recorded } = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1500, heldBefore: [holds(REPO, 3, 1000)], credentials: creds, now: NOW, ...RULES });
    expect(recorded).toBe(true);
    expect(after.facts).toEqual(expect.arrayContaining([holds(REPO, 9, 1500), retiring(REPO, 3, 9), retiring(REPO, 2, 3), holds(ENV, 4, 500), policyFact(REPO)]));
    expect(after.facts).not.toContainEqual(pending(REPO, 9));
    // Made by the first release (no destination in its label): another destination may hold it.
    expect(after.facts).not.toContainEqual(retiring(REPO, 1, 9));
    expect(after.facts).toHaveLength(5);
  });

  test('after a delivery to a destination whose holding was unknown, every secret it was given is replaced anew by the new one', () => {
    const creds = [made(2, 100 * DAY), made(3, 50 * DAY), k9];
    const before = ledger(retiring(REPO, 2, 3), holds(REPO, 3, 1000));
    const known = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1, heldBefore: [holds(REPO, 3, 1000)], credentials: creds, now: NOW, ...RULES });
    expect(known.ledger.facts).toContainEqual(retiring(REPO, 2, 3));
    const unknown = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1, heldBefore: [holds(REPO, 3, 1000)], credentials: creds, now: NOW, policy: POLICY, heldUnknown: true });
    expect(unknown.ledger.facts).toEqual(expect.arrayContaining([retiring(REPO, 2, 9), retiring(REPO, 3, 9)]));
    expect(unknown.ledger.facts).not.toContainEqual(retiring(REPO, 2, 3));
  });

  test("a delivery replaces the destination's recorded rules and leaves another destination's alone", () => {
    const before = ledger(holds(REPO, 3, 1000), policyFact(REPO, { graceDays: 30, keep: 5, confirm: true }), policyFact(ENV, { graceDays: 0, keep: 1, confirm: false }));
    const { ledger: after } = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1, heldBefore: [holds(REPO, 3, 1000)], credentials: [made(3, 50 * DAY), k9], now: NOW, ...RULES });
    expect(after.facts.filter((f) => f.kind === 'policy')).toEqual(expect.arrayContaining([policyFact(REPO), policyFact(ENV, { graceDays: 0, keep: 1, confirm: false })]));
    expect(after.facts.filter((f) => f.kind === 'policy')).toHaveLength(2);
  });

  test('a delivery still under way keeps its claim; one long over is replaced', () => {
    const creds = [made(3, 50 * DAY), made(5, 5 * MINUTE), made(6, 2 * DAY), k9];
    const before = ledger(holds(REPO, 3, 1000), pending(REPO, 5), pending(REPO, 6));
    const { ledger: after } = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1500, heldBefore: [holds(REPO, 3, 1000)], credentials: creds, now: NOW, ...RULES });
    expect(after.facts).toContainEqual(pending(REPO, 5));
    expect(after.facts).toContainEqual(retiring(REPO, 6, 9));
  });

  test('a replaced secret whose replacement is gone is replaced by the new one', () => {
    const { ledger: after } = withDelivery(ledger(retiring(REPO, 2, 3)), { destination: REPO, keyId: key(9), delta: 1, heldBefore: [], credentials: [made(2, 100 * DAY), k9], now: NOW, ...RULES });
    expect(after.facts).toContainEqual(retiring(REPO, 2, 9));
  });

  test('another run delivered meanwhile and wrote later (or in the same second): nothing is claimed', () => {
    const rival = made(8, 1_000);
    const rivalDelta = 2_000; // wrote one second after ours was made
    const before = ledger(holds(REPO, 8, rivalDelta), pending(REPO, 9));
    const result = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1_500, heldBefore: [], credentials: [rival, k9], now: NOW, ...RULES });
    expect(result.recorded).toBe(false);
    expect(result.ledger).toBe(before);
  });

  test('another run delivered meanwhile, but clearly earlier: ours is recorded and replaces it', () => {
    const rival = made(8, 60_000);
    const before = ledger(holds(REPO, 8, 1_000));
    const result = withDelivery(before, { destination: REPO, keyId: key(9), delta: 1_500, heldBefore: [], credentials: [rival, k9], now: NOW, ...RULES });
    expect(result.recorded).toBe(true);
    expect(result.ledger.facts).toContainEqual(retiring(REPO, 8, 9));
  });

  test('pending and undo', () => {
    const l = withPending(ledger(holds(REPO, 3, 1)), REPO, key(9).toUpperCase());
    expect(l.facts).toContainEqual(pending(REPO, 9));
    expect(withoutSecret(l, key(9)).facts).toEqual([holds(REPO, 3, 1)]);
  });
});

import { deadlineWarnings, reconfigureBy } from '../../src/plan/deadlines.ts';
import { confirmed, DAY, ENV, holds, key, ledger, made, NOW, policy, REPO, retiring } from './ledger-fixtures.ts';

const RULES = { graceDays: 7, keep: 2, confirm: false };

describe('reconfigure-by: when the secret a new one replaced may stop working', () => {
  test('at the end of its grace period, counted from the new secret', () => {
    const creds = [made(1, 40 * DAY), made(2, 0)];
    const deadline = reconfigureBy(ledger(retiring(REPO, 1, 2), holds(REPO, 2, 1)), creds, { destination: REPO, keyId: key(2), rules: RULES });
    expect(deadline?.by.toISOString()).toBe(new Date(NOW.getTime() + 7 * DAY).toISOString());
    expect(deadline?.replaced.map((c) => c.keyId)).toEqual([key(1)]);
  });

  test('at its own expiry when that comes first; with confirmation only the expiry counts', () => {
    const creds = [made(1, 176 * DAY), made(2, 0)]; // made(1) expires in 4 days
    const l = ledger(retiring(REPO, 1, 2), holds(REPO, 2, 1));
    const expiry = new Date(NOW.getTime() + 4 * DAY).toISOString();
    expect(reconfigureBy(l, creds, { destination: REPO, keyId: key(2), rules: RULES })?.by.toISOString()).toBe(expiry);
    const later = [made(1, 100 * DAY), made(2, 0)];
    expect(reconfigureBy(l, later, { destination: REPO, keyId: key(2), rules: { ...RULES, confirm: true } })?.by.toISOString()).toBe(new Date(NOW.getTime() + 80 * DAY).toISOString());
  });

  test('nothing replaced (a first delivery, or replaced at another destination): no deadline', () => {
    const creds = [made(1, 40 * DAY), made(2, 0)];
    expect(reconfigureBy(ledger(holds(REPO, 2, 1)), creds, { destination: REPO, keyId: key(2), rules: RULES })).toBeUndefined();
    expect(reconfigureBy(ledger(retiring(ENV, 1, 2)), creds, { destination: REPO, keyId: key(2), rules: RULES })).toBeUndefined();
  });
});

describe('deadline warnings', () => {
  test('a destination holding a secret that expires within 14 days is named; one further off is not', () => {
    const creds = [made(1, 170 * DAY), made(2, 100 * DAY, ENV)];
    const warnings = deadlineWarnings(ledger(holds(REPO, 1, 1), holds(ENV, 2, 1)), creds, NOW);
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`Destination ${REPO} holds client secret ${key(1)}, which expires on .* \\(in 10 days\\)`))]);
  });

  test('with confirmation, a replaced secret close to its end is named until the replacement is confirmed', () => {
    const creds = [made(1, 170 * DAY), made(2, 5 * DAY)];
    const base = [retiring(REPO, 1, 2), holds(REPO, 2, 1)] as const;
    expect(deadlineWarnings(ledger(...base, policy(REPO, 7, 2, true)), creds, NOW)).toEqual([expect.stringMatching(/has not confirmed that its portal runs on client secret .*run secret-phase confirm/)]);
    expect(deadlineWarnings(ledger(...base, policy(REPO, 7, 2, true), confirmed(REPO, 2, 1000)), creds, NOW)).toEqual([]);
    expect(deadlineWarnings(ledger(...base, policy(REPO, 7, 2, false)), creds, NOW)).toEqual([]);
  });
});

/**
 * docs/rotation.md, "A portal through three scheduled rotations", describes what a weekly
 * `rotate: when-expiring` schedule does and by when the portal must be redeployed. This test runs the
 * planner's own rules over the same schedule, day by day, and checks the table and the redeploy windows
 * the page states against what the rules do: the documentation cannot promise a window the code does
 * not keep.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PasswordCredential } from '../../src/graph/types.ts';
import type { DestinationView } from '../../src/plan/holding.ts';
import { destinationPolicy, secretLabel, withoutDangling, type Ledger } from '../../src/plan/ledger.ts';
import { withDelivery } from '../../src/plan/record-delivery.ts';
import { retirementNow } from '../../src/plan/retirement.ts';
import { planSecret } from '../../src/plan/secret-plan.ts';
import { readSettings } from '../../src/settings/read-settings.ts';

const DAY = 86_400_000;
const DAY0 = Date.parse('2027-01-04T06:00:00Z');
const DOC = readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'rotation.md'), 'utf8');
const SECTION = DOC.slice(DOC.indexOf('## A portal through three scheduled rotations'));

/** The schedule's inputs, read from the page itself. */
function scheduleInputs(): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const name of ['rotate', 'secret-lifetime-days', 'rotate-before-days', 'grace-period-days', 'keep-secrets']) {
    const m = new RegExp('`' + name + ': ([a-z0-9-]+)`').exec(SECTION);
    if (!m) throw new Error(`the page does not state ${name}`);
    inputs[name] = m[1]!;
  }
  return inputs;
}

interface Event {
  readonly day: number;
  readonly added: string[];
  readonly removed: string[];
}

/** Runs the weekly schedule through the planner, the delivery record and retirement, as a run would. */
function simulate(lastDay: number): { events: Event[]; added: Map<string, number>; gone: Map<string, number>; expires: Map<string, number> } {
  const all = { 'tenant-id': 'contoso.onmicrosoft.com', 'client-id': '11111111-2222-3333-4444-555555555555', 'portal-base-url': 'https://portal.example.com', 'app-name': 'Portal', 'secrets-target': 'repository', 'github-token': 'token', ...scheduleInputs() };
  const settings = readSettings((name) => all[name as keyof typeof all] ?? '', { GITHUB_REPOSITORY: 'contoso/portal' });
  let credentials: PasswordCredential[] = [];
  let ledger: Ledger = { facts: [], otherTags: [] };
  let updatedAt: string | null = null;
  const events: Event[] = [];
  const added = new Map<string, number>();
  const gone = new Map<string, number>();
  const expires = new Map<string, number>();
  const names = new Map<string, string>();
  for (let day = 0, n = 1; day <= lastDay; day += 7) {
    const now = new Date(DAY0 + day * DAY);
    const view = (): DestinationView => ({ ...settings.destination, secretUpdatedAt: updatedAt });
    const plan = planSecret(settings, { credentials, ledger, signInAudience: 'AzureADMyOrg' }, view(), now);
    const event: Event = { day, added: [], removed: [] };
    if (plan.rotate) {
      const name = `K${n++}`;
      const keyId = `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
      names.set(keyId, name);
      const secret: PasswordCredential = { keyId, displayName: `${secretLabel(settings.destination.id, { id: String(day), attempt: '1', invocation: 'abcdef' })} 0011aabb`, startDateTime: now.toISOString(), endDateTime: new Date(now.getTime() + settings.secret.lifetimeDays * DAY).toISOString(), hint: 'abc' };
      credentials = [...credentials, secret];
      updatedAt = new Date(now.getTime() + 2_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const heldBefore = ledger.facts.filter((f) => f.kind === 'holds');
      ledger = withDelivery(ledger, { destination: settings.destination.id, keyId, delta: 2_000, heldBefore, credentials, now, policy: destinationPolicy(settings.secret), heldUnknown: plan.holding.status === 'unknown' }).ledger;
      event.added.push(name);
      added.set(name, day);
      expires.set(name, day + settings.secret.lifetimeDays);
    }
    const { doomed } = retirementNow({ ledger, credentials }, view(), settings.secret, { now, run: { id: String(day), attempt: '1' } });
    for (const v of doomed) {
      const name = names.get(v.credential.keyId)!;
      event.removed.push(name);
      gone.set(name, day);
    }
    credentials = credentials.filter((c) => !doomed.some((v) => v.credential === c));
    ledger = withoutDangling(ledger, credentials);
    if (event.added.length + event.removed.length > 0) events.push(event);
  }
  return { events, added, gone, expires };
}

/** The table's rows: a day or a range of days, and the secrets the row says are added and removed. */
function documentedRows(): { from: number; to: number; added: string[]; removed: string[] }[] {
  return SECTION.split('\n')
    .filter((line) => /^\| \d/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      const days = (cells[1] ?? '').split(/…|\.\.\.|,/).map((d) => Number(d.trim()));
      const what = cells[3] ?? '';
      return {
        from: days[0]!,
        to: days.at(-1)!,
        added: [...what.matchAll(/adds (K\d)/g)].map((m) => m[1]!),
        removed: [...what.matchAll(/removes (K\d)/g)].map((m) => m[1]!),
      };
    });
}

describe('the documented scheduled rotation follows from the rules the code applies', () => {
  const rows = documentedRows();
  const lastDay = Math.max(...rows.map((r) => r.to));
  const { events, added, gone, expires } = simulate(lastDay);

  test('the page has a table to check', () => {
    expect(rows.length).toBeGreaterThanOrEqual(5);
  });

  test.each(rows.map((r) => [r.from === r.to ? `day ${r.from}` : `days ${r.from} … ${r.to}`, r]))('%s: what the table says the runs add and remove', (_label, row) => {
    const inRow = events.filter((e) => e.day >= row.from && e.day <= row.to);
    expect({ added: inRow.flatMap((e) => e.added), removed: inRow.flatMap((e) => e.removed) }).toEqual({ added: row.added, removed: row.removed });
  });

  test('every run that adds or removes a secret is in the table', () => {
    const covered = (day: number) => rows.some((r) => day >= r.from && day <= r.to);
    expect(events.filter((e) => !covered(e.day)).map((e) => e.day)).toEqual([]);
  });

  test('each stated redeploy window runs from the new secret to the last day the replaced one still signs in', () => {
    const windows = [...SECTION.matchAll(/with (K\d)\s+between\s+day\s+(\d+)\s+and\s+day\s+(\d+)/g)];
    expect(windows.length).toBeGreaterThanOrEqual(2);
    for (const [, name, from, to] of windows) {
      const replaced = `K${Number(name!.slice(1)) - 1}`;
      // The replaced secret signs in until it expires or is removed, whichever comes first.
      const lastValid = Math.min(expires.get(replaced)!, gone.get(replaced) ?? Infinity);
      expect([name, Number(from), Number(to)]).toEqual([name, added.get(name!), lastValid]);
    }
  });
});

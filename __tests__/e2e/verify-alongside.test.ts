/**
 * The new secret is verified while it is delivered (src/secret/life.ts): Entra needs seconds to
 * make a new secret work everywhere, and the delivery does not depend on it. Only retiring waits for
 * the verification. A failed delivery gives the verification up at once.
 */
import type { RequestLogEntry } from '../../emulator/index.ts';
import { changeKinds, emulator, errorText, run, type Emulator } from './harness.ts';

const TARGET = { repository: 'contoso/portal-infra' };
const begins = (r: RequestLogEntry) => Date.parse(r.startedAt);
const ends = (r: RequestLogEntry) => Date.parse(r.startedAt) + r.durationMs;
/**
 * The secret check's sign-ins: token requests after the first Graph request (the deployer's own
 * sign-in comes before it; MSAL may add a query string to the token endpoint).
 */
const secretChecks = (log: RequestLogEntry[]) => {
  const firstGraph = log.find((r) => r.service === 'graph');
  return log.filter((r) => r.service === 'entra' && r.method === 'POST' && /\/oauth2\/v2\.0\/token(\?|$)/.test(r.path) && firstGraph !== undefined && begins(r) > begins(firstGraph));
};
const secretWrites = (log: RequestLogEntry[]) => log.filter((r) => r.service === 'github' && r.method === 'PUT');

describe('verifying the new secret while it is delivered', () => {
  let emu: Emulator;
  let inputs: Record<string, string>;
  beforeEach(async () => {
    emu = await emulator();
    inputs = { 'secrets-target': 'repository', 'github-token': emu.github.issueToken({ secretsPermission: 'write', kind: 'fine-grained' }), 'verify-secret': 'true' };
  });
  afterEach(async () => {
    await emu.close();
  });

  test('the check signs in while the secrets are written; its log group follows the delivery, retries included', async () => {
    // Every answer 150 ms late, and the new secret works only 1.5 s after it was made.
    emu.setLatency(150);
    emu.setSecretPropagation(1_500);
    const result = await run(emu, inputs);
    expect(errorText(result)).toBe('');
    expect(changeKinds(result)).toEqual(expect.arrayContaining(['add-client-secret', 'deliver-secrets']));

    const log = emu.requests();
    const checks = secretChecks(log);
    const writes = secretWrites(log);
    expect(writes).toHaveLength(3);
    // The first sign-in with the new secret began before the last secret write ended: they overlapped.
    expect(checks.length).toBeGreaterThanOrEqual(2); // at least one refused while the secret propagated
    expect(begins(checks[0]!)).toBeLessThan(ends(writes[2]!));
    // And the one that worked came before anything was retired or the run ended.
    expect(checks.at(-1)!.status).toBe(200);

    // The log keeps its order: delivery, then verification with its retry warnings, then retirement.
    const lines = result.stdout.split('\n');
    const deliver = lines.findIndex((l) => l.startsWith('::group::Deliver it to'));
    const verify = lines.findIndex((l) => l === '::group::Verify the new client secret');
    const retire = lines.findIndex((l) => l === '::group::Retire client secrets');
    const retryWarning = lines.findIndex((l) => l.startsWith('::warning::sign in with the new client secret'));
    expect(deliver).toBeGreaterThan(-1);
    expect(verify).toBeGreaterThan(deliver);
    expect(retryWarning).toBeGreaterThan(verify);
    expect(retire).toBeGreaterThan(retryWarning);
    expect(lines.slice(verify, retire).some((l) => /^Signed in with the new client secret \(attempt \d+\)\.$/.test(l))).toBe(true);
  });

  test('a failed delivery gives the check up at once: the run ends without waiting for the secret to propagate', async () => {
    // The secret would work only after 20 s, and the client-ID write fails: the new secret is removed again.
    emu.setSecretPropagation(20_000);
    emu.faults.add({ service: 'github', method: 'PUT', path: 'INTREXX_CLIENT_ID', response: { status: 500, body: { message: 'boom' } } });
    const result = await run(emu, inputs);
    expect(result.exitCode).not.toBe(0);
    expect(errorText(result)).toContain('was removed again');
    // Long before the 20 s the check would have waited, and no sign-in attempt after the failure.
    expect(result.exitedAt - result.spawnedAt).toBeLessThan(10_000);
    const failedAt = ends(secretWrites(emu.requests()).find((r) => r.status === 500)!);
    expect(secretChecks(emu.requests()).filter((r) => begins(r) > failedAt + 50)).toEqual([]);
    expect(emu.github.secretNames(TARGET)).not.toContain('INTREXX_CLIENT_SECRET');
  });
});

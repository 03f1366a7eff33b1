import { hang, startEmulator } from '../../emulator/index.ts';
import { emulatorInputs, runAction, spawnNode } from '../../scripts/run-action.ts';
import { sleep } from './https-client.ts';

// scripts/run-action.ts: killOn kills the child with SIGKILL once stdout satisfies it.

const env = { PATH: process.env.PATH ?? '' };
/** Prints its pid and 'first', later 'second', then idles until killed (or exits 3 after 5 s). */
const SCRIPT = "console.log('pid=' + process.pid + ' first'); setTimeout(() => console.log('second'), 300); setTimeout(() => process.exit(3), 5000);";

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('killOn sees stdout as it grows; true kills the child with SIGKILL and the exit code is 137', async () => {
  const seen: string[] = [];
  const t0 = Date.now();
  const run = await spawnNode(['-e', SCRIPT], env, (out) => {
    seen.push(out);
    return out.includes('second');
  });
  expect(run.exitCode).toBe(137);
  expect(Date.now() - t0).toBeLessThan(4000);
  // Each call sees what came so far: a prefix of the next (a loaded machine may deliver both lines at once).
  expect(seen[0]).toMatch(/^pid=\d+ first\n/);
  seen.slice(1).forEach((out, i) => expect(out.startsWith(seen[i]!)).toBe(true));
  expect(seen.at(-1)).toMatch(/first\nsecond\n$/);
  expect(run.stdout).toBe(seen.at(-1));
  const pid = Number(/pid=(\d+)/.exec(run.stdout)?.[1]);
  expect(alive(pid)).toBe(false);
});

test('a killOn that never returns true leaves the child alone', async () => {
  const run = await spawnNode(['-e', "console.log('done'); process.exitCode = 3;"], env, () => false);
  expect(run).toEqual({ exitCode: 3, stdout: 'done\n', stderr: '', spawnedAt: expect.any(Number), exitedAt: expect.any(Number) });
});

test('spawnNode reports the spawn and the exit as epoch ms, exit after spawn and no later than now', async () => {
  const before = Date.now();
  const run = await spawnNode(['-e', 'setTimeout(() => {}, 50)'], env);
  const after = performance.timeOrigin + performance.now();
  // Date.now() is whole ms; the spawn time has sub-millisecond precision.
  expect(run.spawnedAt).toBeGreaterThanOrEqual(before - 1);
  expect(run.exitedAt - run.spawnedAt).toBeGreaterThanOrEqual(50);
  expect(run.exitedAt).toBeLessThanOrEqual(after);
});

test('a killOn that throws kills the child and rejects', async () => {
  let pid = 0;
  await expect(
    spawnNode(['-e', SCRIPT], env, (out) => {
      pid = Number(/pid=(\d+)/.exec(out)?.[1]);
      throw new Error('predicate broke');
    }),
  ).rejects.toThrow('predicate broke');
  await sleep(200);
  expect(pid).toBeGreaterThan(0);
  expect(alive(pid)).toBe(false);
});

test('runAction: the action frozen by a hang fault is killed at once and reports 137 with what it wrote so far', async () => {
  const emu = await startEmulator();
  try {
    emu.faults.add(hang('oidc', '/idtoken'));
    const t0 = Date.now();
    const run = await runAction({
      inputs: { ...emulatorInputs(emu), 'portal-base-url': 'https://portal.example.com', 'app-name': 'Killed Portal' },
      env: emu.runnerEnv(),
      killOn: (out) => out.includes('::group::'),
    });
    expect(run.exitCode).toBe(137);
    expect(Date.now() - t0).toBeLessThan(20_000); // long before the action's own request timeout
    expect(run.stdout).toContain('::group::');
    // Read after the kill: nothing had been written to GITHUB_OUTPUT or the step summary yet.
    expect([run.outputs, run.summary]).toEqual([{}, '']);
    expect(emu.graph.application('Killed Portal')).toBeUndefined();
    expect(emu.requests().filter((r) => r.service === 'graph')).toEqual([]);
  } finally {
    await emu.close();
  }
});

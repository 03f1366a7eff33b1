import { spawnSync } from 'node:child_process';
import path from 'node:path';

// `npm run rehearse` (docs/two-phase.md): the whole two-phase loop on this machine. It must keep working
// for a new user: rotation, the Intrexx configuration writer on a fixture portal folder, retire.
const ROOT = path.resolve(import.meta.dirname, '..', '..');

test('npm run rehearse: after retiring, Entra ID holds only the secret the portal folder holds, and it signs in', () => {
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'node'), ['--experimental-strip-types', path.join(ROOT, 'scripts', 'rehearse.ts')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(run.stderr.replace(/^.*ExperimentalWarning.*\n?|^.*--trace-warnings.*\n?/gm, '')).toBe('');
  expect(run.status).toBe(0);
  const after = run.stdout.slice(run.stdout.indexOf('After retiring:'));
  const held = /Entra ID holds client secrets: ([0-9a-f-]{36})\n/.exec(after)?.[1];
  expect(held).toBeDefined();
  expect(after).toContain(`om.cfg holds: client secret ${held}; it signs in: true`);
  // Before the writer ran, the portal still ran on the old secret, and it worked.
  expect(run.stdout).toMatch(/Before the writer runs, the portal still runs on the old secret:\n.*\n {2}om\.cfg holds: client secret [0-9a-f-]{36}; it signs in: true/);
  // The secret's value never appears.
  expect(run.stdout).not.toMatch(/auth-client-secret=/);
}, 120_000);

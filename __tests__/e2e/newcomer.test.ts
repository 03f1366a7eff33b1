/**
 * The newcomer's path (issue 11), in a fresh copy of the repository as a clone would have it after the
 * work here is committed: the files git tracks plus the untracked ones it does not ignore, so no
 * node_modules/, and new file times. Run with the machine's own PATH, so `npm` and `node` are the
 * machine's (Node 20 on a fresh runner), never node_modules/.bin.
 *
 * - Before `npm ci`, `npm start` and `npm test` print one line saying to run `npm ci` first, and fail.
 * - A committed dist/ that matches src/ by content is not rebuilt, however the file times fall.
 *
 * No network: npm is told to stay offline, and nothing here installs anything.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
let clone = '';
let files: string[] = [];

/** The environment of a shell on the machine: npm's own variables gone, and no node_modules/.bin on PATH. */
function machineEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^npm_/i.test(name) || ['NODE_OPTIONS', 'INIT_CWD', 'NODE', 'NODE_ENV', 'JEST_WORKER_ID'].includes(name)) continue;
    env[name] = value;
  }
  // npm run puts every node_modules/.bin from the package up to / on PATH, and its node-gyp-bin.
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !/node_modules[\\/]\.bin[\\/]?$/.test(dir) && !/node-gyp-bin[\\/]?$/.test(dir))
    .join(path.delimiter);
  return { ...env, npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

function run(command: string, args: string[], env = machineEnv()): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: clone, env, encoding: 'utf8', timeout: 50_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** What the command printed itself: without npm's banner ("> name@version script", "> command") and blank lines. */
function ownLines(output: string): string[] {
  return output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('> ') && !/^npm (error|ERR!|warn)/.test(line));
}

beforeAll(() => {
  clone = mkdtempSync(path.join(tmpdir(), 'intrexx-newcomer-'));
  files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && existsSync(path.join(ROOT, file)) && statSync(path.join(ROOT, file)).isFile());
  for (const file of files) {
    mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    copyFileSync(path.join(ROOT, file), path.join(clone, file));
  }
});

afterAll(() => {
  if (clone) rmSync(clone, { recursive: true, force: true });
});

describe('a fresh clone, before npm ci', () => {
  test('has no node_modules, and the PATH finds the machine’s node, not one from node_modules', () => {
    expect(files).toContain('package.json');
    expect(files).toContain('scripts/need-install.cjs');
    expect(existsSync(path.join(clone, 'node_modules'))).toBe(false);
    const node = run('node', ['-p', 'process.execPath']);
    expect(node.status).toBe(0);
    expect(node.output).not.toMatch(/node_modules/);
  });

  test.each(['start', 'test', 'run bench'])('npm %s prints one line: run npm ci first, and why; and fails', (command) => {
    const { status, output } = run('npm', command.split(' '));
    expect(status).not.toBe(0);
    expect(output).not.toMatch(/bad option|not found|Cannot find/);
    expect(ownLines(output)).toEqual([
      expect.stringMatching(/^Run `npm ci` first: it installs the dependencies and Node 24 \(the node@24 devDependency\), which this project's scripts run under; there is no node_modules\/\.$/),
    ]);
  });

  test('the check alone, under the machine’s node, prints the same one line and exits 1', () => {
    const { status, output } = run('node', ['scripts/need-install.cjs']);
    expect(status).toBe(1);
    expect(output.trimEnd().split('\n')).toHaveLength(1);
    expect(output).toMatch(/^Run `npm ci` first: /);
  });
});

describe('a fresh clone with a committed dist/ that matches src/', () => {
  const hashCheck = () => run('node', ['scripts/source-hash.mjs', '--check']);

  test('counts as current by content, even when every source file is newer than dist/', () => {
    // As `npm run build` leaves it: dist/source-hash.txt is the fingerprint of src/ as committed.
    expect(run('node', ['scripts/source-hash.mjs', '--write']).status).toBe(0);
    const longAgo = new Date('2000-01-01T00:00:00Z');
    const later = new Date(Date.now() + 3_600_000);
    for (const file of files) {
      const time = file.startsWith('dist/') ? longAgo : later;
      utimesSync(path.join(clone, file), time, time);
    }
    expect(hashCheck()).toEqual({ status: 0, output: '' });

    // And the same check does see a change of content, with the file times as they were.
    const index = path.join(clone, 'src', 'index.ts');
    const original = readFileSync(index, 'utf8');
    writeFileSync(index, `${original}// changed\n`);
    utimesSync(index, longAgo, longAgo);
    const changed = hashCheck();
    expect(changed.status).toBe(1);
    expect(changed.output).toMatch(/dist\/ was built from other sources than src\/ holds now/);
    writeFileSync(index, original);
  });

  test('npm start after installing runs it without rebuilding, and shows the job summary', () => {
    // Installed: the repository's own node_modules stands in for what npm ci would install.
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    const { status, output } = run('npm', ['start']);
    expect(output).not.toMatch(/Building dist\//);
    expect(output).toMatch(/━━━ Run 1: node dist\/index\.js/);
    expect(output).toMatch(/Job summary \(GITHUB_STEP_SUMMARY, shown on the run's page\):\n {2}Intrexx Entra registration\n {2}═+\n/);
    expect(status).toBe(0);
  });
});

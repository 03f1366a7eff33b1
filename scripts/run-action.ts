/**
 * Runs the bundled action (dist/index.js) the way a GitHub runner does: every input from action.yml
 * as INPUT_<NAME> (defaults filled in), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, the runner's
 * variables, and workflow commands on stdout. Used by the end-to-end tests, `npm start` and the benchmark.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { staleDist } from './source-hash.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');

/**
 * The inputs that point the action at an emulator: its tenant, deployer identity and endpoints, which
 * are not the cloud's own hosts, so allow-custom-endpoints (the run warns about them).
 */
export function emulatorInputs(emu: {
  tenantId: string;
  deployer: { clientId: string };
  urls: { authorityHost: string; graphEndpoint: string };
}): Record<string, string> {
  return {
    'tenant-id': emu.tenantId,
    'client-id': emu.deployer.clientId,
    'authority-host': emu.urls.authorityHost,
    'graph-endpoint': emu.urls.graphEndpoint,
    'allow-custom-endpoints': 'true',
  };
}

export interface ActionRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** From the call to its result: the stale-dist check, the temp files and reading them back included. */
  readonly durationMs: number;
  /** The process's spawn and its 'exit' event, as epoch ms (see SpawnTimes): what the benchmark times. */
  readonly spawnedAt: number;
  readonly exitedAt: number;
}

/**
 * When the child was spawned and when it exited, in epoch milliseconds with sub-millisecond
 * precision (performance.timeOrigin + performance.now(), nodejs.org/api/perf_hooks.html#performancetimeorigin),
 * so that they compare with Date-based timestamps such as the emulator's request log.
 * exitedAt is the 'exit' event (nodejs.org/api/child_process.html#event-exit), which comes before
 * 'close', the end of the child's stdio.
 */
export interface SpawnTimes {
  readonly spawnedAt: number;
  readonly exitedAt: number;
}

/** Now as epoch ms, with performance.now()'s precision. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
}

let defaults: Record<string, string> | undefined;
let distChecked: Promise<void> | undefined;

/** What runs is dist/index.js: a dist/ built from other sources than src/ would test stale code. */
function refuseStaleDist(): Promise<void> {
  distChecked ??= (async () => {
    const stale = await staleDist();
    if (stale) throw new Error(`${stale}: run \`npm run build\` before the tests that run the action.`);
  })();
  return distChecked;
}

/** The inputs' defaults as action.yml declares them; the runner passes these for inputs not given. */
export async function inputDefaults(): Promise<Record<string, string>> {
  if (!defaults) {
    const action = parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYaml;
    defaults = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, spec.default ?? '']));
  }
  return defaults;
}

export async function runAction(options: {
  inputs: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** Inputs left out entirely, as a runner without defaults would (for the bad-input tests). */
  omitDefaults?: boolean;
  /**
   * Called with everything the action has written to stdout so far, each time that grows. When it
   * returns true the action is killed with SIGKILL, as a cancelled job or a lost runner ends it; the
   * run then has exitCode 137 (128 + SIGKILL's number, what a shell reports) and the outputs and
   * summary the action had written by then.
   */
  killOn?: (stdoutSoFar: string) => boolean;
}): Promise<ActionRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'intrexx-action-run-'));
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const inputs = { ...(options.omitDefaults ? {} : await inputDefaults()), ...options.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const started = performance.now();
  try {
    // ACTION_BUNDLE: a bundle built elsewhere (`ncc build src/index.ts -o DIR`), e.g. while others change
    // src/ in the same tree; its builder vouches for it. Otherwise dist/index.js, checked against src/.
    const bundle = process.env.ACTION_BUNDLE ? path.resolve(process.env.ACTION_BUNDLE) : path.join(ROOT, 'dist', 'index.js');
    if (!process.env.ACTION_BUNDLE) await refuseStaleDist();
    const { exitCode, stdout, stderr, spawnedAt, exitedAt } = await spawnNode([bundle], env, options.killOn);
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8'),
      durationMs: performance.now() - started,
      spawnedAt,
      exitedAt,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs node with the given arguments and environment. `killOn` sees stdout so far whenever it grows;
 * once it returns true the child gets SIGKILL (once) and the exit code becomes 137 (128 + 9, as a
 * shell reports it). A child that dies of a signal it was not sent by killOn reports -1, as before.
 * Resolves on 'close' (all output read), with the times of the spawn and of the 'exit' event.
 */
export function spawnNode(
  args: string[],
  env: Record<string, string>,
  killOn?: (stdoutSoFar: string) => boolean,
): Promise<{ exitCode: number; stdout: string; stderr: string } & SpawnTimes> {
  return new Promise((resolve, reject) => {
    const spawnedAt = epochNow();
    const child = spawn(NODE, args, { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // Listened for from the start: 'exit' always comes before 'close', sometimes in the same tick.
    let exitedAt = Number.NaN;
    child.once('exit', () => (exitedAt = epochNow()));
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!killOn || killed) return;
      let kill: boolean;
      try {
        kill = killOn(stdout);
      } catch (err) {
        killed = true;
        child.kill('SIGKILL'); // a failing predicate must not leave the action running
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      if (kill) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      // Killed by killOn: 128 + 9, as a shell reports SIGKILL. Any other death by signal stays -1.
      const exitCode = code ?? (killed && signal === 'SIGKILL' ? 128 + constants.signals.SIGKILL : -1);
      resolve({ exitCode, stdout, stderr, spawnedAt, exitedAt });
    });
  });
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks (and plain name=value lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

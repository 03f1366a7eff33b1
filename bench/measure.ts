/**
 * One timed run of a scenario: a fresh emulator brought into the scenario's starting state at 0 ms
 * latency, then the injected latency set, the request log cleared, a bare `node -e ''` timed with the
 * same binary and environment, and the action run and checked. Times come from scripts/run-action.ts
 * (spawn, and the child's 'exit' event) and from the emulator's request log; the emulator runs in
 * this process, so both use this process's clock.
 */
import path from 'node:path';
import { startEmulator, type Emulator, type RequestLogEntry } from '../emulator/index.ts';
import { ROOT, runAction, spawnNode, type ActionRun } from '../scripts/run-action.ts';
import { criticalPath, type CriticalPath } from './critical-path.ts';
import type { RunSample } from './figures.ts';
import { sampleOf } from './sample.ts';
import { baseInputs, type Scenario } from './scenarios.ts';

export const ACTION = path.join(ROOT, 'dist', 'index.js');
const HTTPS_FLOOR = path.join(ROOT, 'bench', 'https-floor.mjs');

export interface MeasuredRun {
  readonly sample: RunSample;
  readonly path: CriticalPath;
}

/** The environment a run of the action gets from the runner (without its INPUT_ variables). */
function runnerEnvOf(emu: Emulator): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, ...emu.runnerEnv() };
}

/** Spawn → 'exit' of `node -e ''`: Node's own start-up and shutdown, nothing of the action. */
export async function bareNodeMs(env: Record<string, string>): Promise<number> {
  const run = await spawnNode(['-e', ''], env);
  if (run.exitCode !== 0) throw new Error(`node -e '' exited ${run.exitCode}: ${run.stderr}`);
  return run.exitedAt - run.spawnedAt;
}

/**
 * Spawn → arrival of the only request of bench/https-floor.mjs, which imports node:https and sends the
 * OIDC token request: what any Node HTTPS client needs before its first request. The emulator's log
 * is cleared around it, so the action's run finds it as it was.
 */
export async function httpsFloorMs(emu: Emulator, env: Record<string, string>): Promise<number> {
  emu.resetRequests();
  const run = await spawnNode([HTTPS_FLOOR], env);
  const first = emu.requests()[0];
  emu.resetRequests();
  if (run.exitCode !== 0 || !first) throw new Error(`bench/https-floor.mjs sent no request (exit ${run.exitCode}): ${run.stderr}`);
  return Date.parse(first.startedAt) - run.spawnedAt;
}

/** Throws when the action failed or did not do the scenario's job. */
export function checkOutcome(scenario: Scenario, emu: Emulator, result: ActionRun): void {
  const problem = result.exitCode !== 0 ? `exit code ${result.exitCode}` : scenario.check?.(emu, result);
  if (problem) throw new Error(`scenario '${scenario.id}' did not do its job: ${problem}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
}

/**
 * Runs the scenario once on a fresh emulator and returns what the run did to it. `extraEnv` is for
 * the untimed runs (preloads); `before` runs right before the action (the timed bare node).
 */
export async function runScenario<T>(
  scenario: Scenario,
  latencyMs: number,
  options: { extraEnv?: Record<string, string>; before?: (env: Record<string, string>, emu: Emulator) => Promise<T> } = {},
): Promise<{ result: ActionRun; log: RequestLogEntry[]; before: T | undefined }> {
  const emu = await startEmulator({ latencyMs: 0 });
  try {
    const inputs = await scenario.setup(emu);
    emu.setLatency(latencyMs);
    emu.resetRequests();
    const before = await options.before?.(runnerEnvOf(emu), emu);
    const result = await runAction({ inputs: baseInputs(emu, inputs), env: { ...emu.runnerEnv(), ...options.extraEnv } });
    const log = emu.requests();
    checkOutcome(scenario, emu, result);
    return { result, log, before };
  } finally {
    await emu.close();
  }
}

/** A timed run: bare node and the HTTPS floor first, then the action; the sample of all three. */
export async function measureRun(scenario: Scenario, latencyMs: number): Promise<MeasuredRun> {
  const references = async (env: Record<string, string>, emu: Emulator) => ({ bareNodeMs: await bareNodeMs(env), httpsFloorMs: await httpsFloorMs(emu, env) });
  const { result, log, before } = await runScenario(scenario, latencyMs, { before: references });
  const path = criticalPath(log);
  return { sample: sampleOf({ scenario: scenario.id, latencyMs, bareNodeMs: before?.bareNodeMs ?? Number.NaN, httpsFloorMs: before?.httpsFloorMs }, path, result), path };
}

/** The request log of one run, times relative to its first request; `*` marks the critical path. */
export function describeLog(path: CriticalPath): string {
  const onPath = new Set(path.chain.map((c) => c.entry));
  const t0 = path.intervals[0]?.start ?? 0;
  return path.intervals
    .map((iv) => {
      const e = iv.entry;
      const mark = onPath.has(e) ? '*' : ' ';
      const p = e.path.length > 110 ? `${e.path.slice(0, 107)}...` : e.path;
      return `  ${mark} ${String(iv.start - t0).padStart(5)}–${String(iv.end - t0).padEnd(5)} ms  ${e.service.padEnd(6)} ${e.method.padEnd(6)} ${e.status} ${p}`;
    })
    .join('\n');
}

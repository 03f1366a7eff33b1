/**
 * One timed run of a scenario: a fresh emulator brought into the scenario's starting state at 0 ms
 * latency, then the injected latency set, the request log cleared, and the action run and checked.
 * The wall time comes from scripts/run-action.ts (spawn and the child's 'exit' event), the request
 * counts and round trips from the emulator's request log.
 */
import path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { ROOT, runAction, type ActionRun } from '../scripts/run-action.ts';
import { criticalPath, type CriticalPath } from './critical-path.ts';
import { sampleOf, type RunSample } from './figures.ts';
import { baseInputs, type Scenario } from './scenarios.ts';

export const ACTION = path.join(ROOT, 'dist', 'index.js');

export interface MeasuredRun {
  readonly sample: RunSample;
  readonly path: CriticalPath;
}

/** Throws when the action failed or did not do the scenario's job. */
export function checkOutcome(scenario: Scenario, emu: Emulator, result: ActionRun): void {
  const problem = result.exitCode !== 0 ? `exit code ${result.exitCode}` : scenario.check?.(emu, result);
  if (problem) throw new Error(`scenario '${scenario.id}' did not do its job: ${problem}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
}

/** Runs the scenario once on a fresh emulator at `latencyMs`; its figures and request log. */
export async function measureRun(scenario: Scenario, latencyMs: number): Promise<MeasuredRun> {
  const emu = await startEmulator({ latencyMs: 0 });
  try {
    const inputs = await scenario.setup(emu);
    emu.setLatency(latencyMs);
    emu.resetRequests();
    const result = await runAction({ inputs: baseInputs(emu, inputs), env: emu.runnerEnv() });
    const path = criticalPath(emu.requests());
    checkOutcome(scenario, emu, result);
    return { sample: sampleOf({ scenario: scenario.id, latencyMs }, path, result), path };
  } finally {
    await emu.close();
  }
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

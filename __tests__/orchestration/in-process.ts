import { readFileSync } from 'node:fs';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.ts';
import { defaultServices, type Services } from '../../src/context.ts';
import { run } from '../../src/main.ts';
import type { Runtime } from '../../src/runtime.ts';
import { readSettings } from '../../src/settings/read-settings.ts';
import { emulatorInputs } from '../../scripts/run-action.ts';

export type { Emulator };

/**
 * The emulator, trusted by this process: tls.setDefaultCACertificates (Node 24) reaches fetch,
 * node:https and so every client the action uses, where NODE_EXTRA_CA_CERTS is read only at start.
 */
export async function trustedEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator(options);
  setDefaultCACertificates([...getCACertificates('default'), readFileSync(emu.caCertPath, 'utf8')]);
  return emu;
}

/** A runtime that records instead of printing: what a runner would show, and what was masked. */
export interface RecordingRuntime extends Runtime {
  readonly outputs: Record<string, string>;
  readonly masked: string[];
  readonly log: string[];
  readonly warnings: string[];
  readonly groups: string[];
  summary: string;
  failure: string | undefined;
}

export function recordingRuntime(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): RecordingRuntime {
  const runtime: RecordingRuntime = {
    env,
    outputs: {},
    masked: [],
    log: [],
    warnings: [],
    groups: [],
    summary: '',
    failure: undefined,
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    setOutput: (name, value) => {
      runtime.outputs[name] = value;
    },
    setSecret: (value) => runtime.masked.push(value),
    info: (m) => runtime.log.push(m),
    warning: (m) => runtime.warnings.push(m),
    group: async (name, fn) => {
      runtime.groups.push(name);
      return fn();
    },
    writeSummary: async (markdown) => {
      runtime.summary += markdown;
    },
    setFailed: (m) => {
      runtime.failure = m;
    },
    now,
  };
  return runtime;
}

/** Runs the action's `run()` in this process against the emulator, as a runner with these inputs would. */
export async function runInProcess(
  emu: Emulator,
  inputs: Record<string, string> = {},
  options: { services?: Services; env?: Record<string, string> } = {},
): Promise<RecordingRuntime> {
  const env = { ...emu.runnerEnv(), ...options.env };
  const all: Record<string, string> = { ...emulatorInputs(emu), 'portal-base-url': 'https://portal.example.com', 'app-name': 'Intrexx Portal', ...inputs };
  const settings = readSettings((name) => all[name] ?? '', env);
  const runtime = recordingRuntime(env);
  // The job's OIDC token comes from the emulator's token service, as core.getIDToken would fetch it.
  await run(settings, runtime, { ...defaultServices, ...options.services, idToken: async (audience) => emu.idToken(audience) });
  return runtime;
}

/** Graph and GitHub requests that changed something. */
export function writes(emu: Emulator) {
  return emu.requests().filter((r) => r.method !== 'GET' && !/\/\$batch/.test(r.path) && r.service !== 'entra' && r.service !== 'oidc');
}

/** Shared by the writer's tests: fixtures, a portal folder in a temp dir, and a runtime that records. */
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Runtime } from '../../src/intrexx/runtime.ts';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const FIXTURES = path.join(ROOT, '__tests__', 'fixtures', 'intrexx');

/** Obviously fake values. The secret has an Entra-like alphabet but not the shape secret scanners look for. */
export const SECRET = 'FAKE~writer-test-secret.never-real-00042';
export const CLIENT_ID = '3c9f2a4e-0000-4000-8000-000000000abc';
export const TENANT = '7d1e6b5a-0000-4000-8000-000000000def';

export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

export const OM_CFG = path.join('internal', 'cfg', 'om.cfg');
export const CONNECTOR_DIR = path.join('internal', 'cfg', 'odata', 'connector');

/** A portal folder (…/org/<name>) holding the given files, e.g. { [OM_CFG]: fixture('om-lf.cfg') }. */
export async function portalWith(files: Record<string, Uint8Array>, name = 'testportal'): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'intrexx-writer-')), 'org', name);
  for (const [relative, bytes] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    await writeFile(path.join(dir, relative), bytes);
  }
  return dir;
}

/** Every file name in the folder of `file`. */
export async function siblings(file: string): Promise<string[]> {
  return (await readdir(path.dirname(file))).sort();
}

export interface RecordingRuntime extends Runtime {
  readonly log: string[];
  readonly outputs: Record<string, string>;
  readonly masked: string[];
  readonly summaries: string[];
  failure?: string;
  /** Everything a reader of the job could see: log, outputs, summary and failure. */
  visible(): string;
}

/** A runtime over the given inputs ('' for the rest, as the runner does) that records what the writer says. */
export function recordingRuntime(inputs: Record<string, string>): RecordingRuntime {
  const runtime: RecordingRuntime = {
    log: [],
    outputs: {},
    masked: [],
    summaries: [],
    getInput: (name) => (inputs[name] ?? '').trim(),
    setOutput: (name, value) => void (runtime.outputs[name] = value),
    setSecret: (value) => void runtime.masked.push(value),
    info: (message) => void runtime.log.push(message),
    warning: (message) => void runtime.log.push(`warning: ${message}`),
    group: async (name, fn) => {
      runtime.log.push(`group: ${name}`);
      return fn();
    },
    writeSummary: async (markdown) => void runtime.summaries.push(markdown),
    setFailed: (message) => {
      runtime.failure = message;
      runtime.log.push(`failed: ${message}`);
    },
    visible: () => [...runtime.log, ...Object.values(runtime.outputs), ...runtime.summaries, runtime.failure ?? ''].join('\n'),
  };
  return runtime;
}

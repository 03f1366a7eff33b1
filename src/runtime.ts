import * as core from '@actions/core';
import { maskValue } from './runner-io.ts';

/** What the action needs from the runner. Tests hand in their own (__tests__/orchestration); the default is @actions/core. */
export interface Runtime {
  readonly env: NodeJS.ProcessEnv;
  setOutput(name: string, value: string): void;
  /** Masks a value in every later log line (the ::add-mask:: workflow command). */
  setSecret(value: string): void;
  info(message: string): void;
  warning(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Appends markdown to the job summary, where the runner offers one. */
  writeSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
  now(): Date;
}

export function actionsRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  return {
    env,
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: maskValue,
    info: (message) => core.info(message),
    warning: (message) => core.warning(message),
    group: (name, fn) => core.group(name, fn),
    writeSummary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    setFailed: (message) => core.setFailed(message),
    now: () => new Date(),
  };
}

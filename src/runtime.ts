import * as core from '@actions/core';

/** What the action needs from the runner. Tests hand in their own (__tests__/orchestration); the default is @actions/core. */
export interface Runtime {
  readonly env: NodeJS.ProcessEnv;
  /** An input as the runner passed it (INPUT_<NAME>), trimmed; '' when unset. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  /** Masks a value in every later log line (the ::add-mask:: workflow command), line by line. */
  setSecret(value: string): void;
  info(message: string): void;
  warning(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Appends markdown to the job summary, where the runner offers one. */
  writeSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
  now(): Date;
}

/** The runner, through @actions/core (github.com/actions/toolkit, packages/core). */
export function actionsRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  return {
    env,
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: maskLines,
    info: (message) => core.info(message),
    warning: (message) => core.warning(message),
    group: (name, fn) => core.group(name, fn),
    writeSummary: async (markdown) => {
      // core.summary throws without the file; a local run has none.
      if (!env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    setFailed: (message) => core.setFailed(message),
    now: () => new Date(),
  };
}

/**
 * The runner masks one line per ::add-mask:: command, so a multi-line value is masked line by line
 * (github.com/actions/runner/issues/161). @actions/core 3's setSecret sends the value as one command
 * (packages/core/src/core.ts).
 */
export function maskLines(value: string): void {
  for (const line of value.split(/\r?\n/)) if (line.trim() !== '') core.setSecret(line);
}

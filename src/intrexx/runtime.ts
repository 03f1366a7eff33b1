import * as core from '@actions/core';

/** What the writer needs from the runner. Tests hand in their own; the default is @actions/core. */
export interface Runtime {
  /** An input as the runner passed it (INPUT_<NAME>); '' when unset. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  /** Masks a value in every later log line (the ::add-mask:: workflow command). */
  setSecret(value: string): void;
  info(message: string): void;
  warning(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Appends markdown to the job summary, where the runner offers one. */
  writeSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
}

/** The runner, through @actions/core (github.com/actions/toolkit, packages/core). */
export function actionsRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (value) => core.setSecret(value),
    info: (message) => core.info(message),
    warning: (message) => core.warning(message),
    group: (name, fn) => core.group(name, fn),
    writeSummary: async (markdown) => {
      // core.summary throws without the file; a run outside Actions has none.
      if (!env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    setFailed: (message) => core.setFailed(message),
  };
}

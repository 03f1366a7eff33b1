import { EOL } from 'node:os';
import { issueFileCommand, prepareKeyValueMessage, summary } from './actions-core-files.ts';
import { issue, issueCommand } from './actions-core.ts';
import { failStep, maskValue, warn } from './runner-io.ts';

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

/** The runner's workflow commands and files, as @actions/core's setOutput, info, group and summary write them (lib/core.js). */
export function actionsRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  return {
    env,
    setOutput: (name, value) => {
      // issueFileCommand reads GITHUB_OUTPUT from process.env itself, as core.setOutput does.
      if (process.env.GITHUB_OUTPUT) issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
      else {
        process.stdout.write(EOL);
        issueCommand('set-output', { name }, value);
      }
    },
    setSecret: maskValue,
    info: (message) => void process.stdout.write(`${message}${EOL}`),
    warning: warn,
    group: async (name, fn) => {
      issue('group', name);
      try {
        return await fn();
      } finally {
        issue('endgroup');
      }
    },
    writeSummary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return;
      await summary.addRaw(markdown, true).write();
    },
    setFailed: failStep,
    now: () => new Date(),
  };
}

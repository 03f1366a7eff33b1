import * as core from '@actions/core';

/** What the action needs from the runner. Tests hand in their own (__tests__/orchestration); the default is @actions/core. */
export interface Runtime {
  readonly env: NodeJS.ProcessEnv;
  /** An input as the runner passed it (INPUT_<NAME>), trimmed; '' when unset. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  /** Masks a value in every later log line (the ::add-mask:: workflow command), line by line. */
  setSecret(value: string): void;
  /** A plain log line; any line of it the runner would read as a workflow command is escaped (escapeCommandLines). */
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
    info: (message) => core.info(escapeCommandLines(message)),
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

/**
 * A message with no line the runner would take for a workflow command, for core.info, which writes it
 * as it is. Values from Graph and GitHub (display names, error messages) reach the log through it: a
 * display name "x\n::stop-commands::t" would otherwise stop the runner from reading the action's
 * later commands, ::add-mask:: for the new client secret among them.
 *
 * How the runner reads them (github.com/actions/runner): it splits the output into lines with .NET's
 * StreamReader.ReadLine (src/Runner.Sdk/ProcessInvoker.cs), which ends a line at "\n", "\r" or "\r\n"
 * (learn.microsoft.com/dotnet/api/system.io.streamreader.readline). src/Runner.Common/ActionCommand.cs
 * then takes a line as a command when, after TrimStart() (any white space, learn.microsoft.com/dotnet/api/system.char.iswhitespace),
 * it starts with "::" and has a second "::" (TryParseV2), or when "##[" appears anywhere in it,
 * followed by "]" (TryParse, the legacy form); src/Runner.Worker/ActionCommandManager.cs acts on the
 * registered names, stop-commands included. Escaped the way src/Runner.Worker/Handlers/OutputManager.cs
 * escapes "##[start-action": a backslash after the marker ("::\stop-commands::t", "##[\set-output …]"),
 * so the name is no command's and the line stays readable. Other lines are left as they are. JavaScript's
 * \s holds every character .NET counts as white space but U+0085, which is added.
 */
export function escapeCommandLines(message: string): string {
  return message
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^([\s\u0085]*)::/, '$1::\\').replace(/##\[/g, '##[\\'))
    .join('\n');
}

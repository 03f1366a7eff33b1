/** Bad inputs, all of them at once: each problem names the input and the values it accepts. */
export class SettingsError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`The inputs need fixing before anything is read or written:\n- ${problems.join('\n- ')}`);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

/**
 * A configuration file the writer will not edit: it does not have the expected shape, or a value in
 * it must not be overwritten. The message names the file, the line and what was expected. Nothing
 * has been changed when this is thrown. It never contains a secret.
 */
export class FileRefusedError extends Error {
  readonly file: string;

  constructor(file: string, problem: string, line?: number) {
    super(`${file}${line === undefined ? '' : ` line ${line}`}: ${problem} Nothing was changed.`);
    this.name = 'FileRefusedError';
    this.file = file;
  }
}

/** The message of anything thrown, for the step's failure line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return `Unexpected failure: ${String(error)}`;
}

/**
 * Errors the action reports to the user. Each carries the context a user needs (what failed, on
 * which object) and, for the known misconfigurations, a hint that says exactly what to change.
 */
export class ActionError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ActionError';
    this.hint = options.hint;
  }
}

/** One or more inputs are invalid; raised before any network request. */
export class InputError extends ActionError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0]}`
        : `Invalid inputs:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'InputError';
    this.problems = problems;
  }
}

/** The message and hint of any thrown value, for the log. */
export function describeError(error: unknown): string {
  if (error instanceof ActionError) {
    return error.hint ? `${error.message}\nHint: ${error.hint}` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

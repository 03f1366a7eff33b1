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

/** A thrown value and each cause below it (error.cause), at most `depth` deep. */
export function causeChain(error: unknown, depth = 6): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < depth; e = typeof e === 'object' ? (e as { cause?: unknown }).cause : undefined) chain.push(e);
  return chain;
}

/** The message and hint of any thrown value, for the log. */
export function describeError(error: unknown): string {
  if (error instanceof ActionError) {
    return error.hint ? `${error.message}\nHint: ${error.hint}` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

import { issueCommand } from './actions-core.ts';
import { describeError } from './errors.ts';

/**
 * The runner interactions needed before the action's heavier modules load: reading an input, warning,
 * masking and failing the step, with @actions/core's own command writer (lib/command.js), so that a
 * run with bad inputs fails in milliseconds.
 */
export function readInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  // As @actions/core's getInput reads it (lib/core.js).
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A warning annotation (::warning::). */
export function warn(message: string): void {
  issueCommand('warning', {}, message);
}

/** Fails the step as @actions/core's setFailed does: exit code 1 and an error annotation. */
export function failStep(error: unknown): void {
  process.exitCode = 1;
  issueCommand('error', {}, describeError(error));
}

/**
 * Masks a value in every later log line, the one masking helper of the action. The runner masks one
 * line per ::add-mask:: command, so a multi-line value is masked line by line
 * (github.com/actions/runner/issues/161; @actions/core does the same since github.com/actions/toolkit/pull/1427).
 */
export function maskValue(value: string): void {
  for (const line of value.split(/\r?\n/)) if (line !== '') issueCommand('add-mask', {}, line);
}

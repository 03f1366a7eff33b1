import { describeError } from './errors.ts';

/**
 * The runner interactions needed before the action's heavier modules load: reading an input, warning
 * and failing the step. Same conventions as @actions/core (getInput, setFailed, escapeData), so that a
 * run with bad inputs fails in milliseconds.
 */
export function readInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A warning annotation, as @actions/core's warning writes it (::warning::). */
export function warn(message: string): void {
  process.stdout.write(`::warning::${escapeData(message)}\n`);
}

export function failStep(error: unknown): void {
  process.exitCode = 1;
  process.stdout.write(`::error::${escapeData(describeError(error))}\n`);
}

/**
 * Masks a value in every later log line, the one masking helper of the action. The runner masks one
 * line per ::add-mask:: command, so a multi-line value is masked line by line
 * (github.com/actions/runner/issues/161; @actions/core does the same since github.com/actions/toolkit/pull/1427).
 */
export function maskValue(value: string): void {
  for (const line of value.split(/\r?\n/)) if (line !== '') process.stdout.write(`::add-mask::${escapeData(line)}\n`);
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

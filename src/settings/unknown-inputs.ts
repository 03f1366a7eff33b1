import { INPUT_NAMES } from './input-names.ts';

/** The variable the runner sets for an input: INPUT_ and the name upper-cased, spaces as '_' (as @actions/core's getInput reads it). */
const variableOf = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/**
 * The warning the runner gives for `with:` keys the action does not declare, for INPUT_* variables that
 * match no input of action.yml (a misspelt input set some other way, e.g. as an environment variable):
 * "Unexpected input(s) 'x', valid inputs are ['a', 'b']" (github.com/actions/runner,
 * src/Runner.Worker/ActionRunner.cs). Undefined when every INPUT_* variable is known.
 */
export function unexpectedInputsWarning(env: NodeJS.ProcessEnv, names: readonly string[] = INPUT_NAMES): string | undefined {
  const known = new Set(names.map(variableOf));
  const unexpected = Object.keys(env)
    .filter((key) => key.startsWith('INPUT_') && !known.has(key.toUpperCase()))
    .map((key) => key.slice('INPUT_'.length).toLowerCase())
    .sort();
  if (unexpected.length === 0) return undefined;
  return `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${names.join("', '")}']`;
}

import { ActionError, describeError } from '../errors.ts';
import { INPUT_NAMES } from './input-names.ts';

/** The variable the runner sets for an input: INPUT_ and the name upper-cased, spaces as '_' (github.com/actions/runner, src/Runner.Worker/Handlers/Handler.cs, AddInputsToEnvironment). */
const variableOf = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** The inputs named by INPUT_* variables that match no input of action.yml, as the runner spells them (lower-case), sorted. */
function unknownInputs(env: NodeJS.ProcessEnv, names: readonly string[]): string[] {
  const known = new Set(names.map(variableOf));
  return Object.keys(env)
    .filter((key) => key.startsWith('INPUT_') && !known.has(key.toUpperCase()))
    .map((key) => key.slice('INPUT_'.length).toLowerCase())
    .sort();
}

/**
 * The warning the runner gives for `with:` keys the action does not declare, for INPUT_* variables that
 * match no input of action.yml (a misspelt input set some other way, e.g. as an environment variable):
 * "Unexpected input(s) 'x', valid inputs are ['a', 'b']" (github.com/actions/runner,
 * src/Runner.Worker/ActionRunner.cs). Undefined when every INPUT_* variable is known.
 */
export function unexpectedInputsWarning(env: NodeJS.ProcessEnv, names: readonly string[] = INPUT_NAMES): string | undefined {
  const unexpected = unknownInputs(env, names);
  if (unexpected.length === 0) return undefined;
  return `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${names.join("', '")}']`;
}

/** An unknown input and the known one it is taken to be a misspelling of. */
export interface MisspeltInput {
  readonly given: string;
  readonly meant: string;
}

/**
 * How far a name may be from an input to count as its misspelling: at most 2 edits (a letter added,
 * dropped, changed, or two neighbours swapped), after '_' and ' ' are read as '-'. That covers a
 * plural/singular slip (secret-target, portal-base-urls), a typo (tenent-id) and the underscores of
 * a hand-set variable (INPUT_PORTAL_BASE_URL). Other unknown inputs keep the runner's warning only.
 */
export const MAX_MISSPELLING_EDITS = 2;

/**
 * The unknown INPUT_* variables close to an input of action.yml. The runner passes every `with:` key to
 * the action, declared or not, and only warns about the undeclared ones (github.com/actions/runner,
 * src/Runner.Worker/ActionRunner.cs, "Unexpected input(s)"): `secret-target: repository` would run green
 * with secrets-target none. Each is matched to its nearest input; a tie goes to the first in action.yml.
 */
export function misspeltInputs(env: NodeJS.ProcessEnv, names: readonly string[] = INPUT_NAMES): MisspeltInput[] {
  const found: MisspeltInput[] = [];
  for (const given of unknownInputs(env, names)) {
    let best: { name: string; edits: number } | undefined;
    for (const name of names) {
      const edits = editDistance(normalise(given), normalise(name));
      if (edits <= MAX_MISSPELLING_EDITS && (!best || edits < best.edits)) best = { name, edits };
    }
    if (best) found.push({ given, meant: best.name });
  }
  return found;
}

/**
 * Reads the settings unless an input is misspelt; then fails with each misspelling ("Unknown input
 * 'secret-target': did you mean 'secrets-target'?") and the other inputs' problems, before any request.
 */
export function refuseMisspeltInputs<T>(env: NodeJS.ProcessEnv, read: () => T, names: readonly string[] = INPUT_NAMES): T {
  const misspelt = misspeltInputs(env, names);
  if (misspelt.length === 0) return read();
  const lines = misspelt.map(({ given, meant }) => `Unknown input '${given}': did you mean '${meant}'?`);
  try {
    read();
  } catch (error) {
    lines.push(describeError(error));
  }
  throw new ActionError(lines.join('\n'), {
    hint: "Rename it in the step's with: (action.yml lists the inputs). The runner passes an input the action does not declare and only warns, so the run would go on without it.",
  });
}

const normalise = (name: string): string => name.toLowerCase().replace(/[_ ]/g, '-');

/** Edits (insert, delete, substitute, swap two neighbours) from a to b: the optimal string alignment distance. */
export function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  // d[i * width + j]: the edits from a's first i characters to b's first j.
  const d = new Uint16Array((a.length + 1) * width);
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  const at = (i: number, j: number): number => d[i * width + j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let edits = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) edits = Math.min(edits, at(i - 2, j - 2) + 1);
      d[i * width + j] = edits;
    }
  }
  return at(a.length, b.length);
}

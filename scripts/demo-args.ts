/**
 * The command line of `npm start` (scripts/demo.ts): `--<input> value` or `--<input>=value` for any
 * input action.yml declares, and the demo's own options. Anything else is an error that names the
 * closest valid options, before anything runs.
 */

/** The demo's own options, besides the action's inputs. */
export const DEMO_OPTIONS: Readonly<Record<string, string>> = {
  twice: 'run the action a second time against the same emulator, to show that a second run changes only what it must',
  help: 'print this help',
};

export interface DemoArgs {
  /** Input values by action.yml input name; they override the demo's own choices. */
  readonly inputs: Record<string, string>;
  readonly twice: boolean;
  readonly help: boolean;
}

/** A command line the demo cannot run; demo.ts prints the message and exits 2, as usage errors do. */
export class DemoArgsError extends Error {
  override readonly name = 'DemoArgsError';
}

export function parseDemoArgs(argv: readonly string[], inputNames: readonly string[]): DemoArgs {
  const inputs: Record<string, string> = {};
  let twice = false;
  let help = false;
  const known = new Set([...inputNames, ...Object.keys(DEMO_OPTIONS)]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      throw new DemoArgsError(`Unexpected argument ${JSON.stringify(arg)}: options are --<input> <value> (any input of action.yml), --twice and --help; e.g. npm start -- --app-name "My portal".`);
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!known.has(name)) throw new DemoArgsError(unknownOption(name, [...known]));
    if (name in DEMO_OPTIONS) {
      if (inline !== undefined) throw new DemoArgsError(`--${name} takes no value.`);
      if (name === 'twice') twice = true;
      else help = true;
      continue;
    }
    if (inline !== undefined) {
      inputs[name] = inline;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined) throw new DemoArgsError(`--${name} needs a value: --${name} <value>, or --${name}= for an empty one.`);
    if (value.startsWith('--') && known.has(value.slice(2).split('=')[0] ?? '')) {
      throw new DemoArgsError(`--${name} needs a value, but ${value} follows it; to pass that text, write --${name}=${value}.`);
    }
    inputs[name] = value;
    i++;
  }
  return { inputs, twice, help };
}

function unknownOption(name: string, valid: string[]): string {
  const closest = closestNames(name, valid).map((n) => `--${n}`);
  return `Unknown option --${name}: it is neither an input of action.yml nor a demo option. Closest: ${closest.join(', ')}. (npm start -- --help lists them all.)`;
}

/** The `count` valid names nearest to `given` (ignoring case): those containing it (or contained in it) first, then by edit distance. */
export function closestNames(given: string, valid: readonly string[], count = 3): string[] {
  const name = given.toLowerCase();
  const score = (candidate: string) => (candidate.includes(name) || (candidate.length > 2 && name.includes(candidate)) ? 0 : 1) * 1000 + editDistance(name, candidate);
  return [...valid].sort((a, b) => score(a) - score(b) || a.localeCompare(b)).slice(0, count);
}

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `npm start -- --help`: the demo's options, then every input with its default from action.yml. */
export function usage(defaults: Readonly<Record<string, string>>): string {
  const width = Math.max(...Object.keys(defaults).map((n) => n.length), ...Object.keys(DEMO_OPTIONS).map((n) => n.length)) + 2;
  const line = (name: string, text: string) => `  --${name.padEnd(width)}${text}`.trimEnd();
  return [
    'Usage: npm start -- [--twice] [--<input> <value> | --<input>=<value>]...',
    '',
    'Runs dist/index.js against the embedded emulator of Entra ID, Microsoft Graph and GitHub, as a runner would.',
    '',
    'Demo options:',
    ...Object.entries(DEMO_OPTIONS).map(([name, text]) => line(name, text)),
    '',
    'Inputs (action.yml; default in parentheses). The demo sets tenant-id, client-id, authority-host and',
    'graph-endpoint to the emulator, portal-base-url and app-name to examples, a GitHub token when',
    'secrets-target is repository, environment or organization, and the emulator\'s vault (with the role',
    'for the deployer) as key-vault-url when it is key-vault:',
    ...Object.entries(defaults).map(([name, value]) => line(name, value === '' ? '' : `(${value.replace(/\n/g, ' ')})`)),
  ].join('\n');
}

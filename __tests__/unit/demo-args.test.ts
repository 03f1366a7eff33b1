// scripts/demo-args.ts: the command line of `npm start`, checked against action.yml's inputs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { closestNames, DemoArgsError, editDistance, parseDemoArgs, usage } from '../../scripts/demo-args.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const INPUTS = Object.keys((parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs);

function failure(argv: string[]): string {
  try {
    parseDemoArgs(argv, INPUTS);
  } catch (err) {
    expect(err).toBeInstanceOf(DemoArgsError);
    return (err as Error).message;
  }
  throw new Error(`parseDemoArgs accepted ${JSON.stringify(argv)}`);
}

describe('parseDemoArgs', () => {
  test('takes --<input> value and --<input>=value for inputs of action.yml, and --twice', () => {
    const args = parseDemoArgs(['--app-name', 'My portal', '--twice', '--secret-lifetime-days=30', '--unique-name='], INPUTS);
    expect(args).toEqual({ inputs: { 'app-name': 'My portal', 'secret-lifetime-days': '30', 'unique-name': '' }, twice: true, help: false });
  });

  test('no arguments: one run with the demo inputs', () => {
    expect(parseDemoArgs([], INPUTS)).toEqual({ inputs: {}, twice: false, help: false });
  });

  test('keeps what follows the first = of --<input>=value, = signs included', () => {
    expect(parseDemoArgs(['--api-permissions=a=b'], INPUTS).inputs).toEqual({ 'api-permissions': 'a=b' });
  });

  test('--help and -h ask for the help text', () => {
    expect(parseDemoArgs(['--help'], INPUTS).help).toBe(true);
    expect(parseDemoArgs(['-h'], INPUTS).help).toBe(true);
  });

  test('an unknown option is an error that names the closest valid ones', () => {
    expect(failure(['--app-nmae', 'x'])).toMatch(/^Unknown option --app-nmae: .* Closest: --app-name, /);
    expect(failure(['--secret-lifetime', '30'])).toMatch(/Closest: --secret-lifetime-days, /);
    expect(failure(['--tiwce'])).toMatch(/Closest: --twice, /);
    expect(failure(['--APP-NAME', 'x'])).toMatch(/Closest: --app-name, /);
  });

  test('an unknown option fails even when an earlier one was valid, and so does a value-less input', () => {
    expect(failure(['--twice', '--portal-url', 'https://x'])).toMatch(/Closest: --portal-base-url/);
    expect(failure(['--app-name'])).toBe('--app-name needs a value: --app-name <value>, or --app-name= for an empty one.');
    expect(failure(['--app-name', '--twice'])).toMatch(/^--app-name needs a value, but --twice follows it; .* --app-name=--twice\.$/);
  });

  test('a bare word, a lone --, and a value for --twice are errors', () => {
    expect(failure(['portal'])).toMatch(/^Unexpected argument "portal": /);
    expect(failure(['--'])).toMatch(/^Unexpected argument "--": /);
    expect(failure(['--twice=yes'])).toBe('--twice takes no value.');
  });
});

describe('closestNames and editDistance', () => {
  test('edit distance counts insertions, deletions and substitutions', () => {
    expect(editDistance('app-name', 'app-name')).toBe(0);
    expect(editDistance('app-nmae', 'app-name')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  test('names containing the given one come first, then the nearest by edit distance', () => {
    expect(closestNames('secret', ['secrets-target', 'cloud', 'secret-phase', 'secrey'])).toEqual(['secret-phase', 'secrets-target', 'secrey']);
    expect(closestNames('rotat', ['rotate-before-days', 'rotate', 'cloud'], 2)).toEqual(['rotate', 'rotate-before-days']);
  });
});

test('usage lists the demo options and every input with its default', () => {
  const text = usage({ 'app-name': '', rotate: 'always' });
  expect(text).toMatch(/^ {2}--twice {2,}run the action a second time/m);
  expect(text).toMatch(/^ {2}--help /m);
  expect(text).toMatch(/^ {2}--rotate +\(always\)$/m);
  expect(text).toMatch(/^ {2}--app-name$/m);
});

test('npm start with an unknown option exits 2 with the closest names, before building or starting anything', () => {
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'node'), ['--experimental-strip-types', 'scripts/demo.ts', '--app-nmae', 'x'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(run.status).toBe(2);
  expect(run.stderr.trim()).toMatch(/^Unknown option --app-nmae: .*Closest: --app-name, [^\n]*$/);
  expect(run.stdout).toBe('');
});

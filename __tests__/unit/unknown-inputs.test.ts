import { INPUT_NAMES } from '../../src/settings/input-names.ts';
import { ActionError, describeError, InputError } from '../../src/errors.ts';
import { unexpectedInputsWarning } from '../../src/settings/read-settings.ts';
import { editDistance, misspeltInputs, refuseMisspeltInputs } from '../../src/settings/unknown-inputs.ts';

/** The variables a runner sets for these inputs. */
const envOf = (names: readonly string[]): NodeJS.ProcessEnv => Object.fromEntries(names.map((n) => [`INPUT_${n.replace(/ /g, '_').toUpperCase()}`, 'x']));

describe('unexpectedInputsWarning', () => {
  test('is undefined when every INPUT_* variable is an input of action.yml', () => {
    expect(unexpectedInputsWarning({ ...envOf(INPUT_NAMES), PATH: '/bin', GITHUB_ACTIONS: 'true' })).toBeUndefined();
  });

  test('names the unknown inputs, then the valid ones, as the runner words it', () => {
    const env = { INPUT_PORTAL_BASE_URL: 'https://p.example.com', INPUT_TENANT: 't', 'INPUT_TENANT-ID': 't' };
    expect(unexpectedInputsWarning(env, ['tenant-id', 'portal-base-url'])).toBe("Unexpected input(s) 'portal_base_url', 'tenant', valid inputs are ['tenant-id', 'portal-base-url']");
  });

  test("lists every input of action.yml as valid", () => {
    const warning = unexpectedInputsWarning({ 'INPUT_PORTAL-BASE-URLS': 'x' }) ?? '';
    expect(warning.startsWith("Unexpected input(s) 'portal-base-urls', valid inputs are ['tenant-id', 'client-id',")).toBe(true);
    for (const name of INPUT_NAMES) expect(warning).toContain(`'${name}'`);
  });

  test('an input name with a space matches its variable with an underscore', () => {
    expect(unexpectedInputsWarning({ INPUT_MY_INPUT: 'x' }, ['my input'])).toBeUndefined();
  });
});

describe('misspeltInputs: an unknown input within 2 edits of a known one', () => {
  test.each<[string, string, string]>([
    ['a singular for a plural', 'INPUT_SECRET-TARGET', 'secrets-target'],
    ['a plural for a singular', 'INPUT_PORTAL-BASE-URLS', 'portal-base-url'],
    ['a typo', 'INPUT_TENENT-ID', 'tenant-id'],
    ['two neighbours swapped', 'INPUT_CLIENT-DI', 'client-id'],
    ['underscores for hyphens (a hand-set variable)', 'INPUT_PORTAL_BASE_URL', 'portal-base-url'],
    ['two edits', 'INPUT_SECRET-TARGETS', 'secrets-target'],
    ['a short input', 'INPUT_CLOUDS', 'cloud'],
  ])('%s', (_case, variable, meant) => {
    const given = variable.slice('INPUT_'.length).toLowerCase();
    expect(misspeltInputs({ [variable]: 'x' })).toEqual([{ given, meant }]);
  });

  test.each<[string, string]>([
    ['three edits', 'INPUT_SECRET-TARGETZZ'],
    ['an unrelated name', 'INPUT_MY-SETTING'],
    ['a known input', 'INPUT_SECRETS-TARGET'],
  ])('not for %s', (_case, variable) => {
    expect(misspeltInputs({ [variable]: 'x', PATH: '/bin' })).toEqual([]);
  });

  test('the nearest input wins; a tie goes to the first in action.yml', () => {
    expect(misspeltInputs({ INPUT_ABCD: 'x' }, ['abce', 'abcd-e', 'abc'])).toEqual([{ given: 'abcd', meant: 'abce' }]);
    expect(misspeltInputs({ INPUT_ABXD: 'x' }, ['abyd', 'abzd'])).toEqual([{ given: 'abxd', meant: 'abyd' }]);
  });

  test.each<[string, string, number]>([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['ab', 'ba', 1],
    ['secret-target', 'secrets-target', 1],
    ['kitten', 'sitting', 3],
  ])('editDistance(%s, %s) is %i', (a, b, edits) => {
    expect(editDistance(a, b)).toBe(edits);
    expect(editDistance(b, a)).toBe(edits);
  });
});

describe('refuseMisspeltInputs', () => {
  test('fails with "did you mean" when nothing else is wrong', () => {
    const read = () => 'settings';
    let error: unknown;
    try {
      refuseMisspeltInputs({ 'INPUT_SECRET-TARGET': 'repository' }, read);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ActionError);
    expect((error as Error).message).toBe("Unknown input 'secret-target': did you mean 'secrets-target'?");
    expect(describeError(error)).toContain("Hint: Rename it in the step's with:");
  });

  test("names every misspelling, then the other inputs' problems", () => {
    const read = () => {
      throw new InputError(['portal-base-url: is required']);
    };
    expect(() => refuseMisspeltInputs({ 'INPUT_SECRET-TARGET': 'x', 'INPUT_PORTAL-BASE-URLS': 'x' }, read)).toThrow(
      "Unknown input 'portal-base-urls': did you mean 'portal-base-url'?\nUnknown input 'secret-target': did you mean 'secrets-target'?\nInvalid input: portal-base-url: is required",
    );
  });

  test('reads the settings when no input is misspelt, even with other unknown inputs', () => {
    expect(refuseMisspeltInputs({ 'INPUT_MY-SETTING': 'x', 'INPUT_TENANT-ID': 't' }, () => 'settings')).toBe('settings');
  });
});

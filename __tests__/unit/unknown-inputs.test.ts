import { INPUT_NAMES } from '../../src/settings/input-names.ts';
import { unexpectedInputsWarning } from '../../src/settings/read-settings.ts';

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

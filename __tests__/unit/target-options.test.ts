// Options that have no effect with the chosen secrets-target fail (src/settings/target-options.ts).
import { InputError } from '../../src/errors.ts';
import { readSettings } from '../../src/settings/read-settings.ts';

const REQUIRED: Readonly<Record<string, string>> = {
  'tenant-id': '11111111-2222-3333-4444-555555555555',
  'client-id': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  'app-name': 'Intrexx Portal',
  'portal-base-url': 'https://portal.example.com',
};
const ENV: NodeJS.ProcessEnv = { GITHUB_REPOSITORY: 'contoso/portal' };
const TOKEN = 'github_pat_never_shown_0123456789';

function problemsFor(inputs: Record<string, string>): readonly string[] {
  const values: Record<string, string> = { ...REQUIRED, ...inputs };
  try {
    readSettings((name) => values[name] ?? '', ENV);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  return [];
}

describe('an option without effect with the chosen secrets-target fails, naming the input, the target and what to do', () => {
  test.each<[string, Record<string, string>, string]>([
    ['github-token with none', { 'github-token': TOKEN }, 'github-token: has no effect with secrets-target none (the client secret goes to the step outputs): it writes the GitHub secrets; remove it, or set secrets-target to repository, environment or organization'],
    ['github-token with none given as None', { 'secrets-target': 'None', 'github-token': TOKEN }, 'github-token: has no effect with secrets-target none'],
    ['secrets-environment with none', { 'secrets-environment': 'production' }, 'secrets-environment: "production" has no effect with secrets-target none (the client secret goes to the step outputs): it names the environment that receives the secrets; remove it, or set secrets-target to environment'],
    ['secrets-repository with none', { 'secrets-repository': 'contoso/other' }, 'secrets-repository: "contoso/other" has no effect with secrets-target none'],
    ['secrets-visibility with none', { 'secrets-visibility': 'selected' }, 'secrets-visibility: "selected" has no effect with secrets-target none'],
    ['secret-name-prefix with none', { 'secret-name-prefix': 'PORTAL_' }, 'secret-name-prefix: "PORTAL_" has no effect with secrets-target none'],
    ['a prefix GitHub would refuse, with none', { 'secret-name-prefix': 'GITHUB_' }, 'secret-name-prefix: "GITHUB_" has no effect with secrets-target none'],
    ['secrets-visibility with repository', { 'secrets-target': 'repository', 'github-token': TOKEN, 'secrets-visibility': 'all' }, 'secrets-visibility: "all" has no effect with secrets-target repository: it is the visibility of organization secrets; remove it, or set secrets-target to organization'],
    ['secrets-visibility with environment', { 'secrets-target': 'environment', 'github-token': TOKEN, 'secrets-environment': 'prod', 'secrets-visibility': 'selected' }, 'secrets-visibility: "selected" has no effect with secrets-target environment'],
  ])('%s', (_case, inputs, problem) => {
    const problems = problemsFor(inputs);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  test('github-token with key-vault: the Key Vault is written with the deployer identity, not the token', () => {
    const problems = problemsFor({ 'secrets-target': 'key-vault', 'key-vault-url': 'https://contoso-kv.vault.azure.net', 'github-token': TOKEN, 'secret-name-prefix': 'PORTAL_' });
    expect(problems).toContain('github-token: has no effect with secrets-target key-vault (the client secret goes to the Key Vault): it writes the GitHub secrets; remove it, or set secrets-target to repository, environment or organization');
    expect(problems.some((p) => p.startsWith('secret-name-prefix: "PORTAL_" has no effect with secrets-target key-vault'))).toBe(true);
  });

  test('the token is named, never shown', () => {
    expect(problemsFor({ 'github-token': TOKEN }).join('\n')).not.toContain(TOKEN);
  });

  test('secrets-environment with repository is named once (delivery.ts names it already)', () => {
    const problems = problemsFor({ 'secrets-target': 'repository', 'github-token': TOKEN, 'secrets-environment': 'prod' });
    expect(problems.filter((p) => p.startsWith('secrets-environment: '))).toHaveLength(1);
  });

  test.each<[string, Record<string, string>]>([
    // The reusable workflow passes github-token always: `${{ steps.app-token.outputs.token || secrets.secrets-token }}`.
    ['empty values with none', { 'github-token': '', 'secrets-environment': '', 'secrets-repository': '', 'secrets-visibility': '', 'secret-name-prefix': '' }],
    // The runner passes action.yml's defaults for inputs a step does not give.
    ['the defaults with none', { 'secrets-visibility': 'private', 'secret-name-prefix': 'INTREXX_' }],
    ['the defaults in another case', { 'secrets-visibility': 'Private', 'secret-name-prefix': 'intrexx_' }],
    ['each option with a target it serves', { 'secrets-target': 'organization', 'github-token': TOKEN, 'secrets-repository': 'contoso/portal', 'secrets-visibility': 'all', 'secret-name-prefix': 'PORTAL_' }],
    ['secrets-environment with environment', { 'secrets-target': 'environment', 'github-token': TOKEN, 'secrets-environment': 'prod', 'secret-name-prefix': 'PORTAL_' }],
  ])('%s are fine', (_case, inputs) => {
    expect(problemsFor(inputs)).toEqual([]);
  });
});

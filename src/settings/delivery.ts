import type { Inputs } from './inputs.ts';
import { secretNameProblem } from './secret-names.ts';
import { ORG_VISIBILITIES, type Delivery, type OrgVisibility, type Repository, type SecretsTarget } from './settings.ts';
import { TOKEN_PERMISSIONS } from './token-permissions.ts';

/**
 * owner/name. Owners: letters, digits and single hyphens, not first, at most 39 characters
 * (docs.github.com/get-started/signing-up-for-github/signing-up-for-a-new-github-account, "username").
 * Names: at most 100 ASCII letters, digits, '.', '-' and '_'
 * (docs.github.com/repositories/creating-and-managing-repositories/creating-a-new-repository);
 * "." and ".." are reserved (github.com/github/docs/issues/44518; GitHub answers "The repository . is reserved").
 */
const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
const RESERVED_NAME = /^\.{1,2}$/;

/**
 * "An environment name may not exceed 255 characters and must be unique within the repository", and
 * names are not case sensitive (docs.github.com/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment,
 * "Creating an environment"). The docs restrict no characters; the REST API takes any name URL-encoded
 * (docs.github.com/rest/deployments/environments). Control characters (a second line) cannot be meant.
 */
const MAX_ENVIRONMENT_NAME = 255;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export function readDelivery(target: SecretsTarget, inputs: Inputs, env: NodeJS.ProcessEnv): Delivery {
  const { input, fail, oneOf } = inputs;
  const visibility = oneOf<OrgVisibility>('secrets-visibility', ORG_VISIBILITIES, 'private');
  const prefix = input('secret-name-prefix') || 'INTREXX_';
  const names = {
    clientId: `${prefix}CLIENT_ID`.toUpperCase(),
    tenantId: `${prefix}TENANT_ID`.toUpperCase(),
    clientSecret: `${prefix}CLIENT_SECRET`.toUpperCase(),
  };
  if (target === 'none') return { target };

  for (const name of Object.values(names)) {
    const problem = secretNameProblem(name);
    if (problem) fail('secret-name-prefix', `"${prefix}" yields the secret name ${name}, which ${problem}`);
  }
  const token = input('github-token');
  if (token === '') {
    fail('github-token', `is required when secrets-target is ${target}: a fine-grained personal access token or a GitHub App installation token with ${TOKEN_PERMISSIONS[target]} (GITHUB_TOKEN cannot write secrets)`);
  }
  const repository = readRepository(inputs, env);
  const environment = input('secrets-environment');
  if (target === 'environment' && environment === '') {
    fail('secrets-environment', 'is required when secrets-target is environment');
  }
  if (target !== 'environment' && environment !== '') {
    fail('secrets-environment', `is only used when secrets-target is environment (it is ${target})`);
  }
  if (target === 'environment' && environment.length > MAX_ENVIRONMENT_NAME) {
    fail('secrets-environment', `is ${environment.length} characters long; a GitHub environment name has at most ${MAX_ENVIRONMENT_NAME}`);
  }
  if (target === 'environment' && CONTROL.test(environment)) fail('secrets-environment', 'must be one environment name on one line, without control characters');
  return {
    target,
    token,
    repository,
    ...(target === 'environment' ? { environment } : {}),
    visibility,
    names,
  };
}

function readRepository({ input, fail }: Inputs, env: NodeJS.ProcessEnv): Repository {
  const text = input('secrets-repository') || env.GITHUB_REPOSITORY || '';
  const [owner = '', repo = ''] = text.split('/');
  if (text === '') fail('secrets-repository', 'is required outside GitHub Actions (expected owner/name)');
  else if (text.split('/').length === 2 && (RESERVED_NAME.test(owner) || RESERVED_NAME.test(repo))) {
    fail('secrets-repository', `"${text}" names "${RESERVED_NAME.test(owner) ? owner : repo}", which GitHub reserves: expected owner/name of an existing repository`);
  } else {
    const match = REPOSITORY.exec(text);
    if (match) return { owner: match[1] ?? '', repo: match[2] ?? '' };
    fail('secrets-repository', `"${text}" is not of the form owner/name (owner: letters, digits and hyphens; name: letters, digits, '.', '-' and '_')`);
  }
  return { owner: '', repo: '' };
}

import type { WritingDelivery } from './settings.ts';

/**
 * What github-token needs for each target, in GitHub's names for the permissions of fine-grained personal
 * access tokens and GitHub Apps (docs.github.com/rest/actions/secrets, "Fine-grained access tokens" of each
 * endpoint): "Secrets" repository permissions for create-or-update-a-repository-secret (write),
 * get-a-repository-public-key and get-a-repository-secret (read); "Environments" repository permissions
 * for create-or-update-an-environment-secret (write), get-an-environment-public-key and
 * get-an-environment-secret (read); "Secrets" organization permissions for
 * create-or-update-an-organization-secret (write), get-an-organization-public-key and
 * get-an-organization-secret (read). With visibility selected the action also reads the repository's ID
 * (docs.github.com/rest/repos/repos#get-a-repository: "Metadata" repository permissions, read).
 * README.md (Permissions) and action.yml (github-token) say the same, word for word.
 */
export const TOKEN_PERMISSIONS = {
  repository: 'the repository permission "Secrets: Read and write"',
  environment: 'the repository permission "Environments: Read and write"',
  organization: 'the organization permission "Secrets: Read and write" (with secrets-visibility selected, also "Metadata: Read" on secrets-repository)',
} as const satisfies Record<WritingDelivery['target'], string>;

/** The token github-token must be, for every target; action.yml's github-token description says exactly this. */
export const TOKEN_REQUIREMENT =
  'a fine-grained personal access token or a GitHub App installation token with, ' +
  `for secrets-target repository, ${TOKEN_PERMISSIONS.repository}; ` +
  `for environment, ${TOKEN_PERMISSIONS.environment}; ` +
  `for organization, ${TOKEN_PERMISSIONS.organization}`;


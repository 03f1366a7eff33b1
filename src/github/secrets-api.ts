import { ActionError, causeChain } from '../errors.ts';
import type { WritingDelivery } from '../settings/settings.ts';
import { TOKEN_PERMISSIONS, TOKEN_REQUIREMENT } from '../settings/delivery.ts';

export interface PublicKey {
  readonly key_id: string;
  readonly key: string;
}

/** One place GitHub Actions secrets are written to: a repository, an environment or an organization. */
export interface SecretsDestination {
  /** "repository contoso/portal", "environment prod of contoso/portal", "organization contoso". */
  readonly description: string;
  publicKey(): Promise<PublicKey>;
  write(name: string, encryptedValue: string, keyId: string): Promise<'created' | 'updated'>;
  /** updated_at of a secret (its value is never readable); null when it does not exist. */
  updatedAt(name: string): Promise<string | null>;
}

export { TOKEN_PERMISSIONS, TOKEN_REQUIREMENT };

/** Names the action to GitHub, which refuses requests without a User-Agent (docs.github.com/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent). */
const USER_AGENT = 'intrexx-entra-registration-action';

/** Pages of selected repositories read at most (100 each): an organization's repositories, with room to spare. */
const MAX_PAGES = 100;

export const SECRETS_TOKEN_HINT = `GITHUB_TOKEN can never write Actions secrets. Pass github-token: ${TOKEN_REQUIREMENT}.`;

export function destinationDescription(delivery: WritingDelivery): string {
  const repo = `${delivery.repository.owner}/${delivery.repository.repo}`;
  if (delivery.target === 'environment') return `environment ${delivery.environment} of ${repo}`;
  if (delivery.target === 'organization') return `organization ${delivery.repository.owner}`;
  return `repository ${repo}`;
}

/**
 * GitHub's Actions secrets REST API (docs.github.com/rest/actions/secrets) for one destination, through
 * @actions/github's Octokit. Loaded here, on first use, since only runs that write secrets need it.
 */
export async function createSecretsDestination(delivery: WritingDelivery, apiUrl: string): Promise<SecretsDestination> {
  const { getOctokit } = await import('@actions/github');
  // getOctokit honours the runner's proxy variables (@actions/github src/internal/utils.ts, getProxyAgentDispatcher);
  // its fetch follows redirects, e.g. for a renamed repository (docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#follow-redirects).
  const octokit = getOctokit(delivery.token, { baseUrl: apiUrl.replace(/\/+$/, ''), userAgent: USER_AGENT });
  const { owner, repo } = delivery.repository;
  const description = destinationDescription(delivery);
  const base =
    delivery.target === 'organization'
      ? `/orgs/${encodeURIComponent(owner)}/actions/secrets`
      : delivery.target === 'environment'
        ? `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/environments/${encodeURIComponent(delivery.environment ?? '')}/secrets`
        : `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/secrets`;

  const request = async <T>(operation: string, method: 'GET' | 'PUT', path: string, body?: Record<string, unknown>): Promise<{ status: number; data: T }> => {
    try {
      // docs.github.com/rest/about-the-rest-api/api-versions
      const { status, data } = await octokit.request({ method, url: path, headers: { 'x-github-api-version': '2022-11-28' }, ...body });
      return { status, data: data as T };
    } catch (error) {
      throw gitHubError(operation, delivery, description, error);
    }
  };

  /**
   * The repositories an organization secret is available to now (docs.github.com/rest/actions/secrets#list-selected-repositories-for-an-organization-secret,
   * 100 a page at most), so that a write keeps those an administrator added. None for a secret that does
   * not exist yet (404), nor for one whose visibility is not selected (GitHub documents no answer for
   * that case; 409, as its add and remove endpoints answer, or an empty list are both taken as none).
   */
  const currentlySelected = async (name: string): Promise<number[]> => {
    const ids: number[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      let data: { total_count: number; repositories: readonly { id: number }[] };
      try {
        ({ data } = await request<typeof data>(`read the repositories selected for secret ${name} in ${description}`, 'GET', `${base}/${encodeURIComponent(name)}/repositories?per_page=100&page=${page}`));
      } catch (error) {
        const status = gitHubStatus(error);
        if (status === 404 || status === 409) return ids;
        throw error;
      }
      ids.push(...data.repositories.map((r) => r.id));
      if (data.repositories.length < 100 || ids.length >= data.total_count) break;
    }
    return ids;
  };
  let repositoryId: Promise<number> | undefined;
  /** This repository together with those the secret is available to now: a new secret gets just this one. */
  const selectedRepositoryIds = async (name: string): Promise<number[]> => {
    repositoryId ??= request<{ id: number }>(`read repository ${owner}/${repo}`, 'GET', `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`).then((r) => r.data.id);
    const [own, current] = await Promise.all([repositoryId, currentlySelected(name)]);
    return [...new Set([...current, own])];
  };

  return {
    description,
    publicKey: async () => (await request<PublicKey>(`read the public key of ${description}`, 'GET', `${base}/public-key`)).data,
    async write(name, encryptedValue, keyId) {
      const body: Record<string, unknown> = { encrypted_value: encryptedValue, key_id: keyId };
      if (delivery.target === 'organization') {
        body.visibility = delivery.visibility;
        if (delivery.visibility === 'selected') body.selected_repository_ids = await selectedRepositoryIds(name);
      }
      const { status } = await request(`write secret ${name} to ${description}`, 'PUT', `${base}/${encodeURIComponent(name)}`, body);
      return status === 201 ? 'created' : 'updated';
    },
    async updatedAt(name) {
      // GET …/secrets/{name} answers name, created_at and updated_at (docs.github.com/rest/actions/secrets).
      try {
        return (await request<{ updated_at: string }>(`read the metadata of secret ${name} in ${description}`, 'GET', `${base}/${encodeURIComponent(name)}`)).data.updated_at;
      } catch (error) {
        if (gitHubStatus(error) === 404) return null;
        throw error;
      }
    },
  };
}

export function gitHubError(operation: string, delivery: WritingDelivery, description: string, error: unknown): ActionError {
  const status = (error as { status?: number }).status;
  const message = ((error as { response?: { data?: { message?: string } } }).response?.data?.message ?? (error as Error).message ?? String(error)).split('\n')[0];
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers;
  // GitHub's ID of the request, which GitHub Support asks for (docs.github.com/rest/using-the-rest-api/
  // troubleshooting-the-rest-api); Octokit hands response headers over with lower-case names.
  const requestId = headers?.['x-github-request-id'];
  const text = `Failed to ${operation}: ${status ? `HTTP ${status}` : 'no response'}: ${message}${requestId ? ` (x-github-request-id ${requestId})` : ''}`;
  if (status === 403 || status === 401) {
    // GitHub names the permission a request lacked in this header (docs.github.com/rest/authentication/
    // permissions-required-for-fine-grained-personal-access-tokens, "X-Accepted-GitHub-Permissions").
    const accepted = headers?.['x-accepted-github-permissions'];
    const hint =
      `${SECRETS_TOKEN_HINT} For ${description} that is ${TOKEN_PERMISSIONS[delivery.target]}` +
      `${accepted ? ` (GitHub asks for: ${accepted})` : ''}, and the token must cover it: a fine-grained token's ` +
      'repository access or resource owner, or the GitHub App\'s installation.';
    return new ActionError(text, { hint, cause: error });
  }
  if (status === 404) {
    // GitHub answers 404 rather than 403 where a token may not see a private repository
    // (docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api, "404 error for an existing repository").
    return new ActionError(text, {
      hint:
        `Check that ${description} exists and that the token can see it: a fine-grained token's repository access must include ` +
        'the repository, a GitHub App must be installed on it (GitHub answers 404, not 403, for what a token cannot see); ' +
        'an environment must be created first.',
      cause: error,
    });
  }
  return new ActionError(text, { cause: error });
}

/** The HTTP status GitHub answered with, from an error or any of its causes. */
export function gitHubStatus(error: unknown): number | undefined {
  const status = causeChain(error).map((e) => (e as { status?: unknown }).status).find((s) => typeof s === 'number');
  return status as number | undefined;
}

/**
 * Seals a value for GitHub's secrets API: libsodium's crypto_box_seal with the target's public key,
 * base64 in the ORIGINAL variant (docs.github.com/rest/guides/encrypting-secrets-for-the-rest-api).
 */
export async function sealForGitHub(value: string, publicKeyBase64: string): Promise<string> {
  const sodium = await loadSodium();
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}

let loading: ReturnType<typeof load> | undefined;

/** Loads libsodium and its WebAssembly once; called early by delivery so sealing waits for nothing. */
export function loadSodium(): ReturnType<typeof load> {
  loading ??= load();
  return loading;
}

// Loaded only when secrets are delivered: most runs never need libsodium.
async function load() {
  const { default: sodium } = await import('libsodium-wrappers');
  await sodium.ready;
  return sodium;
}

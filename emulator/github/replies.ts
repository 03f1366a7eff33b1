import type { InboundRequest, Reply } from '../types.ts';
import type { Repo, TokenGrant } from './store.ts';

// What every GitHub route of the emulator answers alike: errors, refusals for a missing permission, JSON
// bodies, repositories.

/** GitHub's error body: {message, documentation_url, status} — status is a string (rollthecloudinc/hedge#256). */
export function ghError(status: number, message: string, doc = 'https://docs.github.com/rest', headers: Record<string, string> = {}): Reply {
  return { status, headers, body: { message, documentation_url: doc, status: String(status) } };
}

/**
 * A token without the secrets permission: GitHub App tokens get 403 "Resource not accessible by
 * integration" (peter-evans/repository-dispatch#270), and so does GITHUB_TOKEN, an App installation token
 * that has no secrets permission at all (docs.github.com/actions/security-guides/automatic-token-authentication
 * "Permissions for the GITHUB_TOKEN"); fine-grained PATs 403 "Resource not accessible by personal
 * access token" (peter-evans/repository-dispatch#393, JiRaska/open-bank-oss#4816); classic PATs
 * lacking the `repo` scope see 404, GitHub's way of not confirming private repositories
 * (docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api "404 error for an existing repository").
 */
export function forbidden(grant: TokenGrant, need: string, doc: string): Reply {
  const headers = { 'X-Accepted-GitHub-Permissions': need };
  if (grant.kind === 'pat') return ghError(404, 'Not Found', doc, headers);
  if (grant.kind === 'fine-grained') return ghError(403, 'Resource not accessible by personal access token', doc, headers);
  return ghError(403, 'Resource not accessible by integration', doc, headers);
}

export const allows = (grant: TokenGrant, need: 'read' | 'write'): boolean =>
  grant.secretsPermission === 'write' || (need === 'read' && grant.secretsPermission === 'read');

export function parseJson(req: InboundRequest): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(req.body.toString('utf8') || 'null') as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  return undefined;
}

export const invalid = (detail: string, doc: string): Reply => ghError(422, `Invalid request.\n\n${detail}`, doc);

/** A repository as GET /repos/{owner}/{repo} shows it (docs.github.com/rest/repos/repos#get-a-repository), in part. */
export function repoBody(repo: Repo, apiUrl: string, isOrg: boolean): Record<string, unknown> {
  return {
    id: repo.id,
    node_id: Buffer.from(`010:Repository${repo.id}`).toString('base64'),
    name: repo.name,
    full_name: repo.fullName,
    private: true,
    owner: { login: repo.owner, id: repo.ownerId, type: isOrg ? 'Organization' : 'User', url: `${apiUrl}/users/${repo.owner}` },
    html_url: `https://github.com/${repo.fullName}`,
    url: `${apiUrl}/repos/${repo.fullName}`,
    default_branch: 'main',
    visibility: 'private',
  };
}

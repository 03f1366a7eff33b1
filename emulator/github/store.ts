import { randomString, ALNUM } from '../ids.ts';
import type { SecretTarget } from '../types.ts';
import { newBoxKey } from './sealedbox.ts';
import type { BoxKey } from './sealedbox.ts';

export interface StoredSecret {
  name: string;
  sealed: string; // base64 sealed box as PUT
  keyId: string;
  created_at: string; // githubTime format
  updated_at: string; // githubTime format
  visibility?: 'all' | 'private' | 'selected';
  selected_repository_ids?: number[];
}

export interface SecretScope {
  key: BoxKey;
  secrets: Map<string, StoredSecret>;
}

export interface Repo {
  id: number;
  owner: string;
  ownerId: number;
  name: string;
  fullName: string;
  scope: SecretScope;
  environments: Map<string, { name: string; scope: SecretScope }>;
}

export interface Org {
  id: number;
  login: string;
  scope: SecretScope;
}

export type TokenKind = 'pat' | 'fine-grained' | 'app' | 'github_token';
export interface TokenGrant {
  secretsPermission: 'write' | 'read' | 'none';
  kind: TokenKind;
}

const newScope = (): SecretScope => ({ key: newBoxKey(), secrets: new Map() });

/**
 * GitHub's timestamp format for secrets: whole seconds, no fraction — "2019-08-10T14:59:22Z" in the
 * "Get a repository secret" example (docs.github.com/rest/actions/secrets); the schema in
 * github/rest-api-description describes created_at/updated_at as "YYYY-MM-DDTHH:MM:SSZ".
 */
export const githubTime = (ms = Date.now()): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

export class GithubStore {
  readonly repos = new Map<string, Repo>();
  readonly orgs = new Map<string, Org>();
  readonly users = new Map<string, number>();
  readonly tokens = new Map<string, TokenGrant>();
  private nextRepoId = 701_234_560;
  private nextOwnerId = 123_456_780;

  addOrganization(login: string): Org {
    const existing = this.orgs.get(login.toLowerCase());
    if (existing) return existing;
    const org: Org = { id: this.nextOwnerId++, login, scope: newScope() };
    this.orgs.set(login.toLowerCase(), org);
    return org;
  }

  ownerId(login: string): number {
    const org = this.orgs.get(login.toLowerCase());
    if (org) return org.id;
    let id = this.users.get(login.toLowerCase());
    if (id === undefined) {
      id = this.nextOwnerId++;
      this.users.set(login.toLowerCase(), id);
    }
    return id;
  }

  addRepository(fullName: string): Repo {
    const existing = this.repos.get(fullName.toLowerCase());
    if (existing) return existing;
    const [owner = '', name = ''] = fullName.split('/');
    if (!owner || !name) throw new Error(`repository must be 'owner/name': ${fullName}`);
    const repo: Repo = { id: this.nextRepoId++, owner, ownerId: this.ownerId(owner), name, fullName, scope: newScope(), environments: new Map() };
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  addEnvironment(fullName: string, env: string): void {
    const repo = this.repos.get(fullName.toLowerCase()) ?? this.addRepository(fullName);
    if (!repo.environments.has(env.toLowerCase())) repo.environments.set(env.toLowerCase(), { name: env, scope: newScope() });
  }

  repoById(id: number): Repo | undefined {
    return [...this.repos.values()].find((r) => r.id === id);
  }

  /** Token strings in GitHub's formats (github.blog 2021-04-05 "Behind GitHub's new authentication token formats"). */
  issueToken(grant: TokenGrant): string {
    const token =
      grant.kind === 'fine-grained'
        ? `github_pat_${randomString(22, ALNUM)}_${randomString(59, ALNUM)}`
        : `${grant.kind === 'pat' ? 'ghp' : 'ghs'}_${randomString(36, ALNUM)}`;
    this.tokens.set(token, { ...grant });
    return token;
  }

  /** Every secret scope: organizations, repositories and their environments. */
  allScopes(): SecretScope[] {
    const repos = [...this.repos.values()];
    return [...[...this.orgs.values()].map((o) => o.scope), ...repos.map((r) => r.scope), ...repos.flatMap((r) => [...r.environments.values()].map((e) => e.scope))];
  }

  scopeOf(target: SecretTarget): SecretScope | undefined {
    if ('organization' in target) return this.orgs.get(target.organization.toLowerCase())?.scope;
    const repo = this.repos.get(target.repository.toLowerCase());
    if (!repo) return undefined;
    if ('environment' in target) return repo.environments.get(target.environment.toLowerCase())?.scope;
    return repo.scope;
  }
}

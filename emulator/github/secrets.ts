import type { Handler, InboundRequest, Reply } from '../types.ts';
import { guid } from '../ids.ts';
import { allows, forbidden, ghError, invalid, parseJson, repoBody } from './replies.ts';
import { openSealed } from './sealedbox.ts';
import { selectedRepositories } from './selected-repos.ts';
import { githubTime } from './store.ts';
import type { GithubStore, SecretScope, TokenGrant } from './store.ts';

// The GitHub Actions secrets REST API (docs.github.com/rest/actions/secrets) for repository,
// environment and organization secrets, plus GET /repos/{owner}/{repo} and GET /orgs/{org}; the selected
// repositories of organization secrets in ./selected-repos.ts.

const DOCS = 'https://docs.github.com/rest/actions/secrets';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const MAX_SECRET_BYTES = 48 * 1024;

type Level = 'org' | 'repo' | 'env';
const docFor = (level: Level, op: string): string => {
  const noun = level === 'org' ? 'an-organization' : level === 'env' ? 'an-environment' : 'a-repository';
  const plural = level === 'org' ? 'organization' : level === 'env' ? 'environment' : 'repository';
  if (op === 'list') return `${DOCS}#list-${plural}-secrets`;
  if (op === 'public-key') return `${DOCS}#get-${noun}-public-key`;
  if (op === 'PUT') return `${DOCS}#create-or-update-${noun}-secret`;
  if (op === 'DELETE') return `${DOCS}#delete-${noun}-secret`;
  return `${DOCS}#get-${noun}-secret`;
};

/**
 * Secret names: [A-Za-z0-9_], not starting with a digit or GITHUB_, stored upper-case
 * (docs.github.com/actions/security-guides/using-secrets-in-github-actions#naming-your-secrets).
 * The API's exact 422 wording is UNCONFIRMED.
 */
function checkName(raw: string, doc: string): string | Reply {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw) || /^GITHUB_/i.test(raw)) {
    return invalid('Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_). Secret names must not start with the GITHUB_ prefix.', doc);
  }
  return raw.toUpperCase();
}

function secretMetaBody(s: { name: string; created_at: string; updated_at: string; visibility?: string }, level: Level, orgUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = { name: s.name, created_at: s.created_at, updated_at: s.updated_at };
  if (level === 'org') {
    out.visibility = s.visibility;
    if (s.visibility === 'selected') out.selected_repositories_url = `${orgUrl}/actions/secrets/${s.name}/repositories`;
  }
  return out;
}

/**
 * …/secrets (list), …/secrets/public-key, and GET/PUT/DELETE …/secrets/{name} for one scope. Reads
 * (GET) need the secrets permission at read level, writes at write level (fine-grained permission
 * "Secrets" read/write, docs.github.com/rest/actions/secrets). GET …/secrets/{name} answers 200
 * {name, created_at, updated_at} (organization secrets add visibility and, for 'selected',
 * selected_repositories_url) or 404 {message: "Not Found", documentation_url, status: "404"}.
 */
function secretsOperation(req: InboundRequest, grant: TokenGrant, level: Level, scope: SecretScope, rest: string[], orgUrl: string): Reply {
  const [first, second] = rest;
  const op = first === undefined ? 'list' : first === 'public-key' && second === undefined ? 'public-key' : req.method;
  const doc = docFor(level, op);
  const need = req.method === 'GET' ? 'read' : 'write';
  // Environment secrets need the "Environments" repository permission, the others "Secrets"
  // (docs.github.com/rest/actions/secrets, "Fine-grained access tokens" of each endpoint). The emulated
  // token has one secrets permission for both.
  if (!allows(grant, need)) return forbidden(grant, `${level === 'env' ? 'environments' : 'secrets'}=${need}`, doc);
  if (first === undefined) {
    if (req.method !== 'GET') return ghError(404, 'Not Found', doc);
    const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
    const all = [...scope.secrets.values()].sort((a, b) => a.name.localeCompare(b.name));
    return { status: 200, body: { total_count: all.length, secrets: all.slice((page - 1) * perPage, page * perPage).map((s) => secretMetaBody(s, level, orgUrl)) } };
  }
  if (first === 'public-key' && second === undefined) {
    if (req.method !== 'GET') return ghError(404, 'Not Found', doc);
    return { status: 200, body: { key_id: scope.key.keyId, key: scope.key.publicKeyBase64 } };
  }
  if (second !== undefined) return ghError(404, 'Not Found', doc);
  const name = checkName(first, doc);
  if (typeof name !== 'string') return req.method === 'PUT' ? name : ghError(404, 'Not Found', doc);
  const existing = scope.secrets.get(name);
  if (req.method === 'GET') return existing ? { status: 200, body: secretMetaBody(existing, level, orgUrl) } : ghError(404, 'Not Found', doc);
  if (req.method === 'DELETE') {
    if (!existing) return ghError(404, 'Not Found', doc);
    scope.secrets.delete(name);
    return { status: 204 };
  }
  if (req.method !== 'PUT') return ghError(404, 'Not Found', doc);
  const b = parseJson(req);
  if (!b) return ghError(400, 'Problems parsing JSON', 'https://docs.github.com/rest');
  // Validation messages as GitHub words them (github/rest-api-description#419, #1688; terraform-provider-github#869).
  if (b.encrypted_value === undefined) return invalid('"encrypted_value" wasn\'t supplied.', doc);
  if (typeof b.encrypted_value !== 'string' || !BASE64.test(b.encrypted_value)) {
    return invalid(`${String(b.encrypted_value)} does not match /^(?:[A-Za-z0-9+\\/]{4})*(?:[A-Za-z0-9+\\/]{2}==|[A-Za-z0-9+\\/]{3}=|[A-Za-z0-9+\\/]{4})$/.`, doc);
  }
  if (b.key_id === undefined) return invalid('"key_id" wasn\'t supplied.', doc);
  let visibility: 'all' | 'private' | 'selected' | undefined;
  let selected: number[] | undefined;
  if (level === 'org') {
    if (b.visibility === undefined) return invalid('"visibility" wasn\'t supplied.', doc);
    if (b.visibility !== 'all' && b.visibility !== 'private' && b.visibility !== 'selected') return invalid(`${String(b.visibility)} is not a member of ["all", "private", "selected"].`, doc);
    visibility = b.visibility;
    if (b.selected_repository_ids !== undefined) {
      // "You can only provide a list of repository IDs when the visibility is set to selected." (API docs); wording of the 422 UNCONFIRMED.
      if (visibility !== 'selected') return invalid('selected_repository_ids can only be provided when visibility is set to selected.', doc);
      if (!Array.isArray(b.selected_repository_ids) || !b.selected_repository_ids.every((x) => Number.isInteger(x) || (typeof x === 'string' && /^\d+$/.test(x)))) {
        return invalid('selected_repository_ids must be an array of repository ids.', doc);
      }
      selected = b.selected_repository_ids.map(Number);
    }
  }
  // An unknown key_id or a value that does not open with this target's key is rejected the same way
  // (message from rollthecloudinc/hedge#256; the key_id case UNCONFIRMED).
  const opened = String(b.key_id) === scope.key.keyId ? openSealed(scope.key, b.encrypted_value) : undefined;
  if (!opened) return ghError(422, 'Bad request - validation failed due to an improperly encrypted secret', doc);
  if (opened.length > MAX_SECRET_BYTES) return invalid('Secret value is too large; secrets are limited to 48 KB.', doc); // wording UNCONFIRMED
  const now = githubTime();
  const stored = {
    name,
    sealed: b.encrypted_value,
    keyId: scope.key.keyId,
    created_at: existing?.created_at ?? now,
    updated_at: now,
    ...(visibility ? { visibility } : {}),
    ...(selected ? { selected_repository_ids: selected } : visibility === 'selected' ? { selected_repository_ids: existing?.selected_repository_ids ?? [] } : {}),
  };
  scope.secrets.set(name, stored);
  return existing ? { status: 204 } : { status: 201, body: {} };
}

export function githubHandler(store: GithubStore, apiUrl: () => string): Handler {
  return (req: InboundRequest): Reply => {
    const headers = { 'X-GitHub-Request-Id': guid().toUpperCase(), 'X-GitHub-Api-Version-Selected': '2022-11-28' };
    const reply = route(req, store, apiUrl());
    return { ...reply, headers: { ...headers, ...reply.headers } };
  };
}

function route(req: InboundRequest, store: GithubStore, apiUrl: string): Reply {
  // "Requests with no User-Agent header will be rejected" (docs.github.com/rest/using-the-rest-api/
  // getting-started-with-the-rest-api#user-agent). The text is GitHub's as quoted in
  // gitlab.com/gitlab-org/gitlab/-/merge_requests/43852; its status is the 403 the docs give for an invalid one.
  if (!req.headers['user-agent']) return ghError(403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.');
  const auth = req.headers.authorization ?? '';
  const m = /^(?:Bearer|token)\s+(\S+)$/i.exec(auth);
  if (!m?.[1]) return ghError(401, 'Requires authentication', 'https://docs.github.com/rest');
  const grant = store.tokens.get(m[1]);
  if (!grant) return ghError(401, 'Bad credentials', 'https://docs.github.com/rest');
  // Path segments are decoded one by one so that an encoded '/' in an environment name stays inside it.
  const raw = req.url.split('?')[0] ?? '';
  const seg = raw.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const notFound = ghError(404, 'Not Found', 'https://docs.github.com/rest');
  // A route the emulator does not serve: GitHub's 404, flagged so tests see it was never modelled.
  const unmodelled: Reply = { ...notFound, unmodelled: true };

  if (seg[0] === 'repos' && seg.length >= 3) {
    const repo = store.repos.get(`${seg[1]}/${seg[2]}`.toLowerCase());
    if (!repo) return notFound;
    if (seg.length === 3) return req.method === 'GET' ? { status: 200, body: repoBody(repo, apiUrl, store.orgs.has(repo.owner.toLowerCase())) } : notFound;
    if (seg[3] === 'actions' && seg[4] === 'secrets') return secretsOperation(req, grant, 'repo', repo.scope, seg.slice(5), '');
    if (seg[3] === 'environments' && seg[4] !== undefined) {
      const env = repo.environments.get(seg[4].toLowerCase());
      if (!env) return notFound;
      if (seg.length === 5 && req.method === 'GET') return { status: 200, body: { name: env.name, url: `${apiUrl}/repos/${repo.fullName}/environments/${encodeURIComponent(env.name)}` } };
      if (seg[5] === 'secrets') return secretsOperation(req, grant, 'env', env.scope, seg.slice(6), '');
    }
    return unmodelled;
  }
  // The older environment-secrets path by repository id (still documented for GHES).
  if (seg[0] === 'repositories' && seg[2] === 'environments' && seg[4] === 'secrets') {
    const repo = store.repoById(Number(seg[1]));
    const env = repo?.environments.get((seg[3] ?? '').toLowerCase());
    if (!repo || !env) return notFound;
    return secretsOperation(req, grant, 'env', env.scope, seg.slice(5), '');
  }
  if (seg[0] === 'orgs' && seg[1] !== undefined) {
    const org = store.orgs.get(seg[1].toLowerCase());
    if (!org) return notFound;
    if (seg.length === 2 && req.method === 'GET') return { status: 200, body: { login: org.login, id: org.id, url: `${apiUrl}/orgs/${org.login}` } };
    if (seg[2] === 'actions' && seg[3] === 'secrets' && seg[4] !== undefined && seg[5] === 'repositories') {
      return selectedRepositories(req, grant, { org, name: seg[4], rest: seg.slice(6), store, apiUrl });
    }
    if (seg[2] === 'actions' && seg[3] === 'secrets') return secretsOperation(req, grant, 'org', org.scope, seg.slice(4), `${apiUrl}/orgs/${org.login}`);
  }
  return unmodelled;
}

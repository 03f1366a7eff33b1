import { readingsOf } from '../readings.ts';
import type { InboundRequest, Reply } from '../types.ts';
import { allows, forbidden, ghError, repoBody } from './replies.ts';
import type { GithubStore, Org, TokenGrant } from './store.ts';

const DOCS = 'https://docs.github.com/rest/actions/secrets';
const LIST_DOC = `${DOCS}#list-selected-repositories-for-an-organization-secret`;
const ADD_DOC = `${DOCS}#add-selected-repository-to-an-organization-secret`;
const REMOVE_DOC = `${DOCS}#remove-selected-repository-from-an-organization-secret`;

/** The organization secret a request names, and how to reach the store. */
export interface SelectedReposCall {
  readonly org: Org;
  /** The secret's name as the path has it. */
  readonly name: string;
  /** What follows …/repositories: nothing, or a repository ID. */
  readonly rest: readonly string[];
  readonly store: GithubStore;
  readonly apiUrl: string;
}

/**
 * The repositories an organization secret with visibility selected is available to
 * (docs.github.com/rest/actions/secrets):
 * - GET …/secrets/{name}/repositories: 200 {total_count, repositories} (minimal repositories), with
 *   page and per_page (default 30, at most 100);
 * - PUT …/repositories/{repository_id}: 204 "when repository was added to the selected list", 409
 *   "Conflict when visibility type is not set to selected";
 * - DELETE …/repositories/{repository_id}: 204 "when repository was removed", 409 likewise.
 * Reads need the organization's "Secrets" permission at read level, writes at write level; a secret
 * that does not exist is a 404, as for GET …/secrets/{name}. What the list answers for a secret whose
 * visibility is not selected is undocumented: reading selectedReposOfUnselected. PUT …/repositories
 * (set the whole list) is not modelled.
 */
export function selectedRepositories(req: InboundRequest, grant: TokenGrant, call: SelectedReposCall): Reply {
  const { org, rest, store } = call;
  const single = rest.length === 1;
  if (rest.length === 0 && req.method === 'PUT') return { ...ghError(404, 'Not Found', `${DOCS}#set-selected-repositories-for-an-organization-secret`), unmodelled: true };
  const known = rest.length === 0 ? req.method === 'GET' : single && (req.method === 'PUT' || req.method === 'DELETE');
  if (!known) return ghError(404, 'Not Found', LIST_DOC);
  const doc = !single ? LIST_DOC : req.method === 'PUT' ? ADD_DOC : REMOVE_DOC;
  const need = req.method === 'GET' ? 'read' : 'write';
  if (!allows(grant, need)) return forbidden(grant, `organization_secrets=${need}`, doc);
  const secret = org.scope.secrets.get(call.name.toUpperCase());
  if (!secret) return ghError(404, 'Not Found', doc);
  const conflict = ghError(409, 'Visibility of the secret must be set to selected', doc); // wording UNCONFIRMED
  if (!single) {
    if (secret.visibility !== 'selected') {
      if (readingsOf(store).selectedReposOfUnselected === '409') return conflict;
      return { status: 200, body: { total_count: 0, repositories: [] } };
    }
    const ids = secret.selected_repository_ids ?? [];
    const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
    const repositories = ids
      .slice((page - 1) * perPage, page * perPage)
      .map((id) => store.repoById(id))
      .filter((r) => r !== undefined)
      .map((r) => repoBody(r, call.apiUrl, store.orgs.has(r.owner.toLowerCase())));
    return { status: 200, body: { total_count: ids.length, repositories } };
  }
  const id = Number(rest[0]);
  if (!Number.isInteger(id) || !store.repoById(id)) return ghError(404, 'Not Found', doc);
  if (secret.visibility !== 'selected') return conflict;
  const others = (secret.selected_repository_ids ?? []).filter((r) => r !== id);
  secret.selected_repository_ids = req.method === 'PUT' ? [...others, id] : others;
  return { status: 204 };
}

import { guid, randomToken } from './ids.ts';
import { signJwt } from './jwt.ts';
import type { SigningKey } from './jwt.ts';
import type { Handler, JobClaims, Reply } from './types.ts';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface OidcEnv {
  key: SigningKey;
  baseUrl: () => string;
  job: () => JobClaims;
  /** The bearer a runner puts in ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  requestToken: string;
  /** Path (with '?api-version=2.0') of ACTIONS_ID_TOKEN_REQUEST_URL on this server. */
  requestPath: string;
}

export function newRequestPath(): string {
  // Shape of a real runner's URL: …/<scope>/_apis/distributedtask/hubs/Actions/plans/<plan>/jobs/<job>/idtoken?api-version=2.0
  return `/${randomToken(12)}/00000000-0000-0000-0000-000000000000/_apis/distributedtask/hubs/Actions/plans/${guid()}/jobs/${guid()}/idtoken?api-version=2.0`;
}

/**
 * The subject GitHub puts in the token (docs.github.com/actions/security-for-github-actions/
 * security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims):
 * an environment wins over the ref; pull_request events get `:pull_request`.
 */
export function subjectFor(job: JobClaims): string {
  const base = `repo:${job.repository}`;
  if (job.environment) return `${base}:environment:${job.environment}`;
  if (job.eventName === 'pull_request' || job.eventName === 'pull_request_target') return `${base}:pull_request`;
  return `${base}:ref:${job.ref}`;
}

/**
 * Claims of a GitHub Actions ID token. Lifetimes follow the example token in GitHub's OIDC docs:
 * nbf = iat − 600 s, exp = iat + 300 s.
 */
export function idTokenClaims(job: JobClaims, audience: string, nowMs = Date.now()): Record<string, unknown> {
  const iat = Math.floor(nowMs / 1000);
  const [owner = ''] = job.repository.split('/');
  const refType = job.ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  const claims: Record<string, unknown> = {
    jti: guid(),
    sub: subjectFor(job),
    aud: audience,
    ref: job.ref,
    sha: job.sha,
    repository: job.repository,
    repository_owner: owner,
    repository_owner_id: String(job.repositoryOwnerId),
    run_id: job.runId,
    run_number: job.runNumber,
    run_attempt: job.runAttempt,
    repository_visibility: job.repositoryVisibility,
    repository_id: String(job.repositoryId),
    actor_id: String(job.actorId),
    actor: job.actor,
    workflow: job.workflow,
    head_ref: '',
    base_ref: '',
    event_name: job.eventName,
    ref_protected: 'false',
    ref_type: refType,
    workflow_ref: job.workflowRef,
    workflow_sha: job.sha,
    job_workflow_ref: job.workflowRef,
    job_workflow_sha: job.sha,
    runner_environment: job.runnerEnvironment,
    iss: GITHUB_ISSUER,
    nbf: iat - 600,
    exp: iat + 300,
    iat,
  };
  if (job.environment) claims.environment = job.environment;
  return claims;
}

export function mintIdToken(env: OidcEnv, audience: string): string {
  return signJwt(env.key, idTokenClaims(env.job(), audience), { x5t: env.key.kid });
}

export function oidcHandler(env: OidcEnv): Handler {
  return (req): Reply => {
    if (req.method === 'GET' && req.pathname === '/.well-known/openid-configuration') {
      return {
        status: 200,
        body: {
          issuer: GITHUB_ISSUER,
          jwks_uri: `${env.baseUrl()}/.well-known/jwks`,
          subject_types_supported: ['public', 'pairwise'],
          response_types_supported: ['id_token'],
          claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'sha', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'run_id', 'run_number', 'run_attempt', 'actor', 'actor_id', 'workflow', 'workflow_ref', 'workflow_sha', 'head_ref', 'base_ref', 'event_name', 'ref_type', 'ref_protected', 'environment', 'environment_node_id', 'job_workflow_ref', 'job_workflow_sha', 'repository_visibility', 'runner_environment', 'enterprise', 'enterprise_id'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid'],
        },
      };
    }
    if (req.method === 'GET' && req.pathname === '/.well-known/jwks') {
      return { status: 200, body: { keys: [{ ...env.key.jwk, x5t: env.key.kid }] } };
    }
    const requestPathOnly = env.requestPath.split('?')[0];
    if (req.method === 'GET' && req.pathname === requestPathOnly) {
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (m?.[1] !== env.requestToken) return { status: 401, body: { message: 'Unauthorized' } };
      const [owner = ''] = env.job().repository.split('/');
      // Without an audience GitHub uses the repository owner's URL.
      const audience = req.query.get('audience') || `https://github.com/${owner}`;
      return { status: 200, body: { value: mintIdToken(env, audience) } };
    }
    // Any other route is one the emulator does not serve: flagged, so tests see it was never modelled.
    return { status: 404, body: { message: 'Not Found' }, unmodelled: true };
  };
}

import { randomBytes } from 'node:crypto';
import type { GithubStore } from './github/store.ts';
import type { JobClaims } from './types.ts';

// The emulated GitHub Actions job: the claims the OIDC service puts in its ID tokens, and the
// environment a GitHub-hosted runner gives an action in that job.

/** The repository the job runs in unless setJob names another; the deployer trusts its main branch. */
export const DEFAULT_REPO = 'contoso/portal-infra';

export interface EmulatedJob {
  /** Defaults plus overrides; registers the job's repository in the GitHub store. */
  claims(): JobClaims;
  override(job: Partial<JobClaims>): void;
}

export function emulatedJob(store: GithubStore, initial: Partial<JobClaims> = {}): EmulatedJob {
  let overrides: Partial<JobClaims> = { ...initial };
  const sha = randomBytes(20).toString('hex');
  const runId = String(10_000_000_000 + Math.floor(Math.random() * 1_000_000_000));
  return {
    claims(): JobClaims {
      const repository = overrides.repository ?? DEFAULT_REPO;
      const repo = store.addRepository(repository);
      const ref = overrides.ref ?? 'refs/heads/main';
      return {
        repository,
        repositoryId: repo.id,
        repositoryOwnerId: repo.ownerId,
        repositoryVisibility: 'private',
        ref,
        sha,
        eventName: 'push',
        runId,
        runNumber: '42',
        runAttempt: '1',
        workflow: 'Register Intrexx portal',
        workflowRef: `${repository}/.github/workflows/register-portal.yml@${ref}`,
        actor: 'octocat',
        actorId: 583231,
        runnerEnvironment: 'github-hosted',
        ...overrides,
      };
    },
    override(job: Partial<JobClaims>): void {
      overrides = { ...overrides, ...job };
    },
  };
}

/** Where the runner environment points the action. */
export interface RunnerEndpoints {
  oidcRequestUrl: string;
  requestToken: string;
  githubApiUrl: string;
  caCertPath: string;
}

/**
 * The variables a runner sets for the job (docs.github.com/actions/reference/workflows-and-actions/variables),
 * with the OIDC request URL and token of a job that has `permissions: id-token: write`, and
 * NODE_EXTRA_CA_CERTS so that Node trusts the emulator's certificate.
 */
export function runnerEnv(j: JobClaims, endpoints: RunnerEndpoints): Record<string, string> {
  const [owner = ''] = j.repository.split('/');
  const refName = j.ref.replace(/^refs\/(heads|tags)\//, '');
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    ACTIONS_ID_TOKEN_REQUEST_URL: endpoints.oidcRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: endpoints.requestToken,
    GITHUB_API_URL: endpoints.githubApiUrl,
    GITHUB_GRAPHQL_URL: `${endpoints.githubApiUrl}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: j.repository,
    GITHUB_REPOSITORY_ID: String(j.repositoryId),
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_REPOSITORY_OWNER_ID: String(j.repositoryOwnerId),
    GITHUB_RUN_ID: j.runId,
    GITHUB_RUN_NUMBER: j.runNumber,
    GITHUB_RUN_ATTEMPT: j.runAttempt,
    GITHUB_WORKFLOW: j.workflow,
    GITHUB_WORKFLOW_REF: j.workflowRef,
    GITHUB_SHA: j.sha,
    GITHUB_REF: j.ref,
    GITHUB_REF_NAME: refName,
    GITHUB_REF_TYPE: j.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_EVENT_NAME: j.eventName,
    GITHUB_ACTOR: j.actor,
    GITHUB_ACTOR_ID: String(j.actorId),
    RUNNER_ENVIRONMENT: j.runnerEnvironment,
    NODE_EXTRA_CA_CERTS: endpoints.caCertPath,
  };
}

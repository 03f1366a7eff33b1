// Types shared by the emulator's services and its programmatic API (emulator/api.ts).

/** The emulated GitHub Actions job whose OIDC token the `oidc` service issues. */
export interface JobClaims {
  repository: string; // 'owner/name'
  repositoryId: number;
  repositoryOwnerId: number;
  repositoryVisibility: 'public' | 'private' | 'internal';
  ref: string; // 'refs/heads/main', 'refs/tags/v1', 'refs/pull/7/merge'
  sha: string;
  eventName: string; // 'push', 'pull_request', 'workflow_dispatch', ...
  environment?: string; // set when the job declares `environment:`
  runId: string;
  runNumber: string;
  runAttempt: string;
  workflow: string;
  workflowRef: string; // 'owner/name/.github/workflows/x.yml@refs/heads/main'
  actor: string;
  actorId: number;
  runnerEnvironment: 'github-hosted' | 'self-hosted';
}

export type ServiceName = 'oidc' | 'entra' | 'graph' | 'github' | 'arm' | 'keyvault';

/** A request as a service's handler sees it (emulator/http.ts builds it). */
export interface InboundRequest {
  service: ServiceName;
  method: string;
  /** Path and query exactly as sent (still percent-encoded). */
  url: string;
  /** Decoded path without the query. */
  pathname: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Server-side id of this request (Graph's request-id). */
  requestId: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless `raw` is given; omitted for 204. */
  body?: unknown;
  raw?: string;
  /** Set on refusals of a request the emulator does not model (copied to RequestLogEntry.unmodelled). */
  unmodelled?: boolean;
}

export type Handler = (req: InboundRequest) => Reply | Promise<Reply>;

export interface RequestLogEntry {
  service: ServiceName;
  method: string;
  path: string; // path with query, as sent
  status: number; // 0 when the emulator destroyed the socket or held it without answering ('hang')
  startedAt: string; // ISO time
  durationMs: number;
  /** True when the emulator refused the request because it does not model it (route, query option…). */
  unmodelled?: boolean;
}

/**
 * What a matching request gets instead of the service's answer:
 * - a canned reply (status, headers, body);
 * - 'reset': the socket is destroyed before the request is handled;
 * - 'reset-after': the request is handled (its effects happen), then the socket is destroyed;
 * - 'hang': the request is read and logged (status 0) but never handled nor answered; the socket
 *   stays open until the client goes away or the emulator closes. Freezes a client at that request.
 * - 'cut-body': the request is handled, its status line and headers (with the full Content-Length) are
 *   sent and half the body, then the socket is destroyed: a 200 whose body never arrives whole, as a
 *   connection lost mid-answer leaves it (undici reports "TypeError: terminated", nodejs/undici#1688).
 * Socket faults ('reset', 'reset-after', 'hang', 'cut-body') never apply to single members of a Graph $batch.
 */
export type FaultResponse =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | 'reset'
  | 'reset-after'
  | 'hang'
  | 'cut-body';

export interface FaultRule {
  service: ServiceName;
  method?: string;
  /** Regex source tested against the decoded path+query. */
  path?: string;
  /** Let the first N matching requests through. */
  skip?: number;
  /** How many matching requests get the fault; default 1. */
  times?: number;
  response: FaultResponse;
}

/** Where the services look up injected faults; FaultBook (emulator/faults.ts) is the implementation. */
export interface FaultSource {
  take(service: ServiceName, method: string, pathAndQuery: string, inner?: boolean): FaultResponse | undefined;
}

export type SecretTarget =
  | { repository: string }
  | { repository: string; environment: string }
  | { organization: string };

/** An application as Microsoft Graph v1.0 returns it (passwordCredentials without secretText). */
export type GraphApplication = Record<string, unknown> & {
  id: string;
  appId: string;
  displayName: string;
  uniqueName: string | null;
  signInAudience: string;
  isFallbackPublicClient: boolean | null;
  createdDateTime: string;
  web: WebApplication | null;
  spa: { redirectUris: string[] } | null;
  publicClient: { redirectUris: string[] } | null;
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  passwordCredentials: PasswordCredentialView[];
  /** Custom strings (Collection(Edm.String), not nullable; learn.microsoft.com/graph/api/resources/application). */
  tags: string[];
};

export interface WebApplication {
  homePageUrl: string | null;
  logoutUrl: string | null;
  redirectUris: string[];
  implicitGrantSettings: { enableAccessTokenIssuance: boolean | null; enableIdTokenIssuance: boolean | null } | null;
  redirectUriSettings: { uri: string | null; index: number | null }[];
}

export interface PasswordCredentialView {
  customKeyIdentifier: null;
  displayName: string | null;
  endDateTime: string;
  hint: string;
  keyId: string;
  secretText: null;
  startDateTime: string;
}

export interface FederatedCredential {
  issuer: string;
  subject: string;
  audiences: string[];
}

/** A key vault of the emulator: its URL (https://127.0.0.1:PORT, the vault's own listener) and Azure resource ID. */
export interface KeyVaultView {
  name: string;
  url: string;
  /** /subscriptions/…/resourceGroups/…/providers/Microsoft.KeyVault/vaults/{name}: the scope of a role assignment. */
  resourceId: string;
}

/** One version of a Key Vault secret, value included, times in Unix seconds as Key Vault gives them. */
export interface KeyVaultSecretView {
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  created: number;
  updated: number;
  expires?: number;
}

import { ActionError } from '../errors.ts';

export const MISSING_ID_TOKEN_PERMISSION_HINT =
  'Give the job permission to request it: add "permissions: id-token: write" (and "contents: read") to the job or workflow. ' +
  'Workflows triggered by pull requests from forks never get an OIDC token.';

const NETWORK_HINT =
  'The runner could not reach its OIDC token service: check the network, the proxy (HTTPS_PROXY, NO_PROXY) and, behind a ' +
  'TLS-inspecting proxy, NODE_EXTRA_CA_CERTS.';

/**
 * The GitHub OIDC token, fetched once per run with @actions/core's getIDToken, which also masks it
 * (packages/core/src/oidc-utils.ts). @azure/identity asks for the assertion twice per token request
 * (@azure/identity 4.14 src/msal/nodeFlows/msalClient.ts, getTokenByClientAssertion); every ask after
 * the first is answered from memory.
 */
export function createIdTokenSource(audience: string, getIDToken: (audience: string) => Promise<string>, env: NodeJS.ProcessEnv): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    // getIDToken reads these two variables; the runner sets them only for a job with id-token: write.
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
      return Promise.reject(
        new ActionError('This job may not request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set), so it cannot sign in to Entra ID.', {
          hint: MISSING_ID_TOKEN_PERMISSION_HINT,
        }),
      );
    }
    pending ??= getIDToken(audience).catch((error: unknown) => {
      pending = undefined;
      const message = error instanceof Error ? error.message : String(error);
      throw new ActionError(`Failed to get the GitHub OIDC token for audience "${audience}": ${message.replace(/\s+/g, ' ').trim()}`, {
        hint: oidcHint(message),
        cause: error,
      });
    });
    return pending;
  };
}

/**
 * The hint that fits the cause: @actions/core reports an HTTP answer as "Failed to get ID Token. Error
 * Code : <status>" and a failed connection with the network's own message (packages/core/src/oidc-utils.ts,
 * getCall). Only a refused request (401/403) points at the job's permissions.
 */
function oidcHint(message: string): string | undefined {
  const status = /Error Code\s*:\s*(\d{3})/i.exec(message)?.[1];
  if (status === '401' || status === '403') return MISSING_ID_TOKEN_PERMISSION_HINT;
  if (status) return `The OIDC token service answered HTTP ${status}; run the job again, and see www.githubstatus.com if it persists.`;
  return NETWORK_HINT;
}

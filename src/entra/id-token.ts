import { ActionError } from '../errors.ts';
import { jsonOrText, send } from '../http/https.ts';

export const MISSING_ID_TOKEN_PERMISSION_HINT =
  'Give the job permission to request it: add "permissions: id-token: write" (and "contents: read") to the job or workflow. ' +
  'Workflows triggered by pull requests from forks never get an OIDC token.';

/**
 * The GitHub OIDC token, fetched once per run. @azure/identity asks for the assertion twice per
 * token request (@azure/identity 4.14 src/msal/nodeFlows/msalClient.ts, getTokenByClientAssertion,
 * hands the callback both to the MSAL configuration and to the request); every ask after the first is
 * answered from memory.
 */
export function createIdTokenSource(
  audience: string,
  getIDToken: (audience: string) => Promise<string>,
  env: NodeJS.ProcessEnv,
): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
      return Promise.reject(
        new ActionError('This job may not request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set), so it cannot sign in to Entra ID.', {
          hint: MISSING_ID_TOKEN_PERMISSION_HINT,
        }),
      );
    }
    pending ??= getIDToken(audience).catch((error: unknown) => {
      pending = undefined;
      throw new ActionError(`Failed to get the GitHub OIDC token for audience "${audience}": ${error instanceof Error ? error.message : String(error)}`, {
        hint: MISSING_ID_TOKEN_PERMISSION_HINT,
        cause: error,
      });
    });
    return pending;
  };
}

/**
 * Requests the job's OIDC token as @actions/core's getIDToken does (@actions/core src/oidc-utils.ts;
 * docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect): GET
 * $ACTIONS_ID_TOKEN_REQUEST_URL&audience=… with the request token as bearer → {"value": "<JWT>"}.
 * Over node:https (../http/https.ts), so it leaves before the action's larger modules load;
 * `onSent` is told when it has, and `signal` gives up on it.
 */
export async function fetchIdToken(audience: string, env: NodeJS.ProcessEnv, mask: (value: string) => void, on: { onSent?: () => void; signal?: AbortSignal } = {}): Promise<string> {
  const reply = await send({
    method: 'GET',
    url: `${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(audience)}`,
    headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`, accept: 'application/json' },
    onSent: on.onSent,
    signal: on.signal,
  });
  if (reply.status < 200 || reply.status > 299) throw new Error(`HTTP ${reply.status} from the OIDC token service: ${reply.text.slice(0, 200)}`);
  const value = (jsonOrText(reply.text) as { value?: unknown } | undefined)?.value;
  if (typeof value !== 'string' || value === '') throw new Error('the OIDC token service answered without a token');
  mask(value);
  return value;
}

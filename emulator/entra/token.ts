import { GUID_RE, randomToken } from '../ids.ts';
import { signJwt } from '../jwt.ts';
import { MS_GRAPH_APP_ID } from '../graph/msgraph-sp.ts';
import { KEY_VAULT_RESOURCES } from '../keyvault/store.ts';
import type { Reply } from '../types.ts';
import { entraError, tenantCheck } from './context.ts';
import type { EntraEnv } from './context.ts';
import { checkAssertion, checkSecret } from './credentials.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Microsoft Graph's resource identifiers: its app ID and its origin in each national cloud
 * (learn.microsoft.com/graph/deployments, "Microsoft Graph and Graph Explorer service root endpoints"),
 * plus the emulator's own Graph origin.
 */
export const GRAPH_RESOURCES = ['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://dod-graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn'];

/**
 * The token's `aud` for a scope's resource, or undefined when it is neither Microsoft Graph, ARM nor Key
 * Vault (emulator/keyvault/store.ts, KEY_VAULT_RESOURCES: `https://vault.azure.net/.default` yields aud
 * `https://vault.azure.net`). For v1.0
 * tokens (Graph's, requestedAccessTokenVersion null) aud is the resource's App ID URI or app ID as
 * the request named it (learn.microsoft.com/entra/identity-platform/access-token-claims-reference,
 * "aud"), so `https://graph.microsoft.com/.default` yields aud `https://graph.microsoft.com` and
 * `00000003-…/.default` yields the GUID. A trailing slash is not kept (UNCONFIRMED).
 */
/**
 * Azure Resource Manager's resource identifiers (learn.microsoft.com/azure/azure-resource-manager/management/azure-services-resource-providers;
 * the Azure CLI's cloud config calls it active_directory_resource_id, Azure/azure-cli
 * src/azure-cli-core/azure/cli/core/cloud.py), for the emulator's Resource Manager stub (emulator/arm.ts).
 * Kept with the trailing slash the CLI sends.
 */
export const ARM_RESOURCES = ['https://management.core.windows.net/', 'https://management.azure.com/'];

export function graphAudience(resource: string, emulatorGraph: string): string | undefined {
  if (ARM_RESOURCES.includes(resource.toLowerCase())) return resource.toLowerCase();
  const r = resource.replace(/\/$/, '');
  if (KEY_VAULT_RESOURCES.includes(r.toLowerCase())) return r.toLowerCase();
  if (r === MS_GRAPH_APP_ID) return MS_GRAPH_APP_ID;
  if (r === emulatorGraph.replace(/\/$/, '')) return r;
  return GRAPH_RESOURCES.find((g) => g === r.toLowerCase());
}

export type Outcome = { ok: true; accessToken: string; expiresIn: number } | { ok: false; reply: Reply };
const failed = (reply: Reply): Outcome => ({ ok: false, reply });

/** The client-credentials grant at POST /{tenant}/oauth2/v2.0/token. */
export function clientCredentials(env: EntraEnv, tenant: string, form: URLSearchParams, cid: string): Outcome {
  const t = tenantCheck(env, tenant, true, cid);
  if (t) return failed(t);
  const missing = (p: string): Outcome => failed(entraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${p}'.`, cid));
  const grant = form.get('grant_type');
  if (!grant) return missing('grant_type');
  if (grant !== 'client_credentials') return failed(entraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`, cid));
  const clientId = form.get('client_id');
  if (!clientId) return missing('client_id');
  const scope = form.get('scope');
  if (!scope) return missing('scope');
  if (!scope.endsWith('/.default') || scope.trim().includes(' ')) {
    return failed(entraError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`, cid));
  }
  const resource = scope.slice(0, -'/.default'.length);
  const graph = env.graphBaseUrl();
  const aud = graphAudience(resource, graph);
  if (!aud) {
    return failed(entraError(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${env.dir.tenantDisplayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`, cid));
  }
  const app = GUID_RE.test(clientId) ? env.dir.appByAppId(clientId) : undefined;
  if (!app || app.replicatedAtMs > Date.now()) {
    return failed(entraError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${env.dir.tenantDisplayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`, cid));
  }
  const assertion = form.get('client_assertion');
  const secret = form.get('client_secret');
  let usedAssertion = false;
  if (assertion) {
    const type = form.get('client_assertion_type');
    if (!type) return missing('client_assertion_type');
    if (type !== JWT_BEARER) return failed(entraError(400, 'invalid_request', 700026, `Client assertion type '${type}' is not supported.`, cid)); // wording UNCONFIRMED
    const bad = checkAssertion(env, app, assertion, cid);
    if (bad) return failed(bad);
    usedAssertion = true;
  } else if (secret) {
    const bad = checkSecret(app, secret, cid);
    if (bad) return failed(bad);
  } else {
    return failed(entraError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", cid));
  }
  const sp = env.dir.spByAppId(app.appId);
  if (!sp || sp.replicatedAtMs > Date.now()) {
    // Wording from Azure/Commercial-Marketplace-SaaS-Accelerator#830; the HTTP status is UNCONFIRMED.
    return failed(entraError(401, 'invalid_client', 7000229, `The client application ${app.appId} is missing service principal in the tenant ${env.dir.tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`, cid));
  }
  const roles = env.dir.rolesOn(sp.id, MS_GRAPH_APP_ID);
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = 3599;
  const claims: Record<string, unknown> = {
    aud,
    iss: `https://sts.windows.net/${env.dir.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + expiresIn,
    aio: randomToken(24),
    app_displayname: app.data.displayName,
    appid: app.appId,
    appidacr: usedAssertion ? '2' : '1',
    idp: `https://sts.windows.net/${env.dir.tenantId}/`,
    idtyp: 'app',
    oid: sp.id,
    rh: randomToken(16),
    sub: sp.id,
    tid: env.dir.tenantId,
    uti: randomToken(16),
    ver: '1.0',
  };
  if (roles.length > 0) claims.roles = roles;
  const accessToken = signJwt(env.key, claims);
  env.dir.tokens.set(accessToken, { appId: app.appId, servicePrincipalId: sp.id, tenantId: env.dir.tenantId, roles, expiresAtMs: (now + expiresIn) * 1000, resource: resourceOf(aud), audience: aud });
  return { ok: true, accessToken, expiresIn };
}

/** The API a token is for, by its aud: each API refuses the others' tokens. */
function resourceOf(aud: string): 'graph' | 'arm' | 'keyvault' {
  if (ARM_RESOURCES.includes(aud)) return 'arm';
  return KEY_VAULT_RESOURCES.includes(aud) ? 'keyvault' : 'graph';
}

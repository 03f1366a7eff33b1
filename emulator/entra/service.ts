import { guid } from '../ids.ts';
import type { Handler, InboundRequest, Reply } from '../types.ts';
import { entraError, tenantCheck } from './context.ts';
import type { EntraEnv } from './context.ts';
import { clientCredentials } from './token.ts';

// The Entra ID (Microsoft identity platform v2.0) service: OpenID discovery, signing keys and the
// client-credentials token endpoint, per tenant.

function discovery(env: EntraEnv, tenant: string): Record<string, unknown> {
  const base = env.baseUrl();
  const generic = ['common', 'organizations', 'consumers'].includes(tenant.toLowerCase());
  const tid = generic ? '{tenantid}' : env.dir.tenantId;
  const seg = generic ? tenant : tenant.toLowerCase() === 'adfs' ? 'adfs' : env.dir.tenantId;
  return {
    token_endpoint: `${base}/${seg}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/${seg}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/${tid}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${env.graphBaseUrl()}/oidc/userinfo`,
    authorization_endpoint: `${base}/${seg}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/${seg}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/${seg}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${base}/${seg}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: new URL(env.graphBaseUrl()).host,
    rbac_url: 'https://pas.windows.net',
  };
}

export function entraHandler(env: EntraEnv): Handler {
  return (req: InboundRequest): Reply => {
    const cid = req.headers['client-request-id'] ?? guid();
    const parts = req.pathname.split('/').filter(Boolean);
    const [tenant = '', ...rest] = parts;
    const tail = rest.join('/');
    if (req.method === 'GET' && (tail === 'v2.0/.well-known/openid-configuration' || tail === '.well-known/openid-configuration')) {
      const bad = tenantCheck(env, tenant, false, cid);
      return bad ?? { status: 200, headers: { 'client-request-id': cid }, body: discovery(env, tenant) };
    }
    if (req.method === 'GET' && (tail === 'discovery/v2.0/keys' || tail === 'discovery/keys')) {
      const bad = tenantCheck(env, tenant, false, cid);
      return bad ?? { status: 200, body: { keys: [env.key.jwk] } };
    }
    if (tail === 'oauth2/v2.0/token') {
      if (req.method !== 'POST') return entraError(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.', cid);
      const type = (req.headers['content-type'] ?? '').toLowerCase();
      const form = type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(req.body.toString('utf8')) : new URLSearchParams();
      const out = clientCredentials(env, tenant, form, cid);
      if (!out.ok) return out.reply;
      return {
        status: 200,
        headers: { 'client-request-id': cid, 'x-ms-request-id': guid(), 'Cache-Control': 'no-store, no-cache' },
        body: { token_type: 'Bearer', expires_in: out.expiresIn, ext_expires_in: out.expiresIn, access_token: out.accessToken },
      };
    }
    // Any other route is one the emulator does not serve: flagged, so tests see it was never modelled.
    return { status: 404, raw: '', unmodelled: true };
  };
}

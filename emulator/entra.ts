import type { Handler, InboundRequest, Reply } from './http.ts';
import { entraTimestamp, guid, GUID_RE, randomToken } from './ids.ts';
import { decodeJwt, signJwt, verifyJwtSignature } from './jwt.ts';
import type { SigningKey } from './jwt.ts';
import { MS_GRAPH_APP_ID } from './graph/msgraph-sp.ts';
import { GITHUB_ISSUER } from './oidc.ts';
import type { AppRecord, Directory } from './state.ts';

export interface EntraEnv {
  dir: Directory;
  baseUrl: () => string; // authority host
  graphBaseUrl: () => string; // Graph endpoint without /v1.0
  /** Signing keys of the issuers the tenant trusts for workload identity federation, by issuer. */
  trustedIssuerKeys: () => Record<string, Record<string, unknown>[]>;
  key: SigningKey; // signs access tokens
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const WIF_DOC = 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation';

/**
 * Entra's error body (learn.microsoft.com/entra/identity-platform/reference-error-codes):
 * {error, error_description: "AADSTSnnn: … \r\nTrace ID: … \r\nCorrelation ID: … \r\nTimestamp: …",
 *  error_codes, timestamp, trace_id, correlation_id, error_uri}.
 */
export function entraError(status: number, error: string, code: number, message: string, correlationId: string): Reply {
  const traceId = guid();
  const ts = entraTimestamp();
  return {
    status,
    headers: { 'x-ms-request-id': traceId, 'client-request-id': correlationId, 'Cache-Control': 'no-store, no-cache' },
    body: {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${ts}`,
      error_codes: [code],
      timestamp: ts,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

type Outcome = { ok: true; accessToken: string; expiresIn: number } | { ok: false; reply: Reply };
const failed = (reply: Reply): Outcome => ({ ok: false, reply });

/** Resolves the tenant segment; `adfs` is an alias so MSAL-Python's /adfs authorities work (FACTS §5). */
function tenantCheck(env: EntraEnv, tenant: string, forToken: boolean, cid: string): Reply | undefined {
  if (env.dir.isTenant(tenant) || tenant.toLowerCase() === 'adfs') return undefined;
  const t = tenant.toLowerCase();
  if (t === 'common' || t === 'consumers' || t === 'organizations') {
    if (!forToken) return undefined;
    // Client credentials need a tenant-specific authority. Wording for /organizations UNCONFIRMED.
    return entraError(400, 'invalid_request', 90010, 'The grant type is not supported over the /common, /consumers or /organizations endpoints. Please use the tenant-specific endpoint.', cid);
  }
  // Seen verbatim in Azure/azure-cli#22145 and microsoftgraph/windowsupdates-webapplication-sample#6.
  return entraError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`, cid);
}

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

/** Checks a workload-identity-federation assertion against the app's federated credentials. */
function checkAssertion(env: EntraEnv, app: AppRecord, assertion: string, cid: string): Reply | undefined {
  const jwt = decodeJwt(assertion);
  if (!jwt) return entraError(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.', cid);
  const iss = String(jwt.payload.iss ?? '');
  const sub = String(jwt.payload.sub ?? '');
  const auds = Array.isArray(jwt.payload.aud) ? jwt.payload.aud.map(String) : [String(jwt.payload.aud ?? '')];
  // Federated credential mismatches answer 401 invalid_client with the claim that failed
  // (Azure/login#453, #482, #517; FACTS §3). Messages as Entra writes them today.
  const byIssuer = app.federated.filter((f) => f.issuer === iss);
  if (byIssuer.length === 0) {
    return entraError(401, 'invalid_client', 700211, `No matching federated identity record found for presented assertion issuer '${iss}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${WIF_DOC}`, cid);
  }
  const keys = env.trustedIssuerKeys()[iss];
  if (!keys || !verifyJwtSignature(jwt, keys)) {
    return entraError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.', cid); // wording UNCONFIRMED
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = Number(jwt.payload.exp ?? 0);
  const nbf = Number(jwt.payload.nbf ?? 0);
  if (exp <= now || nbf > now + 300) {
    const t = (s: number): string => new Date(s * 1000).toUTCString();
    return entraError(401, 'invalid_client', 700024, `Client assertion is not within its valid time range. Current time: ${t(now)}, assertion valid from ${t(nbf)}, expiry time of assertion ${t(exp)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`, cid);
  }
  const bySubject = byIssuer.filter((f) => f.subject === sub);
  if (bySubject.length === 0) {
    if (byIssuer.some((f) => f.subject.toLowerCase() === sub.toLowerCase())) {
      // Verbatim from Azure/login#515.
      return entraError(401, 'invalid_client', 7002138, `No matching federated identity record found for presented assertion subject '${sub}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. See documentation at: ${WIF_DOC}. See breaking change notification and remediation at: https://learn.microsoft.com/en-us/entra/identity-platform/reference-breaking-changes#august-2024.`, cid);
    }
    // Verbatim from dotnet/maui#31978 / Azure/azure-workload-identity#1200.
    return entraError(401, 'invalid_client', 700213, `No matching federated identity record found for presented assertion subject '${sub}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${WIF_DOC}`, cid);
  }
  if (!bySubject.some((f) => f.audiences.some((a) => auds.includes(a)))) {
    // Same family of messages; the audience variant's exact text is UNCONFIRMED.
    return entraError(401, 'invalid_client', 700212, `No matching federated identity record found for presented assertion audience '${auds.join(',')}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${WIF_DOC}`, cid);
  }
  return undefined;
}

/** Checks a client secret: unknown → 7000215, only matches expired ones → 7000222. */
function checkSecret(app: AppRecord, secret: string, cid: string): Reply | undefined {
  const now = Date.now();
  const matches = app.passwords.filter((p) => p.secretText === secret);
  const usable = matches.find((p) => Date.parse(p.startDateTime) <= now && Date.parse(p.endDateTime) > now && p.usableAtMs <= now);
  if (usable) return undefined;
  if (matches.some((p) => Date.parse(p.endDateTime) <= now)) {
    // Wording from spencerwooo/onedrive-vercel-index#1051 and dotnet/sign#849.
    return entraError(401, 'invalid_client', 7000222, `The provided client secret keys for app '${app.appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`, cid);
  }
  // Also what a brand-new secret gets until it has propagated (~4–18 s, microsoft-graph-docs#17966).
  return entraError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`, cid);
}

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
  if (resource !== graph && resource !== `${graph}/` && resource !== MS_GRAPH_APP_ID) {
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
    aud: graph,
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
  env.dir.tokens.set(accessToken, { appId: app.appId, servicePrincipalId: sp.id, tenantId: env.dir.tenantId, roles, expiresAtMs: (now + expiresIn) * 1000 });
  return { ok: true, accessToken, expiresIn };
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
    return { status: 404, raw: '' };
  };
}

export { GITHUB_ISSUER };

import { entraTimestamp, guid } from '../ids.ts';
import type { SigningKey } from '../jwt.ts';
import type { Directory } from '../state.ts';
import type { Reply } from '../types.ts';

// What the Entra service works with, its error body and the tenant segment of its URLs.

export interface EntraEnv {
  dir: Directory;
  baseUrl: () => string; // authority host
  graphBaseUrl: () => string; // Graph endpoint without /v1.0
  /** Signing keys of the issuers the tenant trusts for workload identity federation, by issuer. */
  trustedIssuerKeys: () => Record<string, Record<string, unknown>[]>;
  key: SigningKey; // signs access tokens
}

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

/**
 * Resolves the tenant segment. `adfs` is an alias for this tenant so that MSAL for Python can use an
 * …/adfs authority: for tenant "adfs" it skips instance discovery at login.microsoftonline.com and reads
 * {authority}/.well-known/openid-configuration (AzureAD/microsoft-authentication-library-for-python,
 * msal/authority.py, Authority.tenant_discovery), which lets the Azure CLI run against the emulator.
 */
export function tenantCheck(env: EntraEnv, tenant: string, forToken: boolean, cid: string): Reply | undefined {
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

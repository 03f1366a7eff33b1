import type { Directory } from './state.ts';
import type { Handler, InboundRequest, Reply } from './types.ts';

// A stub of Azure Resource Manager, enough for `az login --service-principal --federated-token`:
// the Azure CLI lists the subscriptions (and tenants) the signed-in principal can see
// (learn.microsoft.com/rest/api/resources/subscriptions/list, /tenants/list). One subscription in
// the emulator's tenant, so `az login` needs no --allow-no-subscriptions.

/** The emulated subscription's id (fixed, like the tenant id). */
export const SUBSCRIPTION_ID = '8f3c2a1e-6b4d-4e7f-9a2c-5d1e0b7f3a64';

// ARM's error shape: {"error":{"code","message"}} (learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors).
const armError = (status: number, code: string, message: string, unmodelled = false): Reply => ({ status, body: { error: { code, message } }, ...(unmodelled ? { unmodelled } : {}) });

function subscription(dir: Directory): Record<string, unknown> {
  // Fields as in the Subscriptions - List example response (learn.microsoft.com/rest/api/resources/subscriptions/list).
  return {
    id: `/subscriptions/${SUBSCRIPTION_ID}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: SUBSCRIPTION_ID,
    tenantId: dir.tenantId,
    displayName: `${dir.tenantDisplayName} emulated subscription`,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

function tenant(dir: Directory): Record<string, unknown> {
  // Fields as in the Tenants - List example response (learn.microsoft.com/rest/api/resources/tenants/list).
  return {
    id: `/tenants/${dir.tenantId}`,
    tenantId: dir.tenantId,
    countryCode: 'US',
    displayName: dir.tenantDisplayName,
    domains: [dir.tenantDomain],
    tenantCategory: 'Home',
    defaultDomain: dir.tenantDomain,
    tenantType: 'AAD',
  };
}

/**
 * An unexpired access token the emulated Entra issued for ARM is accepted; a token issued for Graph
 * is refused (the emulator records the API each token was issued for).
 * Wording of the 401s: ARM's AuthenticationFailed / InvalidAuthenticationToken (UNCONFIRMED).
 */
function authenticate(dir: Directory, req: InboundRequest): Reply | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return armError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const token = dir.tokens.get(m[1]);
  if (!token || token.expiresAtMs <= Date.now() || !dir.isTenant(token.tenantId)) return armError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
  // ARM checks the audience (a Graph token is refused); the message is ARM's as users quote it, UNCONFIRMED.
  if (token.resource !== 'arm') return armError(401, 'InvalidAuthenticationToken', 'The access token has been obtained for wrong audience or resource.');
  return undefined;
}

export function armHandler(dir: Directory): Handler {
  return (req: InboundRequest): Reply => {
    const denied = authenticate(dir, req);
    if (denied) return denied;
    // "The api-version query parameter (?api-version=) is required for all requests." (ARM's MissingApiVersionParameter).
    if (!req.query.get('api-version')) return armError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
    const extra = [...req.query.keys()].filter((k) => k !== 'api-version');
    if (extra.length > 0) return armError(400, 'BadRequest', `Query parameter(s) ${extra.join(', ')} (emulator: not modelled)`, true);
    const path = req.pathname.replace(/\/+$/, '').toLowerCase();
    if (req.method === 'GET' && path === '/subscriptions') return { status: 200, body: { value: [subscription(dir)] } };
    if (req.method === 'GET' && path === `/subscriptions/${SUBSCRIPTION_ID}`) return { status: 200, body: subscription(dir) };
    if (req.method === 'GET' && path === '/tenants') return { status: 200, body: { value: [tenant(dir)] } };
    return armError(404, 'NotFound', `${req.method} ${req.pathname} (emulator: not modelled)`, true);
  };
}

import type { Directory } from '../state.ts';
import { invalidValue } from './schema.ts';

// Limits that differ by signInAudience, from the table of
// learn.microsoft.com/entra/identity-platform/supported-accounts-validation ("Validation differences").
// Each is checked when the write carries the property or signInAudience ("If you change this property
// you may need to change other properties first"). Every refusal is 400 Request_BadRequest
// "Invalid value specified for property '<top-level property>' of resource 'Application'."; no page
// pairs these rules with an error, so status and wording are UNCONFIRMED.

type Data = Record<string, unknown>;
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const api = (data: Data): Data => (data.api as Data | null | undefined) ?? {};

/**
 * "API permissions (requiredResourceAccess)": no more than 50 APIs (resource apps), no more than 10 of
 * them from other tenants, no more than 400 permissions in all (200 when personal accounts may sign in),
 * and then also at most 30 per resource. The emulator counts as "from other tenants" every resource
 * app not registered in this tenant, Microsoft's own APIs (Microsoft Graph) included: UNCONFIRMED.
 */
function checkRequiredResourceAccess(dir: Directory, data: Data, personal: boolean): void {
  const entries = list<{ resourceAppId?: unknown; resourceAccess?: unknown }>(data.requiredResourceAccess);
  const perResource = entries.map((e) => list(e.resourceAccess).length);
  const foreign = entries.filter((e) => !dir.appByAppId(String(e.resourceAppId))).length;
  const total = perResource.reduce((a, b) => a + b, 0);
  if (entries.length > 50 || foreign > 10 || total > (personal ? 200 : 400) || (personal && perResource.some((n) => n > 30))) {
    invalidValue('application', 'requiredResourceAccess');
  }
}

/**
 * "Scopes defined by this API (oauth2Permissions)": scope names (value) of at most 120 characters, 40
 * when personal accounts may sign in, and then at most 100 scopes. "Authorized client applications
 * (preAuthorizedApplications)" when personal accounts may sign in: at most 100 client apps, 30 scopes
 * per client, 500 in all.
 */
function checkApi(data: Data, personal: boolean): void {
  const scopes = list<{ value?: unknown }>(api(data).oauth2PermissionScopes);
  const bad = (): never => invalidValue('application', 'api');
  if (scopes.some((s) => typeof s.value === 'string' && s.value.length > (personal ? 40 : 120))) bad();
  if (!personal) return;
  if (scopes.length > 100) bad();
  const clients = list<{ delegatedPermissionIds?: unknown }>(api(data).preAuthorizedApplications).map((c) => list(c.delegatedPermissionIds).length);
  if (clients.length > 100 || clients.some((n) => n > 30) || clients.reduce((a, b) => a + b, 0) > 500) bad();
}

/** "appRoles": "Not supported" when personal accounts may sign in. */
function checkAppRoles(data: Data, personal: boolean): void {
  if (personal && list(data.appRoles).length > 0) invalidValue('application', 'appRoles');
}

/**
 * "Front-channel logout URL" (web.logoutUrl): "https://localhost is allowed", "http scheme isn't
 * allowed", at most 255 characters; when personal accounts may sign in also "Wildcards aren't supported".
 */
function checkLogoutUrl(data: Data, personal: boolean): void {
  const url = ((data.web as Data | null | undefined) ?? {}).logoutUrl;
  if (typeof url !== 'string') return;
  if (url.length > 255 || !/^https:\/\//i.test(url) || (personal && url.includes('*'))) invalidValue('application', 'web');
}

/** Runs the rules whose properties `touches` names (see app-rules.ts). */
export function checkAudienceLimits(dir: Directory, data: Data, personal: boolean, touches: (...keys: string[]) => boolean): void {
  if (touches('requiredResourceAccess', 'signInAudience')) checkRequiredResourceAccess(dir, data, personal);
  if (touches('api', 'signInAudience')) checkApi(data, personal);
  if (touches('appRoles', 'signInAudience')) checkAppRoles(data, personal);
  if (touches('web', 'signInAudience')) checkLogoutUrl(data, personal);
}

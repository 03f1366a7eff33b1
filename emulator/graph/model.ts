import { randomString } from '../ids.ts';
import type { AppRecord, Directory, PasswordRecord, SpRecord } from '../state.ts';
import type { GraphApplication, PasswordCredentialView } from '../types.ts';
import { badRequest } from './errors.ts';
import { defaultComplex } from './schema.ts';

/** A fresh application as GET /v1.0/applications/{id} shows it, before the caller's properties. */
export function defaultApplicationData(id: string, appId: string, dir: Directory, createdByAppId: string | null): Record<string, unknown> {
  return {
    id,
    deletedDateTime: null,
    appId,
    applicationTemplateId: null,
    disabledByMicrosoftStatus: null,
    createdByAppId,
    createdDateTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    displayName: null,
    description: null,
    groupMembershipClaims: null,
    identifierUris: [],
    isDeviceOnlyAuthSupported: null,
    isFallbackPublicClient: null,
    nativeAuthenticationApisEnabled: null,
    notes: null,
    publisherDomain: dir.tenantDomain,
    serviceManagementReference: null,
    signInAudience: 'AzureADMyOrg',
    tags: [],
    tokenEncryptionKeyId: null,
    uniqueName: null,
    samlMetadataUrl: null,
    defaultRedirectUri: null,
    certification: null,
    optionalClaims: null,
    requestSignatureVerification: null,
    servicePrincipalLockConfiguration: null,
    addIns: [],
    api: { ...defaultComplex('apiApplication'), requestedAccessTokenVersion: null },
    appRoles: [],
    info: defaultComplex('informationalUrl'),
    keyCredentials: [],
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' },
    publicClient: defaultComplex('publicClientApplication'),
    requiredResourceAccess: [],
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
    web: defaultComplex('webApplication'),
    spa: defaultComplex('spaApplication'),
  };
}

export function passwordView(p: PasswordRecord): PasswordCredentialView {
  return { customKeyIdentifier: null, displayName: p.displayName, endDateTime: p.endDateTime, hint: p.hint, keyId: p.keyId, secretText: null, startDateTime: p.startDateTime };
}

/** The application exactly as Graph returns it: secretText is never shown again, key material neither. */
export function applicationView(rec: AppRecord): GraphApplication {
  const data = structuredClone(rec.data);
  const keys = (data.keyCredentials as Record<string, unknown>[] | undefined) ?? [];
  data.keyCredentials = keys.map((k) => ({ ...k, key: null }));
  return { ...data, passwordCredentials: rec.passwords.map(passwordView) } as GraphApplication;
}

export function servicePrincipalView(rec: SpRecord): Record<string, unknown> {
  return structuredClone(rec.data);
}

/** A new service principal for an application, as POST /servicePrincipals returns it. */
export function defaultServicePrincipalData(id: string, app: AppRecord, dir: Directory): Record<string, unknown> {
  const a = app.data;
  const web = (a.web as { redirectUris?: string[]; homePageUrl?: string | null; logoutUrl?: string | null } | null) ?? {};
  const api = (a.api as { oauth2PermissionScopes?: unknown[] } | null) ?? {};
  return {
    id,
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: [],
    appDisplayName: a.displayName,
    appDescription: a.description ?? null,
    appId: app.appId,
    applicationTemplateId: null,
    appOwnerOrganizationId: dir.tenantId,
    appRoleAssignmentRequired: false,
    createdDateTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: a.displayName,
    homepage: web.homePageUrl ?? null,
    loginUrl: null,
    logoutUrl: web.logoutUrl ?? null,
    notes: null,
    notificationEmailAddresses: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: [...(web.redirectUris ?? [])],
    servicePrincipalNames: [app.appId, ...((a.identifierUris as string[] | undefined) ?? [])],
    servicePrincipalType: 'Application',
    signInAudience: a.signInAudience,
    tags: [],
    tokenEncryptionKeyId: null,
    samlSingleSignOnSettings: null,
    addIns: [],
    appRoles: structuredClone(a.appRoles ?? []),
    info: structuredClone(a.info ?? null),
    keyCredentials: [],
    oauth2PermissionScopes: structuredClone(api.oauth2PermissionScopes ?? []),
    passwordCredentials: [],
    resourceSpecificApplicationPermissions: [],
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
  };
}

/**
 * Client secrets as Entra mints them today: 40 characters, a 3-character hint, then a version marker
 * ('8Q~') and 34 characters of [A-Za-z0-9_.~-] (the shape of secrets in the portal since 2021;
 * the exact alphabet is UNCONFIRMED).
 */
export function newSecretText(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-';
  return randomString(3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') + '8Q~' + randomString(34, alphabet);
}

const FORBIDDEN_URI_CHARS = /[!$'(),;]/;

/**
 * Redirect URI restrictions (learn.microsoft.com/entra/identity-platform/reply-url):
 * https only, except http for localhost/127.0.0.1 (the IPv6 loopback [::1] gets no such exception:
 * "not currently supported"); at most 256 characters; no ! $ ' ( ) , ;; at most 256 URIs (100 when
 * personal accounts are allowed); no query string with personal accounts; no wildcard with personal
 * accounts ("Wildcard URIs are currently unsupported in app registrations configured to sign in
 * personal Microsoft accounts and work or school accounts", "Restrictions on wildcards in redirect
 * URIs"; a `*` anywhere in the URI counts); no fragment (RFC 6749 §3.1.2).
 * Public-client URIs may use custom schemes (ms-app://, myapp://).
 * The 400's wording follows the 'Invalid value specified for property …' family (UNCONFIRMED per rule).
 */
export function checkRedirectUris(data: Record<string, unknown>): void {
  const audience = data.signInAudience;
  const personal = audience === 'AzureADandPersonalMicrosoftAccount' || audience === 'PersonalMicrosoftAccount';
  let total = 0;
  for (const platform of ['web', 'spa', 'publicClient'] as const) {
    const uris = ((data[platform] as { redirectUris?: string[] } | null)?.redirectUris ?? []) as string[];
    total += uris.length;
    for (const uri of uris) {
      const bad = (): never => badRequest(`Invalid value specified for property '${platform}' of resource 'Application'.`);
      if (uri.length > 256 || FORBIDDEN_URI_CHARS.test(uri)) bad();
      let u: URL;
      try {
        u = new URL(uri);
      } catch {
        return bad();
      }
      if (platform !== 'publicClient') {
        const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1';
        if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) bad();
      }
      // No fragment: RFC 6749 §3.1.2 ("The endpoint URI MUST NOT include a fragment component").
      if (uri.includes('#')) bad();
      if (personal && (u.search || uri.includes('*'))) bad();
    }
  }
  if (total > (personal ? 100 : 256)) badRequest(`Invalid value specified for property 'web' of resource 'Application'.`);
}

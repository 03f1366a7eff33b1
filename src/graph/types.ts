/**
 * The parts of Graph v1.0 resources the action reads and writes, as the v1.0 schema defines them
 * (github.com/microsoftgraph/msgraph-metadata, clean_v10_metadata/cleanMetadata.xml: EntityType
 * application, webApplication, passwordCredential, servicePrincipal).
 */

export interface PasswordCredential {
  readonly keyId: string;
  readonly displayName: string | null;
  readonly startDateTime: string | null;
  readonly endDateTime: string | null;
  readonly hint: string | null;
}

/** A password credential as addPassword returns it: the only time Graph shows the secret's value. */
export interface NewPasswordCredential extends PasswordCredential {
  readonly secretText: string;
}

export interface WebApplication {
  readonly homePageUrl?: string | null;
  readonly logoutUrl?: string | null;
  readonly redirectUris: readonly string[];
  readonly implicitGrantSettings?: unknown;
  readonly redirectUriSettings?: unknown;
}

/**
 * The application's `api` (apiApplication). requestedAccessTokenVersion must be 2 whenever
 * signInAudience admits personal Microsoft accounts, or Graph refuses the write
 * (github.com/Azure/azure-cli/issues/15512, github.com/azure-ad-b2c/Scripts/issues/2,
 * github.com/microsoftgraph/microsoft-graph-docs/issues/21685). Its other fields are kept as read.
 */
export interface ApiApplication {
  readonly requestedAccessTokenVersion?: number | null;
  readonly [field: string]: unknown;
}

export interface ResourceAccess {
  readonly id: string;
  readonly type: 'Scope' | 'Role';
}

/** A Microsoft Graph permission resolved from its name to its ID. */
export type ResolvedPermission = ResourceAccess & { readonly name: string };

export interface RequiredResourceAccess {
  readonly resourceAppId: string;
  readonly resourceAccess: readonly ResourceAccess[];
}

export interface Application {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  readonly uniqueName: string | null;
  readonly signInAudience: string | null;
  readonly isFallbackPublicClient: boolean | null;
  readonly web: WebApplication | null;
  readonly api?: ApiApplication | null;
  readonly passwordCredentials: readonly PasswordCredential[];
  readonly requiredResourceAccess: readonly RequiredResourceAccess[];
  /** Holds the delivery ledger's facts among any other tags (src/plan/ledger.ts). */
  readonly tags?: readonly string[];
}

/**
 * The application properties the action writes, typed as a partial of the application: a write the
 * type checker cannot match to microsoft.graph.application does not compile.
 */
export type ApplicationWrite = Partial<{
  -readonly [K in 'displayName' | 'uniqueName' | 'signInAudience' | 'isFallbackPublicClient' | 'web' | 'api' | 'requiredResourceAccess' | 'tags']: Application[K];
}>;

/** Exactly the application properties the action needs, so every read is one small $select. */
export const APPLICATION_FIELDS = [
  'id',
  'appId',
  'displayName',
  'uniqueName',
  'signInAudience',
  'isFallbackPublicClient',
  'web',
  'api',
  'passwordCredentials',
  'requiredResourceAccess',
  'tags',
] as const;

export interface ServicePrincipal {
  readonly id: string;
  readonly appId: string;
}

/** The properties of Microsoft Graph's own service principal that name its permissions. */
export interface PermissionCatalog {
  readonly id: string;
  readonly appId: string;
  readonly oauth2PermissionScopes: readonly { id: string; value: string; isEnabled?: boolean }[];
  readonly appRoles: readonly { id: string; value: string | null; isEnabled?: boolean; allowedMemberTypes?: readonly string[] }[];
}

/** appId of Microsoft Graph, the same in every cloud. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** One page of a Graph collection; `@odata.nextLink` is the full URL of the next page, if any. */
export interface GraphPage<T> {
  readonly value: readonly T[];
  readonly '@odata.nextLink'?: string;
}

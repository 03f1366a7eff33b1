/** A change the action makes (or, with dry-run, would make). The plan is a list of these. */
export type Change =
  | { readonly kind: 'create-application'; readonly displayName: string; readonly uniqueName: string }
  | { readonly kind: 'adopt-application'; readonly objectId: string; readonly uniqueName: string }
  | { readonly kind: 'rename-application'; readonly from: string; readonly to: string }
  | { readonly kind: 'add-redirect-uri'; readonly uri: string }
  | { readonly kind: 'enable-public-client-flows' }
  | { readonly kind: 'set-sign-in-audience'; readonly from: string | null; readonly to: string }
  | { readonly kind: 'set-access-token-version'; readonly from: number | null; readonly to: 2 }
  | { readonly kind: 'add-api-permission'; readonly permission: string; readonly type: 'delegated' | 'application' }
  | { readonly kind: 'create-service-principal' }
  | { readonly kind: 'grant-admin-consent'; readonly permissions: readonly string[] }
  | { readonly kind: 'add-client-secret'; readonly lifetimeDays: number; readonly reason: string }
  | { readonly kind: 'deliver-secrets'; readonly destination: string; readonly names: readonly string[] }
  | { readonly kind: 'remove-client-secret'; readonly keyId: string; readonly displayName: string | null; readonly expiresAt: string | null; readonly reason: string };

/** One line, in the user's words, for the log and the job summary. */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'create-application':
      return `create app registration "${change.displayName}" (uniqueName ${change.uniqueName})`;
    case 'adopt-application':
      return `adopt the existing app registration ${change.objectId} (set uniqueName ${change.uniqueName})`;
    case 'rename-application':
      return `rename the app registration from "${change.from}" to "${change.to}"`;
    case 'add-redirect-uri':
      return `add Web redirect URI ${change.uri}`;
    case 'enable-public-client-flows':
      return 'allow public client flows';
    case 'set-sign-in-audience':
      return `set supported account types from ${change.from ?? '(unset)'} to ${change.to}`;
    case 'set-access-token-version':
      return `set the requested access token version from ${change.from ?? '(unset)'} to ${change.to}, as an audience with personal Microsoft accounts requires`;
    case 'add-api-permission':
      return `add Microsoft Graph ${change.type} permission ${change.permission}`;
    case 'create-service-principal':
      return 'create the service principal (enterprise application)';
    case 'grant-admin-consent':
      return `grant admin consent for ${change.permissions.join(', ')}`;
    case 'add-client-secret':
      return `add a client secret valid for ${change.lifetimeDays} days (${change.reason})`;
    case 'deliver-secrets':
      return `write ${change.names.join(', ')} to ${change.destination}`;
    case 'remove-client-secret':
      return `remove client secret ${change.keyId}${change.expiresAt ? ` (expires ${change.expiresAt})` : ''}: ${change.reason}`;
  }
}

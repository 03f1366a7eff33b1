import type { AppRecord, Directory } from '../state.ts';
import { checkAudienceLimits } from './audience-rules.ts';
import { checkCollectionLimit } from './collection-limit.ts';
import { badRequest, fail } from './errors.ts';
import { checkIdentifierUris } from './identifier-uris.ts';
import { PERSONAL_AUDIENCES } from './passwords.ts';
import { invalidValue } from './schema.ts';
import { checkTags } from './tag-rules.ts';

// Rules Graph applies to an application write beyond the schema's types. `data` is the application as
// it would be stored after the write, `written` the properties the write carries, `before` the stored
// application (undefined on create). Redirect URIs are checked by checkRedirectUris (model.ts).

/** learn.microsoft.com/graph/api/resources/application (signInAudience: "The possible values are …"). */
export const SIGN_IN_AUDIENCES = ['AzureADMyOrg', 'AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'];

/**
 * Application name length: 120 characters, 90 when personal Microsoft accounts are admitted
 * (learn.microsoft.com/entra/identity-platform/supported-accounts-validation, "Application name").
 */
export const DISPLAY_NAME_LIMIT = 120;
export const PERSONAL_DISPLAY_NAME_LIMIT = 90;

/**
 * An app that admits personal accounts needs v2 access tokens: api.requestedAccessTokenVersion 2
 * (supported-accounts-validation, "Access token version"). Graph refuses a write that would leave it
 * otherwise with 400 InvalidAccessTokenVersion "One or more properties contains invalid values."
 * (Azure/azure-cli#15512, azure-ad-b2c/Scripts#2, microsoftgraph/microsoft-graph-docs#21685), so
 * the version must be 2 before or in the same write that widens the audience.
 */
export const ACCESS_TOKEN_VERSION_MESSAGE = 'One or more properties contains invalid values.';

export const isPersonal = (audience: unknown): boolean => PERSONAL_AUDIENCES.includes(String(audience));

/**
 * Checks an application create (all rules) or update (the rules the written properties touch).
 * Which properties Graph re-validates on an unrelated PATCH is UNCONFIRMED; the emulator checks
 * a rule only when the write carries one of the properties it reads.
 */
export function checkApplicationRules(dir: Directory, data: Record<string, unknown>, written: Record<string, unknown>, before: AppRecord | undefined): void {
  const create = before === undefined;
  const touches = (...keys: string[]): boolean => create || keys.some((k) => k in written);
  const personal = isPersonal(data.signInAudience);
  if (touches('signInAudience') && !SIGN_IN_AUDIENCES.includes(String(data.signInAudience))) {
    // Wording follows the "Invalid value specified for property …" family
    // (microsoftgraph/msgraph-sdk-powershell#3149); for signInAudience UNCONFIRMED.
    invalidValue('application', 'signInAudience');
  }
  if (touches('displayName', 'signInAudience') && typeof data.displayName === 'string') {
    const limit = personal ? PERSONAL_DISPLAY_NAME_LIMIT : DISPLAY_NAME_LIMIT;
    if (data.displayName.length > limit) invalidValue('application', 'displayName'); // wording UNCONFIRMED
  }
  if (touches('signInAudience', 'api') && personal) {
    const api = data.api as { requestedAccessTokenVersion?: unknown } | null | undefined;
    if (api?.requestedAccessTokenVersion !== 2) fail(400, 'InvalidAccessTokenVersion', ACCESS_TOKEN_VERSION_MESSAGE);
  }
  // Tags: graph/tag-rules.ts. Limits by audience: graph/audience-rules.ts. Application ID URIs:
  // graph/identifier-uris.ts. Last, the ceiling on all collection entries: graph/collection-limit.ts.
  if ('tags' in written) checkTags(dir, data.tags as string[]);
  checkAudienceLimits(dir, data, personal, touches);
  checkIdentifierUris(dir, data, before?.data, written);
  checkCollectionLimit(dir, data, before?.passwords.length ?? 0);
}

/** The refusal of uniqueName on an app whose uniqueName is null, under reading uniqueNameWhileNull='read-only'. */
export const uniqueNameReadOnly = (): never => badRequest(`Property 'uniqueName' is read-only and cannot be set.`);

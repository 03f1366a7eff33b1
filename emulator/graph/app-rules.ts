import { readingsOf } from '../readings.ts';
import { badRequest, fail } from './errors.ts';
import { PERSONAL_AUDIENCES } from './passwords.ts';
import { invalidValue } from './schema.ts';

// Rules Graph applies to an application write beyond the schema's types. `data` is the application
// as it would be stored after the write, `written` the properties the write carries.

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
export function checkApplicationRules(dir: object, data: Record<string, unknown>, written: Record<string, unknown>, create: boolean): void {
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
  if ('tags' in written) checkTags(dir, data.tags as string[]);
}

/**
 * application.tags: Collection(Edm.String), not nullable (learn.microsoft.com/graph/api/resources/application);
 * a PATCH replaces the whole collection. Non-strings and null are refused by the schema check. The
 * emulator also refuses an empty tag, and (reading tagLimit='256') one over 256 characters; both rules
 * and the limit are UNCONFIRMED (no documented per-tag limit was found), as is the wording, which
 * follows the "Invalid value specified for property …" family.
 */
export const MAX_TAG_LENGTH = 256;
export function checkTags(dir: object, tags: string[]): void {
  const limit = readingsOf(dir).tagLimit === '256' ? MAX_TAG_LENGTH : Infinity;
  if (tags.some((t) => t.length === 0 || t.length > limit)) invalidValue('application', 'tags');
}

/** The refusal of uniqueName on an app whose uniqueName is null, under reading uniqueNameWhileNull='read-only'. */
export const uniqueNameReadOnly = (): never => badRequest(`Property 'uniqueName' is read-only and cannot be set.`);

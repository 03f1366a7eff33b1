import { readingsOf } from '../readings.ts';
import { invalidValue } from './schema.ts';

// application.tags: Collection(Edm.String), not nullable (learn.microsoft.com/graph/api/resources/application);
// a PATCH replaces the whole collection. Non-strings and null are refused by the schema check.

/**
 * "Individual tag size must be between 1 and 256 characters (inclusive)", for every signInAudience
 * (learn.microsoft.com/entra/identity-platform/supported-accounts-validation, "Tags"; the same in
 * learn.microsoft.com/entra/identity-platform/reference-app-manifest, "tags attribute").
 */
export const MAX_TAG_LENGTH = 256;

/**
 * "No whitespaces or duplicate tags allowed" (supported-accounts-validation, "Tags";
 * reference-app-manifest: "No whitespaces or duplicate tags are allowed."). Read here as: no tag
 * contains a white-space character. Whether tags that differ only in case are duplicates is the
 * reading tagDuplicates (emulator/readings.ts).
 */
const WHITESPACE = /\s/u;

/**
 * The number of tags has no limit of its own ("No limit* on number of tags", supported-accounts-validation),
 * only the ceiling on all collection entries of the app (graph/collection-limit.ts).
 *
 * Every refusal is 400 Request_BadRequest "Invalid value specified for property 'tags' of resource
 * 'Application'.": the status and the wording of the "Invalid value specified for property …" family
 * (microsoftgraph/msgraph-sdk-powershell#3149) are UNCONFIRMED for these rules, which no page pairs
 * with an error.
 */
export function checkTags(dir: object, tags: readonly string[]): void {
  const key = readingsOf(dir).tagDuplicates === 'ignore-case' ? (t: string) => t.toLowerCase() : (t: string) => t;
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.length < 1 || tag.length > MAX_TAG_LENGTH || WHITESPACE.test(tag) || seen.has(key(tag))) invalidValue('application', 'tags');
    seen.add(key(tag));
  }
}

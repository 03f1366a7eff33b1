// Readings: where no primary source says how Graph behaves (points marked UNCONFIRMED), the emulator
// can play each plausible behaviour, so the action is tested against all of them. The first value of
// each entry in READING_VALUES is the default (the emulator's behaviour before readings existed; for a
// point added later, the reading with the firmer source).

export const READING_VALUES = {
  /**
   * PATCH setting uniqueName on an existing app whose uniqueName is null. 'settable': the one-time
   * backfill learn.microsoft.com/graph/templates/how-to-reference-existing-resources describes;
   * 'read-only': 400 Request_BadRequest "Property 'uniqueName' is read-only and cannot be set."
   * (UNCONFIRMED which one Graph does today). Upsert-create sets it under both readings.
   */
  uniqueNameWhileNull: ['settable', 'read-only'],
  /**
   * PATCH of `web`: 'replace' the complex value as a whole (OData v4.0 Part 1 §11.4.3), fields left out
   * go back to their defaults; or 'merge' the given fields into the stored value (the MERGE of
   * [MS-ODATA] §2.2.7.3.2). UNCONFIRMED which one Graph does.
   */
  webPatch: ['replace', 'merge'],
  /**
   * Whether two application tags that differ only in case are duplicates. "No whitespaces or duplicate
   * tags allowed" (learn.microsoft.com/entra/identity-platform/supported-accounts-validation, "Tags";
   * learn.microsoft.com/entra/identity-platform/reference-app-manifest, "tags attribute") does not say
   * how tags compare: 'exact' (ordinal) or 'ignore-case' (UNCONFIRMED; graph/tag-rules.ts).
   */
  tagDuplicates: ['exact', 'ignore-case'],
  /**
   * The ceiling on all the collection entries of one application, tags included (graph/collection-limit.ts):
   * '1200', "the total number of entries in all the collections combined has been capped at 1200"
   * (learn.microsoft.com/entra/identity-platform/reference-app-manifest, "Manifest limits"), or '1000',
   * "a global limit of about 1000 items across all the collection properties on the app object"
   * (learn.microsoft.com/entra/identity-platform/supported-accounts-validation). Neither page gives a
   * count for tags alone ("No limit* on number of tags"); which figure Graph applies is UNCONFIRMED.
   */
  appCollectionLimit: ['1200', '1000'],
  /**
   * The tenant's default app management policy on identifier URIs, which Microsoft switched on in
   * customer tenants in June and July 2025 unless it found processes it would disrupt
   * (learn.microsoft.com/entra/identity-platform/identifier-uri-restrictions): 'enforced' or 'off'.
   * Which state a tenant is in is its own; the refusal's status and code are UNCONFIRMED
   * (graph/identifier-uris.ts).
   */
  identifierUriPolicy: ['enforced', 'off'],
  /**
   * Status/code of the refusal of a third secret on a personal-account app: the CLI shows only the
   * message (microsoft/coe-starter-kit#3695), so 400 Request_BadRequest and 400 BadRequest are both
   * plausible (UNCONFIRMED).
   */
  secretCapCode: ['Request_BadRequest', 'BadRequest'],
  /**
   * removePassword with a keyId the app does not hold: 400 Request_BadRequest, or 404
   * Request_ResourceNotFound (UNCONFIRMED; learn.microsoft.com/graph/api/application-removepassword is silent).
   */
  removeUnknownPassword: ['bad-request', 'not-found'],
  /**
   * uniqueName already taken (by a live or soft-deleted app): 409 Request_MultipleObjectsWithSameKeyValue,
   * or 400 Request_BadRequest with the same message (microsoftgraph/msgraph-bicep-types#137 shows
   * only the message; UNCONFIRMED).
   */
  uniqueNameConflict: ['409', '400'],
  /**
   * GitHub, GET /orgs/{org}/actions/secrets/{name}/repositories for a secret whose visibility is not
   * selected: the docs give only the 200 (docs.github.com/rest/actions/secrets#list-selected-repositories-for-an-organization-secret).
   * '409', as the add and remove endpoints beside it document for that case ("Conflict when visibility
   * type is not set to selected"), or 'empty': 200 with no repositories (UNCONFIRMED; github/selected-repos.ts).
   */
  selectedReposOfUnselected: ['409', 'empty'],
} as const;

export type ReadingName = keyof typeof READING_VALUES;
export type Readings = { -readonly [K in ReadingName]: (typeof READING_VALUES)[K][number] };

export const DEFAULT_READINGS = Object.fromEntries(Object.entries(READING_VALUES).map(([k, v]) => [k, v[0]])) as Readings;

/** Every reading at its (first) alternative value. */
export const ALTERNATIVE_READINGS = Object.fromEntries(Object.entries(READING_VALUES).map(([k, v]) => [k, v[1]])) as Readings;

const isName = (k: string): k is ReadingName => Object.hasOwn(READING_VALUES, k);

/**
 * Parses EMULATOR_READINGS: 'name=value,name=value', or 'alternatives' for ALTERNATIVE_READINGS.
 * Throws on an unknown name or value, so a typo cannot silently run the defaults.
 */
export function parseReadings(text: string | undefined): Partial<Readings> {
  const t = (text ?? '').trim();
  if (t === '') return {};
  if (t === 'alternatives') return { ...ALTERNATIVE_READINGS };
  const out: Record<string, string> = {};
  for (const pair of t.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name = '', value = ''] = pair.split('=').map((s) => s.trim());
    if (!isName(name)) throw new Error(`EMULATOR_READINGS: unknown reading '${name}' (known: ${Object.keys(READING_VALUES).join(', ')})`);
    const allowed: readonly string[] = READING_VALUES[name];
    if (!allowed.includes(value)) throw new Error(`EMULATOR_READINGS: ${name} must be one of ${allowed.join(' | ')}, not '${value}'`);
    out[name] = value;
  }
  return out as Partial<Readings>;
}

/** Options win over EMULATOR_READINGS, which wins over the defaults. */
export function resolveReadings(options: Partial<Readings> | undefined, env: string | undefined = process.env.EMULATOR_READINGS): Readings {
  const merged = { ...DEFAULT_READINGS, ...parseReadings(env), ...(options ?? {}) };
  for (const [k, v] of Object.entries(merged)) {
    if (!isName(k) || !(READING_VALUES[k] as readonly string[]).includes(v)) throw new Error(`readings: ${k} cannot be '${v}'`);
  }
  return merged;
}

// The readings of each running emulator, keyed by its directory (so no service signature changes).
const byDirectory = new WeakMap<object, Readings>();

export function setReadings(dir: object, readings: Readings): void {
  byDirectory.set(dir, readings);
}

export function readingsOf(dir: object): Readings {
  return byDirectory.get(dir) ?? DEFAULT_READINGS;
}

import { readFileSync } from 'node:fs';
import { GUID_RE } from '../ids.ts';
import { badRequest, fail } from './errors.ts';

// Validation of application/servicePrincipal payloads against the v1.0 schema extract
// (graph-application-v1.0.json, from microsoftgraph/msgraph-metadata clean_v10_metadata/cleanMetadata.xml).

interface SchemaFile {
  complexTypes: Record<string, Record<string, string>>;
  entityTypes: Record<string, { baseType?: string; properties: Record<string, string>; navigationProperties: Record<string, string> }>;
}

const file = JSON.parse(readFileSync(new URL('./graph-application-v1.0.json', import.meta.url), 'utf8')) as SchemaFile;

// Types the extract references but does not define, filled in from the same cleanMetadata.xml
// (field lists as published there; UNCONFIRMED that they are complete).
const SUPPLEMENT: Record<string, Record<string, string>> = {
  addIn: { id: 'Edm.Guid', properties: 'Collection(graph.keyValue)', type: 'Edm.String' },
  keyValue: { key: 'Edm.String', value: 'Edm.String' },
  optionalClaim: { additionalProperties: 'Collection(Edm.String)', essential: 'Edm.Boolean', name: 'Edm.String', source: 'Edm.String' },
  preAuthorizedApplication: { appId: 'Edm.String', delegatedPermissionIds: 'Collection(Edm.String)' },
  samlSingleSignOnSettings: { relayState: 'Edm.String' },
  resourceSpecificPermission: { description: 'Edm.String', displayName: 'Edm.String', id: 'Edm.Guid', isEnabled: 'Edm.Boolean', value: 'Edm.String' },
};
const ENUMS: Record<string, string[]> = {
  nativeAuthenticationApisEnabled: ['none', 'all', 'unknownFutureValue'],
  weakAlgorithms: ['rsaSha1', 'unknownFutureValue'],
};
const OPEN_TYPES = new Set(['customSecurityAttributeValue']);

const complexTypes: Record<string, Record<string, string>> = { ...SUPPLEMENT, ...file.complexTypes };

export type EntityName = 'application' | 'servicePrincipal';

export function entityProperties(entity: EntityName): Record<string, string> {
  const e = file.entityTypes[entity];
  const base = file.entityTypes.directoryObject;
  if (!e || !base) throw new Error(`schema lacks ${entity}`);
  return { id: 'Edm.String', ...base.properties, ...e.properties };
}

export const navigationProperties = (entity: EntityName): Record<string, string> => file.entityTypes[entity]?.navigationProperties ?? {};

/**
 * Sub-properties that are themselves complex get this value when a PATCH leaves them out
 * (what Graph shows for a fresh application); everything else resets to null or [].
 */
const NESTED_DEFAULTS: Record<string, Record<string, unknown>> = {
  webApplication: { implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false } },
};

/** The value a complex type has when nothing was specified for any of its properties. */
export function defaultComplex(typeName: string): Record<string, unknown> {
  const props = complexTypes[typeName];
  if (!props) return {};
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(props)) {
    out[name] = type.startsWith('Collection(') ? [] : (structuredClone(NESTED_DEFAULTS[typeName]?.[name]) ?? null);
  }
  return out;
}

const resourceName = (entity: EntityName): string => (entity === 'application' ? 'Application' : 'ServicePrincipal');

/**
 * Graph answers a badly typed value with the top-level property's name
 * ("Invalid value specified for property 'web' of resource 'Application'.", seen in
 * microsoftgraph/msgraph-sdk-powershell#3149).
 */
export const invalidValue = (entity: EntityName, top: string): never =>
  badRequest(`Invalid value specified for property '${top}' of resource '${resourceName(entity)}'.`);

const unknownProperty = (name: string, typeName: string): never =>
  badRequest(`Property '${name}' does not exist on type 'microsoft.graph.${typeName}'.`);

const isIsoDate = (v: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));

/**
 * Validates one value of the given EDM type and returns it normalised. Complex values are replaced
 * as a whole: sub-properties the caller left out take their defaults (see normaliseComplex).
 */
export function checkValue(entity: EntityName, top: string, type: string, value: unknown): unknown {
  const coll = /^Collection\((.+)\)$/.exec(type);
  if (coll) {
    if (!Array.isArray(value)) return invalidValue(entity, top);
    return value.map((v) => {
      if (v === null) return invalidValue(entity, top);
      return checkValue(entity, top, coll[1] ?? '', v);
    });
  }
  if (value === null) return null;
  switch (type) {
    case 'Edm.String':
      return typeof value === 'string' ? value : invalidValue(entity, top);
    case 'Edm.Boolean':
      return typeof value === 'boolean' ? value : invalidValue(entity, top);
    case 'Edm.Int32':
      return Number.isInteger(value) ? value : invalidValue(entity, top);
    case 'Edm.Guid':
      return typeof value === 'string' && GUID_RE.test(value) ? value.toLowerCase() : invalidValue(entity, top);
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && isIsoDate(value) ? value : invalidValue(entity, top);
    case 'Edm.Binary':
      return typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? value : invalidValue(entity, top);
    case 'Edm.Stream':
      return invalidValue(entity, top); // logo is uploaded with PUT /applications/{id}/logo, not in JSON
  }
  const name = type.replace(/^graph\./, '');
  if (ENUMS[name]) return typeof value === 'string' && ENUMS[name].includes(value) ? value : invalidValue(entity, top);
  if (OPEN_TYPES.has(name)) return typeof value === 'object' ? value : invalidValue(entity, top);
  if (!complexTypes[name]) return invalidValue(entity, top);
  if (typeof value !== 'object' || Array.isArray(value)) return invalidValue(entity, top);
  return normaliseComplex(entity, top, name, value as Record<string, unknown>);
}

/**
 * A complex-typed property in a PATCH replaces the stored value as a whole; properties the caller
 * leaves out go back to their defaults. This follows OData v4.0 Part 1 §11.4.3 ("Update an Entity":
 * the values of complex properties in the payload replace the current values) rather than the
 * OData 2.0-era MERGE behaviour of [MS-ODATA] §2.2.7.3.2. Whether Graph really resets
 * web.implicitGrantSettings when a PATCH carries only web.redirectUris is UNCONFIRMED (the emulator
 * resets it to its default); clients should send the whole `web` object — the Azure CLI docs' own
 * example (Azure/azure-cli#20875) GETs `spa`, edits it and PATCHes it back whole. The reading
 * webPatch='merge' (emulator/readings.ts) plays the other behaviour for `web` (graph/applications.ts).
 */
function normaliseComplex(entity: EntityName, top: string, typeName: string, value: Record<string, unknown>): Record<string, unknown> {
  const props = complexTypes[typeName] ?? {};
  const out = defaultComplex(typeName);
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('@')) continue; // @odata.type annotations
    const t = props[k];
    if (t === undefined) return unknownProperty(k, typeName);
    out[k] = checkValue(entity, top, t, v);
  }
  return out;
}

const READ_ONLY: Record<EntityName, Set<string>> = {
  application: new Set(['id', 'appId', 'createdDateTime', 'publisherDomain', 'deletedDateTime', 'createdByAppId', 'certification', 'verifiedPublisher', 'defaultRedirectUri']),
  servicePrincipal: new Set(['id', 'appDisplayName', 'appDescription', 'appOwnerOrganizationId', 'createdByAppId', 'deletedDateTime', 'servicePrincipalType', 'signInAudience', 'verifiedPublisher', 'resourceSpecificApplicationPermissions', 'applicationTemplateId']),
};

/**
 * Validates a POST/PATCH body of an application or service principal and returns the normalised
 * properties to store. `allowAppId` admits appId (POST /servicePrincipals names the application by it).
 */
export function validateEntityBody(entity: EntityName, body: unknown, opts: { allowAppId?: boolean } = {}): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  const props = entityProperties(entity);
  const nav = navigationProperties(entity);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k.includes('@')) continue; // instance annotations such as @odata.type
    if (k === 'passwordCredentials') {
      // "New password credentials must be generated using service actions." — Graph's answer to
      // passwordCredentials in a PATCH/POST body (microsoftgraph/msgraph-sdk-dotnet#2788,
      // microsoftgraph/msgraph-bicep-types#38); use addPassword/removePassword.
      return badRequest('New password credentials must be generated using service actions.');
    }
    if (k === 'appId' && opts.allowAppId) {
      out[k] = checkValue(entity, k, 'Edm.String', v);
      continue;
    }
    if (READ_ONLY[entity].has(k) || (k === 'appId' && entity === 'application')) {
      return badRequest(`Property '${k}' is read-only and cannot be set.`); // wording UNCONFIRMED
    }
    const t = props[k];
    if (t === undefined) {
      if (nav[k] !== undefined) return badRequest(`Navigation property '${k}' cannot be set in the request body.`); // wording UNCONFIRMED
      return unknownProperty(k, entity);
    }
    out[k] = checkValue(entity, k, t, v);
  }
  return out;
}

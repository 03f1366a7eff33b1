import { call, read, retrying, type CallOptions, type GraphContext } from './calls.ts';
import { GraphRequestError, isNotFound } from './graph-error.ts';
import type { BatchOutcome, GraphCall } from './graph-http.ts';
import { APPLICATION_FIELDS, type Application, type ApplicationWrite, type GraphPage, type ServicePrincipal } from './types.ts';

export interface Lookup {
  /** The application with this uniqueName, if any. */
  readonly byUniqueName: Application | undefined;
  /** The application with the legacy uniqueName asked for too, if any (undefined when none was asked for). */
  readonly byLegacyUniqueName?: Application | undefined;
  /** Every application with this display name. */
  readonly byDisplayName: readonly Application[];
  /**
   * Service principals with this display name: a service principal takes its application's name, so
   * the one of the application found is usually among them, without a further round trip.
   */
  readonly servicePrincipalsByDisplayName: readonly ServicePrincipal[];
}

/** One owner of an application: a user, group or service principal (a directoryObject). */
export interface Owner {
  readonly id: string;
  /** From its @odata.type: "user", "servicePrincipal", "group", … */
  readonly type: string;
  /** null where the deployer may not read that kind of object: Graph then answers only @odata.type and id. */
  readonly displayName: string | null;
}

export interface Ownership {
  readonly owned: boolean;
  /** Object ID of the deployer identity's service principal, for the "add it as owner" hint. */
  readonly deployerObjectId: string | undefined;
  /** Every owner, the deployer's service principal included. */
  readonly owners: readonly Owner[];
}

export type UpsertResult = { created: true; application: Application } | { created: false };

/** Applications: finding, reading, creating and updating them, and who owns them. */
export interface Applications {
  /** Both lookups of a registration in one round trip; with legacyUniqueName, that key is read in the same round trip. */
  lookup(uniqueName: string, displayName: string, legacyUniqueName?: string): Promise<Lookup>;
  getApplication(id: string, options?: CallOptions): Promise<Application>;
  /** Reads by uniqueName, waiting out replication when the application was created moments ago. */
  getByUniqueName(uniqueName: string, options?: CallOptions): Promise<Application>;
  /** Race-free create by alternate key (Prefer: create-if-missing); `created: false` when it existed. */
  upsertByUniqueName(uniqueName: string, body: ApplicationWrite): Promise<UpsertResult>;
  updateApplication(id: string, patch: ApplicationWrite, options?: CallOptions): Promise<void>;
  ownership(applicationId: string, deployerClientId: string): Promise<Ownership>;
}

const SELECT = `$select=${APPLICATION_FIELDS.join(',')}`;

const byUniqueNamePath = (uniqueName: string) => `/applications(uniqueName=${odataString(uniqueName)})`;

const displayNameFilter = (displayName: string) => `$filter=${encodeURIComponent('displayName eq ')}${odataString(displayName)}`;

export function createApplications(context: GraphContext): Applications {
  return {
    lookup: (uniqueName, displayName, legacyUniqueName) => lookup(context, uniqueName, displayName, legacyUniqueName),

    getApplication: (id, opts = {}) => read<Application>(context, `read application ${id}`, `/applications/${id}?${SELECT}`, opts.justCreated),

    getByUniqueName: (uniqueName, opts = {}) =>
      read<Application>(context, `read application with uniqueName '${uniqueName}'`, `${byUniqueNamePath(uniqueName)}?${SELECT}`, opts.justCreated),

    async upsertByUniqueName(uniqueName, body) {
      // Safe to repeat: when an application has the uniqueName, the upsert updates it (204) instead
      // of creating another (201) (learn.microsoft.com/graph/api/application-upsert).
      const reply = await call<Application>(
        context,
        { operation: `create application with uniqueName '${uniqueName}'`, method: 'PATCH', path: byUniqueNamePath(uniqueName), headers: { Prefer: 'create-if-missing' }, body },
        { idempotent: true },
      );
      if (reply.status === 201 && reply.body) return { created: true, application: reply.body };
      return { created: false };
    },

    async updateApplication(id, patch, opts = {}) {
      // A PATCH sets properties to fixed values, so repeating it is harmless.
      await call(context, { operation: `update application ${id}`, method: 'PATCH', path: `/applications/${id}`, body: patch }, { idempotent: true, justCreated: opts.justCreated ?? false });
    },

    ownership: (applicationId, deployerClientId) => ownership(context, applicationId, deployerClientId),
  };
}

const byKey = (uniqueName: string): GraphCall => ({ operation: `read application with uniqueName '${uniqueName}'`, method: 'GET', path: `${byUniqueNamePath(uniqueName)}?${SELECT}` });

/** An application read by key: a 404 is an answer (none has it); any other failure fails the attempt. */
function keyed(outcome: BatchOutcome<Application> | undefined): Application | undefined {
  if (outcome instanceof GraphRequestError) {
    if (isNotFound(outcome)) return undefined;
    throw outcome;
  }
  return outcome?.body;
}

async function lookup(context: GraphContext, uniqueName: string, displayName: string, legacyUniqueName?: string): Promise<Lookup> {
  const byKeyCall = byKey(uniqueName);
  const byNameCall: GraphCall = { operation: `list applications named '${displayName}'`, method: 'GET', path: `/applications?${displayNameFilter(displayName)}&${SELECT}&$top=999` };
  const spByNameCall: GraphCall = {
    operation: `list service principals named '${displayName}'`,
    method: 'GET',
    path: `/servicePrincipals?${displayNameFilter(displayName)}&$select=id,appId&$top=999`,
  };
  const found = await retrying(context, 'look up the app registration', { idempotent: true }, async () => {
    const [byKeyOutcome, byName, spByName, byLegacy] = await context.http.batch<[Application, GraphPage<Application>, GraphPage<ServicePrincipal>, ...Application[]]>([
      byKeyCall,
      byNameCall,
      spByNameCall,
      ...(legacyUniqueName ? [byKey(legacyUniqueName)] : []),
    ]);
    // A throttled or failed member fails the attempt; a 404 by uniqueName is an answer.
    const byUniqueName = keyed(byKeyOutcome);
    const byLegacyUniqueName = keyed(byLegacy);
    if (byName instanceof GraphRequestError) throw byName;
    if (spByName instanceof GraphRequestError) throw spByName;
    return { byUniqueName, byLegacyUniqueName, page: byName.body, servicePrincipals: spByName.body };
  });
  const byDisplayName = [...(found.page?.value ?? [])];
  for (let next = found.page?.['@odata.nextLink']; next; ) {
    const more = await read<GraphPage<Application>>(context, byNameCall.operation, next);
    byDisplayName.push(...more.value);
    next = more['@odata.nextLink'];
  }
  // Further pages of service principals are not followed: a miss costs one direct read later.
  return {
    byUniqueName: found.byUniqueName,
    ...(legacyUniqueName ? { byLegacyUniqueName: found.byLegacyUniqueName } : {}),
    byDisplayName,
    servicePrincipalsByDisplayName: found.servicePrincipals?.value ?? [],
  };
}

interface OwnerObject {
  readonly '@odata.type'?: string;
  readonly id: string;
  readonly displayName?: string | null;
}

async function ownership(context: GraphContext, applicationId: string, deployerClientId: string): Promise<Ownership> {
  // Both reads in one round trip. Application.ReadWrite.OwnedBy is among the permissions that may list
  // an application's owners (learn.microsoft.com/graph/api/application-list-owners, "Permissions"); that
  // it may for applications the caller does not own is UNCONFIRMED, and a refusal fails the run before any
  // write (which Graph would refuse too). Owners of a kind the caller may not read come back "with limited
  // information": only @odata.type and id (same page, "Important").
  const ownersCall: GraphCall = { operation: `read owners of application ${applicationId}`, method: 'GET', path: `/applications/${applicationId}/owners?$select=id,displayName` };
  const [owners, deployer] = await context.http.batch<[GraphPage<OwnerObject>, Pick<ServicePrincipal, 'id'>]>([
    ownersCall,
    { operation: `read the deployer's service principal`, method: 'GET', path: `/servicePrincipals(appId='${encodeURIComponent(deployerClientId)}')?$select=id` },
  ]);
  if (owners instanceof GraphRequestError) throw owners;
  const deployerObjectId = deployer instanceof GraphRequestError ? undefined : deployer.body?.id;
  const objects = [...(owners.body?.value ?? [])];
  for (let next = owners.body?.['@odata.nextLink']; next; ) {
    const more = await read<GraphPage<OwnerObject>>(context, ownersCall.operation, next);
    objects.push(...more.value);
    next = more['@odata.nextLink'];
  }
  const list = objects.map((o) => ({ id: o.id, type: (o['@odata.type'] ?? '').replace(/^#microsoft\.graph\./, '') || 'directoryObject', displayName: o.displayName ?? null }));
  return { owned: deployerObjectId !== undefined && list.some((o) => o.id.toLowerCase() === deployerObjectId.toLowerCase()), deployerObjectId, owners: list };
}

/**
 * An OData string literal for a URL: single quotes doubled (OData v4.0 ABNF, rule SQUOTE-in-string:
 * docs.oasis-open.org/odata/odata/v4.0/errata03/os/complete/abnf/odata-abnf-construction-rules.txt),
 * then percent-encoded, as Graph asks of every query value (learn.microsoft.com/graph/query-parameters,
 * "Encoding query parameters").
 */
export function odataString(value: string): string {
  return encodeURIComponent(`'${value.replace(/'/g, "''")}'`);
}

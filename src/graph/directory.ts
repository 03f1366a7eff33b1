import { randomBytes } from 'node:crypto';
import { withRetry, type Clock, type RetryLimits } from '../retry.ts';
import { GraphRequestError, isNotFound } from './graph-error.ts';
import type { GraphCall, GraphHttp } from './graph-http.ts';
import { classifyGraphError, type TransientOptions } from './transient.ts';
import {
  APPLICATION_FIELDS,
  MICROSOFT_GRAPH_APP_ID,
  type Application,
  type ApplicationWrite,
  type NewPasswordCredential,
  type PermissionCatalog,
  type ServicePrincipal,
} from './types.ts';

export type { ApplicationWrite };

export interface Ownership {
  readonly owned: boolean;
  /** Object ID of the deployer identity's service principal, for the "add it as owner" hint. */
  readonly deployerObjectId: string | undefined;
}

export interface CallOptions {
  /** The object was created by this run: replication lag is retried. */
  readonly justCreated?: boolean;
}

/** Microsoft Graph as the action uses it: applications, their secrets and service principals. */
export interface Lookup {
  /** The application with this uniqueName, if any. */
  readonly byUniqueName: Application | undefined;
  /** Every application with this display name. */
  readonly byDisplayName: readonly Application[];
  /**
   * Service principals with this display name: a service principal takes its application's name, so
   * the one of the application found is usually among them, without a further round trip.
   */
  readonly servicePrincipalsByDisplayName: readonly ServicePrincipal[];
}

export interface Directory {
  /** Both lookups of a registration in one round trip. */
  lookup(uniqueName: string, displayName: string): Promise<Lookup>;
  getApplication(id: string, options?: CallOptions): Promise<Application>;
  /** Reads by uniqueName, waiting out replication when the application was created moments ago. */
  getByUniqueName(uniqueName: string, options?: CallOptions): Promise<Application>;
  /** Race-free create by alternate key (Prefer: create-if-missing); `created: false` when it existed. */
  upsertByUniqueName(uniqueName: string, body: ApplicationWrite): Promise<{ created: true; application: Application } | { created: false }>;
  updateApplication(id: string, patch: ApplicationWrite, options?: CallOptions): Promise<void>;
  ownership(applicationId: string, deployerClientId: string): Promise<Ownership>;
  /** Adds a password; never leaves a second secret behind when an attempt's outcome is unknown. */
  addPassword(applicationId: string, displayName: string, endDateTime: string, options?: CallOptions): Promise<NewPasswordCredential>;
  removePassword(applicationId: string, keyId: string): Promise<void>;
  /** Removes several passwords in one round trip, one after the other within the batch. */
  removePasswords(applicationId: string, keyIds: readonly string[]): Promise<void>;
  findServicePrincipal(appId: string): Promise<ServicePrincipal | undefined>;
  createServicePrincipal(appId: string, options?: CallOptions): Promise<ServicePrincipal>;
  graphPermissionCatalog(): Promise<PermissionCatalog>;
  grantAppRole(clientServicePrincipalId: string, resourceId: string, appRoleId: string): Promise<void>;
  grantDelegated(clientServicePrincipalId: string, resourceId: string, scopes: readonly string[]): Promise<void>;
}

export interface DirectoryOptions {
  readonly http: GraphHttp;
  readonly warn: (message: string) => void;
  /** Called with every new secret value the moment it is parsed, before anything else (core.setSecret). */
  readonly mask: (secret: string) => void;
  readonly clock?: Clock;
  readonly limits?: Partial<RetryLimits>;
}

const SELECT = `$select=${APPLICATION_FIELDS.join(',')}`;

/** OData string literal: single quotes doubled, then percent-encoded for the URL (FACTS §2). */
export function odataString(value: string): string {
  return encodeURIComponent(`'${value.replace(/'/g, "''")}'`);
}

export function createDirectory(options: DirectoryOptions): Directory {
  const { http, warn, mask } = options;

  const retrying = <T>(operation: string, transient: TransientOptions, attempt: () => Promise<T>) =>
    withRetry({ operation, classify: (error) => classifyGraphError(error, transient), warn, clock: options.clock, limits: options.limits }, attempt);

  const call = <T>(request: GraphCall, transient: TransientOptions) => retrying(request.operation, transient, () => http.send<T>(request));

  const read = async <T>(operation: string, path: string, justCreated = false): Promise<T> => {
    const reply = await call<T>({ operation, method: 'GET', path }, { idempotent: true, justCreated });
    return reply.body as T;
  };

  const getApplication = (id: string, opts: CallOptions = {}) =>
    read<Application>(`read application ${id}`, `/applications/${id}?${SELECT}`, opts.justCreated);

  const removePassword = async (applicationId: string, keyId: string): Promise<void> => {
    try {
      await call(
        { operation: `remove client secret ${keyId} from application ${applicationId}`, method: 'POST', path: `/applications/${applicationId}/removePassword`, body: { keyId } },
        { idempotent: true },
      );
    } catch (error) {
      // Already gone (a repeated attempt whose first try succeeded, or removed by hand): the goal holds.
      if (error instanceof GraphRequestError && (error.status === 404 || (error.status === 400 && /keyId|credential/i.test(error.graphMessage)))) return;
      throw error;
    }
  };

  /** After an addPassword whose outcome is unknown: a secret with that marker has a lost value, so it goes. */
  const removeOrphan = async (applicationId: string, displayName: string, justCreated: boolean): Promise<void> => {
    const app = await read<Application>(`read client secrets of application ${applicationId}`, `/applications/${applicationId}?$select=id,passwordCredentials`, justCreated);
    for (const credential of app.passwordCredentials) {
      if (credential.displayName === displayName) {
        warn(`Removing client secret ${credential.keyId} ("${displayName}"): it was added, but its value was lost with the answer.`);
        await removePassword(applicationId, credential.keyId);
      }
    }
  };

  const findServicePrincipal = async (appId: string): Promise<ServicePrincipal | undefined> => {
    try {
      return await read<ServicePrincipal>(`read the service principal of application ${appId}`, `/servicePrincipals(appId='${encodeURIComponent(appId)}')?$select=id,appId`);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };

  return {
    async lookup(uniqueName, displayName) {
      const byKeyCall: GraphCall = { operation: `read application with uniqueName '${uniqueName}'`, method: 'GET', path: `/applications(uniqueName=${odataString(uniqueName)})?${SELECT}` };
      const byNameCall: GraphCall = {
        operation: `list applications named '${displayName}'`,
        method: 'GET',
        path: `/applications?$filter=${encodeURIComponent('displayName eq ')}${odataString(displayName)}&${SELECT}&$top=999`,
      };
      const spByNameCall: GraphCall = {
        operation: `list service principals named '${displayName}'`,
        method: 'GET',
        path: `/servicePrincipals?$filter=${encodeURIComponent('displayName eq ')}${odataString(displayName)}&$select=id,appId&$top=999`,
      };
      const [byKey, byName, spByName] = await retrying('look up the app registration', { idempotent: true }, async () => {
        const replies = await http.batch([byKeyCall, byNameCall, spByNameCall]);
        // A throttled or failed member fails the attempt; a 404 by uniqueName is an answer.
        for (const reply of replies) if (reply instanceof GraphRequestError && !(reply === replies[0] && isNotFound(reply))) throw reply;
        return replies;
      });
      const byUniqueName = byKey instanceof GraphRequestError ? undefined : (byKey?.body as Application | undefined);
      const page = (byName as { body?: { value: Application[]; '@odata.nextLink'?: string } }).body;
      const byDisplayName = [...(page?.value ?? [])];
      for (let next = page?.['@odata.nextLink']; next; ) {
        const more: { value: Application[]; '@odata.nextLink'?: string } = await read(byNameCall.operation, next);
        byDisplayName.push(...more.value);
        next = more['@odata.nextLink'];
      }
      // Further pages of service principals are not followed: a miss costs one direct read later.
      const servicePrincipalsByDisplayName = (spByName as { body?: { value: ServicePrincipal[] } }).body?.value ?? [];
      return { byUniqueName, byDisplayName, servicePrincipalsByDisplayName };
    },

    getApplication,

    getByUniqueName: (uniqueName, opts = {}) =>
      read<Application>(`read application with uniqueName '${uniqueName}'`, `/applications(uniqueName=${odataString(uniqueName)})?${SELECT}`, opts.justCreated),

    async upsertByUniqueName(uniqueName, body) {
      // Safe to repeat: a second upsert of the same key updates the one application (FACTS §2).
      const reply = await call<Application>(
        {
          operation: `create application with uniqueName '${uniqueName}'`,
          method: 'PATCH',
          path: `/applications(uniqueName=${odataString(uniqueName)})`,
          headers: { Prefer: 'create-if-missing' },
          body,
        },
        { idempotent: true },
      );
      if (reply.status === 201 && reply.body) return { created: true, application: reply.body };
      return { created: false };
    },

    async updateApplication(id, patch, opts = {}) {
      // A PATCH sets properties to fixed values, so repeating it is harmless.
      await call({ operation: `update application ${id}`, method: 'PATCH', path: `/applications/${id}`, body: patch }, { idempotent: true, justCreated: opts.justCreated ?? false });
    },

    async ownership(applicationId, deployerClientId) {
      // Both reads in one round trip; OwnedBy may read owners of any application (FACTS §2).
      const [owners, deployer] = await http.batch([
        { operation: `read owners of application ${applicationId}`, method: 'GET', path: `/applications/${applicationId}/owners?$select=id` },
        { operation: `read the deployer's service principal`, method: 'GET', path: `/servicePrincipals(appId='${encodeURIComponent(deployerClientId)}')?$select=id` },
      ]);
      if (owners instanceof GraphRequestError) throw owners;
      const deployerObjectId = deployer instanceof GraphRequestError ? undefined : (deployer?.body as { id?: string } | undefined)?.id;
      const ownerIds = ((owners?.body as { value?: { id: string }[] } | undefined)?.value ?? []).map((o) => o.id);
      return { owned: deployerObjectId !== undefined && ownerIds.includes(deployerObjectId), deployerObjectId };
    },

    async addPassword(applicationId, baseDisplayName, endDateTime, opts = {}) {
      const justCreated = opts.justCreated ?? false;
      // Orphans of an unknown outcome are removed before the next attempt, so repeating is safe.
      return retrying(`add a client secret to application ${applicationId}`, { idempotent: true, justCreated }, async () => {
        // A marker per attempt: an attempt whose answer was lost can be found and removed.
        const displayName = `${baseDisplayName} ${randomBytes(4).toString('hex')}`;
        try {
          const reply = await http.send<NewPasswordCredential>({
            operation: `add a client secret to application ${applicationId}`,
            method: 'POST',
            path: `/applications/${applicationId}/addPassword`,
            body: { passwordCredential: { displayName, endDateTime } },
          });
          const credential = reply.body;
          if (!credential?.secretText) throw new GraphRequestError({ operation: 'add a client secret', status: reply.status, code: 'NoSecretText', message: 'the answer carried no secretText', outcomeUnknown: true });
          mask(credential.secretText);
          return credential;
        } catch (error) {
          if (error instanceof GraphRequestError && error.outcomeUnknown) await removeOrphan(applicationId, displayName, justCreated);
          throw error;
        }
      });
    },

    removePassword,

    async removePasswords(applicationId, keyIds) {
      if (keyIds.length <= 1) {
        for (const keyId of keyIds) await removePassword(applicationId, keyId);
        return;
      }
      // One object, several writes: in sequence inside the batch, so they do not collide (409).
      const calls = keyIds.slice(0, 20).map((keyId): GraphCall => ({
        operation: `remove client secret ${keyId} from application ${applicationId}`,
        method: 'POST',
        path: `/applications/${applicationId}/removePassword`,
        body: { keyId },
      }));
      let replies: (unknown | GraphRequestError)[];
      try {
        replies = await http.batch(calls, { sequential: true });
      } catch {
        replies = calls.map(() => undefined as unknown);
      }
      // Whatever the batch did not settle is removed one by one, with the usual retries.
      const unsettled = keyIds.slice(0, 20).filter((_, i) => replies[i] === undefined || replies[i] instanceof GraphRequestError);
      for (const keyId of [...unsettled, ...keyIds.slice(20)]) await removePassword(applicationId, keyId);
    },

    findServicePrincipal,

    async createServicePrincipal(appId, opts = {}) {
      try {
        const reply = await call<ServicePrincipal>(
          { operation: `create the service principal of application ${appId}`, method: 'POST', path: '/servicePrincipals', body: { appId } },
          // Too early after the application's creation Graph answers 403 ("backing application … must be in the local tenant") or 404.
          { idempotent: false, justCreated: opts.justCreated ?? false, replicationStatuses: [403, 404] },
        );
        if (!reply.body) throw new GraphRequestError({ operation: `create the service principal of application ${appId}`, status: reply.status, code: 'EmptyBody', message: 'no body' });
        return reply.body;
      } catch (error) {
        // Another run created it first (or our first attempt's answer was lost): it exists, which is the goal.
        if (error instanceof GraphRequestError && (error.status === 409 || error.status === 400 && /already exists/i.test(error.graphMessage) || error.outcomeUnknown)) {
          // It may itself be inside its replication window: a 404 here means "not yet", not "absent".
          return await read<ServicePrincipal>(`read the service principal of application ${appId}`, `/servicePrincipals(appId='${encodeURIComponent(appId)}')?$select=id,appId`, true);
        }
        throw error;
      }
    },

    graphPermissionCatalog: () =>
      read<PermissionCatalog>('read the permissions Microsoft Graph publishes', `/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')?$select=id,appId,oauth2PermissionScopes,appRoles`),

    async grantAppRole(clientServicePrincipalId, resourceId, appRoleId) {
      try {
        await call(
          { operation: `grant app role ${appRoleId}`, method: 'POST', path: `/servicePrincipals/${resourceId}/appRoleAssignedTo`, body: { principalId: clientServicePrincipalId, resourceId, appRoleId } },
          { idempotent: false, justCreated: true },
        );
      } catch (error) {
        // Already granted: "Permission being assigned already exists on the object".
        if (error instanceof GraphRequestError && (error.status === 409 || /already exists/i.test(error.graphMessage))) return;
        throw error;
      }
    },

    async grantDelegated(clientServicePrincipalId, resourceId, scopes) {
      const existing = await read<{ value: { id: string; scope: string }[] }>(
        'read delegated permission grants',
        `/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${clientServicePrincipalId}' and resourceId eq '${resourceId}'`)}`,
      );
      const grant = existing.value[0];
      if (!grant) {
        await call(
          { operation: 'grant admin consent for delegated permissions', method: 'POST', path: '/oauth2PermissionGrants', body: { clientId: clientServicePrincipalId, consentType: 'AllPrincipals', resourceId, scope: scopes.join(' ') } },
          { idempotent: false, justCreated: true },
        );
        return;
      }
      const merged = [...new Set([...grant.scope.split(' ').filter(Boolean), ...scopes])];
      if (merged.length === grant.scope.split(' ').filter(Boolean).length) return;
      await call(
        { operation: 'extend admin consent for delegated permissions', method: 'PATCH', path: `/oauth2PermissionGrants/${grant.id}`, body: { scope: merged.join(' ') } },
        { idempotent: true },
      );
    },
  };
}

import { call, read, type CallOptions, type GraphContext } from './calls.ts';
import { GraphRequestError, isNotFound } from './graph-error.ts';
import type { ServicePrincipal } from './types.ts';

/** The service principal of an application: Graph does not create it along with the application. */
export interface ServicePrincipals {
  findServicePrincipal(appId: string): Promise<ServicePrincipal | undefined>;
  createServicePrincipal(appId: string, options?: CallOptions): Promise<ServicePrincipal>;
}

const byAppIdPath = (appId: string) => `/servicePrincipals(appId='${encodeURIComponent(appId)}')?$select=id,appId`;

const readOperation = (appId: string) => `read the service principal of application ${appId}`;

export function createServicePrincipals(context: GraphContext): ServicePrincipals {
  return {
    async findServicePrincipal(appId) {
      try {
        return await read<ServicePrincipal>(context, readOperation(appId), byAppIdPath(appId));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    createServicePrincipal: (appId, opts = {}) => createServicePrincipal(context, appId, opts.justCreated ?? false),
  };
}

async function createServicePrincipal(context: GraphContext, appId: string, justCreated: boolean): Promise<ServicePrincipal> {
  const operation = `create the service principal of application ${appId}`;
  try {
    const reply = await call<ServicePrincipal>(
      context,
      { operation, method: 'POST', path: '/servicePrincipals', body: { appId } },
      // Too early after the application's creation Graph answers 403 Authorization_RequestDenied ("the
      // backing application of the service principal being created must in the local tenant") or 404:
      // github.com/hashicorp/terraform-provider-azuread/issues/992 (403),
      // github.com/hashicorp/terraform-provider-azuread/issues/1811 (404).
      { idempotent: false, justCreated, replicationStatuses: [403, 404] },
    );
    if (!reply.body) throw new GraphRequestError({ operation, status: reply.status, code: 'EmptyBody', message: 'no body' });
    return reply.body;
  } catch (error) {
    // Another run created it first (or our first attempt's answer was lost): it exists, which is the goal.
    if (error instanceof GraphRequestError && (error.status === 409 || (error.status === 400 && /already exists/i.test(error.graphMessage)) || error.outcomeUnknown)) {
      // It may itself be inside its replication window: a 404 here means "not yet", not "absent".
      return await read<ServicePrincipal>(context, readOperation(appId), byAppIdPath(appId), true);
    }
    throw error;
  }
}

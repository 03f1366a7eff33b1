import { GraphRequestError } from '../graph/graph-error.ts';
import type { Application, ApplicationWrite } from '../graph/types.ts';
import type { Change } from '../plan/changes.ts';
import { UNIQUE_NAME_REFUSED_TAG } from '../plan/plan-application.ts';

/**
 * Graph's refusal to give an existing registration a uniqueName: a 400 naming the property, e.g.
 * Request_BadRequest "Property 'uniqueName' is read-only and cannot be set." Graph documents
 * uniqueName as settable once on an application created without one
 * (learn.microsoft.com/graph/templates/how-to-reference-existing-resources, "one-time backfill"),
 * yet tenants answer this refusal; a uniqueName taken by another object is a 409, not this.
 */
export function isUniqueNameRefusal(error: unknown): error is GraphRequestError {
  return error instanceof GraphRequestError && error.status === 400 && /\buniqueName\b/i.test(error.graphMessage) && !/already exists/i.test(error.graphMessage);
}

/** The same write without uniqueName, recording the refusal in the tags so later runs do not send it again. */
export function withoutUniqueName(write: ApplicationWrite, existing: Pick<Application, 'tags'>): ApplicationWrite {
  const rest: ApplicationWrite = { ...write };
  delete rest.uniqueName;
  // The ledger's tags may be in this write already; otherwise the tags as read.
  const tags = rest.tags ?? existing.tags ?? [];
  return { ...rest, tags: [...new Set([...tags, UNIQUE_NAME_REFUSED_TAG])] };
}

/** The planned changes without the adoption by uniqueName that Graph refused. */
export function withoutAdoption(changes: readonly Change[]): Change[] {
  return changes.filter((c) => c.kind !== 'adopt-application');
}

/** The one warning of a refused uniqueName: what adopting without it means for later runs. */
export function refusalWarning(application: Pick<Application, 'id' | 'appId' | 'displayName'>, uniqueName: string, error: GraphRequestError): string {
  return (
    `Microsoft Graph refused to set uniqueName ${uniqueName} on the existing app registration "${application.displayName}" ` +
    `(client ID ${application.appId}, object ID ${application.id}): ${error.graphMessage}${error.requestId ? ` (request-id ${error.requestId})` : ''}. ` +
    'The registration was adopted without it: this and later runs find it by its display name and by the deployer identity being ' +
    'one of its owners. Renaming it in the Entra admin center, or removing the deployer as owner, breaks that link (the next run ' +
    'creates a new registration or stops). Setting unique-name does not help: Graph will not store a uniqueName on this registration. ' +
    `The refusal is remembered in its tags (${UNIQUE_NAME_REFUSED_TAG}), so later runs do not send the refused write again; ` +
    'for a registration found by uniqueName, let the action create a new one under another app-name.'
  );
}

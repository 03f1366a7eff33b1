import { graphDate } from '../ids.ts';
import type { Reply } from '../types.ts';

/**
 * Graph's error shape: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}
 * (learn.microsoft.com/graph/errors). request-id and client-request-id are filled in by the Graph
 * service when the reply goes out (graph/service.ts), so a test-made body looks like a real one.
 */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply & { body: GraphErrorBody } {
  return {
    status,
    headers,
    body: { error: { code, message, innerError: { date: graphDate(), 'request-id': '', 'client-request-id': '' } } },
  };
}

export interface GraphErrorBody {
  error: { code: string; message: string; innerError: { date: string; 'request-id': string; 'client-request-id': string } };
}

export class GraphFailure extends Error {
  readonly reply: Reply;
  constructor(reply: Reply) {
    super(`Graph ${reply.status}`);
    this.reply = reply;
  }
}

/** Throws a Graph error; handlers use it to bail out of nested validation. */
export function fail(status: number, code: string, message: string, headers: Record<string, string> = {}): never {
  throw new GraphFailure(graphError(status, code, message, headers));
}

// Messages as the real service writes them: 403 Authorization_RequestDenied in
// microsoftgraph/microsoft-graph-docs#4794, 404 Request_ResourceNotFound in hashicorp/terraform-provider-azuread#1802.
export const INSUFFICIENT_PRIVILEGES = 'Insufficient privileges to complete the operation.';
export const notFound = (id: string): never =>
  fail(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
export const denied = (): never => fail(403, 'Authorization_RequestDenied', INSUFFICIENT_PRIVILEGES);
export const badRequest = (message: string): never => fail(400, 'Request_BadRequest', message);

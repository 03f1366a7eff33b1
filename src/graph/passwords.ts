import { randomBytes } from 'node:crypto';
import { call, read, retrying, type CallOptions, type GraphContext } from './calls.ts';
import { GraphRequestError } from './graph-error.ts';
import type { BatchOutcome, GraphCall } from './graph-http.ts';
import type { Application, NewPasswordCredential } from './types.ts';

/** Client secrets (password credentials) of an application. */
export interface Passwords {
  /** Adds a password; never leaves a second secret behind when an attempt's outcome is unknown. */
  addPassword(applicationId: string, displayName: string, endDateTime: string, options?: CallOptions): Promise<NewPasswordCredential>;
  removePassword(applicationId: string, keyId: string): Promise<void>;
  /** Removes several passwords in one round trip, one after the other within the batch. */
  removePasswords(applicationId: string, keyIds: readonly string[]): Promise<void>;
}

/** A $batch holds at most 20 requests (learn.microsoft.com/graph/json-batching). */
const BATCH_LIMIT = 20;

export function createPasswords(context: GraphContext): Passwords {
  return {
    addPassword: (applicationId, displayName, endDateTime, opts = {}) =>
      addPassword(context, applicationId, { baseDisplayName: displayName, endDateTime, justCreated: opts.justCreated ?? false }),
    removePassword: (applicationId, keyId) => removePassword(context, applicationId, keyId),
    removePasswords: (applicationId, keyIds) => removePasswords(context, applicationId, keyIds),
  };
}

interface NewPassword {
  /** The secret's description; each attempt appends a marker of its own. */
  readonly baseDisplayName: string;
  readonly endDateTime: string;
  readonly justCreated: boolean;
}

/**
 * POST addPassword answers with the only copy of the secret's value: "There is no way to retrieve
 * this password in the future" (learn.microsoft.com/graph/api/application-addpassword). Orphans of
 * an unknown outcome are removed before the next attempt, so repeating is safe.
 */
function addPassword(context: GraphContext, applicationId: string, password: NewPassword): Promise<NewPasswordCredential> {
  const { baseDisplayName, endDateTime, justCreated } = password;
  return retrying(context, `add a client secret to application ${applicationId}`, { idempotent: true, justCreated }, async () => {
    // A marker per attempt: an attempt whose answer was lost can be found and removed.
    const displayName = `${baseDisplayName} ${randomBytes(4).toString('hex')}`;
    try {
      const reply = await context.http.send<NewPasswordCredential>({
        operation: `add a client secret to application ${applicationId}`,
        method: 'POST',
        path: `/applications/${applicationId}/addPassword`,
        body: { passwordCredential: { displayName, endDateTime } },
      });
      const credential = reply.body;
      if (!credential?.secretText) throw new GraphRequestError({ operation: 'add a client secret', status: reply.status, code: 'NoSecretText', message: 'the answer carried no secretText', outcomeUnknown: true });
      context.mask(credential.secretText);
      return credential;
    } catch (error) {
      if (error instanceof GraphRequestError && error.outcomeUnknown) await removeOrphan(context, applicationId, { displayName, justCreated });
      throw error;
    }
  });
}

/** After an addPassword whose outcome is unknown: a secret with that marker has a lost value, so it goes. */
async function removeOrphan(context: GraphContext, applicationId: string, attempt: { displayName: string; justCreated: boolean }): Promise<void> {
  const { displayName, justCreated } = attempt;
  const app = await read<Application>(context, `read client secrets of application ${applicationId}`, `/applications/${applicationId}?$select=id,passwordCredentials`, justCreated);
  for (const credential of app.passwordCredentials) {
    if (credential.displayName === displayName) {
      context.warn(`Removing client secret ${credential.keyId} ("${displayName}"): it was added, but its value was lost with the answer.`);
      await removePassword(context, applicationId, credential.keyId);
    }
  }
}

const removeCall = (applicationId: string, keyId: string): GraphCall => ({
  operation: `remove client secret ${keyId} from application ${applicationId}`,
  method: 'POST',
  path: `/applications/${applicationId}/removePassword`,
  body: { keyId },
});

async function removePassword(context: GraphContext, applicationId: string, keyId: string): Promise<void> {
  try {
    await call(context, removeCall(applicationId, keyId), { idempotent: true });
  } catch (error) {
    // Already gone (a repeated attempt whose first try succeeded, or removed by hand): the goal holds.
    if (error instanceof GraphRequestError && (error.status === 404 || (error.status === 400 && /keyId|credential/i.test(error.graphMessage)))) return;
    throw error;
  }
}

async function removePasswords(context: GraphContext, applicationId: string, keyIds: readonly string[]): Promise<void> {
  if (keyIds.length <= 1) {
    for (const keyId of keyIds) await removePassword(context, applicationId, keyId);
    return;
  }
  // One object, several writes: in sequence inside the batch, so they do not collide (409).
  const batched = keyIds.slice(0, BATCH_LIMIT);
  const calls = batched.map((keyId) => removeCall(applicationId, keyId));
  let replies: readonly (BatchOutcome<unknown> | undefined)[];
  try {
    replies = await context.http.batch(calls, { sequential: true });
  } catch {
    replies = calls.map(() => undefined);
  }
  // Whatever the batch did not settle is removed one by one, with the usual retries.
  const unsettled = batched.filter((_, i) => replies[i] === undefined || replies[i] instanceof GraphRequestError);
  for (const keyId of [...unsettled, ...keyIds.slice(BATCH_LIMIT)]) await removePassword(context, applicationId, keyId);
}

import type { Reply } from '../types.ts';
import { graphError, GraphFailure } from './errors.ts';

// Refusals of requests the emulator does not model. Graph would answer them (or ignore a part of
// them); the emulator cannot know how, so it refuses in Graph's error shape
// (learn.microsoft.com/graph/errors) and flags the reply, and the request log entry, `unmodelled`
// so that tests can assert none happened. Every message here is UNCONFIRMED: it is the emulator's.

export function unmodelledReply(message: string, status = 400, code = 'BadRequest'): Reply {
  return { ...graphError(status, code, `${message} (emulator: not modelled)`), unmodelled: true };
}

export function unmodelled(message: string, status = 400, code = 'BadRequest'): never {
  throw new GraphFailure(unmodelledReply(message, status, code));
}

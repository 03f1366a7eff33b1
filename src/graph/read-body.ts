/**
 * The most of one Graph answer the action reads: 16 MiB. Its largest answers stay well below: a $batch
 * of at most 20 requests (learn.microsoft.com/graph/json-batching), a page of at most 999 applications
 * with the few fields it selects, Microsoft Graph's own service principal with its permissions
 * (oauth2PermissionScopes, appRoles). Without a cap, a graph-endpoint that sends an endless answer
 * (allow-custom-endpoints lets any https host be one) or a broken proxy fills the runner's memory until
 * the 60-second timeout: response.text() holds the whole body at once, and JSON.parse a copy of it.
 */
export const MAX_GRAPH_ANSWER_BYTES = 16 * 1024 * 1024;

/** The answer's body was longer than the cap; nothing of it is used. */
export class AnswerTooLarge extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`the answer is larger than ${limit / (1024 * 1024)} MiB, more than any answer of Graph the action reads`);
    this.name = 'AnswerTooLarge';
    this.limit = limit;
  }
}

/**
 * A fetch Response's body as text (UTF-8, as response.text() decodes it), read chunk by chunk and
 * given up, with the connection, once it passes `limit` bytes or its Content-Length says it will.
 * Throws AnswerTooLarge then; any other error is the stream's own (the connection ended mid-body).
 */
export async function readBodyText(response: Response, limit: number = MAX_GRAPH_ANSWER_BYTES): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new AnswerTooLarge(limit);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLarge(limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

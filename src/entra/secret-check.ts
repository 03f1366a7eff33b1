import { ActionError } from '../errors.ts';
import { jsonOrText, send, type HttpReply } from '../http/https.ts';
import { withRetry, type Clock } from '../retry.ts';
import { graphScope } from '../settings/clouds.ts';
import type { Settings } from '../settings/settings.ts';

/**
 * While a new secret propagates, the token endpoint answers AADSTS7000215 (invalid secret) for a
 * few seconds (~4–18 s, microsoft-graph-docs#17966); a just-created application or service
 * principal can also be unknown there for a while (AADSTS700016, AADSTS7000229).
 */
const PROPAGATING = new Set(['7000215', '700016', '7000229']);

/** A sign-in with a new secret: the application's client ID and the secret's value. */
export interface SecretCheck {
  readonly settings: Settings;
  readonly clientId: string;
  readonly secret: string;
  readonly warn: (message: string) => void;
  readonly clock?: Clock;
  /** Gives up: the attempt under way ends and no other starts. */
  readonly signal?: AbortSignal;
}

export class SecretCheckFailed extends ActionError {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'SecretCheckFailed';
    this.code = code;
  }
}

/**
 * Signs in with the new secret (client credentials for Graph, the same cloud and tenant) until it
 * works or the timeout passes. Only the outcome is kept: the access token is discarded.
 */
export async function waitUntilSecretWorks(check: SecretCheck): Promise<number> {
  const { settings, clientId, secret, warn, clock, signal } = check;
  const timeoutSeconds = settings.secret.verifyTimeoutSeconds;
  const url = `${settings.cloud.authorityHost}/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0/token`;
  let attempts = 0;
  await withRetry(
    {
      operation: 'sign in with the new client secret',
      classify: (error) =>
        error instanceof SecretCheckFailed && (error.code === undefined || PROPAGATING.has(error.code))
          ? { retry: true, reason: error.code ? `not yet propagated (AADSTS${error.code})` : error.message }
          : { retry: false },
      warn,
      clock,
      signal,
      limits: { maxAttempts: 60, maxElapsedMs: timeoutSeconds * 1000, baseDelayMs: 1_000, maxDelayMs: 8_000 },
    },
    async () => {
      attempts++;
      let reply: HttpReply;
      try {
        reply = await send({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ client_id: clientId, client_secret: secret, grant_type: 'client_credentials', scope: graphScope(settings.cloud) }).toString(),
          signal,
        });
      } catch (error) {
        throw new SecretCheckFailed(`no answer from ${url} (${(error as Error).message})`, undefined);
      }
      if (reply.status >= 200 && reply.status < 300) return;
      const parsed = jsonOrText(reply.text);
      const body = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { error_description?: string; error_codes?: number[] };
      const code = body.error_codes?.[0]?.toString() ?? /AADSTS(\d+)/.exec(body.error_description ?? '')?.[1];
      const description = (body.error_description ?? `HTTP ${reply.status}`).split(/\r?\n/)[0] ?? '';
      throw new SecretCheckFailed(description, code ?? (reply.status >= 500 ? undefined : `HTTP${reply.status}`));
    },
  );
  return attempts;
}

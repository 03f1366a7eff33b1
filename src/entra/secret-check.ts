import { ActionError } from '../errors.ts';
import { ClientSecretCredential } from '@azure/identity';
import { withRetry, type Clock } from '../retry.ts';
import { graphScope, isMicrosoftAuthority } from '../settings/clouds.ts';
import type { Settings } from '../settings/settings.ts';
import { errorChainText } from './sign-in-error.ts';

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
 * Signs in with the new secret (client credentials for Graph, the same cloud and tenant) with
 * @azure/identity's ClientSecretCredential, a fresh one per attempt so that nothing is cached, until it
 * works or the timeout passes. Only the outcome is kept: the access token is discarded.
 */
export async function waitUntilSecretWorks(check: SecretCheck): Promise<number> {
  const { settings, clientId, secret, warn, clock, signal } = check;
  const timeoutSeconds = settings.secret.verifyTimeoutSeconds;
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
      const credential = new ClientSecretCredential(settings.tenantId, clientId, secret, {
        authorityHost: settings.cloud.authorityHost,
        disableInstanceDiscovery: !isMicrosoftAuthority(settings.cloud.authorityHost),
      });
      try {
        await credential.getToken(graphScope(settings.cloud), { abortSignal: signal });
      } catch (error) {
        const text = errorChainText(error);
        const code = /AADSTS(\d+)/.exec(text)?.[1];
        const line = (/AADSTS\d+:[^\r\n]*/.exec(text)?.[0] ?? text.split('\n')[0] ?? '').trim();
        // Without an AADSTS code Entra did not answer the request (network, 5xx): worth another attempt.
        throw new SecretCheckFailed(line, code);
      }
    },
  );
  return attempts;
}

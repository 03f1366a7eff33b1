import { gitHubStatus } from '../github/secrets-api.ts';

/**
 * GitHub's updated_at has whole seconds (docs.github.com/rest/actions/secrets), and the runner's clock
 * and GitHub's may differ by some seconds: an unchanged updated_at proves that a write did not land
 * only when the previous write was well before this one began.
 */
const CLOCK_MARGIN_MS = 60_000;

export interface FailedSecretWrite {
  /** updated_at of the client-secret secret when the run began; null when it had none. */
  readonly before: string | null;
  /** updated_at read after the failure; undefined when it could not be read. */
  readonly after: string | null | undefined;
  /** The runner's clock just before the delivery's writes began. */
  readonly startedAt: number;
  /** GitHub's HTTP status, when it answered. */
  readonly status: number | undefined;
}

/**
 * Whether a failed client-secret write certainly did not land: GitHub refused it (a 4xx other than
 * 408 and 429), or the secret is as it was and a landed write would have changed it. Anything else
 * may have landed. Pure.
 */
export function certainlyNotWritten(write: FailedSecretWrite): boolean {
  const { status, before, after } = write;
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return true;
  if (after === undefined || after !== before) return false;
  return before === null || Date.parse(before) < write.startedAt - CLOCK_MARGIN_MS;
}

export { gitHubStatus };

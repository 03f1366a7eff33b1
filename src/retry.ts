/**
 * The one retry policy: bounded in attempts and in total time, exponential with jitter, honouring
 * a server's Retry-After, each retry logged as a warning with its attempt number. What counts as
 * transient is decided by the caller's classifier, because only the caller knows whether repeating
 * its request is safe.
 */
export type RetryDecision = { readonly retry: false } | { readonly retry: true; readonly reason: string; readonly afterMs?: number | undefined };

export interface RetryLimits {
  readonly maxAttempts: number;
  readonly maxElapsedMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface Clock {
  now(): number;
  /** Waits ms, or until `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      // An abort ends the wait and clears its timer, so nothing holds the process open afterwards.
      const stop = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', stop);
        resolve();
      }, ms);
      signal?.addEventListener('abort', stop, { once: true });
    }),
  random: () => Math.random(),
};

export const DEFAULT_LIMITS: RetryLimits = { maxAttempts: 8, maxElapsedMs: 180_000, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export interface RetryContext {
  readonly operation: string;
  readonly classify: (error: unknown) => RetryDecision;
  readonly warn: (message: string) => void;
  readonly clock?: Clock;
  readonly limits?: Partial<RetryLimits>;
  /** Once it aborts, no further attempt starts: the last failure is thrown. */
  readonly signal?: AbortSignal;
}

export async function withRetry<T>(context: RetryContext, attempt: (n: number) => Promise<T>): Promise<T> {
  const clock = context.clock ?? systemClock;
  const limits = { ...DEFAULT_LIMITS, ...context.limits };
  const started = clock.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const decision = context.classify(error);
      if (!decision.retry || n >= limits.maxAttempts || context.signal?.aborted) throw error;
      const backoff = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (n - 1));
      const jittered = Math.round(backoff * (0.5 + clock.random() / 2));
      const delay = Math.max(decision.afterMs ?? 0, jittered);
      if (clock.now() - started + delay > limits.maxElapsedMs) throw error;
      context.warn(
        `${context.operation}: ${decision.reason}; attempt ${n} of ${limits.maxAttempts} failed, retrying in ${(delay / 1000).toFixed(1)} s`,
      );
      await clock.sleep(delay, context.signal);
      if (context.signal?.aborted) throw error;
    }
  }
}

import { DEFAULT_LIMITS, withRetry, type Clock, type RetryDecision, type RetryLimits } from '../../src/retry.ts';

/** A clock whose sleep only moves time forward and records how long it was asked to wait. */
class FakeClock implements Clock {
  time = 1_000_000;
  readonly sleeps: number[] = [];
  private readonly randomValue: number;
  constructor(randomValue = 0.5) {
    this.randomValue = randomValue;
  }
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
  random(): number {
    return this.randomValue;
  }
}

class Transient extends Error {
  readonly afterMs: number | undefined;
  constructor(afterMs?: number) {
    super('transient');
    this.afterMs = afterMs;
  }
}
class Permanent extends Error {}

const classify = (error: unknown): RetryDecision =>
  error instanceof Transient ? { retry: true, reason: 'throttled (HTTP 429 TooManyRequests)', afterMs: error.afterMs } : { retry: false };

interface Run {
  readonly result: Promise<string>;
  readonly attempts: number[];
  readonly warnings: string[];
  readonly clock: FakeClock;
}

/** Runs withRetry over a script of outcomes: an Error is thrown, a string returned. */
function run(script: (Error | string)[], limits: Partial<RetryLimits> = {}, clock = new FakeClock()): Run {
  const attempts: number[] = [];
  const warnings: string[] = [];
  const result = withRetry({ operation: 'update application obj-1', classify, warn: (m) => warnings.push(m), clock, limits }, async (n) => {
    attempts.push(n);
    const outcome = script[Math.min(n, script.length) - 1];
    if (outcome instanceof Error) throw outcome;
    return outcome ?? 'done';
  });
  return { result, attempts, warnings, clock };
}

const LIMITS = { maxAttempts: 4, maxElapsedMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 30_000 };

describe('withRetry', () => {
  test('returns the first success without waiting', async () => {
    const r = run(['ok'], LIMITS);
    await expect(r.result).resolves.toBe('ok');
    expect(r.attempts).toEqual([1]);
    expect(r.clock.sleeps).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  test.each<[string, (Error | string)[], number[], string | undefined]>([
    ['succeeds on the second attempt', [new Transient(), 'ok'], [1, 2], 'ok'],
    ['succeeds on the last attempt', [new Transient(), new Transient(), new Transient(), 'ok'], [1, 2, 3, 4], 'ok'],
    ['gives up after maxAttempts', [new Transient()], [1, 2, 3, 4], undefined],
    ['stops at once on a permanent error', [new Permanent('no')], [1], undefined],
    ['stops at a permanent error after transient ones', [new Transient(), new Permanent('no'), 'ok'], [1, 2], undefined],
  ])('%s', async (_case, script, attempts, value) => {
    const r = run(script, LIMITS);
    if (value === undefined) await expect(r.result).rejects.toThrow();
    else await expect(r.result).resolves.toBe(value);
    expect(r.attempts).toEqual(attempts);
    expect(r.clock.sleeps).toHaveLength(attempts.length - 1);
    expect(r.warnings).toHaveLength(attempts.length - 1);
  });

  test('rethrows the last error itself', async () => {
    const last = new Transient();
    const r = run([new Transient(), new Transient(), new Transient(), last], LIMITS);
    await expect(r.result).rejects.toBe(last);
  });

  test.each<[string, number, number[]]>([
    // backoff = base * 2^(n-1), capped at maxDelayMs, times 0.5 + random/2
    ['no jitter at random 1', 1, [1_000, 2_000, 4_000]],
    ['half at random 0', 0, [500, 1_000, 2_000]],
    ['three quarters at random 0.5', 0.5, [750, 1_500, 3_000]],
  ])('backs off exponentially with jitter: %s', async (_case, random, sleeps) => {
    const r = run([new Transient()], LIMITS, new FakeClock(random));
    await expect(r.result).rejects.toBeInstanceOf(Transient);
    expect(r.clock.sleeps).toEqual(sleeps);
  });

  test('caps the delay at maxDelayMs', async () => {
    const r = run([new Transient()], { ...LIMITS, maxAttempts: 6, maxDelayMs: 3_000, maxElapsedMs: 600_000 }, new FakeClock(1));
    await expect(r.result).rejects.toBeInstanceOf(Transient);
    expect(r.clock.sleeps).toEqual([1_000, 2_000, 3_000, 3_000, 3_000]);
  });

  test.each<[string, number, number]>([
    ["a longer Retry-After wins over the backoff", 7_000, 7_000],
    ['a shorter Retry-After does not shorten the backoff', 100, 750],
  ])('%s', async (_case, afterMs, expected) => {
    const r = run([new Transient(afterMs), 'ok'], LIMITS);
    await expect(r.result).resolves.toBe('ok');
    expect(r.clock.sleeps).toEqual([expected]);
  });

  test('does not start a wait that would end beyond maxElapsedMs', async () => {
    // Waits 1000, then 2000 would end at 3000 > 2500: the second failure is final.
    const r = run([new Transient()], { ...LIMITS, maxAttempts: 10, maxElapsedMs: 2_500 }, new FakeClock(1));
    await expect(r.result).rejects.toBeInstanceOf(Transient);
    expect(r.attempts).toEqual([1, 2]);
    expect(r.clock.sleeps).toEqual([1_000]);
  });

  test('a Retry-After beyond maxElapsedMs is not waited for', async () => {
    const r = run([new Transient(120_000), 'ok'], { ...LIMITS, maxElapsedMs: 60_000 });
    await expect(r.result).rejects.toBeInstanceOf(Transient);
    expect(r.attempts).toEqual([1]);
    expect(r.clock.sleeps).toEqual([]);
  });

  test('counts time spent in the attempts themselves', async () => {
    const clock = new FakeClock(1);
    const attempts: number[] = [];
    const result = withRetry({ operation: 'op', classify, warn: () => undefined, clock, limits: { ...LIMITS, maxAttempts: 10, maxElapsedMs: 10_000 } }, async (n) => {
      attempts.push(n);
      clock.time += 4_000; // a slow request
      throw new Transient();
    });
    await expect(result).rejects.toBeInstanceOf(Transient);
    // 4000 + 1000 wait + 4000 = 9000; a 2000 wait would end at 11000.
    expect(attempts).toEqual([1, 2]);
  });

  test('logs each retry as a warning naming the operation, the reason and the attempt', async () => {
    const r = run([new Transient(), new Transient(), 'ok'], { ...LIMITS, maxAttempts: 5 }, new FakeClock(1));
    await r.result;
    expect(r.warnings).toEqual([
      'update application obj-1: throttled (HTTP 429 TooManyRequests); attempt 1 of 5 failed, retrying in 1.0 s',
      'update application obj-1: throttled (HTTP 429 TooManyRequests); attempt 2 of 5 failed, retrying in 2.0 s',
    ]);
  });

  test('uses the default limits when none are given', async () => {
    const clock = new FakeClock(0);
    const attempts: number[] = [];
    const result = withRetry({ operation: 'op', classify, warn: () => undefined, clock }, async (n) => {
      attempts.push(n);
      throw new Transient();
    });
    await expect(result).rejects.toBeInstanceOf(Transient);
    expect(attempts).toHaveLength(DEFAULT_LIMITS.maxAttempts);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxDelayMs);
  });
});

describe('withRetry with a signal', () => {
  test('an abort during the wait ends it: the last failure is thrown and no further attempt starts', async () => {
    const abort = new AbortController();
    const attempts: number[] = [];
    const started = Date.now();
    const outcome = withRetry({ operation: 'sign in with the new client secret', classify, warn: () => undefined, signal: abort.signal, limits: { ...LIMITS, baseDelayMs: 5_000 } }, async (n) => {
      attempts.push(n);
      throw new Transient();
    });
    setTimeout(() => abort.abort(), 50);
    await expect(outcome).rejects.toBeInstanceOf(Transient);
    expect(attempts).toEqual([1]);
    // The system clock's wait of at least 2.5 s (5 s with jitter) ended with the abort.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('an abort before a failure is classified: that failure is thrown, nothing is retried', async () => {
    const abort = new AbortController();
    const clock = new FakeClock();
    const attempts: number[] = [];
    const outcome = withRetry({ operation: 'op', classify, warn: () => undefined, clock, signal: abort.signal, limits: LIMITS }, async (n) => {
      attempts.push(n);
      abort.abort();
      throw new Transient();
    });
    await expect(outcome).rejects.toBeInstanceOf(Transient);
    expect(attempts).toEqual([1]);
    expect(clock.sleeps).toEqual([]);
  });
});

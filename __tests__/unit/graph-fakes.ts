import type { GraphContext } from '../../src/graph/calls.ts';
import { GraphRequestError } from '../../src/graph/graph-error.ts';
import type { BatchCalls, BatchOptions, BatchOutcome, BatchOutcomes, GraphCall, GraphHttp, GraphReply } from '../../src/graph/graph-http.ts';
import type { Clock } from '../../src/retry.ts';

/** How the fake answers one call: a reply, or the error Graph would have answered with. */
export type Answer = (call: GraphCall) => BatchOutcome<unknown>;

/** A GraphHttp that answers from a function and records every call, batched or not. */
export class FakeGraph implements GraphHttp {
  readonly sent: GraphCall[] = [];
  readonly batches: { calls: readonly GraphCall[]; options: BatchOptions | undefined }[] = [];
  /** Set to make the next batch fail as a whole (the $batch POST itself had no answer). */
  batchFailure: GraphRequestError | undefined;
  private readonly answer: Answer;

  constructor(answer: Answer) {
    this.answer = answer;
  }

  async send<T>(call: GraphCall): Promise<GraphReply<T>> {
    this.sent.push(call);
    const outcome = this.answer(call);
    if (outcome instanceof GraphRequestError) throw outcome;
    return outcome as GraphReply<T>;
  }

  async batch<Bodies extends readonly unknown[]>(batchCalls: BatchCalls<Bodies>, options?: BatchOptions): Promise<BatchOutcomes<Bodies>> {
    const calls: readonly GraphCall[] = batchCalls;
    this.batches.push({ calls, options });
    const failure = this.batchFailure;
    this.batchFailure = undefined;
    if (failure) throw failure;
    return calls.map((call) => this.answer(call)) as BatchOutcomes<Bodies>;
  }

  /** Every request in the order it was made, batched ones as "METHOD path" too. */
  requests(): string[] {
    return [...this.sent, ...this.batches.flatMap((b) => b.calls)].map((c) => `${c.method} ${c.path}`);
  }
}

export const ok = <T>(body: T, status = 200): GraphReply<T> => ({ status, body });

export const noContent: GraphReply<undefined> = { status: 204, body: undefined };

export function graphError(status: number, code = `HTTP${status}`, extra: { message?: string; outcomeUnknown?: boolean } = {}): GraphRequestError {
  return new GraphRequestError({ operation: 'a test call', status, code, message: extra.message ?? 'failed', outcomeUnknown: extra.outcomeUnknown ?? status >= 500 });
}

/** A clock whose sleeps only move time forward. */
export function fakeClock(): Clock & { sleeps: number[] } {
  let time = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    random: () => 0.5,
  };
}

export interface TestContext extends GraphContext {
  readonly http: FakeGraph;
  readonly warnings: string[];
  readonly masked: string[];
}

export function testContext(answer: Answer): TestContext {
  const warnings: string[] = [];
  const masked: string[] = [];
  return {
    http: new FakeGraph(answer),
    warn: (m) => warnings.push(m),
    mask: (s) => masked.push(s),
    clock: fakeClock(),
    limits: { maxAttempts: 4 },
    warnings,
    masked,
  };
}

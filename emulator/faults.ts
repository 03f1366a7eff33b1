import { graphServiceUnavailable, graphThrottled } from './graph/faults.ts';
import type { FaultResponse, FaultRule, FaultSource, ServiceName } from './types.ts';

// Fault injection: the rule book the services consult, and presets that build rules. Graph's own
// presets and error bodies live in emulator/graph/faults.ts.

interface Entry {
  rule: FaultRule;
  regex: RegExp | undefined;
  seen: number; // matching requests so far
  fired: number; // faults delivered so far
}

/** The fault-injection rule book; rules are consulted in the order they were added. */
export class FaultBook implements FaultSource {
  private entries: Entry[] = [];

  add(rule: FaultRule): void {
    this.entries.push({ rule: { ...rule }, regex: rule.path === undefined ? undefined : new RegExp(rule.path), seen: 0, fired: 0 });
  }

  clear(): void {
    this.entries = [];
  }

  /** Rules that still have faults to deliver, with skip/times reduced to what remains. */
  pending(): FaultRule[] {
    return this.entries
      .filter((e) => e.fired < (e.rule.times ?? 1))
      .map((e) => ({
        ...e.rule,
        skip: Math.max(0, (e.rule.skip ?? 0) - e.seen),
        times: (e.rule.times ?? 1) - e.fired,
      }));
  }

  /**
   * The fault for this request, if any, counting it against the first rule that matches.
   * `inner` requests (members of a Graph $batch) cannot be reset or hung on their own, so socket faults
   * (reset, reset-after, hang) skip them.
   */
  take(service: ServiceName, method: string, pathAndQuery: string, inner = false): FaultResponse | undefined {
    for (const e of this.entries) {
      const times = e.rule.times ?? 1;
      if (e.fired >= times) continue;
      if (e.rule.service !== service) continue;
      if (e.rule.method && e.rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (e.regex && !e.regex.test(pathAndQuery)) continue;
      if (inner && typeof e.rule.response === 'string') continue;
      e.seen++;
      if (e.seen <= (e.rule.skip ?? 0)) return undefined;
      e.fired++;
      const r = e.rule.response;
      return typeof r === 'string' ? r : { status: r.status, headers: { ...r.headers }, body: structuredClone(r.body) };
    }
    return undefined;
  }
}

/**
 * 429 with Retry-After in the answering service's error shape (Graph's: see graphThrottled).
 * learn.microsoft.com/graph/throttling documents Graph's 429 + Retry-After contract.
 */
export function throttle(service: ServiceName, pathRegex: string, times = 1, retryAfterSeconds = 1): FaultRule {
  const headers = { 'Retry-After': String(retryAfterSeconds) };
  let response: FaultRule['response'];
  if (service === 'graph') {
    response = graphThrottled(headers);
  } else if (service === 'github') {
    // GitHub's secondary rate limit (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).
    response = { status: 429, headers, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits', status: '429' } };
  } else if (service === 'entra') {
    // AADSTS50196 is Entra's loop/throttle protection code; body in Entra's error shape (without trace ids).
    response = { status: 429, headers, body: { error: 'temporarily_unavailable', error_description: 'AADSTS50196: The server terminated an operation because it encountered a client request loop.', error_codes: [50196] } };
  } else {
    response = { status: 429, headers, body: { message: 'Too Many Requests' } };
  }
  return { service, path: pathRegex, times, response };
}

/** 503 with Retry-After; Graph's body is graphServiceUnavailable's. */
export function serviceUnavailable(service: ServiceName, pathRegex: string, times = 1, retryAfterSeconds = 1): FaultRule {
  const headers = { 'Retry-After': String(retryAfterSeconds) };
  const response: FaultRule['response'] = service === 'graph' ? graphServiceUnavailable(headers) : { status: 503, headers, body: { message: 'Service Unavailable' } };
  return { service, path: pathRegex, times, response };
}

/** Destroys the connection without answering; `after` performs the operation first (uncertain outcome). */
export function connectionReset(service: ServiceName, pathRegex: string, after = false, times = 1, method?: string): FaultRule {
  return { service, path: pathRegex, times, response: after ? 'reset-after' : 'reset', ...(method ? { method } : {}) };
}

/**
 * Receives and logs the request but never answers it; the socket stays open until the client gives
 * up or the emulator closes. Freezes a client (the action) at that request, e.g. so a test can kill it.
 */
export function hang(service: ServiceName, pathRegex: string, times = 1, method?: string): FaultRule {
  return { service, path: pathRegex, times, response: 'hang', ...(method ? { method } : {}) };
}

/**
 * Waiting for the portal to answer after a restart: its base URL is requested until any HTTP status
 * below 500 comes back (a login page, a redirect or a 401 all mean the server is up; the 503 of a
 * starting Tomcat or a refused connection do not), bounded by a timeout.
 */

export interface WaitRequest {
  readonly url: string;
  readonly timeoutSeconds: number;
}

export interface WaitDeps {
  readonly fetch: typeof fetch;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Between attempts; 2 s by default. */
  readonly intervalMs?: number;
}

export interface PortalUp {
  readonly status: number;
  readonly seconds: number;
  readonly attempts: number;
}

export async function waitForPortal(request: WaitRequest, deps: WaitDeps): Promise<PortalUp> {
  const started = deps.now();
  const deadline = started + request.timeoutSeconds * 1000;
  const interval = deps.intervalMs ?? 2000;
  let last = 'no answer yet';
  for (let attempts = 1; ; attempts += 1) {
    const remaining = deadline - deps.now();
    try {
      // Redirects are not followed: a redirect to the sign-in page already shows the portal is up.
      const response = await deps.fetch(request.url, { redirect: 'manual', signal: AbortSignal.timeout(Math.max(1, Math.min(10_000, remaining))) });
      await response.body?.cancel();
      if (response.status < 500) return { status: response.status, seconds: Math.round((deps.now() - started) / 1000), attempts };
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = describeFailure(error);
    }
    if (deps.now() + interval >= deadline) {
      throw new Error(`The portal did not answer ${request.url} with a status below 500 within ${request.timeoutSeconds} s (${attempts} attempts; last: ${last}).`);
    }
    await deps.sleep(interval);
  }
}

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer within 10 s';
  return error instanceof Error ? error.message : String(error);
}

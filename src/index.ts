import { startEarlyRequests } from './entra/early-requests.ts';
import { failStep, maskValue, readInput, warn } from './runner-io.ts';
import { customEndpointWarnings } from './settings/endpoints.ts';
import { readSettings } from './settings/read-settings.ts';
import type { Settings } from './settings/settings.ts';
import { unexpectedInputsWarning } from './settings/unknown-inputs.ts';
import { milestone } from './milestone.ts';

/** How long loading waits for the early requests to leave: a slow network is no reason to load late. */
const SEND_WAIT_MS = 100;
/** How long the rest waits for the token request to leave: a slow OIDC token service is no reason to show nothing. */
const TOKEN_WAIT_MS = 1_000;

// A misspelt input is ignored, so it is named in a warning, as the runner does for unknown `with:` keys.
const unexpected = unexpectedInputsWarning(process.env);
// Inputs are validated before anything else loads: bad input fails at once, with no request made.
let settings: Settings | undefined;
try {
  settings = readSettings((name) => readInput(name), process.env);
} catch (error) {
  if (unexpected) warn(unexpected);
  failStep(error);
}
if (settings) {
  // The OIDC token and the authority's metadata are requested first, side by side, before the log's
  // first line. Loading code blocks the event loop, which would hold back a request that has not left
  // yet, so each step loads only once the requests before it are on their way: MSAL once these two
  // have left, the rest of the action once the token request has (`npm run bench`: time to first
  // request, wall time).
  const { early, sent, cancel } = startEarlyRequests(settings, process.env, maskValue);
  if (unexpected) warn(unexpected);
  for (const warning of customEndpointWarnings(settings.cloud)) warn(warning);
  // The runner masks secrets it passes in, but a token minted by an earlier step may not be.
  if (settings.delivery.target !== 'none') maskValue(settings.delivery.token);
  try {
    await firstOf(sent, SEND_WAIT_MS);
    const tokenRequested = milestone();
    const { signInToGraph } = await import('./entra/sign-in.ts');
    const signIn = signInToGraph(settings, early, maskValue, tokenRequested.resolve);
    // A failed sign-in is reported by main, in its sign-in log group.
    await firstOf(Promise.race([tokenRequested.promise, signIn.then(noop, noop)]), TOKEN_WAIT_MS);
    const { run } = await import('./main.ts');
    await run(settings, { ...early, signIn });
  } catch (error) {
    // Only a chunk of dist/ that cannot load gets here: run() reports every failure of its own.
    failStep(error);
  } finally {
    // The run has ended and reported; nothing waits for a request still on its way.
    cancel();
  }
}

function noop(): void {}

function firstOf(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
    void promise.then(resolve);
  });
}

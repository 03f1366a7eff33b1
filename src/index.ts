import { createIdTokenSource, fetchIdToken } from './entra/id-token.ts';
import { failStep, maskValue, readInput, warn } from './runner-io.ts';
import { customEndpointWarnings } from './settings/endpoints.ts';
import { readSettings } from './settings/read-settings.ts';
import type { Settings } from './settings/settings.ts';
import { unexpectedInputsWarning } from './settings/unknown-inputs.ts';

// A misspelt input is ignored, so say so first, as the runner does for unknown `with:` keys.
const unexpected = unexpectedInputsWarning(process.env);
if (unexpected) warn(unexpected);
// Inputs are validated before anything else loads: bad input fails at once, with no request made.
let settings: Settings | undefined;
try {
  settings = readSettings((name) => readInput(name), process.env);
} catch (error) {
  failStep(error);
}
if (settings) {
  for (const warning of customEndpointWarnings(settings.cloud)) warn(warning);
  // The runner masks secrets it passes in, but a token minted by an earlier step may not be.
  if (settings.delivery.target !== 'none') maskValue(settings.delivery.token);
  // The OIDC token is requested now, while the modules that sign in and call Graph load.
  const env = process.env;
  const idToken = createIdTokenSource(settings.audience, (audience) => fetchIdToken(audience, env, maskValue), env);
  idToken().catch(() => undefined);
  const { run } = await import('./main.ts');
  await run(settings, idToken);
}

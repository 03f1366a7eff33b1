import { createIdTokenSource, fetchIdToken } from './entra/id-token.ts';
import { failStep, maskValue, readInput } from './runner-io.ts';
import { readSettings } from './settings/read-settings.ts';
import type { Settings } from './settings/settings.ts';

// Inputs are validated before anything else loads: bad input fails at once, with no request made.
let settings: Settings | undefined;
try {
  settings = readSettings((name) => readInput(name), process.env);
} catch (error) {
  failStep(error);
}
if (settings) {
  // The runner masks secrets it passes in, but a token minted by an earlier step may not be.
  if (settings.delivery.target !== 'none') maskValue(settings.delivery.token);
  // The OIDC token is requested now, while the modules that sign in and call Graph load.
  const env = process.env;
  const idToken = createIdTokenSource(settings.audience, (audience) => fetchIdToken(audience, env, maskValue), env);
  idToken().catch(() => undefined);
  const { run } = await import('./main.ts');
  await run(settings, idToken);
}

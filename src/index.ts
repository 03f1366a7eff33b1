import { failStep, readInput } from './runner-io.ts';
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
  const { run } = await import('./main.ts');
  await run(settings);
}

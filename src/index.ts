import { runAction } from './main.ts';

// The action's entry point (action.yml runs dist/index.js, the bundle of this file).
await runAction();

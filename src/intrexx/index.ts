import { run } from './main.ts';

// The writer's entry point (intrexx/action.yml runs intrexx/dist/index.js, the bundle of this file).
await run();

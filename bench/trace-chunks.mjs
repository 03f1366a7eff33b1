// Preloaded with NODE_OPTIONS=--import=<this file> by bench/run.ts in its untimed tracing runs:
// records which files under dist/ the action loads, and appends their names to BENCH_CHUNK_TRACE on exit.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const out = process.env.BENCH_CHUNK_TRACE;
const loaded = new Set();
registerHooks({
  load(url, context, nextLoad) {
    const m = /\/dist\/([^/]+\.js)$/.exec(url);
    if (m) loaded.add(m[1]);
    return nextLoad(url, context);
  },
});
process.on('exit', () => {
  if (out) appendFileSync(out, `${[...loaded].join(' ')}\n`);
});

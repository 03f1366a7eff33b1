// Preloaded with NODE_OPTIONS=--import=<this file> by the benchmark in its untimed runs only:
// - BENCH_CHUNK_TRACE=<file>: records which files under dist/ the action loads (a synchronous module
//   hook, nodejs.org/api/module.html#moduleregisterhooksoptions) and appends their names to the file on exit;
// - BENCH_RSS_OUT=<file>: writes the process's peak resident set size in KiB on exit:
//   process.resourceUsage().maxRSS, "the maximum resident set size used in kilobytes"
//   (nodejs.org/api/process.html#processresourceusage; getrusage(2)'s ru_maxrss).
// 'exit' is emitted on a normal end and on process.exit() (nodejs.org/api/process.html#event-exit).
import { appendFileSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const chunksOut = process.env.BENCH_CHUNK_TRACE;
const rssOut = process.env.BENCH_RSS_OUT;
const loaded = new Set();
if (chunksOut) {
  registerHooks({
    load(url, context, nextLoad) {
      const m = /\/dist\/([^/]+\.js)$/.exec(url);
      if (m) loaded.add(m[1]);
      return nextLoad(url, context);
    },
  });
}
process.on('exit', () => {
  if (chunksOut) appendFileSync(chunksOut, `${[...loaded].join(' ')}\n`);
  if (rssOut) writeFileSync(rssOut, String(process.resourceUsage().maxRSS));
});

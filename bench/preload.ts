/**
 * Untimed runs with bench/trace-run.mjs preloaded: which dist/ files a run loads, and its peak RSS.
 * The preload is never part of a timed run.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../scripts/run-action.ts';

const PRELOAD = path.join(ROOT, 'bench', 'trace-run.mjs');

export interface Traced {
  /** dist/ file names loaded, index.js first. */
  readonly chunks: readonly string[];
  /** Peak resident set size in KiB (process.resourceUsage().maxRSS). */
  readonly maxRssKiB: number;
}

export const chunkOrder = (a: string, b: string): number => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b, 'en', { numeric: true }));

/**
 * Calls `run` with the environment that preloads the tracer, then reads what it recorded. Without
 * `chunks` no module hook is registered, so the peak RSS is the action's alone (plus the tiny preload).
 */
export async function traced(run: (env: Record<string, string>) => Promise<unknown>, { chunks = true } = {}): Promise<Traced> {
  const dir = await mkdtemp(path.join(tmpdir(), 'intrexx-bench-'));
  const chunksFile = path.join(dir, 'chunks');
  const rssFile = path.join(dir, 'rss');
  try {
    await writeFile(chunksFile, '');
    await run({ NODE_OPTIONS: `--import=${PRELOAD}`, BENCH_RSS_OUT: rssFile, ...(chunks ? { BENCH_CHUNK_TRACE: chunksFile } : {}) });
    const names = (await readFile(chunksFile, 'utf8')).split(/\s+/).filter(Boolean);
    const maxRssKiB = Number(await readFile(rssFile, 'utf8'));
    if (!Number.isFinite(maxRssKiB) || maxRssKiB <= 0) throw new Error(`the preload recorded no peak RSS (${maxRssKiB})`);
    return { chunks: [...new Set(names)].sort(chunkOrder), maxRssKiB };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

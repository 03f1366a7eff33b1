/** The bundle table: every dist/*.js file, its size raw and gzipped, and where most of it comes from. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../scripts/run-action.ts';
import type { BundleFile } from './figures.ts';
import { chunkOrder } from './preload.ts';

const DIST = path.join(ROOT, 'dist');

/** `loadedBy` maps each scenario id to the dist/ files its traced run loaded. */
export async function measureBundle(loadedBy: ReadonlyMap<string, readonly string[]>): Promise<BundleFile[]> {
  const names = (await readdir(DIST)).filter((n) => n.endsWith('.js')).sort(chunkOrder);
  const files: BundleFile[] = [];
  for (const name of names) {
    const file = path.join(DIST, name);
    const text = await readFile(file);
    const counts = new Map<string, number>();
    for (const m of text.toString('utf8').matchAll(/node_modules\/((?:@[\w.-]+\/)?[\w.-]+)/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
    const packages = [...counts].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([p]) => p);
    const by = [...loadedBy].filter(([, chunks]) => chunks.includes(name)).map(([id]) => id);
    files.push({ name, bytes: (await stat(file)).size, gzipBytes: gzipSync(text).length, packages, loadedBy: by });
  }
  return files;
}

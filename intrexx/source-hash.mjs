// The fingerprint of what intrexx/dist/ is built from: every file under src/intrexx/, package-lock.json,
// tsconfig.json and src/tsconfig.json. The build writes it to intrexx/dist/source-hash.txt
// (`node intrexx/source-hash.mjs --write`); the test that runs intrexx/dist/index.js refuses a bundle
// whose fingerprint differs, so it never passes against stale code. `--check` exits 1 when stale.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HASH_FILE = path.join(ROOT, 'intrexx', 'dist', 'source-hash.txt');

async function files(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)])));
  return nested.flat();
}

export async function sourceHash() {
  const inputs = [...(await files(path.join(ROOT, 'src', 'intrexx'))), ...['package-lock.json', 'tsconfig.json', 'src/tsconfig.json'].map((f) => path.join(ROOT, f))].sort();
  const hash = createHash('sha256');
  for (const file of inputs) hash.update(path.relative(ROOT, file).split(path.sep).join('/')).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

/** Undefined when intrexx/dist/ was built from the sources as they are; otherwise why not. */
export async function staleBundle() {
  const [expected, built] = await Promise.all([sourceHash(), readFile(HASH_FILE, 'utf8').catch(() => '')]);
  if (built.trim() === expected) return undefined;
  return built ? 'intrexx/dist/ was built from other sources than src/intrexx/ holds now' : 'intrexx/dist/ has no source-hash.txt';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write')) await writeFile(HASH_FILE, `${await sourceHash()}\n`);
  if (process.argv.includes('--check')) {
    const stale = await staleBundle();
    if (stale) {
      console.error(`${stale}: rebuild it (see intrexx/README.md, "Building").`);
      process.exit(1);
    }
  }
}

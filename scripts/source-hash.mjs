// The fingerprint of what dist/ is built from: every file under src/ but src/intrexx/ (the
// configuration writer, bundled to intrexx/dist/), package-lock.json and tsconfig.json. `npm run build` writes it to dist/source-hash.txt; the tests that run dist/index.js
// refuse a dist/ whose fingerprint differs, so they never pass against stale code.
// `node scripts/source-hash.mjs --write` writes it; `--check` exits 1 when dist/ is stale.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HASH_FILE = path.join(ROOT, 'dist', 'source-hash.txt');

/** Every file below `dir`. */
export async function files(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)])));
  return nested.flat();
}

/** The SHA-256 of these files' paths (relative to the repository, with '/') and contents. Also intrexx/source-hash.mjs's. */
export async function fingerprint(inputs) {
  const hash = createHash('sha256');
  for (const file of [...inputs].sort()) hash.update(path.relative(ROOT, file).split(path.sep).join('/')).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

/** Undefined when `hashFile` holds `expected`; otherwise why not, naming the bundle (`what`) and its sources. */
export async function staleness(hashFile, expected, what) {
  const built = await readFile(hashFile, 'utf8').catch(() => '');
  if (built.trim() === expected) return undefined;
  return built ? `${what.bundle} was built from other sources than ${what.sources} holds now` : `${what.bundle} has no source-hash.txt`;
}

export async function sourceHash() {
  const writer = path.join(ROOT, 'src', 'intrexx') + path.sep;
  const sources = (await files(path.join(ROOT, 'src'))).filter((file) => !file.startsWith(writer));
  return fingerprint([...sources, path.join(ROOT, 'package-lock.json'), path.join(ROOT, 'tsconfig.json')]);
}

/** Undefined when dist/ was built from the sources as they are; otherwise why not. */
export async function staleDist() {
  return staleness(HASH_FILE, await sourceHash(), { bundle: 'dist/', sources: 'src/' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write')) await writeFile(HASH_FILE, `${await sourceHash()}\n`);
  if (process.argv.includes('--check')) {
    const stale = await staleDist();
    if (stale) {
      console.error(`${stale}: run npm run build.`);
      process.exit(1);
    }
  }
}

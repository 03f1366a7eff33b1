// The fingerprint of what intrexx/dist/ is built from: every file under src/intrexx/, package-lock.json,
// tsconfig.json and src/tsconfig.json. The build writes it to intrexx/dist/source-hash.txt
// (`node intrexx/source-hash.mjs --write`); the test that runs intrexx/dist/index.js refuses a bundle
// whose fingerprint differs, so it never passes against stale code. `--check` exits 1 when stale.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { files, fingerprint, staleness } from '../scripts/source-hash.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HASH_FILE = path.join(ROOT, 'intrexx', 'dist', 'source-hash.txt');

export async function sourceHash() {
  return fingerprint([...(await files(path.join(ROOT, 'src', 'intrexx'))), ...['package-lock.json', 'tsconfig.json', 'src/tsconfig.json'].map((f) => path.join(ROOT, f))]);
}

/** Undefined when intrexx/dist/ was built from the sources as they are; otherwise why not. */
export async function staleBundle() {
  return staleness(HASH_FILE, await sourceHash(), { bundle: 'intrexx/dist/', sources: 'src/intrexx/' });
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

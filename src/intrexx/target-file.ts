/** Where the file to edit lives in the portal folder, and reading it with a useful error. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Target } from './settings.ts';

/** internal/cfg/om.cfg, or internal/cfg/odata/connector/<file> (the connector instances, not template/). */
export function targetFile(portalDir: string, target: Target): string {
  const cfg = path.join(portalDir, 'internal', 'cfg');
  return target.kind === 'om-cfg' ? path.join(cfg, 'om.cfg') : path.join(cfg, 'odata', 'connector', target.fileName);
}

export async function readTarget(file: string, target: Target): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Failed to read ${file}: ${String(error)}`);
    if (target.kind === 'om-cfg') {
      throw new Error(`${file} does not exist: portal-dir must be the portal's folder (the one holding internal/cfg, e.g. /opt/intrexx/org/<portal>).`);
    }
    const folder = path.dirname(file);
    const present = await readdir(folder).then(
      (names) => names.filter((name) => name.endsWith('.xml')),
      () => undefined,
    );
    const found = present === undefined ? `${folder} does not exist either` : present.length > 0 ? `the folder has ${present.join(', ')}` : 'the folder has no connector files';
    throw new Error(`${file} does not exist (${found}). connector names a file in internal/cfg/odata/connector, <connectorId>_<name>.xml.`);
  }
}

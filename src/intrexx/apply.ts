/**
 * The executor: applies a plan to the file, atomically, after keeping a backup.
 *
 * 1. The new content goes to a temporary file in the same folder (`.<name>.<pid>.<random>.tmp`),
 *    with the original's mode and owner, and is flushed to disk (fsync).
 * 2. The original bytes, as they were read and planned on, go to `<file>.bak-<UTC timestamp>` next
 *    to it (the suffix after `.xml` / `.cfg`, so Intrexx does not take a backup for a configuration).
 * 3. The file is read once more: if anything else changed it meanwhile, everything stops.
 * 4. The temporary file is renamed over the original (atomic on one file system), and the folder is
 *    flushed so the rename survives a crash.
 * Any failure before the rename removes the temporary file and the backup: the folder is as it was.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Edit, FilePlan } from './plan.ts';

export interface Written {
  readonly file: string;
  readonly backup: string;
}

/** The original bytes with the edits applied; every other byte stays as it was. */
export function applyEdits(original: Uint8Array, edits: readonly Edit[]): Buffer {
  const text = Buffer.from(original).toString('latin1');
  let result = '';
  let from = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    if (edit.start < from) throw new Error(`Overlapping edits at byte ${edit.start}: the plan is inconsistent.`);
    result += text.slice(from, edit.start) + edit.replacement;
    from = edit.end;
  }
  return Buffer.from(result + text.slice(from), 'latin1');
}

/** The backup's path for a run at `now`: `<file>.bak-20250102T030405Z`. */
export function backupPath(file: string, now: Date, attempt = 1): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${file}.bak-${stamp}${attempt > 1 ? `-${attempt}` : ''}`;
}

/** Writes the planned edits to plan.file. `original` is what the plan was made from. */
export async function applyPlan(plan: FilePlan, original: Buffer, now: Date): Promise<Written> {
  const { file } = plan;
  const info = await stat(file);
  refuseForeignOwner(file, info);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let backup: string | undefined;
  try {
    await writeDurably(temp, applyEdits(original, plan.edits), info);
    backup = await writeBackup(file, original, { info, now });
    const current = await readFile(file);
    if (!current.equals(original)) {
      throw new Error(`${file} changed while the writer was working (is the Portal Manager saving it?). Nothing was changed; run again.`);
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    if (backup) await rm(backup, { force: true });
    throw error instanceof Error && error.message.startsWith(file) ? error : new Error(`Failed to write ${file}: ${String(error)}. Nothing was changed.`);
  }
  await syncFolder(path.dirname(file));
  return { file, backup };
}

/**
 * The new file must keep the original's owner, or the portal (and the Portal Manager, which writes
 * these files too) may lose access. Only root can give a file to another user.
 */
function refuseForeignOwner(file: string, info: Stats): void {
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0 || uid === info.uid) return;
  throw new Error(`${file} belongs to uid ${info.uid}, but the writer runs as uid ${uid}: run it as the file's owner (or root) so the file keeps its owner. Nothing was changed.`);
}

async function writeBackup(file: string, original: Buffer, at: { info: Stats; now: Date }): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const candidate = backupPath(file, at.now, attempt);
    try {
      await writeDurably(candidate, original, at.info);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
    }
  }
}

/** Creates `target` (never overwriting), with the mode and owner of `like`, and flushes it to disk. */
async function writeDurably(target: string, content: Uint8Array, like: Stats): Promise<void> {
  const handle = await open(target, 'wx', like.mode & 0o777);
  try {
    await handle.chmod(like.mode & 0o7777);
    await keepOwner(handle, like);
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(target, { force: true });
    throw error;
  }
  await handle.close();
}

async function keepOwner(handle: FileHandle, like: Stats): Promise<void> {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid === undefined || (uid === like.uid && gid === like.gid)) return;
  await handle.chown(like.uid, like.gid);
}

/** Flushes a folder's entries (the rename) to disk; not possible on Windows, where it is skipped. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a folder for fsync (EISDIR/EPERM); the rename itself has happened.
  } finally {
    await handle?.close();
  }
}

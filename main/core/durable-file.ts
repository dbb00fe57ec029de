import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Files that survive a crash or a power cut at any instant: written whole to a
 * temporary file, fsynced, renamed into place, and the folder fsynced so the
 * rename itself is on disk. After a crash a file holds the old content or the
 * new, never a mix; what a crash leaves behind is only a temporary file.
 */

/** The temporary file `file` is written through; the pid keeps two writers' halves apart. */
function temporaryFileFor(file: string): string {
  return `${file}.${process.pid}.tmp`;
}

/** Replaces `file` with `data`, durably (see above). */
export function replaceFileDurably(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = temporaryFileFor(file);
  writeAndSync(temp, data, 'w');
  renameSync(temp, file);
  syncFolder(path.dirname(file));
}

/** Creates `file`, which must not exist yet (EEXIST otherwise), and makes it durable. */
export function createFileDurably(file: string, data: string | Uint8Array): void {
  writeAndSync(file, data, 'wx');
  syncFolder(path.dirname(file));
}

function writeAndSync(file: string, data: string | Uint8Array, flags: 'w' | 'wx'): void {
  const fd = openSync(file, flags);
  try {
    writeFileSync(fd, data);
    // On the descriptor that wrote: Windows flushes only through a writable handle.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes the temporary files of `file` that a crash between write and rename left
 * behind (they never were the file: the rename is the commit). Returns their names.
 * Only for a file no other process writes (the user-data lock sees to that).
 */
export function removeUnfinishedWrites(file: string): string[] {
  const folder = path.dirname(file);
  const pattern = new RegExp(`^${escapeRegExp(path.basename(file))}\\.\\d+\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => pattern.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  for (const name of names) unlinkSync(path.join(folder, name));
  if (names.length > 0) syncFolder(folder);
  return names;
}

/**
 * Renames `file` to `<stem>-<time><extension>` beside it, never over an existing
 * file (a counter is added instead), durably. Returns the new path.
 */
export function moveAside(file: string, stem: string, extension: string, now = new Date()): string {
  const aside = freeNameBeside(file, stem, extension, now);
  renameSync(file, aside);
  syncFolder(path.dirname(file));
  return aside;
}

/** `<folder of file>/<stem>-<time><extension>`, with `-2`, `-3`… when the time is taken. */
export function freeNameBeside(file: string, stem: string, extension: string, now = new Date()): string {
  // ISO time with the colons Windows forbids in file names replaced.
  const base = path.join(path.dirname(file), `${stem}-${now.toISOString().replaceAll(':', '-')}`);
  let candidate = `${base}${extension}`;
  for (let n = 2; existsSync(candidate); n += 1) candidate = `${base}-${n}${extension}`;
  return candidate;
}

/** Errors that say "this platform or file system cannot fsync a folder", not "the disk failed". */
const FOLDER_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP', 'EBADF']);

/** Makes renames and creations in `folder` durable; a no-op where folders cannot be opened or synced (Windows). */
export function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch (error) {
    if (!FOLDER_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { NewsgraphError } from '../errors.js';

let counter = 0;
/** Size of the buffer pieces are encoded into before they go to the file. */
const BATCH_BYTES = 1 << 20;

/**
 * Writes `data` to `path` so that a reader sees either the old file or the new one, never a part: the bytes go to a
 * temporary file in the same folder (same file system, so the rename is atomic), are flushed, then renamed over.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>, options: { durable?: boolean } = {}): void {
  try {
    writeAtomically(path, data, options.durable ?? true);
  } catch (error) {
    throw writeError(path, error);
  }
}

/** A failure to write `path` as a one-line error naming it, when the user can fix it; anything else as it is. */
export function writeError(path: string, error: unknown): unknown {
  const why = WRITE_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ''];
  return why ? new NewsgraphError(`${path}: cannot write: ${why}`) : error;
}

/** Failures the user can fix, in their words; anything else is a bug and reported as one. */
const WRITE_PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'is a folder', ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded', EROFS: 'read-only file system', ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'part of the path is a file, not a folder',
};

/** Writes `data` to the open file `fd`: text as UTF-8, bytes as they are. */
export function writePieces(fd: number, data: string | Uint8Array | Iterable<string | Uint8Array>): void {
  const write = (buffer: Uint8Array) => {
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
  };
  if (typeof data === 'string') write(Buffer.from(data, 'utf8'));
  else if (data instanceof Uint8Array) write(data);
  else {
    // Large outputs arrive in pieces and are encoded straight into one reused 1 MB buffer, flushed when full: never
    // held whole in memory, and never joined into big strings, which V8 puts in the old generation, where a
    // 125 MB graph.json left its batches until the next full collection, at the build's peak.
    const buffer = Buffer.allocUnsafe(BATCH_BYTES);
    let used = 0;
    for (const piece of data) {
      if (typeof piece !== 'string') {
        // Bytes copied from an earlier file (an incremental rebuild) go as they are, but after what came before.
        if (used + piece.length > buffer.length) {
          write(buffer.subarray(0, used));
          used = 0;
        }
        if (piece.length > buffer.length) write(piece);
        else used += Buffer.from(piece.buffer, piece.byteOffset, piece.length).copy(buffer, used);
        continue;
      }
      // UTF-8 takes at most three bytes per UTF-16 code unit.
      if (used + piece.length * 3 > buffer.length) {
        write(buffer.subarray(0, used));
        used = 0;
        if (piece.length * 3 > buffer.length) {
          write(Buffer.from(piece, 'utf8'));
          continue;
        }
      }
      used += buffer.write(piece, used, 'utf8');
    }
    write(buffer.subarray(0, used));
  }
}

function writeAtomically(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>, durable: boolean): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writePieces(fd, data);
      // Flushing makes the new file survive a crash; caches that are cheap to rebuild skip it for speed.
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  if (durable) {
    syncDir(dir);
    removeStaleTemporaries(dir, basename(path));
  }
}

/**
 * A writer killed mid-write (SIGKILL, power loss) leaves its temporary file behind: harmless, but litter. Those of
 * processes that no longer run are removed at the next successful write of the same file.
 */
function removeStaleTemporaries(dir: string, name: string): void {
  const prefix = `.${name}.`;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const pid = Number(entry.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || isProcessRunning(pid)) continue;
    rmSync(join(dir, entry), { force: true });
  }
}

/** Whether a process with this id runs (one we may not signal runs too). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Makes the rename itself durable; not every platform lets a folder be opened for fsync.
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

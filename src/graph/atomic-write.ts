import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Writes `data` to `path` so that a reader sees either the old file or the new one, never a part: the bytes go to a
 * temporary file in the same folder (same file system, so the rename is atomic), are flushed, then renamed over.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>, options: { durable?: boolean } = {}): void {
  const durable = options.durable ?? true;
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      const write = (buffer: Uint8Array) => {
        let offset = 0;
        while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
      };
      if (typeof data === 'string') write(Buffer.from(data, 'utf8'));
      else if (data instanceof Uint8Array) write(data);
      else {
        // Large outputs arrive in pieces and are written in ~1 MB batches, never held whole in memory. The batches are
        // encoded into one reused buffer: a new buffer per batch is memory outside the JS heap that the collector
        // counts late, and a 125 MB graph.json left about 100 MB of them behind at the build's peak.
        let buffer = Buffer.allocUnsafe(0);
        const flush = (text: string) => {
          if (text.length * 3 > buffer.length) buffer = Buffer.allocUnsafe(text.length * 3);
          write(buffer.subarray(0, buffer.write(text, 0, 'utf8')));
        };
        let batch: string[] = [];
        let size = 0;
        for (const piece of data) {
          batch.push(piece);
          size += piece.length;
          if (size > 1 << 20) { flush(batch.join('')); batch = []; size = 0; }
        }
        if (batch.length) flush(batch.join(''));
      }
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
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    rmSync(join(dir, entry), { force: true });
  }
}

function isRunning(pid: number): boolean {
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

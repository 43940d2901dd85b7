/**
 * One build at a time per output. Two builds writing the same graph.json could leave one's graph.json beside the
 * other's merges.json and incremental state. The lock is a hidden file beside the output holding the builder's
 * process id; a lock whose process is gone (a build killed mid-way) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { NewsgraphError } from '../errors.js';
import { isProcessRunning, writeError } from '../graph/atomic-write.js';

/** Takes the lock for `out`; returns the function that releases it. */
export function lockOutput(out: string): () => void {
  const file = join(dirname(out), `.${basename(out)}.lock`);
  try {
    mkdirSync(dirname(out), { recursive: true });
  } catch (error) {
    throw writeError(out, error);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(file, 'utf8').trim());
    } catch {
      // Released between our attempt and this read: try again.
    }
    if (Number.isInteger(holder) && holder > 0 && isProcessRunning(holder)) {
      throw new NewsgraphError(`${out}: another build (process ${holder}) is writing it; wait for it, or delete ${file} if no build runs`);
    }
    rmSync(file, { force: true });
  }
  throw new NewsgraphError(`${out}: could not take the build lock ${file}`);
}

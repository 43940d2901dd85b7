/**
 * Where the CoNLL-2003 files live: ../shared/data/conll2003 beside the project root. They are read in place and
 * never copied into the project.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONLL_DIR = join(PROJECT_ROOT, '..', 'shared', 'data', 'conll2003');

/** The path of one split, or an explanation of what is missing. */
export function conllFile(split: 'train' | 'valid' | 'test'): string {
  const file = join(CONLL_DIR, `${split}.txt`);
  if (!existsSync(file)) {
    throw new Error(`CoNLL-2003 ${split} split not found at ${file}: the shared data folder (../shared/data/conll2003 beside the project) is needed for this`);
  }
  return file;
}

/** The paths of these splits for a command-line tool; when one is missing, says so in one line and exits with 2. */
export function conllFilesOrExit<S extends 'train' | 'valid' | 'test'>(tool: string, ...splits: S[]): Record<S, string> {
  try {
    return Object.fromEntries(splits.map((split) => [split, conllFile(split)])) as Record<S, string>;
  } catch (error) {
    console.error(`${tool}: ${(error as Error).message}`);
    process.exit(2);
  }
}

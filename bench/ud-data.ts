/**
 * Where the UD English EWT treebank lives: ../shared/data/ud-english-ewt beside the project root. It is read in
 * place and never copied into the project.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './conll-data.js';

export const UD_DIR = join(PROJECT_ROOT, '..', 'shared', 'data', 'ud-english-ewt');

/** The paths of these splits for a command-line tool; when one is missing, says so in one line and exits with 2. */
export function udFilesOrExit<S extends 'train' | 'dev' | 'test'>(tool: string, ...splits: S[]): Record<S, string> {
  const files = Object.fromEntries(splits.map((split) => [split, join(UD_DIR, `en_ewt-ud-${split}.conllu`)])) as Record<S, string>;
  for (const [split, file] of Object.entries(files) as Array<[S, string]>) {
    if (!existsSync(file)) {
      console.error(`${tool}: UD English EWT ${split} split not found at ${file}: the shared data folder (../shared/data/ud-english-ewt beside the project) is needed for this`);
      process.exit(2);
    }
  }
  return files;
}

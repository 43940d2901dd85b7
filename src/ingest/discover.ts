/**
 * Paths given on the command line → the article files they hold, in a stable order.
 */
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { extname, join } from 'node:path';
import { InputError } from '../errors.js';

export const ARTICLE_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.jsonl'] as const;
const EXTENSIONS: ReadonlySet<string> = new Set(ARTICLE_EXTENSIONS);

export function isArticleFile(path: string): boolean {
  return EXTENSIONS.has(extname(path).toLowerCase());
}

function statOrThrow(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message);
  }
}

function walk(dir: string, out: string[], seen: Set<string>): void {
  // A link back to a folder already walked would loop until the system gives up: each real folder is read once.
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    real = dir;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(dir, code === 'EACCES' ? 'permission denied' : (error as Error).message);
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const name = entry.name;
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    // The entry's own type spares a stat per file (a 10,000-file corpus is listed on every build); links are followed.
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (!isDirectory && !isFile) {
      try {
        const stats = statSync(path);
        isDirectory = stats.isDirectory();
        isFile = stats.isFile();
      } catch {
        // A dangling link: listed so that reading it reports the file and the build goes on without it.
        if (isArticleFile(name)) out.push(path);
        continue;
      }
    }
    if (isDirectory) walk(path, out, seen);
    else if (isFile && isArticleFile(name)) out.push(path);
  }
}

/**
 * Files are taken as given (whatever their extension: the user named them); folders are searched recursively for
 * article files, hidden entries skipped. Duplicates are dropped, order is stable.
 */
export function discoverArticleFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const stats = statOrThrow(path);
    if (stats.isDirectory()) {
      const found: string[] = [];
      walk(path, found, new Set());
      if (!found.length) throw new InputError(path, `no articles found (looked for ${ARTICLE_EXTENSIONS.join(', ')})`);
      files.push(...found);
    } else files.push(path);
  }
  return [...new Set(files)];
}

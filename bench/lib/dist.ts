/**
 * Benches measure the compiled code in dist/, which is what users run, outside tsx: tsx rewrites every module it
 * loads (dist/ included) into one minified line with renamed functions, and the extractor ran at 0.48 MB/s that way
 * against 0.63 MB/s as plain node runs it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(repoRoot, 'dist');

/** Exits with a one-line reason when dist/ is missing; warns when some source file is newer than the build. */
export function requireBuiltDist(bench: string, log: (line: string) => void = console.log): void {
  const marker = join(dist, 'cli', 'main.js');
  if (!existsSync(marker)) {
    console.error(`${bench}: ${marker} not found; run \`npm run build:lib\` first`);
    process.exit(2);
  }
  const built = statSync(marker).mtimeMs;
  const newer: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && statSync(path).mtimeMs > built) newer.push(path);
    }
  };
  walk(join(repoRoot, 'src'));
  if (newer.length) log(`warning: ${newer.length} file(s) in src/ are newer than dist/ (e.g. ${newer[0]}); run \`npm run build:lib\` to bench the current code`);
}

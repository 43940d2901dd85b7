/**
 * Real news for the benches: the 1,393 Reuters documents of CoNLL-2003, written as article files by the shared tool
 * (../shared/eval/tools/reuters-articles.mjs) into a folder the caller owns. The data stays in ../shared.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './dist.js';

export const sharedDir = resolve(repoRoot, '..', 'shared');
const tool = join(sharedDir, 'eval', 'tools', 'reuters-articles.mjs');
const conllDir = join(sharedDir, 'data', 'conll2003');
export const sharedStatsTool = join(sharedDir, 'eval', 'tools', 'graph-stats.mjs');

/** Exits with a one-line reason when the shared tool or data is not beside the project; `otherwise` says what else to do. */
export function requireReutersData(bench: string, otherwise = ''): void {
  for (const path of [tool, sharedStatsTool, join(conllDir, 'train.txt'), join(conllDir, 'valid.txt'), join(conllDir, 'test.txt')]) {
    if (!existsSync(path)) {
      console.error(`${bench}: ${path} not found (the Reuters articles are made from ../shared beside the project)${otherwise}`);
      process.exit(2);
    }
  }
}

/** Writes the articles into `dir`; returns what the tool reports (its byte count is of whole files). */
export function writeReutersArticles(dir: string): { articles: number; bytes: number } {
  const out = execFileSync(process.execPath, [tool, conllDir, dir], { encoding: 'utf8' });
  const report = JSON.parse(out.trim().split('\n').pop() ?? '') as { articles: number; bytes: number };
  if (!(report.articles > 0)) throw new Error(`${tool}: wrote no articles into ${dir}`);
  return report;
}

/** The files in memory, as the extraction bench's worker takes them. */
export function readReutersTexts(dir: string): Array<{ id: string; text: string }> {
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => ({ id: f.slice(0, -'.txt'.length), text: readFileSync(join(dir, f), 'utf8') }));
}

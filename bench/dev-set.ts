/**
 * `npm run bench:dev`: builds one graph from the development articles in ../shared/eval/articles and scores it
 * against the gold graphs with the shared scorer (../shared/eval/score.mjs). Prints the scorer's per-article lines
 * and the TOTAL line; `--verbose` lists every miss.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../src/corpus/build-corpus.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const evalDir = join(root, '..', 'shared', 'eval');
if (!existsSync(join(evalDir, 'score.mjs'))) {
  console.error(`bench:dev: ${evalDir} not found (the development set lives beside the project, in ../shared/eval)`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'newsgraph-dev-'));
try {
  const out = join(dir, 'graph.json');
  const started = performance.now();
  const { summary } = await buildCorpus({ paths: [join(evalDir, 'articles')], out, jobs: 1, cache: false });
  console.log(`built ${summary.articles} articles: ${summary.nodes} nodes, ${summary.edges} edges in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  const golds = readdirSync(join(evalDir, 'gold')).filter((f) => f.endsWith('.gold.json')).sort().flatMap((f) => ['--gold', join(evalDir, 'gold', f)]);
  const args = [join(evalDir, 'score.mjs'), '--graph', out, ...golds, ...(process.argv.includes('--verbose') ? ['--verbose'] : [])];
  process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Extraction throughput of the compiled code in dist/ (`npm run bench` builds it first), one core, on two corpora:
 * generated articles (≥ 5 MB by default) and real news, the 1,393 Reuters documents of CoNLL-2003 written as articles
 * by ../shared/eval/tools/reuters-articles.mjs. Each is held in memory and passed to extractArticle in its own worker
 * thread (time-extraction.mjs), after a warm-up, which also times the stages separately (wink tokenising, name
 * tagging, both together as `analyse`) so the rest of the extractor's share, and its ratio to wink alone, are known.
 * Prints medians, then one JSON line (the Reuters fields start with `reuters`).
 *
 *   npm run bench [-- --mb 5 --runs 3 --seed 1 --generated-only]
 *
 * Target: ≥ 1 MB/s on generated text. Real news is much slower per byte; issue 19 holds a whole build of it to ≤ 8×
 * wink alone (npm run bench:reuters).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { generateArticleTexts } from './lib/corpus-generator.js';
import { repoRoot, requireBuiltDist } from './lib/dist.js';
import { median } from './lib/median.js';
import { readReutersTexts, requireReutersData, writeReutersArticles } from './lib/reuters-articles.js';
import { parseTextArticle } from '../src/ingest/text-article.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'generated-only': { type: 'boolean', default: false },
  },
});
const mbWanted = Number(values.mb);
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!(mbWanted > 0) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('bench/extract: --mb must be a positive number, --runs a positive integer, --seed an integer');
  process.exit(2);
}

requireBuiltDist('bench/extract');
const withReuters = !values['generated-only'];
if (withReuters) requireReutersData('bench/extract', '; --generated-only times generated text alone');

// --- Input: generated articles, about `--mb` megabytes of text.
console.log(`generating articles (seed ${seed})`);
// Counted as article bodies (headers excluded), as the worker will read them.
const texts: Array<{ id: string; text: string }> = [];
let bodyBytes = 0;
for (const article of generateArticleTexts({ articles: Number.MAX_SAFE_INTEGER, seed })) {
  texts.push(article);
  bodyBytes += Buffer.byteLength(parseTextArticle(article.text, { id: article.id, file: `${article.id}.txt` }).body);
  if (bodyBytes >= mbWanted * 1e6) break;
}

type Stage = 'extract' | 'analyse' | 'tokenise' | 'tag';
interface Timings { articles: number; bytes: number; seconds: Record<Stage, number[]>; cpuSeconds: Record<Stage, number[]> }

/** One corpus timed in a fresh worker thread, so neither corpus runs on code the JIT shaped for the other. */
function timeCorpus(corpus: string, corpusTexts: Array<{ id: string; text: string }>): Promise<Timings> {
  return new Promise<Timings>((resolve, reject) => {
    const worker = new Worker(new URL('./lib/time-extraction.mjs', import.meta.url), {
      workerData: { distUrl: pathToFileURL(join(repoRoot, 'dist/')).href, texts: corpusTexts, runs, corpus },
    });
    worker.on('message', (message: { line?: string; result?: Timings }) => {
      if (message.line !== undefined) console.log(message.line);
      if (message.result) resolve(message.result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`bench/extract: the timing worker exited with code ${code}`)));
  });
}

/** Prints a corpus's medians; returns its figures for the JSON line. */
function report(corpus: string, timings: Timings, target = '') {
  const { seconds, cpuSeconds } = timings;
  const mb = timings.bytes / 1e6;
  const articleCount = timings.articles;
  const extract = median(seconds.extract);
  const analysed = median(seconds.analyse);
  const wink = median(seconds.tokenise);
  const rest = Math.max(0, extract - analysed);
  const pct = (x: number) => `${((100 * x) / extract).toFixed(0)}%`;
  const cpu = (stage: Stage) => median(cpuSeconds[stage]);
  console.log(`${corpus}: medians of ${runs} runs over ${mb.toFixed(2)} MB (${articleCount} articles):`);
  console.log(`  extractArticle  ${(mb / extract).toFixed(2)} MB/s, ${(articleCount / extract).toFixed(0)} articles/s, ${(extract / wink).toFixed(2)}× wink alone${target}`);
  console.log(`  analyse         ${analysed.toFixed(2)} s  ${pct(analysed)} of extraction (wink ${wink.toFixed(2)} s, name tagger ${median(seconds.tag).toFixed(2)} s)`);
  console.log(`  the rest        ${rest.toFixed(2)} s  ${pct(rest)} (mentions, local resolution, relations)`);
  // On a busy machine wall time includes waiting for a core; CPU time is what the code itself costs.
  console.log(`  by CPU time     extract ${cpu('extract').toFixed(2)} s = ${(mb / cpu('extract')).toFixed(2)} MB/s; analyse ${cpu('analyse').toFixed(2)} s ` +
    `(${((100 * cpu('analyse')) / cpu('extract')).toFixed(0)}%: wink ${cpu('tokenise').toFixed(2)} s, tagger ${cpu('tag').toFixed(2)} s); ` +
    `rest ${(cpu('extract') - cpu('analyse')).toFixed(2)} s`);
  return {
    mb: Math.round(mb * 100) / 100,
    articles: articleCount,
    mbPerSecond: Math.round((mb / extract) * 1000) / 1000,
    mbPerCpuSecond: Math.round((mb / cpu('extract')) * 1000) / 1000,
    articlesPerSecond: Math.round(articleCount / extract),
    analyseSeconds: Math.round(analysed * 100) / 100,
    winkSeconds: Math.round(wink * 100) / 100,
    tagSeconds: Math.round(median(seconds.tag) * 100) / 100,
    restSeconds: Math.round(rest * 100) / 100,
    ratioToWink: Math.round((extract / wink) * 100) / 100,
  };
}

const generated = report('generated', await timeCorpus('generated', texts), ' (target ≥ 1 MB/s)');

let reuters: ReturnType<typeof report> | undefined;
if (withReuters) {
  const dir = mkdtempSync(join(tmpdir(), 'newsgraph-bench-reuters-'));
  let reutersTexts: Array<{ id: string; text: string }>;
  try {
    writeReutersArticles(dir);
    reutersTexts = readReutersTexts(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  reuters = report('Reuters', await timeCorpus('Reuters (CoNLL-2003)', reutersTexts));
  console.log(`real text against generated: ${reuters.mbPerSecond.toFixed(2)} against ${generated.mbPerSecond.toFixed(2)} MB/s ` +
    `(${reuters.mbPerCpuSecond.toFixed(2)} against ${generated.mbPerCpuSecond.toFixed(2)} per CPU second); ` +
    `${reuters.ratioToWink.toFixed(2)}× against ${generated.ratioToWink.toFixed(2)}× wink alone`);
}

const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`peak RSS ${peakRssMb.toFixed(0)} MB`);
const prefixed = (figures: Record<string, number>) =>
  Object.fromEntries(Object.entries(figures).map(([k, v]) => [`reuters${k.charAt(0).toUpperCase()}${k.slice(1)}`, v]));
console.log(JSON.stringify({ ...generated, peakRssMb: Math.round(peakRssMb), ...(reuters ? prefixed(reuters) : {}) }));

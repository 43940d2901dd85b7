/**
 * Extraction throughput of the compiled code in dist/ (`npm run bench` builds it first), one core: generated articles
 * (≥ 5 MB by default) held in memory and passed to extractArticle in a worker thread (time-extraction.mjs), after a
 * warm-up. Also times the stages separately (wink tokenising, name tagging, both together as
 * `analyse`) so the rest of the extractor's share is known. Prints medians, then one JSON line.
 *
 *   npm run bench [-- --mb 5 --runs 3 --seed 1]
 *
 * Target: ≥ 1 MB/s.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { generateArticleTexts } from './lib/corpus-generator.js';
import { repoRoot, requireBuiltDist } from './lib/dist.js';
import { parseTextArticle } from '../src/ingest/text-article.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

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
const timings = await new Promise<Timings>((resolve, reject) => {
  const worker = new Worker(new URL('./lib/time-extraction.mjs', import.meta.url), {
    workerData: { distUrl: pathToFileURL(join(repoRoot, 'dist/')).href, texts, runs },
  });
  worker.on('message', (message: { line?: string; result?: Timings }) => {
    if (message.line !== undefined) console.log(message.line);
    if (message.result) resolve(message.result);
  });
  worker.once('error', reject);
  worker.once('exit', (code) => reject(new Error(`bench/extract: the timing worker exited with code ${code}`)));
});
const { seconds, cpuSeconds } = timings;
const mb = timings.bytes / 1e6;
const articleCount = timings.articles;

const extract = median(seconds.extract);
const analysed = median(seconds.analyse);
const rest = Math.max(0, extract - analysed);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const pct = (x: number) => `${((100 * x) / extract).toFixed(0)}%`;
console.log(`medians of ${runs} runs over ${mb.toFixed(2)} MB (${articleCount} articles):`);
console.log(`  extractArticle  ${(mb / extract).toFixed(2)} MB/s, ${(articleCount / extract).toFixed(0)} articles/s (target ≥ 1 MB/s)`);
console.log(`  analyse         ${analysed.toFixed(2)} s  ${pct(analysed)} of extraction (wink ${median(seconds.tokenise).toFixed(2)} s, name tagger ${median(seconds.tag).toFixed(2)} s)`);
console.log(`  the rest        ${rest.toFixed(2)} s  ${pct(rest)} (mentions, local resolution, relations)`);
const cpu = (stage: Stage) => median(cpuSeconds[stage]);
// On a busy machine wall time includes waiting for a core; CPU time is what the code itself costs.
console.log(`  by CPU time     extract ${cpu('extract').toFixed(2)} s = ${(mb / cpu('extract')).toFixed(2)} MB/s; analyse ${cpu('analyse').toFixed(2)} s ` +
  `(${((100 * cpu('analyse')) / cpu('extract')).toFixed(0)}%: wink ${cpu('tokenise').toFixed(2)} s, tagger ${cpu('tag').toFixed(2)} s); ` +
  `rest ${(cpu('extract') - cpu('analyse')).toFixed(2)} s`);
console.log(`  peak RSS        ${peakRssMb.toFixed(0)} MB`);
console.log(JSON.stringify({
  mb: Math.round(mb * 100) / 100,
  articles: articleCount,
  mbPerSecond: Math.round((mb / extract) * 1000) / 1000,
  mbPerCpuSecond: Math.round((mb / cpu('extract')) * 1000) / 1000,
  articlesPerSecond: Math.round(articleCount / extract),
  analyseSeconds: Math.round(analysed * 100) / 100,
  winkSeconds: Math.round(median(seconds.tokenise) * 100) / 100,
  tagSeconds: Math.round(median(seconds.tag) * 100) / 100,
  restSeconds: Math.round(rest * 100) / 100,
  peakRssMb: Math.round(peakRssMb),
}));

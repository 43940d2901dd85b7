/**
 * Extraction throughput, one core, in process: generated articles (≥ 5 MB by default) held in memory and passed to
 * extractArticle, after a warm-up. Also times the stages separately (wink tokenising, name tagging, both together as
 * `analyse`) so the rest of the extractor's share is known. Prints medians, then one JSON line.
 *
 *   npm run bench [-- --mb 5 --runs 3 --seed 1]
 *
 * Target: ≥ 1 MB/s.
 */
import { parseArgs } from 'node:util';
import { generateArticleTexts } from './lib/corpus-generator.js';
import { parseTextArticle } from '../src/ingest/text-article.js';
import { extractArticle } from '../src/extract/extract-article.js';
import { buildCueTable } from '../src/extract/relations/index.js';
import { analyse } from '../src/nlp/analyse.js';
import { tokenise } from '../src/nlp/wink.js';
import { tagNames } from '../src/nlp/names.js';
import type { Article } from '../src/schema/index.js';

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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

// --- Input: generated articles parsed as the CLI would parse the files, kept in memory.
const articles: Article[] = [];
let bytes = 0;
for (const { id, text } of generateArticleTexts({ articles: Number.MAX_SAFE_INTEGER, seed })) {
  const article = parseTextArticle(text, { id, file: `${id}.txt` });
  articles.push(article);
  bytes += Buffer.byteLength(article.body);
  if (bytes >= mbWanted * 1e6) break;
}
const mb = bytes / 1e6;
console.log(`input: ${articles.length} generated articles, ${mb.toFixed(2)} MB of body text (seed ${seed})`);

const cues = buildCueTable();
let sink = 0;
/** CPU time is printed beside wall time: on a shared machine the gap shows how much the numbers were disturbed. */
function time(label: string, work: (a: Article) => void): { wall: number; cpu: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const a of articles) work(a);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(`  ${label.padEnd(12)} ${seconds.toFixed(2)} s  ${(mb / seconds).toFixed(2)} MB/s  (CPU ${cpuSeconds.toFixed(2)} s)`);
  return { wall: seconds, cpu: cpuSeconds };
}
const stages = {
  extract: (a: Article) => { sink += extractArticle(a, { cues }).relations.length; },
  analyse: (a: Article) => { sink += analyse(a.body).sentences.length; },
  tokenise: (a: Article) => { sink += tokenise(a.body).length; },
};
// The tagger alone, on tokens prepared outside the timed loop.
const tokenTexts = new Map<Article, string[][]>();

// --- Warm-up: loads the wink model, the tagger weights and the word lists, and lets the JIT settle.
const warmStarted = performance.now();
for (const a of articles.slice(0, 200)) {
  stages.extract(a);
}
console.log(`warm-up: 200 articles in ${((performance.now() - warmStarted) / 1000).toFixed(2)} s (includes model loading)`);
for (const a of articles) tokenTexts.set(a, tokenise(a.body).map((s) => s.tokens.map((t) => t.text)));

type Stage = 'extract' | 'analyse' | 'tokenise' | 'tag';
const seconds: Record<Stage, number[]> = { extract: [], analyse: [], tokenise: [], tag: [] };
const cpuSeconds: Record<Stage, number[]> = { extract: [], analyse: [], tokenise: [], tag: [] };
const record = (stage: Stage, t: { wall: number; cpu: number }) => { seconds[stage].push(t.wall); cpuSeconds[stage].push(t.cpu); };
for (let run = 1; run <= runs; run++) {
  console.log(`run ${run}/${runs}`);
  record('extract', time('extract', stages.extract));
  record('analyse', time('analyse', stages.analyse));
  record('tokenise', time('wink', stages.tokenise));
  record('tag', time('tag names', (a) => { sink += tagNames(tokenTexts.get(a)!).length; }));
}

const extract = median(seconds.extract);
const analysed = median(seconds.analyse);
const rest = Math.max(0, extract - analysed);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const pct = (x: number) => `${((100 * x) / extract).toFixed(0)}%`;
console.log(`medians of ${runs} runs over ${mb.toFixed(2)} MB (${articles.length} articles):`);
console.log(`  extractArticle  ${(mb / extract).toFixed(2)} MB/s, ${(articles.length / extract).toFixed(0)} articles/s (target ≥ 1 MB/s)`);
console.log(`  analyse         ${analysed.toFixed(2)} s  ${pct(analysed)} of extraction (wink ${median(seconds.tokenise).toFixed(2)} s, name tagger ${median(seconds.tag).toFixed(2)} s)`);
console.log(`  the rest        ${rest.toFixed(2)} s  ${pct(rest)} (mentions, local resolution, relations)`);
const cpu = (stage: Stage) => median(cpuSeconds[stage]);
// On a busy machine wall time includes waiting for a core; CPU time is what the code itself costs.
console.log(`  by CPU time     extract ${cpu('extract').toFixed(2)} s = ${(mb / cpu('extract')).toFixed(2)} MB/s; analyse ${cpu('analyse').toFixed(2)} s ` +
  `(${((100 * cpu('analyse')) / cpu('extract')).toFixed(0)}%: wink ${cpu('tokenise').toFixed(2)} s, tagger ${cpu('tag').toFixed(2)} s); ` +
  `rest ${(cpu('extract') - cpu('analyse')).toFixed(2)} s`);
console.log(`  peak RSS        ${peakRssMb.toFixed(0)} MB`);
if (sink < 0) console.log(sink); // keeps the results observable
console.log(JSON.stringify({
  mb: Math.round(mb * 100) / 100,
  articles: articles.length,
  mbPerSecond: Math.round((mb / extract) * 1000) / 1000,
  mbPerCpuSecond: Math.round((mb / cpu('extract')) * 1000) / 1000,
  articlesPerSecond: Math.round(articles.length / extract),
  analyseSeconds: Math.round(analysed * 100) / 100,
  winkSeconds: Math.round(median(seconds.tokenise) * 100) / 100,
  tagSeconds: Math.round(median(seconds.tag) * 100) / 100,
  restSeconds: Math.round(rest * 100) / 100,
  peakRssMb: Math.round(peakRssMb),
}));

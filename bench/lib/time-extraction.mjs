// @ts-check
/**
 * The timed part of `npm run bench`, run in a worker thread. It is plain JavaScript on purpose: a worker does not
 * inherit tsx's loader, so dist/ runs here exactly as `newsgraph build` runs it (see dist.ts for why that matters).
 *
 * workerData: { distUrl, texts: Array<{ id, text }>, runs, corpus } (what the texts are, for the first line). Posts
 * `{ line }` to print, one per stage and run, then `{ result: { articles, bytes, seconds, cpuSeconds } }` with one
 * array of run times per stage.
 */
import { parentPort, workerData } from 'node:worker_threads';

const { distUrl, texts, runs, corpus } = workerData;
const load = (path) => import(new URL(path, distUrl).href);
const { parseTextArticle } = await load('ingest/text-article.js');
const { extractArticle } = await load('extract/extract-article.js');
const { buildCueTable } = await load('extract/relations/index.js');
const { analyse } = await load('nlp/analyse.js');
const { tokenise } = await load('nlp/wink.js');
const { tagNames } = await load('nlp/names.js');

// Parsed as the CLI parses the files, and kept in memory: the bench times extraction, not reading.
const articles = texts.map(({ id, text }) => parseTextArticle(text, { id, file: `${id}.txt` }));
const bytes = articles.reduce((sum, a) => sum + Buffer.byteLength(a.body), 0);
const mb = bytes / 1e6;
const cues = buildCueTable();
let sink = 0;
/** Lines go through the main thread, which prints them in order with its own. */
const say = (line) => parentPort?.postMessage({ line });

/** CPU time is kept beside wall time: on a shared machine the gap shows how much the numbers were disturbed. */
function time(label, work) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const a of articles) work(a);
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  say(`  ${label.padEnd(12)} ${wall.toFixed(2)} s  ${(mb / wall).toFixed(2)} MB/s  (CPU ${cpuSeconds.toFixed(2)} s)`);
  return { wall, cpu: cpuSeconds };
}

say(`input: ${articles.length} ${corpus} articles, ${mb.toFixed(2)} MB of body text`);

const stages = {
  extract: (a) => { sink += extractArticle(a, { cues }).relations.length; },
  analyse: (a) => { sink += analyse(a.body).sentences.length; },
  tokenise: (a) => { sink += tokenise(a.body).length; },
};

// Warm-up: loads the wink model, the tagger weights and the word lists, and lets the JIT settle.
const warmStarted = performance.now();
for (const a of articles.slice(0, 200)) stages.extract(a);
say(`warm-up: 200 articles in ${((performance.now() - warmStarted) / 1000).toFixed(2)} s (includes model loading)`);
// The tagger alone, on tokens prepared outside the timed loop.
const tokenTexts = new Map(articles.map((a) => [a, tokenise(a.body).map((s) => s.tokens.map((t) => t.text))]));
stages.tag = (a) => { sink += tagNames(tokenTexts.get(a)).length; };

const seconds = { extract: [], analyse: [], tokenise: [], tag: [] };
const cpuSeconds = { extract: [], analyse: [], tokenise: [], tag: [] };
const labels = { extract: 'extract', analyse: 'analyse', tokenise: 'wink', tag: 'tag names' };
for (let run = 1; run <= runs; run++) {
  say(`run ${run}/${runs}`);
  for (const stage of Object.keys(seconds)) {
    const t = time(labels[stage], stages[stage]);
    seconds[stage].push(t.wall);
    cpuSeconds[stage].push(t.cpu);
  }
}
if (sink < 0) say(sink); // keeps the results observable
parentPort?.postMessage({ result: { articles: articles.length, bytes, seconds, cpuSeconds } });

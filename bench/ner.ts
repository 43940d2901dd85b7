/**
 * Name tagger benchmark on CoNLL-2003 test: per-type and micro precision/recall/F1 (entity-level exact span, as
 * conlleval) and throughput in tokens per CPU-second, one core. The last line is `CoNLL-2003 test F1 0.xxxx`.
 * Run with `npm run --silent bench:ner [-- --news 2 --model FILE]`.
 *
 * Throughput is reported twice, because the tagger caches per-word work across documents: "unseen" is the first
 * pass over test.txt after warming the JIT on valid.txt (about 12% of its words are new then), "repeat" the median
 * of later passes over the same text. `--news MB` adds the same for generated news articles (bench/lib), tokenised
 * by wink as the pipeline does. CPU time rather than wall time: the machine is shared.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { iobToSpans } from '../src/nlp/ner/bilou.js';
import { readConll } from '../src/nlp/ner/conll.js';
import { SpanScorer, formatReport } from '../src/nlp/ner/evaluate.js';
import { fileURLToPath } from 'node:url';
import { compileModel } from '../src/nlp/ner/compiled-model.js';
import { decodeModel, type NerModel } from '../src/nlp/ner/model-file.js';
import { MODEL_FILE, tagWithModel } from '../src/nlp/ner/tagger.js';
import { conllFilesOrExit } from './conll-data.js';

const REPEATS = 5;

type Doc = string[][];

const tokenCount = (docs: readonly Doc[]): number => docs.reduce((n, d) => n + d.reduce((m, s) => m + s.length, 0), 0);

function cpuSeconds(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Tokens per CPU-second: the first pass (unseen words) and the median of REPEATS more (cached words). */
function throughput(docs: readonly Doc[], tag: (d: Doc) => unknown): { unseen: number; repeat: number } {
  const tokens = tokenCount(docs);
  const unseen = tokens / cpuSeconds(() => docs.forEach(tag));
  const repeats = Array.from({ length: REPEATS }, () => tokens / cpuSeconds(() => docs.forEach(tag)));
  return { unseen, repeat: median(repeats) };
}

async function newsDocs(mb: number, seed: number): Promise<Doc[]> {
  // Loaded only when asked for: wink takes a while to load.
  const { generateArticleTexts } = await import('./lib/corpus-generator.js');
  const { parseTextArticle } = await import('../src/ingest/text-article.js');
  const { tokenise } = await import('../src/nlp/wink.js');
  const docs: Doc[] = [];
  let bytes = 0;
  for (const { id, text } of generateArticleTexts({ articles: Number.MAX_SAFE_INTEGER, seed })) {
    const article = parseTextArticle(text, { id, file: `${id}.txt` });
    docs.push(tokenise(article.body).map((s) => s.tokens.map((t) => t.text)));
    bytes += Buffer.byteLength(article.body);
    if (bytes >= mb * 1e6) break;
  }
  return docs;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { model: { type: 'string' }, news: { type: 'string' } } });
  const news = values.news === undefined ? 0 : Number(values.news);
  if (!(news >= 0)) {
    console.error('bench:ner: --news takes a size in MB');
    process.exit(2);
  }
  const { test: testFile, valid: validFile } = conllFilesOrExit('bench:ner', 'test', 'valid');
  const docsOf = (file: string): Doc[] => readConll(file).map((d) => d.map((s) => s.tokens));
  const test = readConll(testFile);
  const testDocs = test.map((d) => d.map((s) => s.tokens));
  const warmDocs = docsOf(validFile);

  // `--model FILE` scores another weights file (e.g. one written by `train-ner --quick --out FILE`). Each throughput
  // measurement gets a model instance of its own, so that it starts with no cached words.
  const file = values.model ?? fileURLToPath(new URL(`../src/nlp/ner/data/${MODEL_FILE}`, import.meta.url));
  const load = (): NerModel => decodeModel(readFileSync(file), file);
  const tagger = (model: NerModel) => (sentences: Doc) => tagWithModel(model, sentences);
  const loadStart = performance.now();
  const model = load();
  compileModel(model);
  const loadMs = performance.now() - loadStart;

  const scorer = new SpanScorer();
  const predicted = testDocs.map(tagger(model));
  test.forEach((d, i) => d.forEach((s, j) => scorer.add(iobToSpans(s.tags), predicted[i]![j]!)));

  const conllTag = tagger(load());
  warmDocs.forEach(conllTag);
  const conll = throughput(testDocs, conllTag);

  const report = scorer.report();
  console.log(`CoNLL-2003 test: ${test.length} documents, ${tokenCount(testDocs)} tokens`);
  console.log(formatReport(report));
  console.log(`model load ${loadMs.toFixed(0)} ms (read, decode, compile)`);
  console.log(`throughput, tokens per CPU-second, one core: CoNLL test ${Math.round(conll.unseen)} unseen, ${Math.round(conll.repeat)} repeated (median of ${REPEATS})`);
  if (news > 0) {
    const [warm, docs] = [await newsDocs(Math.max(0.5, news / 2), 2), await newsDocs(news, 1)];
    const tagNews = tagger(load());
    warm.forEach(tagNews);
    const rate = throughput(docs, tagNews);
    console.log(`throughput, generated news (${news} MB, ${tokenCount(docs)} tokens, wink tokens): ${Math.round(rate.unseen)} unseen, ${Math.round(rate.repeat)} repeated`);
  }
  console.log(`CoNLL-2003 test F1 ${report.micro.f1.toFixed(4)}`);
}

await main();

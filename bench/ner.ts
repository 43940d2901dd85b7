/**
 * Name tagger benchmark on CoNLL-2003 test: per-type and micro precision/recall/F1 (entity-level exact span, as
 * conlleval) and throughput. The last line is `CoNLL-2003 test F1 0.xxxx`. Run with `npm run --silent bench:ner`.
 */
import { iobToSpans } from '../src/nlp/ner/bilou.js';
import { readConll } from '../src/nlp/ner/conll.js';
import { SpanScorer, formatReport } from '../src/nlp/ner/evaluate.js';
import { readFileSync } from 'node:fs';
import { decodeModel } from '../src/nlp/ner/model-file.js';
import { defaultModel, tagDocument, tagWithModel } from '../src/nlp/ner/tagger.js';
import { conllFile } from './conll-data.js';

const RUNS = 5;

function main(): void {
  let file: string;
  try {
    file = conllFile('test');
  } catch (error) {
    console.error(`bench:ner: ${(error as Error).message}`);
    process.exit(2);
  }
  const docs = readConll(file);
  const tokens = docs.reduce((n, d) => n + d.reduce((m, s) => m + s.tokens.length, 0), 0);
  // `--model FILE` scores another weights file (e.g. one written by `train-ner --quick --out FILE`).
  const at = process.argv.indexOf('--model');
  const modelFile = at >= 0 ? process.argv[at + 1] : undefined;
  const loadStart = performance.now();
  const model = modelFile ? decodeModel(readFileSync(modelFile), modelFile) : defaultModel();
  const loadMs = performance.now() - loadStart;
  const tag = (sentences: string[][]) => (modelFile ? tagWithModel(model, sentences) : tagDocument(sentences));

  const scorer = new SpanScorer();
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const predicted = docs.map((d) => tag(d.map((s) => s.tokens)));
    rates.push(tokens / ((performance.now() - start) / 1000));
    if (run === 0) docs.forEach((d, i) => d.forEach((s, j) => scorer.add(iobToSpans(s.tags), predicted[i]![j]!)));
  }
  rates.sort((a, b) => a - b);
  const report = scorer.report();
  console.log(`CoNLL-2003 test: ${docs.length} documents, ${tokens} tokens`);
  console.log(formatReport(report));
  console.log(`model load ${loadMs.toFixed(0)} ms; throughput median of ${RUNS} runs ${Math.round(rates[RUNS >> 1]!)} tokens/s (min ${Math.round(rates[0]!)}, max ${Math.round(rates[RUNS - 1]!)}), one core`);
  console.log(`CoNLL-2003 test F1 ${report.micro.f1.toFixed(4)}`);
}

main();

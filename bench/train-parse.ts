/**
 * Rebuilds the tagger's and parser's weights (src/nlp/parse/data/) from UD English EWT train, choosing every epoch
 * count on dev (test is never read). Deterministic: the same data gives the same bytes. Run with
 * `npm run train:parse [-- --quick] [-- --out FILE]`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/graph/atomic-write.js';
import { readConllu, type UdSentence } from '../src/nlp/parse/conllu.js';
import { nameCodes } from '../src/nlp/parse/pos-features.js';
import type { NameSpan } from '../src/schema/index.js';
import { mergeHyphens } from '../src/nlp/parse/hyphen-merge.js';
import { CompiledParser, type ParseModel } from '../src/nlp/parse/model.js';
import { decodeParseModel, encodeParseModel } from '../src/nlp/parse/model-file.js';
import { MODEL_FILE } from '../src/nlp/parse/parser.js';
import {
  TRAIN_DEFAULTS, inventories, jackknifeTags, prepareSentences, scoreParser, tagAccuracy, tagSentences, trainParser, trainTagger,
  type ParserWeights, type TrainSentence, type TrainSettings,
} from '../src/nlp/parse/train.js';
import type { TagSet } from '../src/nlp/parse/tag-set.js';
import { WeightTable, quantise, type QuantisedWeights } from '../src/nlp/parse/weight-table.js';
import { WordCache } from '../src/nlp/parse/word-atoms.js';
import { treebankNames } from '../src/nlp/parse/ud-names.js';
import { PROJECT_ROOT } from './conll-data.js';
import { udFilesOrExit } from './ud-data.js';

interface TagsCache {
  taggerEpoch: number;
  model: string;
  train: number[][];
  dev: number[][];
}

/** The tagger, epochs chosen on dev; dev tagged by it, and the training set jackknifed. */
function trainTags(train: TrainSentence[], dev: TrainSentence[], tags: TagSet, settings: TrainSettings, log: (m: string) => void): { tagger: QuantisedWeights; taggerEpoch: number } {
  let taggerEpoch = 0;
  let bestTag = -1;
  const tagger = trainTagger(train, tags.size, settings.taggerEpochs, settings.seed, settings, (epoch, weights) => {
    const acc = tagAccuracy(new WeightTable(weights), tags, dev);
    log(`tagger epoch ${epoch}: dev UPOS ${acc.upos.toFixed(4)} XPOS ${acc.xpos.toFixed(4)} both ${acc.both.toFixed(4)}`);
    if (acc.both > bestTag) {
      bestTag = acc.both;
      taggerEpoch = epoch;
      return true;
    }
    return false;
  });
  log(`tagger: epoch ${taggerEpoch} kept (${tagger.hi.length} features)`);
  tagSentences(tagger, dev, tags.size);
  jackknifeTags(train, tags, settings, taggerEpoch, log);
  return { tagger, taggerEpoch };
}

function saveTags(tagger: QuantisedWeights, taggerEpoch: number, train: TrainSentence[], dev: TrainSentence[], tags: TagSet, labels: string[]): TagsCache {
  const empty = quantise({ classes: 1, hi: new Int32Array(0), lo: new Int32Array(0), weights: new Float64Array(0) });
  const model = encodeParseModel({ tags, labels, tagger, transitions: empty, labeller: empty, meta: {} });
  return { taggerEpoch, model: model.toString('base64'), train: train.map((s) => Array.from(s.tags)), dev: dev.map((s) => Array.from(s.tags)) };
}

function restoreTags(cache: TagsCache, train: TrainSentence[], dev: TrainSentence[]): { tagger: QuantisedWeights; taggerEpoch: number } {
  train.forEach((s, i) => s.tags.set(cache.train[i]!));
  dev.forEach((s, i) => s.tags.set(cache.dev[i]!));
  return { tagger: decodeParseModel(Buffer.from(cache.model, 'base64')).tagger, taggerEpoch: cache.taggerEpoch };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      'tagger-epochs': { type: 'string' },
      'parser-epochs': { type: 'string' },
      folds: { type: 'string' },
      'min-count': { type: 'string' },
      'tags-cache': { type: 'string' },
    },
  });
  const settings: TrainSettings = {
    ...TRAIN_DEFAULTS,
    ...(values.quick ? { taggerEpochs: 5, folds: 3, parserEpochs: 5 } : {}),
    ...(values['tagger-epochs'] ? { taggerEpochs: Number(values['tagger-epochs']) } : {}),
    ...(values['parser-epochs'] ? { parserEpochs: Number(values['parser-epochs']) } : {}),
    ...(values.folds ? { folds: Number(values.folds) } : {}),
    ...(values['min-count'] ? { parserFeatureMinCount: Number(values['min-count']) } : {}),
  };
  const started = Date.now();
  const log = (m: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${m}`);
  const files = udFilesOrExit('train:parse', 'train', 'dev');
  const trainUd = readConllu(files.train);
  const devUd = readConllu(files.dev);
  const { tags, labels } = inventories(trainUd, settings);
  log(`${trainUd.length} training sentences, ${devUd.length} dev; ${tags.size} tag pairs, ${labels.length} labels`);

  // Contiguous folds (whole documents stay together); each merged-hyphen copy joins its original's fold.
  const chunk = Math.ceil(trainUd.length / settings.folds);
  const merged = trainUd.map((s, i) => ({ s: mergeHyphens(s), fold: Math.floor(i / chunk) })).filter((x) => x.s);
  const allTrain = [...trainUd, ...merged.map((x) => x.s!)];
  const folds = [...trainUd.map((_, i) => Math.floor(i / chunk)), ...merged.map((x) => x.fold)];
  const cache = new WordCache(1 << 30);
  // Merged copies are tagged for names as documents of their own.
  const codes = (spans: NameSpan[][], of: readonly UdSentence[]): Uint8Array[] => spans.map((s, i) => nameCodes(s, of[i]!.tokens.length));
  const mergedUd = merged.map((x) => x.s!);
  const trainNames = [...codes(treebankNames(trainUd), trainUd), ...codes(mergedUd.map((s) => treebankNames([s])[0]!), mergedUd)];
  const train = prepareSentences(allTrain, tags, labels, cache, trainNames, folds);
  const dev = prepareSentences(devUd, tags, labels, cache, codes(treebankNames(devUd), devUd));
  log(`${merged.length} sentences also trained with hyphenated words joined`);

  // `--tags-cache FILE` keeps the tagger and the jackknifed tags between runs that change only the parser.
  const cached = values['tags-cache'] && existsSync(values['tags-cache']) ? (JSON.parse(readFileSync(values['tags-cache'], 'utf8')) as TagsCache) : undefined;
  const { tagger, taggerEpoch } = cached ? restoreTags(cached, train, dev) : trainTags(train, dev, tags, settings, log);
  if (values['tags-cache'] && !cached) writeFileSync(values['tags-cache'], JSON.stringify(saveTags(tagger, taggerEpoch, train, dev, tags, labels)));
  let agree = 0;
  let total = 0;
  for (const s of train) for (let i = 0; i < s.tags.length; i++) (total++, (agree += s.tags[i] === s.goldTags[i] ? 1 : 0));
  log(`jackknifed training tags: ${(agree / total).toFixed(4)} correct`);

  // Parser: epochs chosen on dev with the final tagger's tags.
  const assemble = (w: ParserWeights, t: QuantisedWeights, meta: ParseModel['meta']): ParseModel => ({ tags, labels, tagger: t, transitions: w.transitions, labeller: w.labeller, meta });
  let parserEpoch = 0;
  let bestLas = -1;
  let bestReport = '';
  const parser = trainParser(train, tags, labels, settings, (epoch, weights, mistakes) => {
    const report = scoreParser(new CompiledParser(assemble(weights, tagger, {})), dev);
    const line = `UAS ${report.uas.toFixed(4)} LAS ${report.las.toFixed(4)} (full labels ${report.lasFull.toFixed(4)})`;
    log(`parser epoch ${epoch}: ${mistakes} wrong transitions; dev ${line}`);
    if (report.las > bestLas) {
      bestLas = report.las;
      parserEpoch = epoch;
      bestReport = line;
      return true;
    }
    return false;
  })!;
  const meta = {
    data: 'UD English EWT (UniversalDependencies/UD_English-EWT 15d613d8), train split',
    licence: 'CC BY-SA 4.0',
    taggerEpochs: taggerEpoch,
    parserEpochs: parserEpoch,
    folds: settings.folds,
    seed: settings.seed,
  };
  const bytes = encodeParseModel(assemble(parser, tagger, meta));
  decodeParseModel(bytes);
  const out = values.out ?? join(PROJECT_ROOT, 'src', 'nlp', 'parse', 'data', MODEL_FILE);
  writeFileAtomic(out, bytes);
  const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  log(`tagger epoch ${taggerEpoch}; parser epoch ${parserEpoch}: dev ${bestReport}`);
  log(`features: tagger ${tagger.hi.length}, transitions ${parser.transitions.hi.length}, labeller ${parser.labeller.hi.length}`);
  log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB, sha256 ${sha})`);
}

main();

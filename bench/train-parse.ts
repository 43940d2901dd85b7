/**
 * Rebuilds the tagger's and parser's weights (src/nlp/parse/data/) from UD English EWT. Every epoch count is chosen
 * on dev with models fitted on train (test is never read); the shipped weights are then refitted on train + dev
 * with those counts. Deterministic: the same data gives the same bytes. Run with
 * `npm run train:parse [-- --quick] [-- --no-refit] [-- --out FILE] [-- --tags-cache FILE]`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/graph/atomic-write.js';
import { readConllu, type UdSentence } from '../src/nlp/parse/conllu.js';
import { mergeHyphens } from '../src/nlp/parse/hyphen-merge.js';
import { CompiledParser, type ParseModel } from '../src/nlp/parse/model.js';
import { decodeParseModel, encodeParseModel } from '../src/nlp/parse/model-file.js';
import { MODEL_FILE } from '../src/nlp/parse/parser.js';
import { tokenCues, type TokenCues } from '../src/nlp/parse/pos-features.js';
import type { TagSet } from '../src/nlp/parse/tag-set.js';
import {
  TRAIN_DEFAULTS, inventories, jackknifeTags, prepareSentences, scoreParser, tagAccuracy, tagSentences, trainParser, trainTagger,
  type ParserWeights, type TrainSentence, type TrainSettings,
} from '../src/nlp/parse/train.js';
import { treebankNames } from '../src/nlp/parse/ud-names.js';
import { treebankWinkTags } from '../src/nlp/parse/ud-wink.js';
import type { NameSpan } from '../src/schema/index.js';
import { WeightTable, quantise, type QuantisedWeights } from '../src/nlp/parse/weight-table.js';
import { WordCache } from '../src/nlp/parse/word-atoms.js';
import { PROJECT_ROOT } from './conll-data.js';
import { udFilesOrExit } from './ud-data.js';

type Log = (m: string) => void;

interface TagsCache {
  taggerEpoch: number;
  model: string;
  train: number[][];
  dev: number[][];
}

/** The tagger's cues for treebank sentences: the name tagger's spans, and wink's tags read from each sentence's text. */
function cuesOf(sentences: readonly UdSentence[], names: readonly NameSpan[][], what: string, log: Log): TokenCues[] {
  const wink = treebankWinkTags(sentences);
  log(`${what}: wink's tokens match ${wink.exact} of ${wink.tokens} tokens exactly (${((100 * wink.exact) / wink.tokens).toFixed(1)} %)`);
  return sentences.map((s, i) => tokenCues(s.tokens.length, names[i], wink.tags[i]));
}

/**
 * Sentences ready for training: each one, plus a copy with its hyphenated words joined as the run time joins them,
 * in the same jackknife fold (contiguous folds, so a document's sentences stay together). Names are tagged document
 * by document; the joined copies as documents of their own.
 */
function trainingSet(uds: readonly UdSentence[], tags: TagSet, labels: readonly string[], cache: WordCache, folds: number, log: Log): TrainSentence[] {
  const chunk = Math.ceil(uds.length / folds);
  const merged = uds.map((s, i) => ({ s: mergeHyphens(s), fold: Math.floor(i / chunk) })).filter((x) => x.s);
  const mergedUd = merged.map((x) => x.s!);
  const names = [...treebankNames(uds), ...mergedUd.map((s) => treebankNames([s])[0]!)];
  const all = [...uds, ...mergedUd];
  const foldOf = [...uds.map((_, i) => Math.floor(i / chunk)), ...merged.map((x) => x.fold)];
  return prepareSentences(all, tags, labels, cache, cuesOf(all, names, 'training set', log), foldOf);
}

function agreement(sentences: readonly TrainSentence[]): string {
  let agree = 0;
  let total = 0;
  for (const s of sentences) for (let i = 0; i < s.tags.length; i++) (total++, (agree += s.tags[i] === s.goldTags[i] ? 1 : 0));
  return (agree / total).toFixed(4);
}

/** The tagger with its epochs chosen on dev; dev tagged by it, and the training set jackknifed. */
function selectTagger(train: TrainSentence[], dev: TrainSentence[], tags: TagSet, settings: TrainSettings, log: Log): { tagger: QuantisedWeights; taggerEpoch: number } {
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

function readSettings(): { settings: TrainSettings; out?: string; tagsCache?: string; refit: boolean } {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'no-refit': { type: 'boolean', default: false },
      out: { type: 'string' },
      'tagger-epochs': { type: 'string' },
      'parser-epochs': { type: 'string' },
      folds: { type: 'string' },
      'min-count': { type: 'string' },
      bag: { type: 'string' },
      'tags-cache': { type: 'string' },
    },
  });
  const number = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const settings: TrainSettings = { ...TRAIN_DEFAULTS, ...(values.quick ? { taggerEpochs: 5, folds: 3, parserEpochs: 5, bag: 1 } : {}) };
  settings.taggerEpochs = number(values['tagger-epochs']) ?? settings.taggerEpochs;
  settings.parserEpochs = number(values['parser-epochs']) ?? settings.parserEpochs;
  settings.folds = number(values.folds) ?? settings.folds;
  settings.parserFeatureMinCount = number(values['min-count']) ?? settings.parserFeatureMinCount;
  settings.bag = number(values.bag) ?? settings.bag;
  return { settings, out: values.out, tagsCache: values['tags-cache'], refit: !values['no-refit'] && !values.quick };
}

function main(): void {
  const { settings, out: outArg, tagsCache, refit } = readSettings();
  const started = Date.now();
  const log: Log = (m) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${m}`);
  const files = udFilesOrExit('train:parse', 'train', 'dev');
  const trainUd = readConllu(files.train);
  const devUd = readConllu(files.dev);
  const { tags, labels } = inventories(trainUd, settings);
  log(`${trainUd.length} training sentences, ${devUd.length} dev; ${tags.size} tag pairs, ${labels.length} labels`);
  const cache = new WordCache(1 << 30);
  const train = trainingSet(trainUd, tags, labels, cache, settings.folds, log);
  const dev = prepareSentences(devUd, tags, labels, cache, cuesOf(devUd, treebankNames(devUd), 'dev', log));
  log(`${train.length - trainUd.length} sentences also trained with hyphenated words joined`);

  // `--tags-cache FILE` keeps the tagger and the jackknifed tags between runs that change only the parser.
  const cached = tagsCache && existsSync(tagsCache) ? (JSON.parse(readFileSync(tagsCache, 'utf8')) as TagsCache) : undefined;
  const selected = cached ? restoreTags(cached, train, dev) : selectTagger(train, dev, tags, settings, log);
  if (tagsCache && !cached) writeFileSync(tagsCache, JSON.stringify(saveTags(selected.tagger, selected.taggerEpoch, train, dev, tags, labels)));
  log(`jackknifed training tags: ${agreement(train)} correct`);

  // Parser: epochs chosen on dev, with dev tagged by the tagger fitted on train.
  const assemble = (w: ParserWeights, t: QuantisedWeights, meta: ParseModel['meta']): ParseModel => ({ tags, labels, tagger: t, transitions: w.transitions, labeller: w.labeller, meta });
  let parserEpoch = 0;
  let bestLas = -1;
  let bestReport = '';
  let chosen = trainParser(train, tags, labels, settings, (epoch, weights, mistakes) => {
    const report = scoreParser(new CompiledParser(assemble(weights, selected.tagger, {})), dev);
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
  log(`chosen on dev: tagger epoch ${selected.taggerEpoch}, parser epoch ${parserEpoch}: dev ${bestReport}`);
  let tagger = selected.tagger;

  if (refit) {
    // Refit everything on train + dev with the chosen epochs: more data, no choice left to make on it.
    const allUd = [...trainUd, ...devUd];
    const all = trainingSet(allUd, tags, labels, cache, settings.folds, log);
    tagger = trainTagger(all, tags.size, selected.taggerEpoch, settings.seed, settings);
    jackknifeTags(all, tags, settings, selected.taggerEpoch, log);
    log(`refit on train + dev: ${all.length} sentences, jackknifed tags ${agreement(all)} correct`);
    chosen = trainParser(all, tags, labels, { ...settings, parserEpochs: parserEpoch }, (epoch, _weights, mistakes) => {
      log(`refit parser epoch ${epoch}: ${mistakes} wrong transitions`);
      return epoch === parserEpoch;
    })!;
  }

  const meta = {
    data: `UD English EWT (UniversalDependencies/UD_English-EWT 15d613d8), ${refit ? 'train + dev' : 'train'}`,
    licence: 'CC BY-SA 4.0',
    taggerEpochs: selected.taggerEpoch,
    parserEpochs: parserEpoch,
    folds: settings.folds,
    bag: settings.bag,
    seed: settings.seed,
  };
  const bytes = encodeParseModel(assemble(chosen, tagger, meta));
  decodeParseModel(bytes);
  const out = outArg ?? join(PROJECT_ROOT, 'src', 'nlp', 'parse', 'data', MODEL_FILE);
  writeFileAtomic(out, bytes);
  const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  log(`features: tagger ${tagger.hi.length}, transitions ${chosen.transitions.hi.length}, labeller ${chosen.labeller.hi.length}`);
  log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB, sha256 ${sha})`);
}

main();

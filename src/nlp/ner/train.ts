/**
 * Training recipe for the shipped tagger (run by `npm run train:ner`): pass 1 on sentence features, pass 2 stacked on
 * jackknifed pass-1 labels plus document votes, epochs chosen on the validation set, a temperature fitted for
 * confidences, then int8 quantisation. Every step is deterministic.
 */
import { LABEL_COUNT as L, bilouToSpans, iobToBilou, iobToSpans } from './bilou.js';
import type { ConllDocument } from './conll.js';
import { emissionsFromRows, forwardBackward, spanProbability, viterbi, type LinearModel, type NamedLinearModel } from './decode.js';
import { SpanScorer, type Report } from './evaluate.js';
import type { NerModel, TrainedModel } from './model-file.js';
import { FeatureTable, Perceptron, countFeatures, type Instance } from './perceptron.js';
import { prepareDocument, secondPassFeatures, type PreparedDocument } from './pipeline.js';
import { tagWithModel } from './tagger.js';

export interface TrainSettings {
  seed: number;
  maxEpochs: number;
  /** Epochs without a better validation F1 before stopping. */
  patience: number;
  folds: number;
  minCount: number;
  /** Models trained on differently shuffled data and averaged (lower variance than one perceptron). */
  bag: number;
  /** Refit the shipped model on train + valid once epochs and temperature are chosen on valid. */
  refit: boolean;
}

export const TRAIN_DEFAULTS: TrainSettings = { seed: 20030, maxEpochs: 20, patience: 4, folds: 5, minCount: 1, bag: 3, refit: true };

interface Corpus {
  docs: ConllDocument[];
  prepared: PreparedDocument[];
  gold: Int32Array[][];
}

function corpus(docs: ConllDocument[]): Corpus {
  return {
    docs,
    prepared: docs.map((d) => prepareDocument(d.map((s) => s.tokens))),
    gold: docs.map((d) => d.map((s) => Int32Array.from(iobToBilou(s.tags)))),
  };
}

function instances(table: FeatureTable, features: string[][][][], gold: Int32Array[][]): Instance[][] {
  return features.map((doc, d) => doc.map((sentence, s) => table.instance(sentence, gold[d]![s]!)));
}

function decodeInstances(model: LinearModel, docs: readonly Instance[][]): Int32Array[][] {
  const maxLen = docs.reduce((m, d) => d.reduce((mm, x) => Math.max(mm, x.gold.length), m), 1);
  const emit = new Float64Array(maxLen * L);
  return docs.map((doc) =>
    doc.map((x) => {
      emissionsFromRows(model.weights, x.rows, x.offsets, x.gold.length, emit);
      return viterbi(emit, model.transitions, x.gold.length);
    }),
  );
}

function score(gold: readonly Int32Array[][], predicted: readonly Int32Array[][]): Report {
  const scorer = new SpanScorer();
  gold.forEach((doc, d) => doc.forEach((g, s) => scorer.add(bilouToSpans(g), bilouToSpans(predicted[d]![s]!))));
  return scorer.report();
}

type Log = (message: string) => void;

/** Trains with validation-based early stopping; returns the best averaged model and its epoch count. */
function trainSelected(
  table: FeatureTable,
  train: Instance[],
  valid: Instance[][],
  validGold: Int32Array[][],
  settings: TrainSettings,
  log: Log,
  label: string,
): { model: NamedLinearModel; epochs: number; f1: number } {
  let bestF1 = -1;
  let bestEpoch = 0;
  const perceptron = new Perceptron(table);
  let stop = false;
  let model: NamedLinearModel | undefined;
  const started = Date.now();
  for (let epoch = 1; epoch <= settings.maxEpochs && !stop; epoch++) {
    // One epoch per call keeps the shuffle stream continuous: the seed is advanced per epoch.
    perceptron.train(train, {
      epochs: 1,
      seed: settings.seed + epoch,
      onEpoch: (_e, averaged, mistakes) => {
        const f1 = score(validGold, decodeInstances(averaged, valid)).micro.f1;
        log(`${label} epoch ${epoch}: ${mistakes} token errors, valid F1 ${(100 * f1).toFixed(2)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        if (f1 > bestF1) {
          bestF1 = f1;
          bestEpoch = epoch;
          model = averaged;
        } else if (epoch - bestEpoch >= settings.patience) stop = true;
      },
    });
  }
  return { model: model!, epochs: bestEpoch, f1: bestF1 };
}

/** Element-wise mean of models over the same feature table. */
function averageModels(models: readonly NamedLinearModel[]): NamedLinearModel {
  const first = models[0]!;
  const weights = new Float64Array(first.weights.length);
  const transitions = new Float64Array(first.transitions.length);
  for (const m of models) {
    for (let i = 0; i < weights.length; i++) weights[i]! += m.weights[i]! / models.length;
    for (let i = 0; i < transitions.length; i++) transitions[i]! += m.transitions[i]! / models.length;
  }
  return { index: first.index, weights, scale: 1, transitions };
}

/** The selected model averaged with `bag - 1` more trained for the same epochs on other shuffles. */
function bagged(selected: NamedLinearModel, table: FeatureTable, train: Instance[], epochs: number, settings: TrainSettings, log: Log, label: string): NamedLinearModel {
  const models = [selected];
  for (let b = 1; b < settings.bag; b++) {
    models.push(trainFixed(table, train, epochs, settings.seed + 7919 * b));
    log(`${label}: bagged model ${b + 1}/${settings.bag} done`);
  }
  return models.length > 1 ? averageModels(models) : selected;
}

function trainFixed(table: FeatureTable, train: Instance[], epochs: number, seed: number): NamedLinearModel {
  const perceptron = new Perceptron(table);
  let model: NamedLinearModel | undefined;
  for (let epoch = 1; epoch <= epochs; epoch++) model = perceptron.train(train, { epochs: 1, seed: seed + epoch });
  return model!;
}

/** Temperature that minimises the Brier score of span confidences on the validation set. */
function fitTemperature(model: LinearModel, valid: Instance[][], validGold: Int32Array[][]): number {
  const maxLen = valid.reduce((m, d) => d.reduce((mm, x) => Math.max(mm, x.gold.length), m), 1);
  const emit = new Float64Array(maxLen * L);
  const cases: { emit: Float64Array; labels: Int32Array; spans: { start: number; end: number; correct: boolean }[] }[] = [];
  valid.forEach((doc, d) =>
    doc.forEach((x, s) => {
      const n = x.gold.length;
      emissionsFromRows(model.weights, x.rows, x.offsets, n, emit);
      const labels = viterbi(emit, model.transitions, n);
      const gold = new Set(bilouToSpans(validGold[d]![s]!).map((g) => `${g.start}:${g.end}:${g.type}`));
      const spans = bilouToSpans(labels).map((p) => ({ start: p.start, end: p.end, correct: gold.has(`${p.start}:${p.end}:${p.type}`) }));
      if (spans.length) cases.push({ emit: emit.slice(0, n * L), labels, spans });
    }),
  );
  let best = 1;
  let bestLoss = Infinity;
  for (let k = -12; k <= 24; k++) {
    const temperature = Math.pow(2, k / 4);
    let loss = 0;
    for (const c of cases) {
      const lattice = forwardBackward(c.emit, model.transitions, c.labels.length, temperature);
      for (const span of c.spans) {
        const p = spanProbability(lattice, c.labels, span.start, span.end);
        loss += (p - (span.correct ? 1 : 0)) ** 2;
      }
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      best = temperature;
    }
  }
  return best;
}


/** Evaluates a finished model the way the tagger runs it (feature strings, both passes, quantised weights). */
export function evaluateModel(model: NerModel, docs: readonly ConllDocument[]): Report {
  const scorer = new SpanScorer();
  for (const doc of docs) {
    const predicted = tagWithModel(model, doc.map((s) => s.tokens));
    doc.forEach((s, i) => scorer.add(iobToSpans(s.tags), predicted[i]!));
  }
  return scorer.report();
}

interface Passes {
  first: NamedLinearModel;
  second: NamedLinearModel;
  firstEpochs: number;
  secondEpochs: number;
  /** With selection on a validation corpus: its pass-2 instances, for fitting the temperature. */
  valid2?: Instance[][];
}

/**
 * Pass 1, jackknifed pass-1 labels over the training documents (so pass 2 learns from labels as noisy as at run
 * time), then pass 2. Epochs are chosen on `valid` when given, else taken from `epochs`.
 */
function trainPasses(
  train: Corpus,
  how: { valid: Corpus } | { epochs: [number, number] },
  bag: number,
  settings: TrainSettings,
  log: Log,
): Passes {
  const valid = 'valid' in how ? how.valid : undefined;
  const table1 = FeatureTable.fromCounts(countFeatures(train.prepared.flatMap((d) => d.first)), settings.minCount);
  log(`pass 1: ${table1.names.length} features`);
  const train1 = instances(table1, train.prepared.map((d) => d.first), train.gold);
  let first: NamedLinearModel;
  let firstEpochs: number;
  let validFirst: Int32Array[][] | undefined;
  if (valid) {
    const valid1 = instances(table1, valid.prepared.map((d) => d.first), valid.gold);
    ({ model: first, epochs: firstEpochs } = trainSelected(table1, train1.flat(), valid1, valid.gold, settings, log, 'pass 1'));
    first = bagged(first, table1, train1.flat(), firstEpochs, { ...settings, bag }, log, 'pass 1');
    validFirst = decodeInstances(first, valid1);
  } else {
    firstEpochs = (how as { epochs: [number, number] }).epochs[0];
    first = bagged(trainFixed(table1, train1.flat(), firstEpochs, settings.seed), table1, train1.flat(), firstEpochs, { ...settings, bag }, log, 'pass 1');
  }

  const trainFirst: Int32Array[][] = new Array(train1.length);
  for (let fold = 0; fold < settings.folds; fold++) {
    const inFold = (d: number): boolean => d % settings.folds === fold;
    const rest = train1.filter((_, d) => !inFold(d)).flat();
    const model = trainFixed(table1, rest, firstEpochs, settings.seed + 1000 * (fold + 1));
    const labels = decodeInstances(model, train1.map((doc, d) => (inFold(d) ? doc : [])));
    labels.forEach((doc, d) => {
      if (inFold(d)) trainFirst[d] = doc;
    });
    log(`jackknife fold ${fold + 1}/${settings.folds} done`);
  }
  log(`jackknifed pass-1 F1 on the training documents: ${(100 * score(train.gold, trainFirst).micro.f1).toFixed(2)}`);

  const train2Features = train.prepared.map((d, i) => secondPassFeatures(d, trainFirst[i]!));
  const table2 = FeatureTable.fromCounts(countFeatures(train2Features.flat()), settings.minCount);
  log(`pass 2: ${table2.names.length} features`);
  const train2 = instances(table2, train2Features, train.gold);
  if (valid) {
    const valid2 = instances(table2, valid.prepared.map((d, i) => secondPassFeatures(d, validFirst![i]!)), valid.gold);
    const selected = trainSelected(table2, train2.flat(), valid2, valid.gold, settings, log, 'pass 2');
    const second = bagged(selected.model, table2, train2.flat(), selected.epochs, { ...settings, bag }, log, 'pass 2');
    return { first, second, firstEpochs, secondEpochs: selected.epochs, valid2 };
  }
  const secondEpochs = (how as { epochs: [number, number] }).epochs[1];
  const second = bagged(trainFixed(table2, train2.flat(), secondEpochs, settings.seed), table2, train2.flat(), secondEpochs, { ...settings, bag }, log, 'pass 2');
  return { first, second, firstEpochs, secondEpochs };
}

export interface TrainOptions {
  settings?: TrainSettings;
  log?: Log;
  /** Rewrites training documents (e.g. re-tokenisation); applied to every document a model is fitted on. */
  augment?: (docs: ConllDocument[]) => ConllDocument[];
  /** Turns a float model into the shipped form (quantised) so that the reported scores are the shipped model's. */
  encodeRoundTrip?: (model: TrainedModel) => NerModel;
}

export interface TrainResult {
  model: NerModel;
  /** Scores on valid of the model fitted on train only (the shipped one is refitted on train + valid). */
  valid: Report;
  firstEpochs: number;
  secondEpochs: number;
  temperature: number;
}

/**
 * Fits on train choosing epochs and the confidence temperature on valid, reports valid, then (with `refit`) fits the
 * shipped model on train + valid with the chosen settings and `bag` averaged shuffles.
 */
export function trainTagger(trainDocs: ConllDocument[], validDocs: ConllDocument[], options: TrainOptions = {}): TrainResult {
  const settings = options.settings ?? TRAIN_DEFAULTS;
  const log = options.log ?? (() => {});
  const augment = options.augment ?? ((d: ConllDocument[]) => d);
  const roundTrip = options.encodeRoundTrip ?? ((m: TrainedModel): NerModel => m);
  const meta = (p: Passes, data: string): TrainedModel['meta'] => ({
    data,
    firstEpochs: p.firstEpochs,
    secondEpochs: p.secondEpochs,
    seed: settings.seed,
    bag: settings.bag,
  });

  log(`preparing features for ${trainDocs.length} training and ${validDocs.length} validation documents`);
  const valid = corpus(validDocs);
  const selection = trainPasses(corpus(augment(trainDocs)), { valid }, settings.refit ? 1 : settings.bag, settings, log);
  const temperature = fitTemperature(selection.second, selection.valid2!, valid.gold);
  log(`confidence temperature ${temperature.toFixed(3)}`);
  const selected = roundTrip({ first: selection.first, second: selection.second, temperature, meta: meta(selection, 'CoNLL-2003 English train') });
  const validReport = evaluateModel(selected, validDocs);
  log(`valid F1 of the model fitted on train: ${(100 * validReport.micro.f1).toFixed(2)}`);
  if (!settings.refit) return { model: selected, valid: validReport, firstEpochs: selection.firstEpochs, secondEpochs: selection.secondEpochs, temperature };

  log('refitting on train + valid');
  const all = corpus(augment([...trainDocs, ...validDocs]));
  const final = trainPasses(all, { epochs: [selection.firstEpochs, selection.secondEpochs] }, settings.bag, settings, log);
  const model = roundTrip({ first: final.first, second: final.second, temperature, meta: meta(final, 'CoNLL-2003 English train + valid') });
  return { model, valid: validReport, firstEpochs: selection.firstEpochs, secondEpochs: selection.secondEpochs, temperature };
}

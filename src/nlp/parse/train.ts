/**
 * Training recipe (run by `npm run train:parse`): the tagger by averaged perceptron, jackknifed over the training
 * set so that the parser learns from the tags it will really get; then the parser by a dynamic oracle with
 * exploration (Goldberg & Nivre 2012), its labeller trained on the arcs it gets right. Epochs are chosen on the
 * development set with the weights quantised as shipped. Every step is seeded: same data, same bytes.
 */
import { seededRandom } from '../../random.js';
import { LEFT, ParseState, RIGHT, SHIFT, TRANSITIONS, goldTree, projectivise, transitionCost, type GoldTree } from './arc-hybrid.js';
import { AttachmentScorer, type AttachmentReport } from './evaluate.js';
import { ROOT_LABEL, type CompiledParser } from './model.js';
import { LEFT_ARC, MAX_LABEL_FEATURES, MAX_TRANSITION_FEATURES, RIGHT_ARC, SentenceAtoms, labelFeatures, transitionFeatures } from './parse-features.js';
import { AveragedPerceptron, KeyCounter } from './perceptron.js';
import { MAX_POS_FEATURES, posFeatures, type TokenCues } from './pos-features.js';
import { tagWords } from './pos-tagger.js';
import type { UdSentence } from './conllu.js';
import { TagSet } from './tag-set.js';
import { WeightTable, averageWeights, quantise, type QuantiseOptions, type QuantisedWeights } from './weight-table.js';
import { WordCache, type WordInfo } from './word-atoms.js';

export interface TrainSettings {
  seed: number;
  /** Tag pairs seen fewer times are folded into a commoner pair with the same XPOS. */
  tagMinCount: number;
  taggerEpochs: number;
  folds: number;
  parserEpochs: number;
  /** From this epoch on, a wrong prediction is followed with probability `explore`. */
  exploreFrom: number;
  explore: number;
  /** Features seen fewer times (tagger: with gold history; parser: along the gold path) get no weight. */
  tagFeatureMinCount: number;
  parserFeatureMinCount: number;
  /** Parsers trained side by side and averaged. */
  bag: number;
  /** How each model is quantised for shipping (and for choosing epochs, so the choice is made on what ships). */
  quantise: { tagger: Partial<QuantiseOptions>; transitions: Partial<QuantiseOptions>; labeller: Partial<QuantiseOptions> };
}

export const TRAIN_DEFAULTS: TrainSettings = {
  seed: 2025,
  tagMinCount: 3,
  taggerEpochs: 12,
  folds: 10,
  parserEpochs: 12,
  exploreFrom: 2,
  explore: 0.9,
  tagFeatureMinCount: 3,
  parserFeatureMinCount: 5,
  bag: 2,
  quantise: { tagger: { prune: 0.02 }, transitions: { prune: 0.01 }, labeller: { prune: 0.02 } },
};

export interface TrainSentence {
  words: WordInfo[];
  goldTags: Int32Array;
  /** Gold heads (-1: root) and labels as the treebank has them, for scoring. */
  heads: Int32Array;
  labelNames: string[];
  /** Label ids (-1: unknown to the model). */
  labels: Int32Array;
  /** The projectivised gold tree the oracle follows. */
  oracle: GoldTree;
  /** Tags the parser trains on (jackknifed) or is scored with (predicted by the final tagger). */
  tags: Int32Array;
  /** Jackknife fold; a merged copy shares its original's. */
  fold: number;
  /** The name tagger's spans and wink's tags, as the tagger reads them. */
  cues: TokenCues;
}

export type Log = (message: string) => void;

export function prepareSentences(
  sentences: readonly UdSentence[],
  tags: TagSet,
  labels: readonly string[],
  cache: WordCache,
  cues: readonly TokenCues[],
  folds: readonly number[] = [],
): TrainSentence[] {
  const labelIds = new Map(labels.map((l, i) => [l, i]));
  return sentences.map((s, k) => {
    const words = s.tokens.map((t) => cache.get(t.form));
    const heads = Int32Array.from(s.tokens, (t) => t.head);
    return {
      words,
      goldTags: Int32Array.from(s.tokens, (t) => tags.id(t.xpos, t.upos)),
      heads,
      labelNames: s.tokens.map((t) => t.deprel),
      labels: Int32Array.from(s.tokens, (t) => labelIds.get(t.deprel) ?? -1),
      oracle: goldTree(projectivise(heads)),
      tags: new Int32Array(s.tokens.length),
      fold: folds[k] ?? 0,
      cues: cues[k] ?? { names: new Uint8Array(s.tokens.length), wink: new Uint8Array(s.tokens.length) },
    };
  });
}

/** Labels by frequency in the training set, commonest first (ties by name). */
export function labelSet(sentences: readonly UdSentence[]): string[] {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const t of s.tokens) counts.set(t.deprel, (counts.get(t.deprel) ?? 0) + 1);
  if (!counts.has(ROOT_LABEL)) counts.set(ROOT_LABEL, 0);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l);
}

function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
}

/** Tag accuracy of `table` on the sentences: both parts of the pair, and each alone. */
export function tagAccuracy(table: WeightTable, tags: TagSet, sentences: readonly TrainSentence[]): { xpos: number; upos: number; both: number } {
  const keys = new Int32Array(2 * MAX_POS_FEATURES);
  const scores = new Int32Array(tags.size);
  let n = 0, x = 0, u = 0, both = 0;
  for (const s of sentences) {
    const out = new Int32Array(s.words.length);
    tagWords(table, s.words, s.cues, out, keys, scores);
    for (let i = 0; i < out.length; i++) {
      const p = tags.tags[out[i]!]!;
      const g = tags.tags[s.goldTags[i]!]!;
      n++;
      if (p.xpos === g.xpos) x++;
      if (p.upos === g.upos) u++;
      if (out[i] === s.goldTags[i]) both++;
    }
  }
  return { xpos: x / n, upos: u / n, both: both / n };
}

/**
 * Trains the tagger for `epochs` epochs; `onEpoch` sees each epoch's quantised averaged weights and returns true
 * to keep them as the best so far (without it, the last epoch's are returned).
 */
export function trainTagger(
  train: readonly TrainSentence[],
  classes: number,
  epochs: number,
  seed: number,
  settings: Pick<TrainSettings, 'tagFeatureMinCount' | 'quantise'>,
  onEpoch?: (epoch: number, weights: QuantisedWeights) => boolean,
): QuantisedWeights {
  const model = new AveragedPerceptron(classes);
  const keys = new Int32Array(2 * MAX_POS_FEATURES);
  if (settings.tagFeatureMinCount > 1) {
    const counter = new KeyCounter();
    for (const s of train) {
      for (let i = 0; i < s.words.length; i++) {
        counter.add(keys, posFeatures(s.words, s.cues, i, i > 0 ? s.goldTags[i - 1]! : -1, i > 1 ? s.goldTags[i - 2]! : -1, keys));
      }
    }
    model.restrict(counter, settings.tagFeatureMinCount);
  }
  const scores = new Float64Array(classes);
  const random = seededRandom(seed);
  const order = train.map((_, i) => i);
  let pred = new Int32Array(256);
  let best: QuantisedWeights | undefined;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random);
    for (const k of order) {
      const s = train[k]!;
      if (pred.length < s.words.length) pred = new Int32Array(s.words.length * 2);
      for (let i = 0; i < s.words.length; i++) {
        const count = posFeatures(s.words, s.cues, i, i > 0 ? pred[i - 1]! : -1, i > 1 ? pred[i - 2]! : -1, keys);
        scores.fill(0);
        model.score(keys, count, scores);
        let guess = 0;
        for (let c = 1; c < classes; c++) if (scores[c]! > scores[guess]!) guess = c;
        const gold = s.goldTags[i]!;
        if (guess !== gold) model.update(keys, gold, guess);
        model.tick();
        pred[i] = guess;
      }
    }
    if (onEpoch) {
      const weights = quantise(model.averaged(), settings.quantise.tagger);
      if (onEpoch(epoch, weights)) best = weights;
    }
  }
  return best ?? quantise(model.averaged(), settings.quantise.tagger);
}

/** Tags every sentence with a model that never saw its fold: the tags a parser meets at run time. */
export function jackknifeTags(
  train: readonly TrainSentence[],
  tags: TagSet,
  settings: TrainSettings,
  epochs: number,
  log: Log,
): void {
  const folds = settings.folds;
  const keys = new Int32Array(2 * MAX_POS_FEATURES);
  const scores = new Int32Array(tags.size);
  for (let f = 0; f < folds; f++) {
    const weights = trainTagger(train.filter((s) => s.fold !== f), tags.size, epochs, settings.seed + 1 + f, settings);
    const table = new WeightTable(weights);
    for (const s of train) if (s.fold === f) tagWords(table, s.words, s.cues, s.tags, keys, scores);
    log(`jackknife fold ${f + 1}/${folds} tagged`);
  }
}

/** Tags sentences with a trained tagger, in place. */
export function tagSentences(weights: QuantisedWeights, sentences: readonly TrainSentence[], classes: number): void {
  const table = new WeightTable(weights);
  const keys = new Int32Array(2 * MAX_POS_FEATURES);
  const scores = new Int32Array(classes);
  for (const s of sentences) tagWords(table, s.words, s.cues, s.tags, keys, scores);
}

/** Scores a parser on sentences whose `tags` are set. */
export function scoreParser(parser: CompiledParser, sentences: readonly TrainSentence[]): AttachmentReport {
  const scorer = new AttachmentScorer();
  for (const s of sentences) {
    const n = s.words.length;
    const heads = new Int32Array(n);
    const labels = new Int32Array(n);
    parser.parse(s.words, s.tags, heads, labels);
    scorer.add(s.heads, s.labelNames, heads, Array.from(labels, (l) => parser.labels[l]!));
  }
  return scorer.report();
}

export interface ParserWeights {
  transitions: QuantisedWeights;
  labeller: QuantisedWeights;
}

/** One parser being trained: its two perceptrons and its own shuffling and exploration. */
class ParserTrainer {
  readonly transitions = new AveragedPerceptron(TRANSITIONS, 1 << 20);
  readonly labeller: AveragedPerceptron;
  private readonly st = new ParseState();
  private readonly atoms = new SentenceAtoms();
  private readonly keys = new Int32Array(2 * MAX_TRANSITION_FEATURES);
  private readonly labelKeys = new Int32Array(2 * MAX_LABEL_FEATURES);
  private readonly scores = new Float64Array(TRANSITIONS);
  private readonly labelScores: Float64Array;
  private readonly costs = new Int32Array(TRANSITIONS);
  private readonly random: () => number;
  private readonly order: number[];
  private readonly rootLabel: number;

  constructor(
    private readonly train: readonly TrainSentence[],
    private readonly rootTag: number,
    private readonly labelCount: number,
    rootLabel: number,
    seed: number,
  ) {
    this.labeller = new AveragedPerceptron(labelCount, 1 << 18);
    this.labelScores = new Float64Array(labelCount);
    this.random = seededRandom(seed);
    this.order = train.map((_, i) => i);
    this.rootLabel = rootLabel;
  }

  /** One pass over the training set; returns the number of wrong transitions. */
  epoch(exploring: boolean, explore: number): number {
    const { st, atoms, keys, labelKeys, scores, labelScores, costs, random, order, rootLabel, transitions, labeller } = this;
    const L = this.labelCount;
    shuffle(order, random);
    let mistakes = 0;
    for (const k of order) {
      const s = this.train[k]!;
      const n = s.words.length;
      atoms.set(s.words, s.tags, n, this.rootTag);
      st.reset(n);
      while (!st.done()) {
        const count = transitionFeatures(st, atoms, keys);
        scores.fill(0);
        transitions.score(keys, count, scores);
        let minCost = Infinity;
        for (let t = 0; t < TRANSITIONS; t++) {
          costs[t] = st.valid(t) ? transitionCost(st, s.oracle, t) : -1;
          if (costs[t]! >= 0 && costs[t]! < minCost) minCost = costs[t]!;
        }
        let pred = -1;
        let gold = -1;
        for (let t = 0; t < TRANSITIONS; t++) {
          if (costs[t]! < 0) continue;
          if (pred < 0 || scores[t]! > scores[pred]!) pred = t;
          if (costs[t] === minCost && (gold < 0 || scores[t]! > scores[gold]!)) gold = t;
        }
        if (costs[pred]! > minCost) {
          transitions.update(keys, gold, pred);
          mistakes++;
        }
        transitions.tick();
        const next = costs[pred] === minCost || (exploring && random() < explore) ? pred : gold;
        let label = -1;
        if (next !== SHIFT) {
          const d = st.s(0);
          const h = next === LEFT ? st.b : st.s(1);
          if (h === n) label = rootLabel;
          else {
            const lc = labelFeatures(st, atoms, d, h, next === LEFT ? LEFT_ARC : RIGHT_ARC, labelKeys);
            labelScores.fill(0);
            labeller.score(labelKeys, lc, labelScores);
            let guess = -1;
            for (let l = 0; l < L; l++) if (l !== rootLabel && (guess < 0 || labelScores[l]! > labelScores[guess]!)) guess = l;
            label = guess;
            const goldLabel = s.labels[d]!;
            if (s.oracle.heads[d] === h && goldLabel >= 0 && goldLabel !== rootLabel) {
              if (goldLabel !== guess) labeller.update(labelKeys, goldLabel, guess);
              labeller.tick();
              if (!exploring) label = goldLabel;
            }
          }
        }
        st.apply(next, label);
      }
    }
    return mistakes;
  }
}

/**
 * Trains the transition classifier and the labeller together: `settings.bag` parsers, each with its own shuffles
 * and exploration, whose averaged weights are averaged again after every epoch (one model, lower variance).
 * `onEpoch` sees each epoch's quantised weights and returns true to keep them as the best so far.
 */
export function trainParser(
  train: readonly TrainSentence[],
  tags: TagSet,
  labels: readonly string[],
  settings: TrainSettings,
  onEpoch: (epoch: number, weights: ParserWeights, mistakes: number) => boolean,
): ParserWeights | undefined {
  const rootLabel = labels.indexOf(ROOT_LABEL);
  const counts = settings.parserFeatureMinCount > 1 ? countParserFeatures(train, tags, labels) : undefined;
  const trainers = Array.from({ length: settings.bag }, (_, k) => {
    const trainer = new ParserTrainer(train, tags.size, labels.length, rootLabel, settings.seed + 7919 * k);
    if (counts) {
      trainer.transitions.restrict(counts.transitions, settings.parserFeatureMinCount);
      trainer.labeller.restrict(counts.labels, settings.parserFeatureMinCount);
    }
    return trainer;
  });
  let best: ParserWeights | undefined;
  for (let epoch = 1; epoch <= settings.parserEpochs; epoch++) {
    const exploring = epoch >= settings.exploreFrom;
    let mistakes = 0;
    for (const trainer of trainers) mistakes += trainer.epoch(exploring, settings.explore);
    const weights = {
      transitions: quantise(averageWeights(trainers.map((t) => t.transitions.averaged())), settings.quantise.transitions),
      labeller: quantise(averageWeights(trainers.map((t) => t.labeller.averaged())), settings.quantise.labeller),
    };
    if (onEpoch(epoch, weights, mistakes)) best = weights;
  }
  return best;
}

/**
 * Counts the features met along the gold path (the static oracle's transitions, gold labels): the ones a parser
 * sees at least a few times when it is right are the ones worth weights.
 */
function countParserFeatures(train: readonly TrainSentence[], tags: TagSet, labels: readonly string[]): { transitions: KeyCounter; labels: KeyCounter } {
  const rootLabel = labels.indexOf(ROOT_LABEL);
  const counts = { transitions: new KeyCounter(1 << 22), labels: new KeyCounter(1 << 20) };
  const st = new ParseState();
  const atoms = new SentenceAtoms();
  const keys = new Int32Array(2 * MAX_TRANSITION_FEATURES);
  for (const s of train) {
    const n = s.words.length;
    atoms.set(s.words, s.tags, n, tags.size);
    st.reset(n);
    while (!st.done()) {
      counts.transitions.add(keys, transitionFeatures(st, atoms, keys));
      let next = -1;
      for (let t = 0; t < TRANSITIONS && next < 0; t++) if (st.valid(t) && transitionCost(st, s.oracle, t) === 0) next = t;
      if (next < 0) next = st.valid(SHIFT) ? SHIFT : st.valid(RIGHT) ? RIGHT : LEFT;
      let label = -1;
      if (next !== SHIFT) {
        const d = st.s(0);
        const h = next === LEFT ? st.b : st.s(1);
        label = h === n ? rootLabel : Math.max(0, s.labels[d]!);
        if (h !== n) counts.labels.add(keys, labelFeatures(st, atoms, d, h, next === LEFT ? LEFT_ARC : RIGHT_ARC, keys));
      }
      st.apply(next, label);
    }
  }
  return counts;
}

/** The tagger's classes and the labels, from the training sentences. */
export function inventories(train: readonly UdSentence[], settings: TrainSettings): { tags: TagSet; labels: string[] } {
  const pairs = train.flatMap((s) => s.tokens.map((t) => ({ xpos: t.xpos, upos: t.upos })));
  return { tags: TagSet.fromCounts(pairs, settings.tagMinCount), labels: labelSet(train) };
}

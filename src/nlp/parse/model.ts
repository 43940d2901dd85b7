/**
 * The trained parts of the tagger and parser, and their run-time form: each linear model's weights in a lookup
 * table, plus scratch buffers reused across sentences so that tagging and parsing allocate nothing per token.
 */
import { LEFT, ParseState, RIGHT, SHIFT, TRANSITIONS } from './arc-hybrid.js';
import {
  ITEM_ROLES, LEFT_ARC, MAX_LABEL_FEATURES, MAX_TRANSITION_FEATURES, RIGHT_ARC, SentenceAtoms, itemFeatures, itemOf, labelFeatures, structureFeatures,
} from './parse-features.js';
import { MAX_POS_FEATURES, type TokenCues } from './pos-features.js';
import { FastTagger, tagWords } from './pos-tagger.js';
import type { TagSet } from './tag-set.js';
import { WeightTable, type QuantisedWeights } from './weight-table.js';
import type { WordInfo } from './word-atoms.js';

export interface ParseModel {
  tags: TagSet;
  /** Dependency labels; `root` among them. */
  labels: readonly string[];
  tagger: QuantisedWeights;
  transitions: QuantisedWeights;
  labeller: QuantisedWeights;
  meta: Record<string, string | number>;
}

export const ROOT_LABEL = 'root';

export class CompiledParser {
  readonly tags: TagSet;
  readonly labels: readonly string[];
  readonly rootLabel: number;
  private readonly tagger: WeightTable;
  private readonly fastTagger: FastTagger;
  private readonly transitions: WeightTable;
  private readonly labeller: WeightTable;
  private readonly state = new ParseState();
  private readonly atoms = new SentenceAtoms();
  private readonly keys = new Int32Array(2 * Math.max(MAX_POS_FEATURES, MAX_TRANSITION_FEATURES, MAX_LABEL_FEATURES));
  private readonly scores: Int32Array;
  /** Per sentence, the summed item features by role and token (see addItem). */
  private itemReady = new Uint8Array(0);
  private itemScores = new Int32Array(0);
  private itemStride = 0;
  private readonly itemKeys = new Int32Array(8);
  private readonly itemSum = new Int32Array(4);

  constructor(readonly model: ParseModel) {
    this.tags = model.tags;
    this.labels = model.labels;
    this.rootLabel = model.labels.indexOf(ROOT_LABEL);
    if (this.rootLabel < 0) throw new Error(`parse: the model has no "${ROOT_LABEL}" label`);
    this.tagger = new WeightTable(model.tagger);
    this.fastTagger = new FastTagger(this.tagger);
    this.transitions = new WeightTable(model.transitions);
    this.labeller = new WeightTable(model.labeller);
    this.scores = new Int32Array(Math.max(model.tags.size, model.labels.length, TRANSITIONS));
  }

  /** Tags as training defined them, feature by feature: what `tag` must agree with. */
  tagReference(words: readonly WordInfo[], cues: TokenCues, out: Int32Array): void {
    tagWords(this.tagger, words, cues, out, this.keys, this.scores);
  }

  /** Writes the tag class of each word to `out` (greedy, left to right). */
  tag(words: readonly WordInfo[], cues: TokenCues, out: Int32Array): void {
    this.fastTagger.tag(words, cues, out);
  }

  /**
   * Parses words with their tag classes: writes each word's head (-1: the root) and label id. Linear in the
   * sentence's length (2n transitions); always a single-rooted tree.
   */
  parse(words: readonly WordInfo[], tags: Int32Array, heads: Int32Array, labels: Int32Array): void {
    const n = words.length;
    const atoms = this.atoms;
    atoms.set(words, tags, n, this.tags.size);
    const st = this.state;
    st.reset(n);
    const scores = this.scores;
    const keys = this.keys;
    this.startItems(n);
    while (!st.done()) {
      let best = -1;
      let valid = 0;
      for (let t = 0; t < TRANSITIONS; t++) if (st.valid(t)) (valid++, (best = t));
      // About one transition in six is the only valid one (an empty stack, the sentence's end): it needs no scores.
      if (valid > 1) {
        scores[SHIFT] = scores[LEFT] = scores[RIGHT] = 0;
        for (let role = 0; role < ITEM_ROLES; role++) this.addItem(role, itemOf(st, role), scores);
        this.transitions.addScores(keys, structureFeatures(st, atoms, keys, 0), scores);
        best = -1;
        for (let t = 0; t < TRANSITIONS; t++) if (st.valid(t) && (best < 0 || scores[t]! > scores[best]!)) best = t;
      }
      let label = -1;
      if (best !== SHIFT) {
        const d = st.s(0);
        const h = best === LEFT ? st.b : st.s(1);
        label = h === n ? this.rootLabel : this.chooseLabel(d, h, best === LEFT ? LEFT_ARC : RIGHT_ARC);
      }
      st.apply(best, label);
    }
    for (let i = 0; i < n; i++) {
      heads[i] = st.head[i] === n ? -1 : st.head[i]!;
      labels[i] = st.label[i]!;
    }
  }

  /** Clears the item cache for a sentence of n tokens. */
  private startItems(n: number): void {
    const size = ITEM_ROLES * (n + 2);
    if (this.itemReady.length < size) {
      this.itemReady = new Uint8Array(2 * size);
      this.itemScores = new Int32Array(2 * size * TRANSITIONS);
    } else {
      this.itemReady.fill(0, 0, size);
    }
    this.itemStride = n + 2;
  }

  /** Adds the scores of item x's own features in `role` (summed on first use in the sentence). */
  private addItem(role: number, x: number, scores: Int32Array): void {
    const slot = role * this.itemStride + x + 1;
    const at = slot * TRANSITIONS;
    const cached = this.itemScores;
    if (!this.itemReady[slot]) {
      const count = itemFeatures(role, x, this.atoms, this.itemKeys, 0);
      this.itemSum[0] = this.itemSum[1] = this.itemSum[2] = 0;
      this.transitions.addScores(this.itemKeys, count, this.itemSum);
      cached[at] = this.itemSum[0]!;
      cached[at + 1] = this.itemSum[1]!;
      cached[at + 2] = this.itemSum[2]!;
      this.itemReady[slot] = 1;
    }
    scores[0]! += cached[at]!;
    scores[1]! += cached[at + 1]!;
    scores[2]! += cached[at + 2]!;
  }

  /** The best label other than the root's for the arc h → d. */
  private chooseLabel(d: number, h: number, dir: number): number {
    const count = labelFeatures(this.state, this.atoms, d, h, dir, this.keys);
    const scores = this.scores;
    const L = this.labels.length;
    scores.fill(0, 0, L);
    this.labeller.addScores(this.keys, count, scores);
    let best = -1;
    for (let l = 0; l < L; l++) if (l !== this.rootLabel && (best < 0 || scores[l]! > scores[best]!)) best = l;
    return best;
  }
}

/**
 * The trained parts of the tagger and parser, and their run-time form: each linear model's weights in a lookup
 * table, plus scratch buffers reused across sentences so that tagging and parsing allocate nothing per token.
 */
import { LEFT, ParseState, RIGHT, SHIFT, TRANSITIONS } from './arc-hybrid.js';
import { LEFT_ARC, MAX_LABEL_FEATURES, MAX_TRANSITION_FEATURES, RIGHT_ARC, SentenceAtoms, labelFeatures, transitionFeatures } from './parse-features.js';
import { MAX_POS_FEATURES } from './pos-features.js';
import { tagWords } from './pos-tagger.js';
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
  private readonly transitions: WeightTable;
  private readonly labeller: WeightTable;
  private readonly state = new ParseState();
  private readonly atoms = new SentenceAtoms();
  private readonly keys = new Int32Array(2 * Math.max(MAX_POS_FEATURES, MAX_TRANSITION_FEATURES, MAX_LABEL_FEATURES));
  private readonly scores: Int32Array;
  private wordAtoms = new Int32Array(64);

  constructor(readonly model: ParseModel) {
    this.tags = model.tags;
    this.labels = model.labels;
    this.rootLabel = model.labels.indexOf(ROOT_LABEL);
    if (this.rootLabel < 0) throw new Error(`parse: the model has no "${ROOT_LABEL}" label`);
    this.tagger = new WeightTable(model.tagger);
    this.transitions = new WeightTable(model.transitions);
    this.labeller = new WeightTable(model.labeller);
    this.scores = new Int32Array(Math.max(model.tags.size, model.labels.length, TRANSITIONS));
  }

  /** Writes the tag class of each word to `out` (greedy, left to right); `names` as nameCodes gives them. */
  tag(words: readonly WordInfo[], names: Uint8Array, out: Int32Array): void {
    tagWords(this.tagger, words, names, out, this.keys, this.scores);
  }

  /**
   * Parses words with their tag classes: writes each word's head (-1: the root) and label id. Linear in the
   * sentence's length (2n transitions); always a single-rooted tree.
   */
  parse(words: readonly WordInfo[], tags: Int32Array, heads: Int32Array, labels: Int32Array): void {
    const n = words.length;
    if (this.wordAtoms.length < n) this.wordAtoms = new Int32Array(Math.max(n, 2 * this.wordAtoms.length));
    for (let i = 0; i < n; i++) this.wordAtoms[i] = words[i]!.word;
    const atoms = this.atoms;
    atoms.set(this.wordAtoms, tags, n, this.tags.size);
    const st = this.state;
    st.reset(n);
    const scores = this.scores;
    const keys = this.keys;
    while (!st.done()) {
      const count = transitionFeatures(st, atoms, keys);
      scores[SHIFT] = scores[LEFT] = scores[RIGHT] = 0;
      this.transitions.addScores(keys, count, scores);
      let best = -1;
      for (let t = 0; t < TRANSITIONS; t++) if (st.valid(t) && (best < 0 || scores[t]! > scores[best]!)) best = t;
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

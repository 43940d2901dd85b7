/**
 * Greedy left-to-right part-of-speech tagging. `tagWords` scores every feature of every token (training's view);
 * `FastTagger` gives the same tags with less work: a word type's own features, and the ones it gives its
 * neighbours, are summed once per type and kept on its WordInfo (with wink's tag: once per type and tag), the
 * previous two tags' features once per pair, and two neighbours' wink tags once per pair.
 */
import {
  MAX_POS_FEATURES, OUTSIDE, asNextFeatures, asPreviousFeatures, contextFeatures, historyFeatures, ownFeatures, posFeatures,
  winkOwnFeatures, winkPairFeatures, type TokenCues,
} from './pos-features.js';
import { WINK_CODES } from './wink-tags.js';
import type { WeightTable } from './weight-table.js';
import type { WordInfo } from './word-atoms.js';

/** Writes the best tag class of each word to `out`; `keys` and `scores` are scratch space. */
export function tagWords(table: WeightTable, words: readonly WordInfo[], cues: TokenCues, out: Int32Array, keys: Int32Array, scores: Int32Array): void {
  const C = table.classes;
  for (let i = 0; i < words.length; i++) {
    const count = posFeatures(words, cues, i, i > 0 ? out[i - 1]! : -1, i > 1 ? out[i - 2]! : -1, keys);
    scores.fill(0, 0, C);
    table.addScores(keys, count, scores);
    out[i] = argmax(scores, C);
  }
}

function argmax(scores: Int32Array, C: number): number {
  let best = 0;
  for (let c = 1; c < C; c++) if (scores[c]! > scores[best]!) best = c;
  return best;
}

/** Where a word type's three summed vectors start in its `vectors`, in units of the class count. */
const OWN = 0;
const AS_PREVIOUS = 1;
const AS_NEXT = 2;

export class FastTagger {
  private readonly C: number;
  private readonly keys = new Int32Array(2 * MAX_POS_FEATURES);
  private readonly scores: Int32Array;
  /** Summed history features by (p1 + 2) * (C + 2) + p2 + 2, filled on first use (`historyReady`). */
  private readonly history: Int32Array;
  private readonly historyReady: Uint8Array;
  /** The vectors of the positions before the first and after the last token. */
  private readonly edges: Int32Array;
  /** Summed features of wink's tags of two neighbours, by (before ? 0 : 1) * P * P + b * P + a, P = OUTSIDE + 1. */
  private readonly winkPairs: Int32Array;
  private readonly winkPairReady: Uint8Array;

  constructor(private readonly table: WeightTable) {
    const C = (this.C = table.classes);
    this.scores = new Int32Array(C);
    this.history = new Int32Array((C + 2) * (C + 2) * C);
    this.historyReady = new Uint8Array((C + 2) * (C + 2));
    this.edges = new Int32Array(2 * C);
    this.winkPairs = new Int32Array(2 * (OUTSIDE + 1) * (OUTSIDE + 1) * C);
    this.winkPairReady = new Uint8Array(2 * (OUTSIDE + 1) * (OUTSIDE + 1));
    this.sum(asPreviousFeatures(undefined, this.keys, 0), this.edges, 0);
    this.sum(asNextFeatures(undefined, this.keys, 0), this.edges, C);
  }

  /** Writes the best tag class of each word to `out`, exactly as `tagWords` would. */
  tag(words: readonly WordInfo[], cues: TokenCues, out: Int32Array): void {
    const C = this.C;
    const scores = this.scores;
    const keys = this.keys;
    const n = words.length;
    const wink = cues.wink;
    for (let i = 0; i < n; i++) {
      const p1 = i > 0 ? out[i - 1]! : -1;
      const p2 = i > 1 ? out[i - 2]! : i > 0 ? -1 : -2;
      const own = this.vectors(words[i]!);
      const prev = i > 0 ? this.vectors(words[i - 1]!) : this.edges;
      const prevAt = i > 0 ? AS_PREVIOUS * C : 0;
      const next = i + 1 < n ? this.vectors(words[i + 1]!) : this.edges;
      const nextAt = i + 1 < n ? AS_NEXT * C : C;
      const history = this.historyAt(p1, p2);
      const h = this.history;
      const g = wink[i]!;
      const mine = this.winkVector(words[i]!, g, i === 0 ? 1 : 0);
      const before = this.winkPairAt(i > 0 ? wink[i - 1]! : OUTSIDE, g, true);
      const after = this.winkPairAt(g, i + 1 < n ? wink[i + 1]! : OUTSIDE, false);
      const pairs = this.winkPairs;
      for (let c = 0; c < C; c++) {
        scores[c] = own[c]! + prev[prevAt + c]! + next[nextAt + c]! + h[history + c]! + mine[c]! + pairs[before + c]! + pairs[after + c]!;
      }
      this.table.addScores(keys, contextFeatures(words, cues, i, p1, p2, keys, 0), scores);
      out[i] = argmax(scores, C);
    }
  }

  /** The word type's own, as-previous and as-next vectors, summed on first use with this model. */
  private vectors(w: WordInfo): Int32Array {
    if (w.vectorsOf === this.table && w.vectors) return w.vectors;
    const C = this.C;
    const v = new Int32Array(3 * C);
    this.sum(ownFeatures(w, this.keys, 0), v, OWN * C);
    this.sum(asPreviousFeatures(w, this.keys, 0), v, AS_PREVIOUS * C);
    this.sum(asNextFeatures(w, this.keys, 0), v, AS_NEXT * C);
    w.vectors = v;
    w.vectorsOf = this.table;
    w.winkVectors = undefined;
    return v;
  }

  /** The word type's features with wink's tag `g` and `first`, summed on first use (after `vectors`, which resets them). */
  private winkVector(w: WordInfo, g: number, first: number): Int32Array {
    const all = (w.winkVectors ??= new Array<Int32Array | undefined>(2 * WINK_CODES));
    let v = all[2 * g + first];
    if (!v) {
      v = all[2 * g + first] = new Int32Array(this.C);
      this.sum(winkOwnFeatures(w, g, first, this.keys, 0), v, 0);
    }
    return v;
  }

  private winkPairAt(b: number, a: number, before: boolean): number {
    const P = OUTSIDE + 1;
    const pair = (before ? 0 : P * P) + b * P + a;
    const at = pair * this.C;
    if (!this.winkPairReady[pair]) {
      this.sum(winkPairFeatures(b, a, before, this.keys, 0), this.winkPairs, at);
      this.winkPairReady[pair] = 1;
    }
    return at;
  }

  private historyAt(p1: number, p2: number): number {
    const pair = (p1 + 2) * (this.C + 2) + p2 + 2;
    const at = pair * this.C;
    if (!this.historyReady[pair]) {
      this.sum(historyFeatures(p1, p2, this.keys, 0), this.history, at);
      this.historyReady[pair] = 1;
    }
    return at;
  }

  /** Sums the weights of the `count` features in `keys` into `out[at..at + C)`. */
  private sum(count: number, out: Int32Array, at: number): void {
    this.scores.fill(0);
    this.table.addScores(this.keys, count, this.scores);
    out.set(this.scores, at);
  }
}

/**
 * Greedy left-to-right part-of-speech tagging with a weight table (the shipped model, or an epoch's averaged
 * weights while training).
 */
import { posFeatures } from './pos-features.js';
import type { WeightTable } from './weight-table.js';
import type { WordInfo } from './word-atoms.js';

/** Writes the best tag class of each word to `out` (`names` as nameCodes gives them); `keys` and `scores` are scratch space. */
export function tagWords(table: WeightTable, words: readonly WordInfo[], names: Uint8Array, out: Int32Array, keys: Int32Array, scores: Int32Array): void {
  const C = table.classes;
  for (let i = 0; i < words.length; i++) {
    const count = posFeatures(words, names, i, i > 0 ? out[i - 1]! : -1, i > 1 ? out[i - 2]! : -1, keys);
    scores.fill(0, 0, C);
    table.addScores(keys, count, scores);
    let best = 0;
    for (let c = 1; c < C; c++) if (scores[c]! > scores[best]!) best = c;
    out[i] = best;
  }
}

/**
 * Features of the part-of-speech tagger (greedy, left to right): the word, its spelling, shape and affixes, its
 * neighbours up to two away, and the two tags already chosen before it.
 */
import { writeKey } from './feature-key.js';
import { NO_WORD, type WordInfo } from './word-atoms.js';

const NAME_TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

/**
 * Each token's place in the name tagger's spans: 0 outside, else 1 + 4 × type + part (begin, inside, last, unit).
 * Names are evidence for NNP/PROPN, which web text often writes in lower case and news in capitals.
 */
export function nameCodes(spans: readonly { start: number; end: number; type: string }[], n: number): Uint8Array {
  const codes = new Uint8Array(n);
  for (const s of spans) {
    const t = 1 + 4 * Math.max(0, NAME_TYPES.indexOf(s.type));
    if (s.end - s.start === 1) codes[s.start] = t + 3;
    else for (let i = s.start; i < s.end && i < n; i++) codes[i] = t + (i === s.start ? 0 : i === s.end - 1 ? 2 : 1);
  }
  return codes;
}

/** Room for the features of one token. */
export const MAX_POS_FEATURES = 32;

/** Tag atoms before the sentence's first token. */
const START = -1;
const START2 = -2;

/**
 * Writes the keys of token `i`'s features (the previous two tags being `t1`, `t2`; -1 when absent) and returns how
 * many there are. `names` holds each token's name-tagger label (see nameCodes), 0 outside names.
 */
export function posFeatures(words: readonly WordInfo[], names: Uint8Array, i: number, t1: number, t2: number, keys: Int32Array): number {
  const w = words[i]!;
  const prev = i > 0 ? words[i - 1]! : undefined;
  const prev2 = i > 1 ? words[i - 2]! : undefined;
  const next = words[i + 1];
  const next2 = words[i + 2];
  const p1 = i > 0 ? t1 : START;
  const p2 = i > 1 ? t2 : i > 0 ? START : START2;
  const wp = prev ? prev.word : NO_WORD;
  const wn = next ? next.word : NO_WORD;
  let k = 0;
  writeKey(keys, k++, 0, 0, 0, 0, 0);
  writeKey(keys, k++, 1, w.word, 0, 0, 0);
  writeKey(keys, k++, 2, w.form, 0, 0, 0);
  writeKey(keys, k++, 3, w.shape, 0, 0, 0);
  for (let n = 0; n < 4; n++) writeKey(keys, k++, 4 + n, w.suffixes[n]!, 0, 0, 0);
  for (let n = 0; n < 3; n++) writeKey(keys, k++, 8 + n, w.prefixes[n]!, 0, 0, 0);
  writeKey(keys, k++, 11, p1, 0, 0, 0);
  writeKey(keys, k++, 12, p1, p2, 0, 0);
  writeKey(keys, k++, 13, p1, w.word, 0, 0);
  writeKey(keys, k++, 14, wp, 0, 0, 0);
  writeKey(keys, k++, 15, wn, 0, 0, 0);
  writeKey(keys, k++, 16, prev2 ? prev2.word : NO_WORD, 0, 0, 0);
  writeKey(keys, k++, 17, next2 ? next2.word : NO_WORD, 0, 0, 0);
  writeKey(keys, k++, 18, prev ? prev.suffixes[2]! : NO_WORD, 0, 0, 0);
  writeKey(keys, k++, 19, next ? next.suffixes[2]! : NO_WORD, 0, 0, 0);
  writeKey(keys, k++, 20, wp, w.word, 0, 0);
  writeKey(keys, k++, 21, w.word, wn, 0, 0);
  writeKey(keys, k++, 22, p1, wn, 0, 0);
  writeKey(keys, k++, 23, prev ? prev.shape : NO_WORD, w.shape, next ? next.shape : NO_WORD, 0);
  writeKey(keys, k++, 24, p1, w.suffixes[2]!, 0, 0);
  writeKey(keys, k++, 25, i === 0 ? 1 : 0, w.shape, w.upperInitial ? 1 : 0, 0);
  writeKey(keys, k++, 26, wn, next2 ? next2.word : NO_WORD, 0, 0);
  writeKey(keys, k++, 27, p2, 0, 0, 0);
  writeKey(keys, k++, 28, p1, next ? next.suffixes[2]! : NO_WORD, 0, 0);
  const nm = names[i]!;
  writeKey(keys, k++, 31, nm, w.upperInitial ? 1 : 0, 0, 0);
  writeKey(keys, k++, 32, nm, i > 0 ? names[i - 1]! : 99, i + 1 < words.length ? names[i + 1]! : 99, 0);
  writeKey(keys, k++, 33, nm, w.suffixes[2]!, 0, 0);
  return k;
}

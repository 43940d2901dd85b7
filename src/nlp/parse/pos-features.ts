/**
 * Features of the part-of-speech tagger (greedy, left to right): the word, its spelling, shape and affixes, its
 * neighbours up to two away, and the two tags already chosen before it.
 */
import { key1, key2, key3, key4 } from './feature-key.js';
import { WINK_CODES, winkCodes } from './wink-tags.js';
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

/** What the tagger knows of each token beyond its text: its name code (nameCodes) and wink's tag (winkCodes). */
export interface TokenCues {
  names: Uint8Array;
  wink: Uint8Array;
}

/** Cues for n tokens from the name tagger's spans and wink's tags (absent: none known). */
export function tokenCues(n: number, names: readonly { start: number; end: number; type: string }[] = [], wink?: readonly string[]): TokenCues {
  return { names: nameCodes(names, n), wink: wink ? winkCodes(wink) : new Uint8Array(n) };
}

/** Room for the features of one token. */
export const MAX_POS_FEATURES = 48;

/** Tag atoms before the sentence's first token. */
const START = -1;
const START2 = -2;

/** The features of the word itself, with the bias: fixed per word type, so the fast tagger sums them once per type. */
export function ownFeatures(w: WordInfo, keys: Int32Array, k: number): number {
  key1(keys, k++, 0, 0);
  key1(keys, k++, 1, w.word);
  key1(keys, k++, 2, w.form);
  key1(keys, k++, 3, w.shape);
  for (let n = 0; n < 4; n++) key1(keys, k++, 4 + n, w.suffixes[n]!);
  for (let n = 0; n < 3; n++) key1(keys, k++, 8 + n, w.prefixes[n]!);
  return k;
}

/** The features a word gives the token after it (`w` undefined: before the sentence's first token). */
export function asPreviousFeatures(w: WordInfo | undefined, keys: Int32Array, k: number): number {
  key1(keys, k++, 14, w ? w.word : NO_WORD);
  key1(keys, k++, 18, w ? w.suffixes[2]! : NO_WORD);
  return k;
}

/** The features a word gives the token before it (`w` undefined: after the sentence's last token). */
export function asNextFeatures(w: WordInfo | undefined, keys: Int32Array, k: number): number {
  key1(keys, k++, 15, w ? w.word : NO_WORD);
  key1(keys, k++, 19, w ? w.suffixes[2]! : NO_WORD);
  return k;
}

/**
 * wink's tag `g` with the word itself, and whether it starts the sentence (`first`, 0 or 1: wink reads a capital
 * there otherwise): fixed per word type, tag and `first`, so the fast tagger sums them once per such triple.
 */
export function winkOwnFeatures(w: WordInfo, g: number, first: number, keys: Int32Array, k: number): number {
  key1(keys, k++, 34, g);
  key2(keys, k++, 35, g, w.word);
  key2(keys, k++, 36, g, w.suffixes[2]!);
  key3(keys, k++, 40, g, w.shape, first);
  return k;
}

/** The wink code of a position outside the sentence (one past the last code). */
export const OUTSIDE = WINK_CODES;

/** wink's tags of a token (`b`) and the token after it (`a`; OUTSIDE when the sentence ends or starts between them). */
export function winkPairFeatures(b: number, a: number, before: boolean, keys: Int32Array, k: number): number {
  key2(keys, k++, before ? 37 : 38, b, a);
  return k;
}

/** The features of the two previous tags alone (`p1`, `p2` as historyTags gives them). */
export function historyFeatures(p1: number, p2: number, keys: Int32Array, k: number): number {
  key1(keys, k++, 11, p1);
  key2(keys, k++, 12, p1, p2);
  key1(keys, k++, 27, p2);
  return k;
}

/** The tag atoms of the two previous tokens: START (-1) and START2 (-2) before the sentence. */
export function historyTags(i: number, t1: number, t2: number): [number, number] {
  return [i > 0 ? t1 : START, i > 1 ? t2 : i > 0 ? START : START2];
}

/** Every other feature: pairs of the word with its neighbours and the previous tag, shapes around it, names. */
export function contextFeatures(words: readonly WordInfo[], cues: TokenCues, i: number, p1: number, p2: number, keys: Int32Array, k: number): number {
  const w = words[i]!;
  const prev = i > 0 ? words[i - 1]! : undefined;
  const prev2 = i > 1 ? words[i - 2]! : undefined;
  const next = words[i + 1];
  const next2 = words[i + 2];
  const wp = prev ? prev.word : NO_WORD;
  const wn = next ? next.word : NO_WORD;
  key2(keys, k++, 13, p1, w.word);
  key1(keys, k++, 16, prev2 ? prev2.word : NO_WORD);
  key1(keys, k++, 17, next2 ? next2.word : NO_WORD);
  key2(keys, k++, 20, wp, w.word);
  key2(keys, k++, 21, w.word, wn);
  key2(keys, k++, 22, p1, wn);
  key3(keys, k++, 23, prev ? prev.shape : NO_WORD, w.shape, next ? next.shape : NO_WORD);
  key2(keys, k++, 24, p1, w.suffixes[2]!);
  key3(keys, k++, 25, i === 0 ? 1 : 0, w.shape, w.upperInitial ? 1 : 0);
  key2(keys, k++, 26, wn, next2 ? next2.word : NO_WORD);
  key2(keys, k++, 28, p1, next ? next.suffixes[2]! : NO_WORD);
  const names = cues.names;
  const nm = names[i]!;
  key2(keys, k++, 31, nm, w.upperInitial ? 1 : 0);
  key3(keys, k++, 32, nm, i > 0 ? names[i - 1]! : 99, i + 1 < words.length ? names[i + 1]! : 99);
  key2(keys, k++, 33, nm, w.suffixes[2]!);
  key2(keys, k++, 39, cues.wink[i]!, p1);
  key2(keys, k++, 41, cues.wink[i]!, nm);
  return k;
}

/**
 * Writes the keys of all of token `i`'s features (the previous two tags being `t1`, `t2`) and returns how many there
 * are: what training sees, and what the fast tagger sums in parts.
 */
export function posFeatures(words: readonly WordInfo[], cues: TokenCues, i: number, t1: number, t2: number, keys: Int32Array): number {
  const [p1, p2] = historyTags(i, t1, t2);
  let k = ownFeatures(words[i]!, keys, 0);
  k = historyFeatures(p1, p2, keys, k);
  k = asPreviousFeatures(i > 0 ? words[i - 1] : undefined, keys, k);
  k = asNextFeatures(words[i + 1], keys, k);
  const g = cues.wink[i]!;
  k = winkOwnFeatures(words[i]!, g, i === 0 ? 1 : 0, keys, k);
  k = winkPairFeatures(i > 0 ? cues.wink[i - 1]! : OUTSIDE, g, true, keys, k);
  k = winkPairFeatures(g, i + 1 < words.length ? cues.wink[i + 1]! : OUTSIDE, false, keys, k);
  return contextFeatures(words, cues, i, p1, p2, keys, k);
}

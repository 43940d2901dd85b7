/**
 * What the tagger and the parser know of each token, hashed once per sentence: its lower-case form (digits as 0, so
 * "1996" and "2023" share weights), its spelling as written, affixes and shape. Tokens are normalised as for the
 * name tagger (typographic quotes and dashes to ASCII), at training and at run time alike.
 */
import { normaliseToken } from '../ner/normalise.js';
import { hashRange, hashString } from './feature-key.js';

const SEED_WORD = 1;
const SEED_FORM = 2;
const SEED_PREFIX = 3;
const SEED_SUFFIX = 4;
const SEED_SHAPE = 5;

export const AFFIXES = 4;

/** The atom of a position outside the sentence. */
export const NO_WORD = 0x5f3759df;

function shapeOf(word: string): string {
  let shape = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 2) shape += c;
  }
  return shape;
}

/** The tagger's and parser's view of one token's text: its key and the hashes of its parts. */
export interface WordInfo {
  /** Normalised lower-case form with digits as 0. */
  key: string;
  word: number;
  form: number;
  shape: number;
  /** Hashes of the first and last 1..AFFIXES characters of `key` (the whole key when shorter). */
  prefixes: Int32Array;
  suffixes: Int32Array;
  hasHyphen: boolean;
  hasDigit: boolean;
  upperInitial: boolean;
  /** No letter or digit in it. */
  punct: boolean;
  /** The fast tagger's summed weight vectors for this word type, and the weights they were summed from. */
  vectors?: Int32Array;
  vectorsOf?: object;
  /** The fast tagger's summed vectors of this word type with each wink tag met (by 2 × wink code + 1 at
   * the sentence's start), from the same weights. */
  winkVectors?: Array<Int32Array | undefined>;
}

export function wordInfo(text: string): WordInfo {
  const form = normaliseToken(text);
  const key = form.toLowerCase().replace(/\d/g, '0');
  const prefixes = new Int32Array(AFFIXES);
  const suffixes = new Int32Array(AFFIXES);
  for (let n = 1; n <= AFFIXES; n++) {
    const m = Math.min(n, key.length);
    prefixes[n - 1] = hashRange(key, 0, m, SEED_PREFIX + 16 * n);
    suffixes[n - 1] = hashRange(key, key.length - m, key.length, SEED_SUFFIX + 16 * n);
  }
  return {
    key,
    word: hashString(key, SEED_WORD),
    form: hashString(form, SEED_FORM),
    shape: hashString(shapeOf(form), SEED_SHAPE),
    prefixes,
    suffixes,
    hasHyphen: form.length > 1 && form.includes('-'),
    hasDigit: /\d/.test(form),
    upperInitial: /^\p{Lu}/u.test(form),
    punct: !/[\p{L}\p{N}]/u.test(form),
  };
}

/**
 * Word infos by text, kept across sentences (news repeats its words). Two generations bound the memory on any input:
 * when the current one is full it becomes the previous one, and a word found there moves back, so frequent words
 * keep their infos (and the tagger's summed vectors on them) while rare ones age out.
 */
export class WordCache {
  private current = new Map<string, WordInfo>();
  private previous = new Map<string, WordInfo>();

  /** Each entry may carry the tagger's summed vectors (about 1 KB), hence the modest default limit per generation. */
  constructor(private readonly limit = 1 << 14) {}

  get(text: string): WordInfo {
    let info = this.current.get(text);
    if (info !== undefined) return info;
    info = this.previous.get(text) ?? wordInfo(text);
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(text, info);
    return info;
  }
}

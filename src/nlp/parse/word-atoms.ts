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
  };
}

/**
 * Word infos by text, kept across sentences (news repeats its words); started afresh when it grows past `limit`
 * so that memory stays bounded on any input.
 */
export class WordCache {
  private map = new Map<string, WordInfo>();

  constructor(private readonly limit = 1 << 16) {}

  get(text: string): WordInfo {
    let info = this.map.get(text);
    if (info === undefined) {
      if (this.map.size >= this.limit) this.map = new Map();
      info = wordInfo(text);
      this.map.set(text, info);
    }
    return info;
  }
}

/**
 * Longest-match lookup of the general lexicon over a sentence, giving the tagger dictionary features
 * ("this token is the last word of a known country name").
 */
import { lexicon } from '../lexicon/index.js';

export const GAZ = {
  country: 'cty',
  demonym: 'dem',
  city: 'cit',
  region: 'reg',
  body: 'bod',
  acronym: 'acr',
  given: 'giv',
  title: 'tit',
  honorific: 'hon',
  orgSuffix: 'osf',
  orgHead: 'ohd',
} as const;
type GazCategory = (typeof GAZ)[keyof typeof GAZ];

/** Categories by code (a match is reported as `code * 4 + part`, parts in `GAZ_PARTS` order). */
export const GAZ_CATEGORIES: readonly GazCategory[] = Object.values(GAZ);
export const GAZ_PARTS = ['B', 'I', 'L', 'U'] as const;
const B = 0;
const I = 1;
const LAST = 2;
const U = 3;
const ACRONYM = GAZ_CATEGORIES.indexOf(GAZ.acronym);

/** Categories that name things and so are only trusted on capitalised surface forms. */
const NAMING: ReadonlySet<GazCategory> = new Set([GAZ.country, GAZ.demonym, GAZ.city, GAZ.region, GAZ.body, GAZ.given, GAZ.orgSuffix, GAZ.orgHead]);
const NAMING_MASK = GAZ_CATEGORIES.reduce((mask, cat, code) => (NAMING.has(cat) ? mask | (1 << code) : mask), 0);

/** A word of a multiword phrase: what follows it, and the categories of the phrase that ends on it. */
export interface TrieNode {
  next: Map<string, TrieNode> | undefined;
  cats: number[] | undefined;
}

interface Dictionary {
  /** Phrase → category codes, in the order the lexicon lists them. */
  phrases: Map<string, number[]>;
  /** Multiword phrases by word, from their first words (the only words that start a multiword lookup). */
  starts: Map<string, TrieNode>;
  maxWords: number;
}

let dictionary: Dictionary | undefined;

function build(): Dictionary {
  const lex = lexicon();
  const phrases = new Map<string, number[]>();
  const starts = new Map<string, TrieNode>();
  let maxWords = 1;
  const add = (phrase: string, category: GazCategory): void => {
    const words = splitPhrase(phrase);
    if (!words.length) return;
    const k = words.join(' ');
    const code = GAZ_CATEGORIES.indexOf(category);
    maxWords = Math.max(maxWords, words.length);
    let list = phrases.get(k);
    if (!list) phrases.set(k, (list = [code]));
    else if (!list.includes(code)) list.push(code);
    if (words.length < 2) return;
    let node = starts.get(words[0]!);
    if (!node) starts.set(words[0]!, (node = { next: undefined, cats: undefined }));
    for (const word of words.slice(1)) {
      node.next ??= new Map();
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { next: undefined, cats: undefined }));
      node = child;
    }
    node.cats = list;
  };
  for (const name of lex.countries.keys()) add(name, GAZ.country);
  for (const name of lex.demonyms.keys()) add(name, GAZ.demonym);
  for (const name of lex.cities) add(name, GAZ.city);
  for (const name of lex.regions) add(name, GAZ.region);
  for (const [form, body] of lex.knownBodies) add(form, body.acronym && form === body.acronym.toLowerCase() ? GAZ.acronym : GAZ.body);
  for (const name of lex.givenNames) add(name, GAZ.given);
  for (const title of lex.titles) add(title, GAZ.title);
  for (const h of lex.honorifics) add(h, GAZ.honorific);
  for (const s of lex.orgSuffixes) add(s, GAZ.orgSuffix);
  for (const h of lex.orgHeads) add(h, GAZ.orgHead);
  return { phrases, starts, maxWords };
}

/** Words of a lexicon phrase, split the way news tokenisers split them ("people's" → "people", "'s"). */
function splitPhrase(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .replace(/'s\b/g, " 's")
    .split(/\s+/)
    .filter(Boolean);
}

const isCapitalised = (t: string): boolean => /^\p{Lu}/u.test(t);
const isAllCaps = (t: string): boolean => /\p{L}/u.test(t) && t === t.toUpperCase() && t.length > 1;

/** What the dictionary says about one word on its own; computed once per word type by the tagger. */
export interface GazWord {
  readonly lower: string;
  /** The multiword phrases starting with it. */
  readonly phrases: TrieNode | undefined;
  /** Categories of the word as a one-word phrase (also with a trailing dot dropped: "Corp.", "Mr."). */
  readonly alone: readonly number[] | undefined;
  /** Starts with a capital: naming categories need it. */
  readonly capitalised: boolean;
  /** In capitals, two letters or more: acronyms need it. */
  readonly acronymCase: boolean;
  /** Holds a space, so joined with its neighbours it may spell a phrase of more words than tokens. */
  readonly spaced: boolean;
}

export function gazWord(word: string): GazWord {
  dictionary ??= build();
  const lower = word.toLowerCase();
  let alone = dictionary.phrases.get(lower);
  if (!alone && lower.length > 1 && lower.endsWith('.')) alone = dictionary.phrases.get(lower.slice(0, -1));
  return {
    lower,
    phrases: dictionary.starts.get(lower),
    alone,
    capitalised: isCapitalised(word),
    acronymCase: isAllCaps(word),
    spaced: lower.includes(' '),
  };
}

// Multiword matches of the current start word, shortest first: their word counts and categories.
const matchWords: number[] = [];
const matchCats: (readonly number[])[] = [];

/** Multiword phrases at `words[i..]` (at most `limit` words) into matchWords/matchCats; false when a token has a space. */
function multiwordMatches(words: readonly GazWord[], i: number, limit: number): boolean {
  matchWords.length = 0;
  matchCats.length = 0;
  let node: TrieNode | undefined = words[i]!.phrases;
  for (let n = 2; n <= limit && node?.next; n++) {
    const word = words[i + n - 1]!;
    if (word.spaced) return false;
    node = node.next.get(word.lower);
    if (node?.cats) {
      matchWords.push(n);
      matchCats.push(node.cats);
    }
  }
  return true;
}

/**
 * Reports, for the words `words[from..to)`, the categories of the longest dictionary phrases covering each one:
 * `mark(j, code * 4 + part)` with `j` the word's index and part B, I, L or U. Naming categories need a capitalised
 * first word; acronyms need an all-caps token.
 */
export function scanGazetteer(words: readonly GazWord[], from: number, to: number, mark: (j: number, match: number) => void): void {
  dictionary ??= build();
  const { phrases, maxWords } = dictionary;
  for (let i = from; i < to; i++) {
    const first = words[i]!;
    let seen = 0;
    if (first.phrases) {
      const limit = Math.min(maxWords, to - i);
      if (multiwordMatches(words, i, limit)) {
        // Longest first, as the categories already reported for a word are not reported again.
        for (let k = matchWords.length - 1; k >= 0; k--) seen = report(first, i, matchWords[k]!, matchCats[k]!, seen, mark);
      } else {
        // A token with a space inside: join the words as they are, so "the" + "new york" still spells a phrase.
        for (let n = limit; n >= 2; n--) {
          let phrase = first.lower;
          for (let k = 1; k < n; k++) phrase += ' ' + words[i + k]!.lower;
          const cats = phrases.get(phrase);
          if (cats) seen = report(first, i, n, cats, seen, mark);
        }
      }
    }
    if (first.alone) report(first, i, 1, first.alone, seen, mark);
  }
}

/** Marks an `n`-word phrase at `i` for each of its categories not yet `seen` there; returns the new `seen`. */
function report(first: GazWord, i: number, n: number, cats: readonly number[], seen: number, mark: (j: number, match: number) => void): number {
  for (const cat of cats) {
    if (seen & (1 << cat)) continue;
    if (cat === ACRONYM ? !first.acronymCase || n > 1 : (NAMING_MASK & (1 << cat)) !== 0 && !first.capitalised) continue;
    seen |= 1 << cat;
    if (n === 1) mark(i, cat * 4 + U);
    else {
      mark(i, cat * 4 + B);
      for (let k = 1; k < n - 1; k++) mark(i + k, cat * 4 + I);
      mark(i + n - 1, cat * 4 + LAST);
    }
  }
  return seen;
}

/** The dictionary as phrases (words joined by single spaces) → category codes, for tests. */
export function gazetteerPhrases(): ReadonlyMap<string, readonly number[]> {
  dictionary ??= build();
  return dictionary.phrases;
}

/** The feature value of a match: `cat:B|I|L|U`. */
export const gazMatchName = (match: number): string => `${GAZ_CATEGORIES[match >> 2]}:${GAZ_PARTS[match & 3]}`;

/** For each token, the matches of `scanGazetteer` as `cat:B|I|L|U` strings. */
export function gazetteerMatches(tokens: readonly string[]): string[][] {
  const out: string[][] = tokens.map(() => []);
  scanGazetteer(tokens.map(gazWord), 0, tokens.length, (j, match) => out[j]!.push(gazMatchName(match)));
  return out;
}

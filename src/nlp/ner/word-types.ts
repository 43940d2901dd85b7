/**
 * What the tagger needs to know about a word type, computed once and kept across documents (news repeats its
 * words): the token info of `features.ts`, its headline and dictionary classes, and slots for the model's
 * per-type weights (filled by `compiled-model.ts`). Document-level facts live in a `FormTable`, by lower-case form,
 * as `features.ts` and `document-features.ts` key them.
 */
import { lexicon } from '../lexicon/index.js';
import { LABEL_COUNT, NAME_TYPES } from './bilou.js';
import { tokenInfo } from './features.js';
import { gazWord, type GazWord, type TrieNode } from './gazetteer.js';
import { headlineWord, type HeadlineWord } from './headline.js';

/** Length of one packed weight vector (one int per label), and where each of a word type's vectors starts. */
export const VECTOR = LABEL_COUNT;
export const OWN = 0;
export const OWN_CAPS = VECTOR;
export const AS_PREV = 2 * VECTOR;
export const AS_NEXT = 3 * VECTOR;
/** Ints per word type in the vector pool. */
export const TYPE_VECTORS = 4 * VECTOR;

/** Vote slots: one per name type, then O. */
export const VOTE_SLOTS = NAME_TYPES.length + 1;

/** `FormTable.flags` bits. */
export const LOWER_SEEN = 1;
export const CAP_SEEN = 2;

/**
 * Case evidence and first-pass votes about each lower-case form in the current document, by form id, in flat
 * arrays (each token reads them; objects per form would be scattered over the heap). A form's facts are stale
 * when its `stamp` is not the current document's; `use` resets them.
 */
export class FormTable {
  size = 0;
  /** The document the facts belong to. */
  stamp = new Int32Array(1024).fill(-1);
  /** LOWER_SEEN: written in lower case in an ordinary sentence; CAP_SEEN: capitalised away from a sentence start. */
  flags = new Uint8Array(1024);
  /** First-pass labels of its countable occurrences, `VOTE_SLOTS` per form (name types, then O). */
  votes = new Int32Array(1024 * VOTE_SLOTS);
  /** Length of the longest first-pass name containing it, that name's type index (-1: none) and its part there. */
  longest = new Int32Array(1024);
  longestType = new Int32Array(1024);
  longestPart = new Int32Array(1024);

  add(): number {
    if (this.size === this.stamp.length) this.grow();
    return this.size++;
  }

  /** Resets form `f`'s facts unless they already belong to document `stamp`. */
  use(f: number, stamp: number): void {
    if (this.stamp[f] === stamp) return;
    this.stamp[f] = stamp;
    this.flags[f] = 0;
    for (let k = f * VOTE_SLOTS; k < (f + 1) * VOTE_SLOTS; k++) this.votes[k] = 0;
    this.longest[f] = 0;
    this.longestType[f] = -1;
    this.longestPart[f] = 0;
  }

  private grow(): void {
    const size = this.stamp.length * 2;
    const more = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T, per = 1): T => {
      const b = make(size * per);
      b.set(a);
      return b;
    };
    this.stamp = more(this.stamp, (n) => new Int32Array(n).fill(-1));
    this.flags = more(this.flags, (n) => new Uint8Array(n));
    this.votes = more(this.votes, (n) => new Int32Array(n), VOTE_SLOTS);
    this.longest = more(this.longest, (n) => new Int32Array(n));
    this.longestType = more(this.longestType, (n) => new Int32Array(n));
    this.longestPart = more(this.longestPart, (n) => new Int32Array(n));
  }
}

export class WordType implements GazWord {
  readonly word: string;
  readonly lower: string;
  /** Lower case with digits folded to 0. */
  readonly key: string;
  /** The word with digits folded to 0 (its cased form). */
  readonly cased: string;
  readonly shape: string;
  readonly short: string;
  readonly cap: boolean;
  readonly allCaps: boolean;
  readonly hasLetter: boolean;
  /** Written all in lower case. */
  readonly isLower: boolean;
  /** Takes part in the document votes (a capitalised or all-caps word). */
  readonly countable: boolean;
  readonly headline: HeadlineWord;
  // Dictionary facts (see GazWord).
  readonly phrases: TrieNode | undefined;
  readonly alone: readonly number[] | undefined;
  readonly capitalised: boolean;
  readonly acronymCase: boolean;
  readonly spaced: boolean;
  /** An all-caps role word ("CEO") that the tagger cuts off the front of names. */
  readonly titleAcronym: boolean;
  /** The same word in capitals, for title-case headlines. */
  upper: WordType | undefined = undefined;

  /**
   * Filled by the compiled model: in its vector pool at `slot`, packed weight sums (see compiled-model.ts) at `OWN`,
   * `OWN_CAPS` (the word's own features in an ordinary and an all-caps sentence), `AS_PREV` and `AS_NEXT` (the
   * features it gives the next and the previous token); the rows of `w-2=`/`w+2=` as seen from two tokens away
   * and of `first|sh=`.
   */
  firstShape = -1;
  asPrev2 = -1;
  asNext2 = -1;

  constructor(
    word: string,
    /** Where its vectors start in the model's vector pool. */
    readonly slot: number,
    /** Its lower-case form's id in the model's FormTable. */
    readonly form: number,
    /** Whether the word is its own normal form (normalise.ts), so a token spelt like it is this type. */
    readonly isNormal: boolean,
  ) {
    const info = tokenInfo(word);
    this.word = info.word;
    this.lower = info.lower;
    this.key = info.key;
    this.cased = info.word.replace(/[0-9]/g, '0');
    this.shape = info.shape;
    this.short = info.short;
    this.cap = info.cap;
    this.allCaps = info.allCaps;
    this.hasLetter = info.hasLetter;
    this.isLower = info.word === info.lower;
    this.countable = info.hasLetter && (info.cap || info.allCaps);
    this.headline = headlineWord(word);
    const gaz = gazWord(word);
    this.phrases = gaz.phrases;
    this.alone = gaz.alone;
    this.capitalised = gaz.capitalised;
    this.acronymCase = gaz.acronymCase;
    this.spaced = gaz.spaced;
    this.titleAcronym = info.allCaps && lexicon().titles.has(info.lower);
  }
}

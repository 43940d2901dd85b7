/**
 * The shipped model rearranged for the tagger's hot loop: both passes' int8 weights of a feature packed into one
 * int32 per label (pass 1 in the low 16 bits, pass 2 above), so that one add sums both; the rows of every feature
 * with a fixed name (bias, position, dictionary, first-pass label and vote features) looked up once; and a cache of
 * word types whose own and neighbour features are summed in advance. Scores stay exact integer sums of the same
 * weights, so the tagger decodes exactly as with feature strings.
 *
 * Packed sums are exact while each pass's sum stays within ±32767. A token's packed features are at most 32 (17
 * own with bias and AC, 4 from its neighbours, 2 from two away, 3 positional, 1 case evidence, 5 pairs), each
 * |weight| <= 127: |sum| <= 4064. Dictionary features are not packed: phrases of up to 9 words in 11 categories
 * could in principle stack up hundreds of them on one token.
 */
import { LABELS, LABEL_COUNT as L, NAME_TYPES } from './bilou.js';
import { scaleTransitions, transitionBlocks, type Blocks, type LinearModel, type ScaledTransitions } from './decode.js';
import { HashPrefix, HashedIndex, nameInto } from './feature-hash.js';
import { PAD_WORD } from './features.js';
import { GAZ_CATEGORIES, GAZ_PARTS, gazMatchName } from './gazetteer.js';
import type { NerModel } from './model-file.js';
import { normaliseToken } from './normalise.js';
import { AS_NEXT, AS_PREV, FormTable, OWN, OWN_CAPS, TYPE_VECTORS, VECTOR, VOTE_SLOTS, WordType } from './word-types.js';

// Prefixes of the per-word feature names of features.ts.
const WORD = new HashPrefix('w=');
const SHAPE = new HashPrefix('sh=');
const SHORT_SHAPE = new HashPrefix('ss=');
const CAPS_WORD = new HashPrefix('AC|w=');
const CASED_WORD = new HashPrefix('wc=');
const PREFIXES = [1, 2, 3, 4].map((k) => new HashPrefix(`p${k}=`));
const SUFFIXES = [1, 2, 3, 4].map((k) => new HashPrefix(`s${k}=`));
const FIRST_SHAPE = new HashPrefix('first|sh=');
const PREV_WORD = new HashPrefix('w-1=');
const PREV_SHORT = new HashPrefix('ss-1=');
const PREV2_WORD = new HashPrefix('w-2=');
const NEXT_WORD = new HashPrefix('w+1=');
const NEXT_SHORT = new HashPrefix('ss+1=');
const NEXT2_WORD = new HashPrefix('w+2=');

/** Whether `s[i], s[i + 1]` is a surrogate pair (one code point, as `Array.from` splits strings). */
const isPair = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  const d = s.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
};

/** Entries of the word-pair cache (a power of two). */
export const BIGRAMS = 1 << 16;
/** The word-pair cache entry of the types at vector slots `a` and `b`. */
export const bigramEntry = (a: number, b: number): number => (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 16;

/** Packs a pass-1 and a pass-2 weight (sum) into one int. */
export const pack = (first: number, second: number): number => (first + second * 65536) | 0;
/** The pass-1 part of a packed sum. */
export const firstOf = (packed: number): number => (packed << 16) >> 16;
/** The pass-2 part of a packed sum. */
export const secondOf = (packed: number): number => (packed - ((packed << 16) >> 16)) >> 16;

/**
 * Word types (and unusual token spellings) kept before the cache starts over, at a document boundary: each costs
 * ~650 bytes, so ~20 MB at most; a few MB of news text has fewer distinct words.
 */
const CACHE_LIMIT = 1 << 15;

const GAZ_MATCHES = GAZ_CATEGORIES.length * GAZ_PARTS.length;
/** Vote names by slot: name types, then O. */
const SLOT_NAMES = [...NAME_TYPES, 'O'];
/** First-pass label parts as the vote features spell them, by `partIndex`. */
const PART_NAMES = ['O', 'B', 'I', 'L', 'U'];
/** Label → index into PART_NAMES. */
export const partIndex = (label: number): number => (label === 0 ? 0 : 1 + ((label - 1) & 3));
/** Index of the vote features of a token: the best slot, the slots with votes (a bit mask), its own label's part. */
export const voteKey = (best: number, mask: number, part: number): number => (best * (1 << VOTE_SLOTS) + mask) * PART_NAMES.length + part;
/** The key of `dv=none` (no other occurrence voted). */
export const VOTE_KEYS = VOTE_SLOTS * (1 << VOTE_SLOTS) * PART_NAMES.length;

/** Where a capitalised word stands, for `dc=`: headline, sentence start, elsewhere. */
export const DC_WHERE = ['hl', 'st', 'mid'] as const;

export class CompiledModel {
  readonly index: HashedIndex;
  /** `rows × L` packed weights of both passes. */
  readonly packed: Int32Array;
  /** Each pass's own `rows × L` weights (for dictionary features). */
  readonly weights1: Int8Array;
  readonly weights2: Int8Array;
  readonly scale1: number;
  readonly scale2: number;
  readonly transitions1: Float64Array;
  readonly transitions2: Float64Array;
  readonly temperature: number;
  /** The transitions rearranged for Viterbi. */
  readonly blocks1: Blocks;
  readonly blocks2: Blocks;
  /** Pass 2's transitions for forward-backward. */
  readonly scaled2: ScaledTransitions;
  /** exp(-d · scale2 / T) = EXP_HIGH[d >> 8] · EXP_LOW[d & 255], for forward-backward potentials. */
  readonly expHigh = new Float64Array(256);
  readonly expLow = new Float64Array(256);

  readonly bias: number;
  readonly allCapsSentence: number;
  readonly first: number;
  readonly last: number;
  /** `dc=` rows by `where * 4 + (lowerSeen ? 1 : 0) + (capSeen ? 2 : 0)`. */
  readonly caseEvidence: Int32Array;
  /** Dictionary rows by `template * GAZ_MATCHES + match`, templates `g=`, `g-1=`, `g+1=`. */
  readonly gazetteer: Int32Array;
  readonly gazMatches = GAZ_MATCHES;
  /**
   * Pass-2 weight sums of the second pass's own features, by what they depend on (index L: outside the sentence):
   * `p1=`, `p1-1=` and `p1-1|p1=` by `(prev * L + label) * L`; `p1+1=` by `next * L`; the votes (`dv=`, `dv+=`,
   * `dv=X|p1=`) by `voteKey`; the longest name (`dl=`, `dl=T|part`) by `(type * 4 + part) * L`.
   */
  readonly labelContext: Int32Array;
  readonly nextLabel: Int32Array;
  readonly voteFeatures: Int32Array;
  readonly longestName: Int32Array;

  readonly longWord: number;
  readonly hyphen: number;
  readonly dot: number;
  private readonly typeNames = new Int32Array(2 * 32);
  private readonly typeRows = new Int32Array(32);
  /** Keeps loads done only to bring memory into the cache observable. */
  touched = 0;

  /**
   * Rows of the four features of an adjacent pair of word types (B's `w-1|w=` and `sh-1|w=`, A's `w|w+1=` and
   * `w|sh+1=`), by the pair's vector slots: news repeats word pairs ("of the", "said on"), and these four lookups
   * are the costliest of a token. Direct-mapped: a pair's entry is simply overwritten by a later one.
   */
  readonly bigramKeys = new Int32Array(2 * BIGRAMS).fill(-1);
  readonly bigramRows = new Int32Array(4 * BIGRAMS);

  readonly pad: WordType;
  /** Word types' weight vectors, `TYPE_VECTORS` ints each (see WordType); reallocated as it grows. */
  vectors = new Int32Array(1024 * TYPE_VECTORS);
  private typeCount = 0;
  readonly forms = new FormTable();
  private raws = new Map<string, WordType>();
  private words = new Map<string, WordType>();
  private formIds = new Map<string, number>();

  constructor(model: NerModel, index: HashedIndex) {
    this.index = index;
    const w1 = (this.weights1 = model.first.weights as Int8Array);
    const w2 = (this.weights2 = model.second.weights as Int8Array);
    const rows = index.size;
    this.packed = new Int32Array(rows * L);
    for (let i = 0; i < rows * L; i++) this.packed[i] = pack(w1[i]!, w2[i]!);
    this.scale1 = model.first.scale;
    this.scale2 = model.second.scale;
    this.transitions1 = Float64Array.from(model.first.transitions);
    this.transitions2 = Float64Array.from(model.second.transitions);
    this.temperature = model.temperature;
    this.blocks1 = transitionBlocks(this.transitions1);
    this.blocks2 = transitionBlocks(this.transitions2);
    this.scaled2 = scaleTransitions(this.transitions2, this.temperature);
    const step = this.scale2 / this.temperature;
    for (let i = 0; i < 256; i++) {
      this.expLow[i] = Math.exp(-i * step);
      this.expHigh[i] = Math.exp(-256 * i * step);
    }

    const row = (name: string): number => index.get(name) ?? -1;
    const rowsOf = (names: readonly string[]): Int32Array => Int32Array.from(names, row);
    this.bias = row('b');
    this.longWord = row('long');
    this.hyphen = row('hyph');
    this.dot = row('dot');
    this.allCapsSentence = row('AC');
    this.first = row('first');
    this.last = row('last');
    this.caseEvidence = rowsOf(DC_WHERE.flatMap((where) => ['', 'L', 'C', 'LC'].map((seen) => `dc=${where}|${seen}`)));
    const matches = Array.from({ length: GAZ_MATCHES }, (_, m) => gazMatchName(m));
    this.gazetteer = rowsOf(['g=', 'g-1=', 'g+1='].flatMap((t) => matches.map((m) => t + m)));
    const label = (l: number): string => (l === L ? PAD_WORD : LABELS[l]!);
    const sum2 = (out: Int32Array, at: number, names: readonly string[]): void => {
      for (const name of names) {
        const r = row(name);
        if (r < 0) continue;
        for (let l = 0; l < L; l++) out[at + l]! += w2[r * L + l]!;
      }
    };
    this.labelContext = new Int32Array((L + 1) * L * L);
    for (let prev = 0; prev <= L; prev++) {
      for (let l = 0; l < L; l++) {
        sum2(this.labelContext, (prev * L + l) * L, ['p1=' + label(l), 'p1-1=' + label(prev), 'p1-1|p1=' + label(prev) + '|' + label(l)]);
      }
    }
    this.nextLabel = new Int32Array((L + 1) * L);
    for (let next = 0; next <= L; next++) sum2(this.nextLabel, next * L, ['p1+1=' + label(next)]);
    this.voteFeatures = new Int32Array((VOTE_KEYS + 1) * L);
    sum2(this.voteFeatures, VOTE_KEYS * L, ['dv=none']);
    for (let best = 0; best < VOTE_SLOTS; best++) {
      for (let mask = 0; mask < 1 << VOTE_SLOTS; mask++) {
        if (!(mask & (1 << best))) continue;
        for (let part = 0; part < PART_NAMES.length; part++) {
          const names = ['dv=' + SLOT_NAMES[best]];
          for (let slot = 0; slot < VOTE_SLOTS; slot++) if (mask & (1 << slot)) names.push('dv+=' + SLOT_NAMES[slot]);
          names.push('dv=' + SLOT_NAMES[best] + '|p1=' + PART_NAMES[part]);
          sum2(this.voteFeatures, voteKey(best, mask, part) * L, names);
        }
      }
    }
    this.longestName = new Int32Array(NAME_TYPES.length * 4 * L);
    NAME_TYPES.forEach((type, t) => GAZ_PARTS.forEach((part, p) => sum2(this.longestName, (t * 4 + p) * L, ['dl=' + type, 'dl=' + type + '|' + part])));
    this.pad = this.createWordType(PAD_WORD);
  }

  /**
   * The forward-backward potential of a label whose pass-2 score sum is `d` below the token's best: exp(-d · scale / T)
   * (two table lookups; within a few ulps of Math.exp).
   */
  potential(d: number): number {
    return d < 65536 ? this.expHigh[d >> 8]! * this.expLow[d & 255]! : Math.exp((-d * this.scale2) / this.temperature);
  }

  /** The type of a token as the tokenizer gave it (normalised to the training text's conventions). */
  wordType(raw: string): WordType {
    // Most tokens are their own normal form, and are found by it directly; the others go through `raws`.
    const type = this.words.get(raw);
    if (type !== undefined && type.isNormal) return type;
    return this.raws.get(raw) ?? this.rawType(raw);
  }

  private rawType(raw: string): WordType {
    const word = normaliseToken(raw);
    const type = this.typeOfWord(word);
    if (word !== raw) this.raws.set(raw, type);
    return type;
  }

  /** The word in capitals (title-case headlines are tagged in capitals). */
  upperOf(type: WordType): WordType {
    return (type.upper ??= this.typeOfWord(type.word.toUpperCase()));
  }

  /** Called between documents: bounds the cache's memory by starting over when it is full. */
  startDocument(): void {
    if (this.raws.size + this.words.size < CACHE_LIMIT) return;
    this.raws = new Map();
    this.words = new Map();
    this.formIds = new Map();
    this.forms.size = 0;
    this.bigramKeys.fill(-1);
    // The padding word keeps its place at the start of the pool.
    this.typeCount = 1;
  }

  /**
   * The word's features of features.ts, by name hashed from its parts: its own (word, shape, case form, affixes,
   * punctuation, plus the bias every token has, and `AC` in all-caps sentences) and the ones it gives its
   * neighbours. The ~20 lookups of a new word go out together: most miss the CPU caches, and they then overlap.
   */
  private fillVectors(type: WordType): void {
    const names = this.typeNames;
    const rows = this.typeRows;
    nameInto(names, 0, WORD, type.key);
    nameInto(names, 1, SHAPE, type.shape);
    nameInto(names, 2, SHORT_SHAPE, type.short);
    nameInto(names, 3, CASED_WORD, type.cased);
    nameInto(names, 4, CAPS_WORD, type.key);
    nameInto(names, 5, FIRST_SHAPE, type.short);
    nameInto(names, 6, PREV_WORD, type.key);
    nameInto(names, 7, PREV_SHORT, type.short);
    nameInto(names, 8, NEXT_WORD, type.key);
    nameInto(names, 9, NEXT_SHORT, type.short);
    nameInto(names, 10, PREV2_WORD, type.key);
    nameInto(names, 11, NEXT2_WORD, type.key);
    let count = 12;
    if (type.hasLetter) {
      // features.ts affixes: the first and last 1-4 code points of the lower-case form.
      const lower = type.lower;
      let head = 0;
      let tail = lower.length;
      for (let n = 1; n <= 4 && head < lower.length; n++) {
        head += isPair(lower, head) ? 2 : 1;
        tail -= tail >= 2 && isPair(lower, tail - 2) ? 2 : 1;
        nameInto(names, count++, PREFIXES[n - 1]!, lower, 0, head);
        nameInto(names, count++, SUFFIXES[n - 1]!, lower, tail, lower.length);
      }
    }
    rows[count++] = type.word.length > 20 ? this.longWord : -1;
    rows[count++] = type.hasLetter && type.word.includes('-') ? this.hyphen : -1;
    rows[count++] = type.hasLetter && type.word.includes('.') ? this.dot : -1;
    rows[count++] = this.bias;
    this.index.findAll(names, count - 4, rows, 0);
    let touched = 0;
    for (let k = 0; k < count; k++) if (rows[k]! >= 0) touched ^= this.packed[rows[k]! * L]! ^ this.packed[rows[k]! * L + L - 1]!;
    this.touched = touched;

    const v = this.vectors;
    const at = type.slot;
    // Own features: word, shape, short shape, affixes, punctuation, bias; then the cased word, or in all-caps
    // sentences `AC|w=` and `AC`.
    this.sumRows(v, at + OWN, rows, 0, 3);
    this.addRows(v, at + OWN, rows, 12, count);
    v.copyWithin(at + OWN_CAPS, at + OWN, at + OWN + VECTOR);
    this.addRow(v, at + OWN, rows[3]!);
    this.addRow(v, at + OWN_CAPS, rows[4]!);
    this.addRow(v, at + OWN_CAPS, this.allCapsSentence);
    type.firstShape = rows[5]!;
    this.sumRows(v, at + AS_PREV, rows, 6, 8);
    this.sumRows(v, at + AS_NEXT, rows, 8, 10);
    type.asPrev2 = rows[10]!;
    type.asNext2 = rows[11]!;
  }

  private sumRows(out: Int32Array, at: number, rows: Int32Array, from: number, to: number): void {
    out.fill(0, at, at + VECTOR);
    this.addRows(out, at, rows, from, to);
  }

  private addRows(out: Int32Array, at: number, rows: Int32Array, from: number, to: number): void {
    for (let k = from; k < to; k++) this.addRow(out, at, rows[k]!);
  }

  private addRow(out: Int32Array, at: number, row: number): void {
    if (row < 0) return;
    for (let l = 0; l < L; l++) out[at + l] = (out[at + l]! + this.packed[row * L + l]!) | 0;
  }

  private typeOfWord(word: string): WordType {
    let type = this.words.get(word);
    if (type === undefined) {
      type = this.createWordType(word);
      this.words.set(word, type);
    }
    return type;
  }

  private createWordType(word: string): WordType {
    const lower = word.toLowerCase();
    let form = this.formIds.get(lower);
    if (form === undefined) this.formIds.set(lower, (form = this.forms.add()));
    if ((this.typeCount + 1) * TYPE_VECTORS > this.vectors.length) {
      const vectors = new Int32Array(this.vectors.length * 2);
      vectors.set(this.vectors);
      this.vectors = vectors;
    }
    const type = new WordType(word, this.typeCount++ * TYPE_VECTORS, form, normaliseToken(word) === word);
    this.fillVectors(type);
    return type;
  }
}

const compiled = new WeakMap<NerModel, CompiledModel | null>();

/**
 * The compiled form of a shipped model (one feature table shared by both passes, int8 weights), or undefined for
 * other models (training-time models keyed by feature strings), which the tagger runs the reference way.
 */
export function compileModel(model: NerModel): CompiledModel | undefined {
  let c = compiled.get(model);
  if (c === undefined) {
    const index = model.first.index;
    const usable = (m: LinearModel): boolean => m.index === index && m.weights instanceof Int8Array;
    c = index instanceof HashedIndex && usable(model.first) && usable(model.second) ? new CompiledModel(model, index) : null;
    compiled.set(model, c);
  }
  return c ?? undefined;
}

/**
 * The tagger's run-time path: the features of `features.ts` and `document-features.ts` and the decoding of
 * `tagger.ts`, computed without building feature strings. Per-word work comes from the compiled model's word-type
 * cache, pair features are hashed from their parts, fixed-name features are precomputed, and scores are integer
 * sums of the same int8 weights, so the labels are exactly those of the reference path (`tagWithModelReference`,
 * which the tests compare against) and the confidences agree to rounding.
 */
import { LABEL_COUNT as L, NAME_TYPES, type NameSpan } from './bilou.js';
import { VOTE_KEYS, bigramEntry, firstOf, partIndex, secondOf, voteKey, type CompiledModel } from './compiled-model.js';
import { createLattice, reserveLattice, runForwardBackward, spanProbability, viterbiInto } from './decode.js';
import { HashPrefix, addPart, addSeparator, beginName, finishName } from './feature-hash.js';
import { scanGazetteer } from './gazetteer.js';
import { countHeadlineWord, isHeadlineCount } from './headline.js';
import { AS_NEXT, AS_PREV, CAP_SEEN, LOWER_SEEN, OWN, OWN_CAPS, VOTE_SLOTS, type WordType } from './word-types.js';

const PREV_WORD = new HashPrefix('w-1|w=');
const NEXT_WORD = new HashPrefix('w|w+1=');
const SHORTS = new HashPrefix('ss-1|ss|ss+1=');
const PREV_SHORT_WORD = new HashPrefix('sh-1|w=');
const NEXT_SHORT_WORD = new HashPrefix('w|sh+1=');
/** Hashes the feature name `prefix + a + "|" + b` into slot `k` of `names`, without building the string. */
function namePair(names: Int32Array, k: number, prefix: HashPrefix, a: string, b: string): void {
  beginName(prefix, prefix.text.length + a.length + 1 + b.length);
  addPart(a);
  addSeparator();
  addPart(b);
  finishName(names, k);
}

/** Pair features per token: the five above. */
const PAIRS = 5;


const O_SLOT = VOTE_SLOTS - 1;
// A word's part in a name, as compiled-model.ts orders them (GAZ_PARTS).
const PART_B = 0;
const PART_I = 1;
const PART_L = 2;
const PART_U = 3;

/** Scratch space, grown to the largest document and sentence seen; the tagger allocates little per document. */
class Scratch {
  // Per token of the document.
  types: WordType[] = [];
  /** Packed sums (compiled-model.ts) of the weights of the token's pass-1 features, one int per label. */
  scores = new Int32Array(1024 * L);
  firstLabels = new Int32Array(1024);
  /** Length of the first-pass name covering the token (0: none). */
  spanLength = new Int32Array(1024);
  // Per sentence of the document.
  offsets = new Int32Array(64);
  capsSentence = new Uint8Array(64);
  // Per token of one sentence.
  emit = new Float64Array(256 * L);
  /** Pass-2 integer score sums (emit = sums × scale). */
  sums = new Int32Array(256 * L);
  labels = new Int32Array(256);
  /** Rows of the word-pair and triple features, and the names (hash pairs) still to look up, their results and places. */
  pairRows = new Int32Array(PAIRS * 256);
  pairNames = new Int32Array(2 * PAIRS * 256);
  found = new Int32Array(PAIRS * 256);
  missAt = new Int32Array(PAIRS * 256);
  /**
   * Dictionary features of the document as (token, row) pairs, and where each sentence's start. They are added to
   * each pass's scores apart from the packed sums: a token can have many of them (see compiled-model.ts).
   */
  marks = new Int32Array(256);
  markCount = 0;
  sentenceMarks = new Int32Array(64);
  /** Pass-1 sums of the dictionary features of one sentence's tokens. */
  markSums = new Int32Array(256 * L);

  /** Spans of one sentence's labels (see `findSpans`). */
  spanStart = new Int32Array(64);
  spanEnd = new Int32Array(64);
  spanType = new Int32Array(64);

  readonly lattice = createLattice();
  /** Feature rows of one token, gathered before adding them up. */
  readonly rows = new Int32Array(16);
  readonly headline = new Int32Array(2);
  readonly votes = new Int32Array(VOTE_SLOTS);

  reserve(sentences: number, tokens: number, longest: number): void {
    if (this.offsets.length <= sentences) {
      this.offsets = new Int32Array(sentences * 2 + 1);
      this.capsSentence = new Uint8Array(sentences * 2 + 1);
      this.sentenceMarks = new Int32Array(sentences * 2 + 1);
    }
    if (this.firstLabels.length < tokens) {
      const size = tokens * 2;
      this.scores = new Int32Array(size * L);
      this.firstLabels = new Int32Array(size);
      this.spanLength = new Int32Array(size);
    }
    if (this.labels.length < longest) {
      const size = longest * 2;
      this.labels = new Int32Array(size);
      this.emit = new Float64Array(size * L);
      this.sums = new Int32Array(size * L);
      this.markSums = new Int32Array(size * L);
    }
  }

  /** Room for the spans of a sentence of `n` tokens. */
  reserveSpans(n: number): void {
    if (this.spanStart.length >= n) return;
    this.spanStart = new Int32Array(n * 2);
    this.spanEnd = new Int32Array(n * 2);
    this.spanType = new Int32Array(n * 2);
  }

  /** Room for the pair features of a sentence of `n` tokens. */
  reserveSentence(n: number): void {
    if (this.pairRows.length >= PAIRS * (n + 1)) return;
    const size = PAIRS * (n + 1) * 2;
    this.pairRows = new Int32Array(size);
    this.pairNames = new Int32Array(2 * size);
    this.found = new Int32Array(size);
    this.missAt = new Int32Array(size);
  }

  mark(j: number, row: number): void {
    if (row < 0) return;
    if (this.markCount + 2 > this.marks.length) {
      const more = new Int32Array(this.marks.length * 2);
      more.set(this.marks);
      this.marks = more;
    }
    this.marks[this.markCount++] = j;
    this.marks[this.markCount++] = row;
  }
}

const scratch = new Scratch();
let documentStamp = 0;

// The sentence the dictionary scan reports to (a module-level callback allocates nothing per sentence).
let gazModel: CompiledModel;
let gazFrom = 0;
let gazTo = 0;
function markGazetteer(j: number, match: number): void {
  const m = gazModel;
  scratch.mark(j, m.gazetteer[match]!);
  if (j + 1 < gazTo) scratch.mark(j + 1, m.gazetteer[m.gazMatches + match]!);
  if (j - 1 >= gazFrom) scratch.mark(j - 1, m.gazetteer[2 * m.gazMatches + match]!);
}

/**
 * The spans of `labels[from..to)` into the scratch span arrays (relative to `from`), returning their number. The
 * labels come from Viterbi, so they are valid BILOU, on which this agrees with `bilouToSpans`.
 */
function findSpans(labels: Int32Array, from: number, to: number): number {
  const x = scratch;
  x.reserveSpans(to - from);
  const { spanStart, spanEnd, spanType } = x;
  let count = 0;
  let open = 0;
  for (let i = from; i < to; i++) {
    const label = labels[i]!;
    if (label === 0) continue;
    const part = (label - 1) & 3;
    if (part === PART_B) open = i;
    else if (part === PART_U || part === PART_L) {
      spanStart[count] = part === PART_U ? i - from : open - from;
      spanEnd[count] = i + 1 - from;
      spanType[count++] = (label - 1) >> 2;
    }
  }
  return count;
}

/** Both passes over one document with a compiled model; the same spans as `tagWithModelReference`. */
export function tagCompiled(m: CompiledModel, sentences: readonly (readonly string[])[]): NameSpan[][] {
  m.startDocument();
  const stamp = ++documentStamp;
  const forms = m.forms;
  const count = sentences.length;
  let total = 0;
  let longest = 0;
  for (let s = 0; s < count; s++) {
    const n = sentences[s]!.length;
    total += n;
    if (n > longest) longest = n;
  }
  const x = scratch;
  x.reserve(count, total, longest);
  const { offsets, capsSentence, types, headline } = x;

  // Word types (title-case headlines in capitals, features.ts/headline.ts) and all-caps sentences.
  offsets[0] = 0;
  for (let s = 0; s < count; s++) {
    const tokens = sentences[s]!;
    const start = offsets[s]!;
    const end = start + tokens.length;
    offsets[s + 1] = end;
    let titleCase = true;
    headline.fill(0);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const type = m.wordType(typeof token === 'string' ? token : String(token));
      types[start + i] = type;
      if (titleCase && !countHeadlineWord(type.headline, headline)) titleCase = false;
    }
    if (titleCase && isHeadlineCount(headline)) for (let j = start; j < end; j++) types[j] = m.upperOf(types[j]!);
    let letters = 0;
    let caps = true;
    for (let j = start; j < end; j++) {
      const t = types[j]!;
      forms.use(t.form, stamp);
      if (!t.hasLetter) continue;
      if (!t.allCaps) caps = false;
      letters++;
    }
    capsSentence[s] = caps && letters >= 2 ? 1 : 0;
  }

  // Case evidence from ordinary sentences (features.ts caseEvidence).
  const flags = forms.flags;
  for (let s = 0; s < count; s++) {
    if (capsSentence[s]) continue;
    for (let j = offsets[s]!, i = 0; j < offsets[s + 1]!; j++, i++) {
      const t = types[j]!;
      if (!t.hasLetter) continue;
      if (t.isLower) flags[t.form]! |= LOWER_SEEN;
      else if (t.cap && i > 0 && !t.allCaps) flags[t.form]! |= CAP_SEEN;
    }
  }

  // Pass 1, sentence by sentence.
  x.markCount = 0;
  for (let s = 0; s < count; s++) {
    const start = offsets[s]!;
    const end = offsets[s + 1]!;
    x.sentenceMarks[s] = x.markCount;
    if (start !== end) firstPass(m, start, end, capsSentence[s] === 1);
  }
  x.sentenceMarks[count] = x.markCount;

  // Document votes (document-features.ts).
  const { firstLabels, spanLength } = x;
  const { votes, longest: longestName, longestType, longestPart } = forms;
  for (let s = 0; s < count; s++) {
    const start = offsets[s]!;
    const end = offsets[s + 1]!;
    for (let j = start; j < end; j++) {
      spanLength[j] = 0;
      const t = types[j]!;
      if (!t.countable) continue;
      const label = firstLabels[j]!;
      votes[t.form * VOTE_SLOTS + (label === 0 ? O_SLOT : (label - 1) >> 2)]!++;
    }
    const spans = findSpans(firstLabels, start, end);
    const { spanStart, spanEnd, spanType } = x;
    for (let k = 0; k < spans; k++) {
      const from = spanStart[k]!;
      const to = spanEnd[k]!;
      const length = to - from;
      for (let i = from; i < to; i++) {
        spanLength[start + i] = length;
        const t = types[start + i]!;
        const f = t.form;
        if (!t.countable || length <= longestName[f]!) continue;
        longestName[f] = length;
        longestType[f] = spanType[k]!;
        longestPart[f] = length === 1 ? PART_U : i === from ? PART_B : i === to - 1 ? PART_L : PART_I;
      }
    }
  }

  // Pass 2 and the spans with their confidences.
  const result: NameSpan[][] = new Array(count);
  for (let s = 0; s < count; s++) {
    const start = offsets[s]!;
    const n = offsets[s + 1]! - start;
    result[s] = n === 0 ? [] : secondPass(m, s, start, n);
  }
  return result;
}

/** Pass-1 scores of the sentence `start..end` of the document, and its pass-1 labels. */
function firstPass(m: CompiledModel, start: number, end: number, caps: boolean): void {
  const x = scratch;
  const n = end - start;
  x.reserveSentence(n);
  const { types, scores: out, rows, pairNames: names, pairRows, missAt } = x;
  const pad = m.pad;
  const w = m.packed;
  const vectors = m.vectors;
  const flags = m.forms.flags;
  const caseEvidence = m.caseEvidence;
  const { bigramKeys, bigramRows } = m;
  // pairRows: per word pair b (left of token b), its 4 rows (see CompiledModel.bigramRows); then per token its
  // ss-1|ss|ss+1 row. Pairs not in the cache and all triples are hashed into `names` and looked up together
  // (HashedIndex.findAll); missAt says where each result goes.
  const triples = 4 * (n + 1);
  let misses = 0;
  for (let b = 0; b <= n; b++) {
    const left = b > 0 ? types[start + b - 1]! : pad;
    const right = b < n ? types[start + b]! : pad;
    const entry = bigramEntry(left.slot, right.slot);
    if (bigramKeys[2 * entry] === left.slot && bigramKeys[2 * entry + 1] === right.slot) {
      for (let q = 0; q < 4; q++) pairRows[4 * b + q] = bigramRows[4 * entry + q]!;
      continue;
    }
    missAt[misses] = 4 * b;
    namePair(names, misses++, PREV_WORD, left.key, right.key);
    missAt[misses] = 4 * b + 1;
    namePair(names, misses++, PREV_SHORT_WORD, left.short, right.key);
    missAt[misses] = 4 * b + 2;
    namePair(names, misses++, NEXT_WORD, left.key, right.key);
    missAt[misses] = 4 * b + 3;
    namePair(names, misses++, NEXT_SHORT_WORD, left.key, right.short);
  }
  const pairMisses = misses;

  for (let j = start; j < end; j++) {
    const t = types[j]!;
    const prev = j > start ? types[j - 1]! : pad;
    const prev2 = j > start + 1 ? types[j - 2]! : pad;
    const next = j < end - 1 ? types[j + 1]! : pad;
    const next2 = j < end - 2 ? types[j + 2]! : pad;
    const own = t.slot + (caps ? OWN_CAPS : OWN);
    const pv = prev.slot + AS_PREV;
    const nv = next.slot + AS_NEXT;
    const at = j * L;
    for (let l = 0; l < L; l++) out[at + l] = (vectors[own + l]! + vectors[pv + l]! + vectors[nv + l]!) | 0;

    let k = 0;
    rows[k++] = prev2.asPrev2;
    rows[k++] = next2.asNext2;
    if (j === start) {
      rows[k++] = m.first;
      rows[k++] = t.firstShape;
    }
    if (j === end - 1) rows[k++] = m.last;
    if (t.hasLetter && t.cap) rows[k++] = caseEvidence[(caps ? 0 : j === start ? 4 : 8) + flags[t.form]!]!;
    addRows(out, at, w, rows, 0, k);

    beginName(SHORTS, SHORTS.text.length + prev.short.length + 1 + t.short.length + 1 + next.short.length);
    addPart(prev.short);
    addSeparator();
    addPart(t.short);
    addSeparator();
    addPart(next.short);
    missAt[misses] = triples + j - start;
    finishName(names, misses++);
  }

  const found = x.found;
  m.index.findAll(names, misses, found, 0);
  for (let k = 0; k < misses; k++) pairRows[missAt[k]!] = found[k]!;
  for (let k = 0; k < pairMisses; k += 4) {
    const b = missAt[k]! >> 2;
    const left = b > 0 ? types[start + b - 1]! : pad;
    const right = b < n ? types[start + b]! : pad;
    const entry = bigramEntry(left.slot, right.slot);
    bigramKeys[2 * entry] = left.slot;
    bigramKeys[2 * entry + 1] = right.slot;
    for (let q = 0; q < 4; q++) bigramRows[4 * entry + q] = pairRows[4 * b + q]!;
  }

  const markFrom = x.markCount;
  gazModel = m;
  gazFrom = start;
  gazTo = end;
  scanGazetteer(types, start, end, markGazetteer);
  const { marks, markSums } = x;
  const marked = x.markCount > markFrom;
  if (marked) markSums.fill(0, 0, n * L);
  const w1 = m.weights1;
  for (let k = markFrom; k < x.markCount; k += 2) {
    const e = (marks[k]! - start) * L;
    const from = marks[k + 1]! * L;
    for (let l = 0; l < L; l++) markSums[e + l]! += w1[from + l]!;
  }

  const emit = x.emit;
  const scale = m.scale1;
  for (let j = start; j < end; j++) {
    const at = j * L;
    const b = j - start;
    // Token b is the right word of pair b and the left word of pair b + 1.
    addRows(out, at, w, pairRows, 4 * b, 4 * b + 2);
    addRows(out, at, w, pairRows, 4 * b + 6, 4 * b + 8);
    addRows(out, at, w, pairRows, triples + b, triples + b + 1);
    const e = b * L;
    if (marked) for (let l = 0; l < L; l++) emit[e + l] = (firstOf(out[at + l]!) + markSums[e + l]!) * scale;
    else for (let l = 0; l < L; l++) emit[e + l] = firstOf(out[at + l]!) * scale;
  }
  viterbiInto(emit, m.transitions1, n, x.firstLabels, start, m.blocks1);
}

/** Adds the packed weights of rows `list[from..to)` (-1: none) to the scores at `at`. */
function addRows(out: Int32Array, at: number, w: Int32Array, list: Int32Array, from: number, to: number): void {
  for (let r = from; r < to; r++) {
    const row = list[r]!;
    if (row < 0) continue;
    const base = row * L;
    for (let l = 0; l < L; l++) out[at + l] = (out[at + l]! + w[base + l]!) | 0;
  }
}

/** Pass 2 over the sentence of `n` tokens at `start`: its names with their confidences. */
function secondPass(m: CompiledModel, s: number, start: number, n: number): NameSpan[] {
  const x = scratch;
  const { types, scores, firstLabels, spanLength, sums, emit, labels, votes } = x;
  const end = start + n;
  const { labelContext: context, nextLabel, voteFeatures, longestName } = m;
  const forms = m.forms;
  const formVotes = forms.votes;
  const scale = m.scale2;
  for (let j = start; j < end; j++) {
    const label = firstLabels[j]!;
    const prev = j > start ? firstLabels[j - 1]! : L;
    const next = j < end - 1 ? firstLabels[j + 1]! : L;
    const at = j * L;
    const e = (j - start) * L;
    const c = (prev * L + label) * L;
    const d = next * L;
    for (let l = 0; l < L; l++) sums[e + l] = secondOf(scores[at + l]!) + context[c + l]! + nextLabel[d + l]!;
    const t = types[j]!;
    if (t.countable) {
      const form = t.form;
      for (let slot = 0; slot < VOTE_SLOTS; slot++) votes[slot] = formVotes[form * VOTE_SLOTS + slot]!;
      votes[label === 0 ? O_SLOT : (label - 1) >> 2]!--;
      let total = 0;
      let best = -1;
      let mask = 0;
      for (let slot = 0; slot < VOTE_SLOTS; slot++) {
        const v = votes[slot]!;
        total += v;
        if (v > 0) {
          mask |= 1 << slot;
          if (best < 0 || v > votes[best]!) best = slot;
        }
      }
      const v = (total === 0 ? VOTE_KEYS : voteKey(best, mask, partIndex(label))) * L;
      for (let l = 0; l < L; l++) sums[e + l]! += voteFeatures[v + l]!;
      const type = forms.longestType[form]!;
      if (type >= 0 && forms.longest[form]! > spanLength[j]!) {
        const y = (type * 4 + forms.longestPart[form]!) * L;
        for (let l = 0; l < L; l++) sums[e + l]! += longestName[y + l]!;
      }
    }
  }
  const { marks, sentenceMarks } = x;
  const w2 = m.weights2;
  for (let k = sentenceMarks[s]!; k < sentenceMarks[s + 1]!; k += 2) {
    const e = (marks[k]! - start) * L;
    const from = marks[k + 1]! * L;
    for (let l = 0; l < L; l++) sums[e + l]! += w2[from + l]!;
  }
  // The integer sum of all features' weights, then scaled: the same numbers as the reference.
  for (let e = 0; e < n * L; e++) emit[e] = sums[e]! * scale;
  viterbiInto(emit, m.transitions2, n, labels, 0, m.blocks2);
  const spans = findSpans(labels, 0, n);
  if (spans === 0) return [];
  const { spanStart, spanEnd, spanType } = x;

  const lattice = x.lattice;
  reserveLattice(lattice, n);
  const potentials = lattice.emit;
  const { expHigh, expLow } = m;
  for (let e = 0; e < n * L; e += L) {
    let max = sums[e]!;
    for (let l = 1; l < L; l++) if (sums[e + l]! > max) max = sums[e + l]!;
    for (let l = 0; l < L; l++) {
      const d = max - sums[e + l]!;
      potentials[e + l] = d < 65536 ? expHigh[d >> 8]! * expLow[d & 255]! : m.potential(d);
    }
  }
  // Spans are in order: the forward values are needed up to the last one's end, the backward ones to the first's.
  runForwardBackward(lattice, m.scaled2, n, spanEnd[spans - 1]! - 1, spanEnd[0]! - 1);

  const named: NameSpan[] = [];
  for (let k = 0; k < spans; k++) {
    const from = spanStart[k]!;
    const to = spanEnd[k]!;
    let first = from;
    // tagger.ts trimAcronymTitle: "CEO of Acme" → "Acme"; a lone "CEO" is dropped.
    if (types[start + from]!.titleAcronym) {
      if (to - from === 1) continue;
      const link = types[start + from + 1]!.lower;
      if (to - from >= 3 && (link === 'of' || link === 'at')) first += 2;
    }
    named.push({ start: first, end: to, type: NAME_TYPES[spanType[k]!]!, confidence: spanProbability(lattice, labels, from, to) });
  }
  return named;
}

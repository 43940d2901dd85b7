/**
 * Features of the parser's two classifiers, after Zhang & Nivre (2011) adapted to arc-hybrid: words and tags of the
 * top three stack items and the first three buffer items, their pairs and triples, the distance between the items a
 * transition would join, how many dependents each has (valency), its outermost dependents with their labels, and
 * the set of labels it has on each side. The transition classifier decides SHIFT / LEFT / RIGHT; the labeller then
 * names the arc it made, from the dependent's and the head's words, tags and dependents.
 */
import type { ParseState } from './arc-hybrid.js';
import { joinAtoms, key1, key2, key3, key4 } from './feature-key.js';
import { NO_WORD, type WordInfo } from './word-atoms.js';

export const MAX_TRANSITION_FEATURES = 128;
export const MAX_LABEL_FEATURES = 48;

/** Per-token atoms of a sentence of n tokens, with the root at index n. */
export class SentenceAtoms {
  n = 0;
  /** Word hash, tag class, both joined, and the word's last three letters. */
  word = new Int32Array(64);
  tag = new Int32Array(64);
  wordTag = new Int32Array(64);
  suffix = new Int32Array(64);
  /** Number of punctuation tokens before each token (and before the root: all of them). */
  punctBefore = new Int32Array(65);

  /** Fills the atoms; `rootTag` is the tag atom of the root (one past the tagger's classes). */
  set(words: readonly WordInfo[], tags: ArrayLike<number>, n: number, rootTag: number): void {
    if (n + 1 > this.word.length) {
      let cap = this.word.length;
      while (cap < n + 1) cap *= 2;
      this.word = new Int32Array(cap);
      this.tag = new Int32Array(cap);
      this.wordTag = new Int32Array(cap);
      this.suffix = new Int32Array(cap);
      this.punctBefore = new Int32Array(cap + 1);
    }
    this.n = n;
    let punct = 0;
    for (let i = 0; i < n; i++) {
      const w = words[i]!;
      this.word[i] = w.word;
      this.tag[i] = tags[i]!;
      this.wordTag[i] = joinAtoms(w.word, tags[i]!);
      this.suffix[i] = w.suffixes[2]!;
      this.punctBefore[i] = punct;
      if (w.punct) punct++;
    }
    this.word[n] = ROOT_WORD;
    this.tag[n] = rootTag;
    this.wordTag[n] = joinAtoms(ROOT_WORD, rootTag);
    this.suffix[n] = ROOT_WORD;
    this.punctBefore[n] = punct;
  }
}

const ROOT_WORD = 0x2a6f3c11;
const NO_TAG = -1;
const NO_LABEL = -1;

function distance(a: number, b: number): number {
  const d = b - a;
  return d <= 4 ? d : d <= 6 ? 5 : d <= 10 ? 6 : 7;
}

const cap = (v: number): number => (v < 5 ? v : 5);


/** `a[x]`, or `none` when x is -1 (no such item). */
const at = (a: Int32Array, x: number, none: number): number => (x < 0 ? none : a[x]!);
/** `a[x]`, or `none` when x is outside the sentence and its root. */
const inside = (a: Int32Array, x: number, n: number, none: number): number => (x < 0 || x > n ? none : a[x]!);

/** The six items whose own words and tags are features: s0, s1, s2 on the stack, b0, b1, b2 in the buffer. */
export const ITEM_ROLES = 6;
const ROLE_TEMPLATE = [0, 3, 6, 8, 11, 14];

/** The item of `role` in state `st`: a token index, n for the root, -1 when there is none. */
export function itemOf(st: ParseState, role: number): number {
  if (role < 3) return st.s(role);
  const x = st.b + role - 3;
  return x <= st.n ? x : -1;
}

/**
 * The features of one item alone (its word, tag, and for all but s2 and b2 both together). They depend only on
 * the role and the token, so the parser sums them once per token and role in a sentence.
 */
export function itemFeatures(role: number, x: number, a: SentenceAtoms, keys: Int32Array, k: number): number {
  const t = ROLE_TEMPLATE[role]!;
  key1(keys, k++, t, at(a.word, x, NO_WORD));
  key1(keys, k++, t + 1, at(a.tag, x, NO_TAG));
  if (role !== 2 && role !== 5) key1(keys, k++, t + 2, at(a.wordTag, x, NO_WORD));
  return k;
}

/** Writes all the transition classifier's features of `st` and returns their number. */
export function transitionFeatures(st: ParseState, a: SentenceAtoms, keys: Int32Array): number {
  let k = 0;
  for (let role = 0; role < ITEM_ROLES; role++) k = itemFeatures(role, itemOf(st, role), a, keys, k);
  return structureFeatures(st, a, keys, k);
}

/**
 * The transition classifier's features beyond single items, written from `keys[k]` on: pairs and triples of items,
 * distances, valencies, dependents and label sets. Returns the new count.
 */
export function structureFeatures(st: ParseState, a: SentenceAtoms, keys: Int32Array, k: number): number {
  const W = a.word;
  const P = a.tag;
  const WP = a.wordTag;
  const n = st.n;
  const s0 = st.s(0);
  const s1 = st.s(1);
  const s2 = st.s(2);
  const b0 = st.b;
  const b1 = b0 + 1 <= n ? b0 + 1 : -1;
  const b2 = b0 + 2 <= n ? b0 + 2 : -1;

  const s0w = at(W, s0, NO_WORD), s0p = at(P, s0, NO_TAG), s0wp = at(WP, s0, NO_WORD);
  const s1w = at(W, s1, NO_WORD), s1p = at(P, s1, NO_TAG), s1wp = at(WP, s1, NO_WORD);
  const s2p = at(P, s2, NO_TAG);
  const b0w = W[b0]!, b0p = P[b0]!, b0wp = WP[b0]!;
  const b1w = at(W, b1, NO_WORD), b1p = at(P, b1, NO_TAG);
  const b2p = at(P, b2, NO_TAG);
  const s0l = at(st.lc1, s0, -1), s0l2 = at(st.lc2, s0, -1), s0r = at(st.rc1, s0, -1), s0r2 = at(st.rc2, s0, -1);
  const s1l = at(st.lc1, s1, -1), s1r = at(st.rc1, s1, -1), s1r2 = at(st.rc2, s1, -1);
  const b0l = st.lc1[b0]!, b0l2 = st.lc2[b0]!;
  const s0lp = at(P, s0l, NO_TAG), s0rp = at(P, s0r, NO_TAG), s1rp = at(P, s1r, NO_TAG), s1lp = at(P, s1l, NO_TAG), b0lp = at(P, b0l, NO_TAG);
  const d0 = s0 < 0 ? -1 : distance(s0, b0);
  const d1 = s1 < 0 ? -1 : distance(s1, s0);

  // s0 with b0 (LEFT joins them).
  key2(keys, k++, 16, s0wp, b0wp);
  key2(keys, k++, 17, s0wp, b0w);
  key2(keys, k++, 18, s0w, b0wp);
  key2(keys, k++, 19, s0wp, b0p);
  key2(keys, k++, 20, s0p, b0wp);
  key2(keys, k++, 21, s0w, b0w);
  key2(keys, k++, 22, s0p, b0p);
  // s1 with s0 (RIGHT joins them).
  key2(keys, k++, 23, s1wp, s0wp);
  key2(keys, k++, 24, s1wp, s0w);
  key2(keys, k++, 25, s1w, s0wp);
  key2(keys, k++, 26, s1wp, s0p);
  key2(keys, k++, 27, s1p, s0wp);
  key2(keys, k++, 28, s1w, s0w);
  key2(keys, k++, 29, s1p, s0p);
  // Other pairs and tag triples.
  key2(keys, k++, 30, s1p, b0p);
  key2(keys, k++, 31, s1w, b0w);
  key2(keys, k++, 32, b0p, b1p);
  key2(keys, k++, 33, b0w, b1w);
  key3(keys, k++, 34, b0p, b1p, b2p);
  key3(keys, k++, 35, s0p, b0p, b1p);
  key3(keys, k++, 36, s1p, s0p, b0p);
  key3(keys, k++, 37, s2p, s1p, s0p);
  key3(keys, k++, 38, s1p, s0p, b1p);
  key3(keys, k++, 39, s2p, s1p, b0p);
  key4(keys, k++, 40, s1p, s0p, b0p, b1p);
  // Dependents' tags next to the pair they shape.
  key3(keys, k++, 41, s0p, s0lp, b0p);
  key3(keys, k++, 42, s0p, s0rp, b0p);
  key3(keys, k++, 43, s0p, b0p, b0lp);
  key3(keys, k++, 44, s1p, s1rp, s0p);
  key3(keys, k++, 45, s1p, s0p, s0lp);
  key3(keys, k++, 46, s1p, s1lp, s0p);
  key3(keys, k++, 47, s1p, s0p, s0rp);
  // Distances.
  key2(keys, k++, 48, s0w, d0);
  key2(keys, k++, 49, s0p, d0);
  key2(keys, k++, 50, b0w, d0);
  key2(keys, k++, 51, b0p, d0);
  key3(keys, k++, 52, s0w, b0w, d0);
  key3(keys, k++, 53, s0p, b0p, d0);
  key2(keys, k++, 54, s1w, d1);
  key2(keys, k++, 55, s1p, d1);
  key2(keys, k++, 56, s0w, d1);
  key2(keys, k++, 57, s0p, d1);
  key3(keys, k++, 58, s1w, s0w, d1);
  key3(keys, k++, 59, s1p, s0p, d1);
  // Valency.
  const s0nl = s0 < 0 ? -1 : cap(st.nl[s0]!);
  const s0nr = s0 < 0 ? -1 : cap(st.nr[s0]!);
  const s1nl = s1 < 0 ? -1 : cap(st.nl[s1]!);
  const s1nr = s1 < 0 ? -1 : cap(st.nr[s1]!);
  const b0nl = cap(st.nl[b0]!);
  key2(keys, k++, 60, s0w, s0nl);
  key2(keys, k++, 61, s0p, s0nl);
  key2(keys, k++, 62, s0w, s0nr);
  key2(keys, k++, 63, s0p, s0nr);
  key2(keys, k++, 64, s1w, s1nr);
  key2(keys, k++, 65, s1p, s1nr);
  key2(keys, k++, 66, s1w, s1nl);
  key2(keys, k++, 67, s1p, s1nl);
  key2(keys, k++, 68, b0w, b0nl);
  key2(keys, k++, 69, b0p, b0nl);
  // Outermost dependents: word, tag, label.
  key1(keys, k++, 70, at(W, s0l, NO_WORD));
  key1(keys, k++, 71, s0lp);
  key1(keys, k++, 72, at(st.label, s0l, NO_LABEL));
  key1(keys, k++, 73, at(W, s0r, NO_WORD));
  key1(keys, k++, 74, s0rp);
  key1(keys, k++, 75, at(st.label, s0r, NO_LABEL));
  key1(keys, k++, 76, at(W, s1l, NO_WORD));
  key1(keys, k++, 77, s1lp);
  key1(keys, k++, 78, at(st.label, s1l, NO_LABEL));
  key1(keys, k++, 79, at(W, s1r, NO_WORD));
  key1(keys, k++, 80, s1rp);
  key1(keys, k++, 81, at(st.label, s1r, NO_LABEL));
  key1(keys, k++, 82, at(W, b0l, NO_WORD));
  key1(keys, k++, 83, b0lp);
  key1(keys, k++, 84, at(st.label, b0l, NO_LABEL));
  key2(keys, k++, 85, at(P, s0l2, NO_TAG), at(st.label, s0l2, NO_LABEL));
  key2(keys, k++, 86, at(P, s0r2, NO_TAG), at(st.label, s0r2, NO_LABEL));
  key2(keys, k++, 87, at(P, s1r2, NO_TAG), at(st.label, s1r2, NO_LABEL));
  key2(keys, k++, 88, at(P, b0l2, NO_TAG), at(st.label, b0l2, NO_LABEL));
  key3(keys, k++, 89, s0p, s0lp, at(P, s0l2, NO_TAG));
  key3(keys, k++, 90, s0p, s0rp, at(P, s0r2, NO_TAG));
  key3(keys, k++, 91, s1p, s1rp, at(P, s1r2, NO_TAG));
  key3(keys, k++, 92, b0p, b0lp, at(P, b0l2, NO_TAG));
  // Label sets.
  const s0ls = s0 < 0 ? -1 : joinAtoms(st.lsetLo[s0]!, st.lsetHi[s0]!);
  const s0rs = s0 < 0 ? -1 : joinAtoms(st.rsetLo[s0]!, st.rsetHi[s0]!);
  const s1ls = s1 < 0 ? -1 : joinAtoms(st.lsetLo[s1]!, st.lsetHi[s1]!);
  const s1rs = s1 < 0 ? -1 : joinAtoms(st.rsetLo[s1]!, st.rsetHi[s1]!);
  const b0ls = joinAtoms(st.lsetLo[b0]!, st.lsetHi[b0]!);
  key2(keys, k++, 93, s0w, s0ls);
  key2(keys, k++, 94, s0p, s0ls);
  key2(keys, k++, 95, s0w, s0rs);
  key2(keys, k++, 96, s0p, s0rs);
  key2(keys, k++, 97, s1w, s1rs);
  key2(keys, k++, 98, s1p, s1rs);
  key2(keys, k++, 99, s1p, s1ls);
  key2(keys, k++, 100, b0w, b0ls);
  key2(keys, k++, 101, b0p, b0ls);
  // Labels beside the pair.
  key3(keys, k++, 102, s0p, at(st.label, s0l, NO_LABEL), b0p);
  key3(keys, k++, 103, s1p, s0p, at(st.label, s0l, NO_LABEL));
  key3(keys, k++, 104, s1p, at(st.label, s1r, NO_LABEL), s0p);
  key3(keys, k++, 105, s0p, at(st.label, s0r, NO_LABEL), b0p);
  // The words next to s0 and b0 in the sentence, and punctuation between the items a transition joins.
  key2(keys, k++, 106, s0p, at(P, s0 < 0 ? -1 : s0 + 1, NO_TAG));
  key2(keys, k++, 107, s0p, at(P, s0 - 1, NO_TAG));
  key2(keys, k++, 108, b0p, at(P, b0 - 1, NO_TAG));
  key2(keys, k++, 109, s1p, at(P, s1 < 0 ? -1 : s1 + 1, NO_TAG));
  const pb0 = s0 < 0 ? -1 : Math.min(2, a.punctBefore[b0]! - a.punctBefore[s0 + 1]!);
  const pb1 = s1 < 0 ? -1 : Math.min(2, a.punctBefore[s0]! - a.punctBefore[s1 + 1]!);
  key3(keys, k++, 110, s0p, b0p, pb0);
  key3(keys, k++, 111, s1p, s0p, pb1);
  key2(keys, k++, 112, at(a.suffix, s0, NO_WORD), b0p);
  key2(keys, k++, 113, at(a.suffix, b0, NO_WORD), s0p);
  return k;
}

/** The labeller's direction atoms. */
export const LEFT_ARC = 0;
export const RIGHT_ARC = 1;

/**
 * Writes the labeller's features for the arc `h → d` that transition `dir` (LEFT_ARC: h is b0; RIGHT_ARC: h is s1)
 * is about to make, and returns their number. Called before the arc is added.
 */
export function labelFeatures(st: ParseState, a: SentenceAtoms, d: number, h: number, dir: number, keys: Int32Array): number {
  const W = a.word;
  const P = a.tag;
  const n = st.n;
  const hw = W[h]!, hp = P[h]!, hwp = a.wordTag[h]!;
  const dw = W[d]!, dp = P[d]!, dwp = a.wordTag[d]!;
  const dl = st.lc1[d]!, dr = st.rc1[d]!, dl2 = st.lc2[d]!;
  const hl = st.lc1[h]!, hr = st.rc1[h]!;
  const dist = dir === LEFT_ARC ? distance(d, h) : distance(h, d);
  const dls = joinAtoms(st.lsetLo[d]!, st.lsetHi[d]!);
  const drs = joinAtoms(st.rsetLo[d]!, st.rsetHi[d]!);
  const hls = joinAtoms(st.lsetLo[h]!, st.lsetHi[h]!);
  const hrs = joinAtoms(st.rsetLo[h]!, st.rsetHi[h]!);
  const t = 200 + dir * 64;
  let k = 0;
  key1(keys, k++, t + 0, 0);
  key1(keys, k++, t + 1, hw);
  key1(keys, k++, t + 2, hp);
  key1(keys, k++, t + 3, hwp);
  key1(keys, k++, t + 4, dw);
  key1(keys, k++, t + 5, dp);
  key1(keys, k++, t + 6, dwp);
  key2(keys, k++, t + 7, hp, dp);
  key2(keys, k++, t + 8, hw, dp);
  key2(keys, k++, t + 9, hp, dw);
  key2(keys, k++, t + 10, hw, dw);
  key2(keys, k++, t + 11, hwp, dwp);
  key3(keys, k++, t + 12, hp, dp, dist);
  key2(keys, k++, t + 13, dw, dist);
  key2(keys, k++, t + 14, inside(W, dl, n, NO_WORD), dp);
  key2(keys, k++, t + 15, at(st.label, dl, NO_LABEL), dp);
  key4(keys, k++, t + 16, inside(P, dl, n, NO_TAG), at(st.label, dl, NO_LABEL), dp, hp);
  key3(keys, k++, t + 17, inside(W, dl, n, NO_WORD), at(st.label, dl, NO_LABEL), hp);
  key2(keys, k++, t + 18, inside(W, dr, n, NO_WORD), dp);
  key3(keys, k++, t + 19, at(st.label, dr, NO_LABEL), dp, hp);
  key3(keys, k++, t + 20, inside(P, dl2, n, NO_TAG), at(st.label, dl2, NO_LABEL), dp);
  key2(keys, k++, t + 21, dls, dp);
  key2(keys, k++, t + 22, drs, dp);
  key4(keys, k++, t + 23, dls, drs, dp, hp);
  key3(keys, k++, t + 24, hls, hp, dp);
  key3(keys, k++, t + 25, hrs, hp, dp);
  key4(keys, k++, t + 26, at(st.label, hl, NO_LABEL), inside(W, hl, n, NO_WORD), hp, dp);
  key4(keys, k++, t + 27, at(st.label, hr, NO_LABEL), inside(P, hr, n, NO_TAG), hp, dp);
  key3(keys, k++, t + 28, inside(P, d - 1, n, NO_TAG), dp, hp);
  key3(keys, k++, t + 29, inside(P, d + 1, n, NO_TAG), dp, hp);
  key3(keys, k++, t + 30, inside(P, h - 1, n, NO_TAG), hp, dp);
  key3(keys, k++, t + 31, inside(P, h + 1, n, NO_TAG), hp, dp);
  key2(keys, k++, t + 32, inside(W, d - 1, n, NO_WORD), dp);
  key2(keys, k++, t + 33, inside(W, h - 1, n, NO_WORD), hp);
  key4(keys, k++, t + 34, inside(P, st.b, n, NO_TAG), dp, hp, dir);
  key2(keys, k++, t + 35, inside(W, st.b, n, NO_WORD), dp);
  key3(keys, k++, t + 36, dw, hw, dist);
  key3(keys, k++, t + 37, cap(st.nl[d]!), cap(st.nr[d]!), dp);
  return k;
}

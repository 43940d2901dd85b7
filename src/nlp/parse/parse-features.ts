/**
 * Features of the parser's two classifiers, after Zhang & Nivre (2011) adapted to arc-hybrid: words and tags of the
 * top three stack items and the first three buffer items, their pairs and triples, the distance between the items a
 * transition would join, how many dependents each has (valency), its outermost dependents with their labels, and
 * the set of labels it has on each side. The transition classifier decides SHIFT / LEFT / RIGHT; the labeller then
 * names the arc it made, from the dependent's and the head's words, tags and dependents.
 */
import type { ParseState } from './arc-hybrid.js';
import { joinAtoms, writeKey } from './feature-key.js';
import { NO_WORD } from './word-atoms.js';

export const MAX_TRANSITION_FEATURES = 112;
export const MAX_LABEL_FEATURES = 48;

/** Per-token atoms of a sentence of n tokens, with the root at index n. */
export class SentenceAtoms {
  n = 0;
  /** Word hash, tag class, and both joined. */
  word = new Int32Array(64);
  tag = new Int32Array(64);
  wordTag = new Int32Array(64);

  /** Fills the atoms; `rootTag` is the tag atom of the root (one past the tagger's classes). */
  set(words: ArrayLike<number>, tags: ArrayLike<number>, n: number, rootTag: number): void {
    if (n + 1 > this.word.length) {
      let cap = this.word.length;
      while (cap < n + 1) cap *= 2;
      this.word = new Int32Array(cap);
      this.tag = new Int32Array(cap);
      this.wordTag = new Int32Array(cap);
    }
    this.n = n;
    for (let i = 0; i < n; i++) {
      this.word[i] = words[i]!;
      this.tag[i] = tags[i]!;
      this.wordTag[i] = joinAtoms(words[i]!, tags[i]!);
    }
    this.word[n] = ROOT_WORD;
    this.tag[n] = rootTag;
    this.wordTag[n] = joinAtoms(ROOT_WORD, rootTag);
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

/** Writes the transition classifier's features of `st` and returns their number. */
export function transitionFeatures(st: ParseState, a: SentenceAtoms, keys: Int32Array): number {
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
  const b1w = at(W, b1, NO_WORD), b1p = at(P, b1, NO_TAG), b1wp = at(WP, b1, NO_WORD);
  const b2p = at(P, b2, NO_TAG);
  const s0l = at(st.lc1, s0, -1), s0l2 = at(st.lc2, s0, -1), s0r = at(st.rc1, s0, -1), s0r2 = at(st.rc2, s0, -1);
  const s1l = at(st.lc1, s1, -1), s1r = at(st.rc1, s1, -1), s1r2 = at(st.rc2, s1, -1);
  const b0l = st.lc1[b0]!, b0l2 = st.lc2[b0]!;
  const s0lp = at(P, s0l, NO_TAG), s0rp = at(P, s0r, NO_TAG), s1rp = at(P, s1r, NO_TAG), s1lp = at(P, s1l, NO_TAG), b0lp = at(P, b0l, NO_TAG);
  const d0 = s0 < 0 ? -1 : distance(s0, b0);
  const d1 = s1 < 0 ? -1 : distance(s1, s0);

  let k = 0;
  // Single items.
  writeKey(keys, k++, 0, s0w, 0, 0, 0);
  writeKey(keys, k++, 1, s0p, 0, 0, 0);
  writeKey(keys, k++, 2, s0wp, 0, 0, 0);
  writeKey(keys, k++, 3, s1w, 0, 0, 0);
  writeKey(keys, k++, 4, s1p, 0, 0, 0);
  writeKey(keys, k++, 5, s1wp, 0, 0, 0);
  writeKey(keys, k++, 6, at(W, s2, NO_WORD), 0, 0, 0);
  writeKey(keys, k++, 7, s2p, 0, 0, 0);
  writeKey(keys, k++, 8, b0w, 0, 0, 0);
  writeKey(keys, k++, 9, b0p, 0, 0, 0);
  writeKey(keys, k++, 10, b0wp, 0, 0, 0);
  writeKey(keys, k++, 11, b1w, 0, 0, 0);
  writeKey(keys, k++, 12, b1p, 0, 0, 0);
  writeKey(keys, k++, 13, b1wp, 0, 0, 0);
  writeKey(keys, k++, 14, at(W, b2, NO_WORD), 0, 0, 0);
  writeKey(keys, k++, 15, b2p, 0, 0, 0);
  // s0 with b0 (LEFT joins them).
  writeKey(keys, k++, 16, s0wp, b0wp, 0, 0);
  writeKey(keys, k++, 17, s0wp, b0w, 0, 0);
  writeKey(keys, k++, 18, s0w, b0wp, 0, 0);
  writeKey(keys, k++, 19, s0wp, b0p, 0, 0);
  writeKey(keys, k++, 20, s0p, b0wp, 0, 0);
  writeKey(keys, k++, 21, s0w, b0w, 0, 0);
  writeKey(keys, k++, 22, s0p, b0p, 0, 0);
  // s1 with s0 (RIGHT joins them).
  writeKey(keys, k++, 23, s1wp, s0wp, 0, 0);
  writeKey(keys, k++, 24, s1wp, s0w, 0, 0);
  writeKey(keys, k++, 25, s1w, s0wp, 0, 0);
  writeKey(keys, k++, 26, s1wp, s0p, 0, 0);
  writeKey(keys, k++, 27, s1p, s0wp, 0, 0);
  writeKey(keys, k++, 28, s1w, s0w, 0, 0);
  writeKey(keys, k++, 29, s1p, s0p, 0, 0);
  // Other pairs and tag triples.
  writeKey(keys, k++, 30, s1p, b0p, 0, 0);
  writeKey(keys, k++, 31, s1w, b0w, 0, 0);
  writeKey(keys, k++, 32, b0p, b1p, 0, 0);
  writeKey(keys, k++, 33, b0w, b1w, 0, 0);
  writeKey(keys, k++, 34, b0p, b1p, b2p, 0);
  writeKey(keys, k++, 35, s0p, b0p, b1p, 0);
  writeKey(keys, k++, 36, s1p, s0p, b0p, 0);
  writeKey(keys, k++, 37, s2p, s1p, s0p, 0);
  writeKey(keys, k++, 38, s1p, s0p, b1p, 0);
  writeKey(keys, k++, 39, s2p, s1p, b0p, 0);
  writeKey(keys, k++, 40, s1p, s0p, b0p, b1p);
  // Dependents' tags next to the pair they shape.
  writeKey(keys, k++, 41, s0p, s0lp, b0p, 0);
  writeKey(keys, k++, 42, s0p, s0rp, b0p, 0);
  writeKey(keys, k++, 43, s0p, b0p, b0lp, 0);
  writeKey(keys, k++, 44, s1p, s1rp, s0p, 0);
  writeKey(keys, k++, 45, s1p, s0p, s0lp, 0);
  writeKey(keys, k++, 46, s1p, s1lp, s0p, 0);
  writeKey(keys, k++, 47, s1p, s0p, s0rp, 0);
  // Distances.
  writeKey(keys, k++, 48, s0w, d0, 0, 0);
  writeKey(keys, k++, 49, s0p, d0, 0, 0);
  writeKey(keys, k++, 50, b0w, d0, 0, 0);
  writeKey(keys, k++, 51, b0p, d0, 0, 0);
  writeKey(keys, k++, 52, s0w, b0w, d0, 0);
  writeKey(keys, k++, 53, s0p, b0p, d0, 0);
  writeKey(keys, k++, 54, s1w, d1, 0, 0);
  writeKey(keys, k++, 55, s1p, d1, 0, 0);
  writeKey(keys, k++, 56, s0w, d1, 0, 0);
  writeKey(keys, k++, 57, s0p, d1, 0, 0);
  writeKey(keys, k++, 58, s1w, s0w, d1, 0);
  writeKey(keys, k++, 59, s1p, s0p, d1, 0);
  // Valency.
  const s0nl = s0 < 0 ? -1 : cap(st.nl[s0]!);
  const s0nr = s0 < 0 ? -1 : cap(st.nr[s0]!);
  const s1nl = s1 < 0 ? -1 : cap(st.nl[s1]!);
  const s1nr = s1 < 0 ? -1 : cap(st.nr[s1]!);
  const b0nl = cap(st.nl[b0]!);
  writeKey(keys, k++, 60, s0w, s0nl, 0, 0);
  writeKey(keys, k++, 61, s0p, s0nl, 0, 0);
  writeKey(keys, k++, 62, s0w, s0nr, 0, 0);
  writeKey(keys, k++, 63, s0p, s0nr, 0, 0);
  writeKey(keys, k++, 64, s1w, s1nr, 0, 0);
  writeKey(keys, k++, 65, s1p, s1nr, 0, 0);
  writeKey(keys, k++, 66, s1w, s1nl, 0, 0);
  writeKey(keys, k++, 67, s1p, s1nl, 0, 0);
  writeKey(keys, k++, 68, b0w, b0nl, 0, 0);
  writeKey(keys, k++, 69, b0p, b0nl, 0, 0);
  // Outermost dependents: word, tag, label.
  writeKey(keys, k++, 70, at(W, s0l, NO_WORD), 0, 0, 0);
  writeKey(keys, k++, 71, s0lp, 0, 0, 0);
  writeKey(keys, k++, 72, at(st.label, s0l, NO_LABEL), 0, 0, 0);
  writeKey(keys, k++, 73, at(W, s0r, NO_WORD), 0, 0, 0);
  writeKey(keys, k++, 74, s0rp, 0, 0, 0);
  writeKey(keys, k++, 75, at(st.label, s0r, NO_LABEL), 0, 0, 0);
  writeKey(keys, k++, 76, at(W, s1l, NO_WORD), 0, 0, 0);
  writeKey(keys, k++, 77, s1lp, 0, 0, 0);
  writeKey(keys, k++, 78, at(st.label, s1l, NO_LABEL), 0, 0, 0);
  writeKey(keys, k++, 79, at(W, s1r, NO_WORD), 0, 0, 0);
  writeKey(keys, k++, 80, s1rp, 0, 0, 0);
  writeKey(keys, k++, 81, at(st.label, s1r, NO_LABEL), 0, 0, 0);
  writeKey(keys, k++, 82, at(W, b0l, NO_WORD), 0, 0, 0);
  writeKey(keys, k++, 83, b0lp, 0, 0, 0);
  writeKey(keys, k++, 84, at(st.label, b0l, NO_LABEL), 0, 0, 0);
  writeKey(keys, k++, 85, at(P, s0l2, NO_TAG), at(st.label, s0l2, NO_LABEL), 0, 0);
  writeKey(keys, k++, 86, at(P, s0r2, NO_TAG), at(st.label, s0r2, NO_LABEL), 0, 0);
  writeKey(keys, k++, 87, at(P, s1r2, NO_TAG), at(st.label, s1r2, NO_LABEL), 0, 0);
  writeKey(keys, k++, 88, at(P, b0l2, NO_TAG), at(st.label, b0l2, NO_LABEL), 0, 0);
  writeKey(keys, k++, 89, s0p, s0lp, at(P, s0l2, NO_TAG), 0);
  writeKey(keys, k++, 90, s0p, s0rp, at(P, s0r2, NO_TAG), 0);
  writeKey(keys, k++, 91, s1p, s1rp, at(P, s1r2, NO_TAG), 0);
  writeKey(keys, k++, 92, b0p, b0lp, at(P, b0l2, NO_TAG), 0);
  // Label sets.
  const s0ls = s0 < 0 ? -1 : joinAtoms(st.lsetLo[s0]!, st.lsetHi[s0]!);
  const s0rs = s0 < 0 ? -1 : joinAtoms(st.rsetLo[s0]!, st.rsetHi[s0]!);
  const s1ls = s1 < 0 ? -1 : joinAtoms(st.lsetLo[s1]!, st.lsetHi[s1]!);
  const s1rs = s1 < 0 ? -1 : joinAtoms(st.rsetLo[s1]!, st.rsetHi[s1]!);
  const b0ls = joinAtoms(st.lsetLo[b0]!, st.lsetHi[b0]!);
  writeKey(keys, k++, 93, s0w, s0ls, 0, 0);
  writeKey(keys, k++, 94, s0p, s0ls, 0, 0);
  writeKey(keys, k++, 95, s0w, s0rs, 0, 0);
  writeKey(keys, k++, 96, s0p, s0rs, 0, 0);
  writeKey(keys, k++, 97, s1w, s1rs, 0, 0);
  writeKey(keys, k++, 98, s1p, s1rs, 0, 0);
  writeKey(keys, k++, 99, s1p, s1ls, 0, 0);
  writeKey(keys, k++, 100, b0w, b0ls, 0, 0);
  writeKey(keys, k++, 101, b0p, b0ls, 0, 0);
  // Labels beside the pair.
  writeKey(keys, k++, 102, s0p, at(st.label, s0l, NO_LABEL), b0p, 0);
  writeKey(keys, k++, 103, s1p, s0p, at(st.label, s0l, NO_LABEL), 0);
  writeKey(keys, k++, 104, s1p, at(st.label, s1r, NO_LABEL), s0p, 0);
  writeKey(keys, k++, 105, s0p, at(st.label, s0r, NO_LABEL), b0p, 0);
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
  writeKey(keys, k++, t + 0, 0, 0, 0, 0);
  writeKey(keys, k++, t + 1, hw, 0, 0, 0);
  writeKey(keys, k++, t + 2, hp, 0, 0, 0);
  writeKey(keys, k++, t + 3, hwp, 0, 0, 0);
  writeKey(keys, k++, t + 4, dw, 0, 0, 0);
  writeKey(keys, k++, t + 5, dp, 0, 0, 0);
  writeKey(keys, k++, t + 6, dwp, 0, 0, 0);
  writeKey(keys, k++, t + 7, hp, dp, 0, 0);
  writeKey(keys, k++, t + 8, hw, dp, 0, 0);
  writeKey(keys, k++, t + 9, hp, dw, 0, 0);
  writeKey(keys, k++, t + 10, hw, dw, 0, 0);
  writeKey(keys, k++, t + 11, hwp, dwp, 0, 0);
  writeKey(keys, k++, t + 12, hp, dp, dist, 0);
  writeKey(keys, k++, t + 13, dw, dist, 0, 0);
  writeKey(keys, k++, t + 14, inside(W, dl, n, NO_WORD), dp, 0, 0);
  writeKey(keys, k++, t + 15, at(st.label, dl, NO_LABEL), dp, 0, 0);
  writeKey(keys, k++, t + 16, inside(P, dl, n, NO_TAG), at(st.label, dl, NO_LABEL), dp, hp);
  writeKey(keys, k++, t + 17, inside(W, dl, n, NO_WORD), at(st.label, dl, NO_LABEL), hp, 0);
  writeKey(keys, k++, t + 18, inside(W, dr, n, NO_WORD), dp, 0, 0);
  writeKey(keys, k++, t + 19, at(st.label, dr, NO_LABEL), dp, hp, 0);
  writeKey(keys, k++, t + 20, inside(P, dl2, n, NO_TAG), at(st.label, dl2, NO_LABEL), dp, 0);
  writeKey(keys, k++, t + 21, dls, dp, 0, 0);
  writeKey(keys, k++, t + 22, drs, dp, 0, 0);
  writeKey(keys, k++, t + 23, dls, drs, dp, hp);
  writeKey(keys, k++, t + 24, hls, hp, dp, 0);
  writeKey(keys, k++, t + 25, hrs, hp, dp, 0);
  writeKey(keys, k++, t + 26, at(st.label, hl, NO_LABEL), inside(W, hl, n, NO_WORD), hp, dp);
  writeKey(keys, k++, t + 27, at(st.label, hr, NO_LABEL), inside(P, hr, n, NO_TAG), hp, dp);
  writeKey(keys, k++, t + 28, inside(P, d - 1, n, NO_TAG), dp, hp, 0);
  writeKey(keys, k++, t + 29, inside(P, d + 1, n, NO_TAG), dp, hp, 0);
  writeKey(keys, k++, t + 30, inside(P, h - 1, n, NO_TAG), hp, dp, 0);
  writeKey(keys, k++, t + 31, inside(P, h + 1, n, NO_TAG), hp, dp, 0);
  writeKey(keys, k++, t + 32, inside(W, d - 1, n, NO_WORD), dp, 0, 0);
  writeKey(keys, k++, t + 33, inside(W, h - 1, n, NO_WORD), hp, 0, 0);
  writeKey(keys, k++, t + 34, inside(P, st.b, n, NO_TAG), dp, hp, dir);
  writeKey(keys, k++, t + 35, inside(W, st.b, n, NO_WORD), dp, 0, 0);
  writeKey(keys, k++, t + 36, dw, hw, dist, 0);
  writeKey(keys, k++, t + 37, cap(st.nl[d]!), cap(st.nr[d]!), dp, 0);
  return k;
}

/**
 * Sequence scoring for a linear model over BILOU labels: emission scores from feature weights, Viterbi over the
 * valid transitions only, and forward-backward marginals for span confidence.
 */
import { LABEL_COUNT as L, VALID, validEnd } from './bilou.js';

/** Feature string → row of the weight table (a Map in training, a hashed table in the shipped model). */
export interface FeatureIndex {
  get(name: string): number | undefined;
}

/** A trained linear model in its run-time form. */
export interface LinearModel {
  index: FeatureIndex;
  /** Row-major `rows × LABEL_COUNT` weights, multiplied by `scale`. */
  weights: Int8Array | Float32Array | Float64Array;
  scale: number;
  /** `(LABEL_COUNT + 1) × LABEL_COUNT`: row LABEL_COUNT is the sentence start. */
  transitions: Float32Array | Float64Array;
}

/** A model whose features are still known by name (training time). */
export type NamedLinearModel = LinearModel & { index: ReadonlyMap<string, number> };

const START = L;
const VALID_END: Uint8Array = Uint8Array.from({ length: L }, (_, l) => (validEnd(l) ? 1 : 0));

/** Feature rows of one sentence: `rows` is flat, token t owns `rows[offsets[t]..offsets[t+1]]`. */
export interface FeatureRows {
  rows: Int32Array;
  offsets: Int32Array;
}

/** Looks feature strings up once; unknown features are dropped. */
export function resolveRows(index: FeatureIndex, features: readonly (readonly string[])[]): FeatureRows {
  let total = 0;
  for (const fs of features) total += fs.length;
  const rows = new Int32Array(total);
  const offsets = new Int32Array(features.length + 1);
  let k = 0;
  features.forEach((fs, t) => {
    for (const f of fs) {
      const row = index.get(f);
      if (row !== undefined) rows[k++] = row;
    }
    offsets[t + 1] = k;
  });
  return { rows: rows.subarray(0, k), offsets };
}

/** Token-wise union of two row sets over the same sentence. */
export function concatRows(a: FeatureRows, b: FeatureRows): FeatureRows {
  const n = a.offsets.length - 1;
  const rows = new Int32Array(a.rows.length + b.rows.length);
  const offsets = new Int32Array(n + 1);
  let k = 0;
  for (let t = 0; t < n; t++) {
    rows.set(a.rows.subarray(a.offsets[t]!, a.offsets[t + 1]!), k);
    k += a.offsets[t + 1]! - a.offsets[t]!;
    rows.set(b.rows.subarray(b.offsets[t]!, b.offsets[t + 1]!), k);
    k += b.offsets[t + 1]! - b.offsets[t]!;
    offsets[t + 1] = k;
  }
  return { rows, offsets };
}

/** Emission scores (unscaled) from feature rows into `out` (training reuses one buffer). */
export function emissionsFromRows(
  weights: ArrayLike<number>,
  rows: Int32Array,
  offsets: Int32Array,
  n: number,
  out: Float64Array,
): void {
  out.fill(0, 0, n * L);
  for (let t = 0; t < n; t++) {
    const base = t * L;
    for (let k = offsets[t]!; k < offsets[t + 1]!; k++) {
      const w = rows[k]! * L;
      for (let l = 0; l < L; l++) out[base + l]! += weights[w + l]!;
    }
  }
}

/** Emission scores `n × L` of a model for resolved feature rows. */
export function emissions(model: LinearModel, features: FeatureRows): Float64Array {
  const n = features.offsets.length - 1;
  const out = new Float64Array(n * L);
  emissionsFromRows(model.weights, features.rows, features.offsets, n, out);
  if (model.scale !== 1) for (let i = 0; i < n * L; i++) out[i]! *= model.scale;
  return out;
}

/*
 * The BILOU lattice has two kinds of step. "Closed" labels (O, L-*, U-*) may be followed by any "opener" (O, B-*,
 * U-*): a dense 9 × 9 block. B-T and I-T may only be followed by I-T or L-T. The recursions below visit only the
 * valid pairs, each target's predecessors in increasing label order as a dense loop over VALID would: Viterbi's
 * paths are exactly the textbook recursion's (ties included), forward-backward's sums agree to rounding. The 9 × 9
 * block keeps nine independent accumulators (one per target) so that the CPU overlaps them; a single max chain is
 * latency-bound and 2.5× slower.
 */
const CLOSED = [0, 3, 4, 7, 8, 11, 12, 15, 16] as const;
const OPENERS = [0, 1, 4, 5, 8, 9, 12, 13, 16] as const;
const K = 9;
const TYPES = 4;
(() => {
  // The structure the recursions rely on.
  const ok =
    L === 1 + 4 * TYPES &&
    CLOSED.every((l, i) => l === [...Array(L).keys()].filter((x) => VALID_END[x] === 1)[i]) &&
    OPENERS.every((l, i) => l === [...Array(L).keys()].filter((x) => VALID[START * L + x] === 1)[i]);
  for (let x = 0; x < L && ok; x++) {
    for (let p = 0; p < L; p++) {
      const closedToOpener = (CLOSED as readonly number[]).includes(p) && (OPENERS as readonly number[]).includes(x);
      const inside = p > 0 && x > 0 && (p - 1) >> 2 === (x - 1) >> 2 && [0, 1].includes((p - 1) & 3) && [1, 2].includes((x - 1) & 3);
      if ((VALID[p * L + x] === 1) !== (closedToOpener || inside)) throw new Error('decode: unexpected label scheme');
    }
  }
  if (!ok) throw new Error('decode: unexpected label scheme');
})();

/** Transitions rearranged for the recursions: the closed → opener block both ways round, and the inside pairs. */
export interface Blocks {
  /** `byClosed[c * K + o]`: from CLOSED[c] to OPENERS[o]. */
  byClosed: Float64Array;
  /** `byOpener[o * K + c]`: the same, transposed. */
  byOpener: Float64Array;
  /** Per type: B→I, I→I, B→L, I→L. */
  inside: Float64Array;
  /**
   * `dominance[s * K + c]`: how much more closed label c can gain than closed label s on the way to any opener,
   * max over o of (byClosed[c, o] - byClosed[s, o]). A predecessor whose score falls short of the best one's by more
   * than this cannot win at any opener, so Viterbi skips it.
   */
  dominance: Float64Array;
}

/** `transitions` rearranged for `viterbiInto`; a model that decodes many sentences does this once. */
export function transitionBlocks(transitions: ArrayLike<number>): Blocks {
  return blocks(transitions, newBlocks());
}

function blocks(transitions: ArrayLike<number>, out: Blocks): Blocks {
  for (let o = 0; o < K; o++) {
    for (let c = 0; c < K; c++) {
      const v = transitions[CLOSED[c]! * L + OPENERS[o]!]!;
      out.byClosed[c * K + o] = v;
      out.byOpener[o * K + c] = v;
    }
  }
  for (let best = 0; best < K; best++) {
    for (let c = 0; c < K; c++) {
      let gain = -Infinity;
      for (let o = 0; o < K; o++) gain = Math.max(gain, out.byClosed[c * K + o]! - out.byClosed[best * K + o]!);
      out.dominance[best * K + c] = gain;
    }
  }
  for (let t = 0; t < TYPES; t++) {
    const b = 1 + 4 * t;
    out.inside[4 * t] = transitions[b * L + b + 1]!;
    out.inside[4 * t + 1] = transitions[(b + 1) * L + b + 1]!;
    out.inside[4 * t + 2] = transitions[b * L + b + 2]!;
    out.inside[4 * t + 3] = transitions[(b + 1) * L + b + 2]!;
  }
  return out;
}

const newBlocks = (): Blocks => ({
  byClosed: new Float64Array(K * K),
  byOpener: new Float64Array(K * K),
  inside: new Float64Array(4 * TYPES),
  dominance: new Float64Array(K * K),
});
/**
 * Slack for rounding in the dominance test, relative to the scores: a skipped predecessor must lose by far more than
 * the rounding of a sum (~1e-16 relative), so that skipping it changes neither the best score nor the tie-breaking.
 */
const DOMINANCE_SLACK = 1e-9;
const survivors = new Int32Array(K);
const closedScores = new Float64Array(K);
/** Rebuilt on every call (~200 copies): training changes its transitions in place between calls. */
const viterbiBlocks = newBlocks();

let viterbiScore = new Float64Array(64 * L);
let viterbiBack = new Int32Array(64 * L);

/** Best label sequence that obeys the BILOU transition rules. */
export function viterbi(emit: ArrayLike<number>, transitions: ArrayLike<number>, n: number): Int32Array {
  const labels = new Int32Array(n);
  viterbiInto(emit, transitions, n, labels, 0);
  return labels;
}

/**
 * `viterbi`, writing the labels to `labels[at..at+n]`. At each step, closed predecessors that trail the best one by
 * more than they can gain on any opener (`Blocks.dominance`) are skipped: usually all but one.
 */
export function viterbiInto(
  emit: ArrayLike<number>,
  transitions: ArrayLike<number>,
  n: number,
  labels: Int32Array,
  at: number,
  prepared?: Blocks,
): void {
  if (n === 0) return;
  const { byClosed: tc, inside, dominance } = prepared ?? blocks(transitions, viterbiBlocks);
  const pc = closedScores;
  if (viterbiScore.length < n * L) {
    viterbiScore = new Float64Array(n * L * 2);
    viterbiBack = new Int32Array(n * L * 2);
  }
  const score = viterbiScore;
  const back = viterbiBack;
  for (let l = 0; l < L; l++) {
    score[l] = VALID[START * L + l] ? emit[l]! + transitions[START * L + l]! : -Infinity;
  }
  for (let t = 1; t < n; t++) {
    const prev = (t - 1) * L;
    const row = t * L;
    // The closed predecessor with the best score, and the others that might still win at some opener.
    let top = 0;
    for (let c = 0; c < K; c++) {
      const p = score[prev + CLOSED[c]!]!;
      pc[c] = p;
      if (p > pc[top]!) top = c;
    }
    const bar = pc[top]! - DOMINANCE_SLACK * (1 + Math.abs(pc[top]!));
    let alive = 0;
    for (let c = 0; c < K; c++) if (pc[c]! + dominance[top * K + c]! >= bar) survivors[alive++] = c;
    // Survivors in increasing label order with a strict comparison: each opener's first best predecessor, as a
    // dense loop finds it (the skipped ones score strictly less).
    // Unrolled over the 9 labels a step can move to, with the best scores in locals: V8 keeps them in registers,
    // rather than in a scratch array re-read on every step of the tagger's hottest loop.
    let b0 = -Infinity, b1 = -Infinity, b2 = -Infinity, b3 = -Infinity, b4 = -Infinity, b5 = -Infinity, b6 = -Infinity, b7 = -Infinity, b8 = -Infinity;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0;
    for (let k = 0; k < alive; k++) {
      const c = survivors[k]!;
      const p = pc[c]!;
      const q = c * K;
      const from = CLOSED[c]!;
      let s = p + tc[q]!;
      if (s > b0) (b0 = s), (a0 = from);
      s = p + tc[q + 1]!;
      if (s > b1) (b1 = s), (a1 = from);
      s = p + tc[q + 2]!;
      if (s > b2) (b2 = s), (a2 = from);
      s = p + tc[q + 3]!;
      if (s > b3) (b3 = s), (a3 = from);
      s = p + tc[q + 4]!;
      if (s > b4) (b4 = s), (a4 = from);
      s = p + tc[q + 5]!;
      if (s > b5) (b5 = s), (a5 = from);
      s = p + tc[q + 6]!;
      if (s > b6) (b6 = s), (a6 = from);
      s = p + tc[q + 7]!;
      if (s > b7) (b7 = s), (a7 = from);
      s = p + tc[q + 8]!;
      if (s > b8) (b8 = s), (a8 = from);
    }
    score[row] = b0 + emit[row]!;
    score[row + 1] = b1 + emit[row + 1]!;
    score[row + 4] = b2 + emit[row + 4]!;
    score[row + 5] = b3 + emit[row + 5]!;
    score[row + 8] = b4 + emit[row + 8]!;
    score[row + 9] = b5 + emit[row + 9]!;
    score[row + 12] = b6 + emit[row + 12]!;
    score[row + 13] = b7 + emit[row + 13]!;
    score[row + 16] = b8 + emit[row + 16]!;
    back[row] = a0;
    back[row + 1] = a1;
    back[row + 4] = a2;
    back[row + 5] = a3;
    back[row + 8] = a4;
    back[row + 9] = a5;
    back[row + 12] = a6;
    back[row + 13] = a7;
    back[row + 16] = a8;
    for (let ty = 0; ty < TYPES; ty++) {
      const b = 1 + 4 * ty;
      const sb = score[prev + b]!;
      const si = score[prev + b + 1]!;
      // I-T then L-T, each from B-T or I-T (the first of equals, -Infinity never taken).
      let best = -Infinity;
      let arg = 0;
      let s = sb + inside[4 * ty]!;
      if (s > best) (best = s), (arg = b);
      s = si + inside[4 * ty + 1]!;
      if (s > best) (best = s), (arg = b + 1);
      score[row + b + 1] = best + emit[row + b + 1]!;
      back[row + b + 1] = arg;
      best = -Infinity;
      arg = 0;
      s = sb + inside[4 * ty + 2]!;
      if (s > best) (best = s), (arg = b);
      s = si + inside[4 * ty + 3]!;
      if (s > best) (best = s), (arg = b + 1);
      score[row + b + 2] = best + emit[row + b + 2]!;
      back[row + b + 2] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let l = 0; l < L; l++) {
    const s = score[(n - 1) * L + l]!;
    if (VALID_END[l] && s > best) {
      best = s;
      arg = l;
    }
  }
  labels[at + n - 1] = arg;
  for (let t = n - 1; t > 0; t--) labels[at + t - 1] = back[t * L + labels[at + t]!]!;
}

export interface Lattice {
  /**
   * Forward and backward probabilities, `n × L`, each step normalised to sum 1: step t's forward values were
   * divided by `scale[t]`; the backward values have scales of their own, which cancel out of span probabilities.
   */
  alpha: Float64Array;
  beta: Float64Array;
  scale: Float64Array;
  /** Emission potentials exp(emission / T - per-token max), `n × L`: the input of `runForwardBackward`. */
  emit: Float64Array;
  /** exp(transition / T), shifted (see ScaledTransitions). */
  trans: Float64Array;
}

/** An empty lattice to reuse; `reserveLattice` grows it. */
export function createLattice(): Lattice {
  return { alpha: new Float64Array(0), beta: new Float64Array(0), scale: new Float64Array(0), emit: new Float64Array(0), trans: new Float64Array(0) };
}

/** Makes room for `n` steps. */
export function reserveLattice(lattice: Lattice, n: number): void {
  if (lattice.alpha.length >= n * L) return;
  const size = Math.max(n, 64) * 2;
  lattice.alpha = new Float64Array(size * L);
  lattice.beta = new Float64Array(size * L);
  lattice.emit = new Float64Array(size * L);
  lattice.scale = new Float64Array(size);
}

/** exp(transition / T), shifted by the largest valid transition, in the layouts the recursions use. */
export interface ScaledTransitions extends Blocks {
  /** `(L + 1) × L`, zero for invalid pairs. */
  trans: Float64Array;
}

/** Transitions for forward-backward at `temperature`; a model that decodes many sentences computes them once. */
export function scaleTransitions(transitions: ArrayLike<number>, temperature: number): ScaledTransitions {
  const tr = new Float64Array((L + 1) * L);
  let trMax = -Infinity;
  for (let i = 0; i < tr.length; i++) if (VALID[i]) trMax = Math.max(trMax, transitions[i]! / temperature);
  for (let i = 0; i < tr.length; i++) tr[i] = VALID[i] ? Math.exp(transitions[i]! / temperature - trMax) : 0;
  return { trans: tr, ...blocks(tr, newBlocks()) };
}

/**
 * Forward-backward over the valid lattice with scores divided by `temperature`, in probability space with per-step
 * scaling (one exp per score, none in the recursions).
 */
export function forwardBackward(emit: ArrayLike<number>, transitions: ArrayLike<number>, n: number, temperature: number): Lattice {
  const lattice = createLattice();
  reserveLattice(lattice, n);
  const e = lattice.emit;
  for (let t = 0; t < n; t++) {
    let max = -Infinity;
    for (let l = 0; l < L; l++) max = Math.max(max, emit[t * L + l]!);
    for (let l = 0; l < L; l++) e[t * L + l] = Math.exp((emit[t * L + l]! - max) / temperature);
  }
  return runForwardBackward(lattice, scaleTransitions(transitions, temperature), n);
}

/**
 * The recursions over potentials already in `lattice.emit` (`reserveLattice` first). Span probabilities need the
 * forward values up to the span's end and the backward values back to it, so a caller that knows its spans runs
 * the forward recursion to the last end only (`forwardTo`) and the backward one down to the first end only
 * (`backwardTo`).
 */
export function runForwardBackward(lattice: Lattice, scaled: ScaledTransitions, n: number, forwardTo = n - 1, backwardTo = 0): Lattice {
  lattice.trans = scaled.trans;
  const { alpha, beta, scale, emit: e } = lattice;
  const { trans: tr, byClosed: tc, byOpener: to, inside } = scaled;
  let sum = 0;
  for (let l = 0; l < L; l++) sum += alpha[l] = tr[START * L + l]! * e[l]!;
  scale[0] = sum;
  let inverse = 1 / sum;
  for (let l = 0; l < L; l++) alpha[l]! *= inverse;
  for (let t = 1; t <= forwardTo; t++) {
    const prev = (t - 1) * L;
    const row = t * L;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0;
    for (let c = 0; c < K; c++) {
      const p = alpha[prev + CLOSED[c]!]!;
      const q = c * K;
      a0 += p * tc[q]!;
      a1 += p * tc[q + 1]!;
      a2 += p * tc[q + 2]!;
      a3 += p * tc[q + 3]!;
      a4 += p * tc[q + 4]!;
      a5 += p * tc[q + 5]!;
      a6 += p * tc[q + 6]!;
      a7 += p * tc[q + 7]!;
      a8 += p * tc[q + 8]!;
    }
    alpha[row] = a0 * e[row]!;
    alpha[row + 1] = a1 * e[row + 1]!;
    alpha[row + 4] = a2 * e[row + 4]!;
    alpha[row + 5] = a3 * e[row + 5]!;
    alpha[row + 8] = a4 * e[row + 8]!;
    alpha[row + 9] = a5 * e[row + 9]!;
    alpha[row + 12] = a6 * e[row + 12]!;
    alpha[row + 13] = a7 * e[row + 13]!;
    alpha[row + 16] = a8 * e[row + 16]!;
    for (let ty = 0; ty < TYPES; ty++) {
      const b = 1 + 4 * ty;
      const ab = alpha[prev + b]!;
      const ai = alpha[prev + b + 1]!;
      alpha[row + b + 1] = (ab * inside[4 * ty]! + ai * inside[4 * ty + 1]!) * e[row + b + 1]!;
      alpha[row + b + 2] = (ab * inside[4 * ty + 2]! + ai * inside[4 * ty + 3]!) * e[row + b + 2]!;
    }
    sum = 0;
    for (let l = 0; l < L; l++) sum += alpha[row + l]!;
    scale[t] = sum;
    inverse = 1 / sum;
    for (let l = 0; l < L; l++) alpha[row + l]! *= inverse;
  }
  const last = (n - 1) * L;
  for (let l = 0; l < L; l++) beta[last + l] = VALID_END[l] ? 1 / K : 0;
  const v = betaNext;
  for (let t = n - 2; t >= backwardTo; t--) {
    const next = (t + 1) * L;
    const row = t * L;
    for (let l = 0; l < L; l++) v[l] = e[next + l]! * beta[next + l]!;
    let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0, b8 = 0;
    for (let o = 0; o < K; o++) {
      const w = v[OPENERS[o]!]!;
      const q = o * K;
      b0 += to[q]! * w;
      b1 += to[q + 1]! * w;
      b2 += to[q + 2]! * w;
      b3 += to[q + 3]! * w;
      b4 += to[q + 4]! * w;
      b5 += to[q + 5]! * w;
      b6 += to[q + 6]! * w;
      b7 += to[q + 7]! * w;
      b8 += to[q + 8]! * w;
    }
    beta[row] = b0;
    beta[row + 3] = b1;
    beta[row + 4] = b2;
    beta[row + 7] = b3;
    beta[row + 8] = b4;
    beta[row + 11] = b5;
    beta[row + 12] = b6;
    beta[row + 15] = b7;
    beta[row + 16] = b8;
    for (let ty = 0; ty < TYPES; ty++) {
      const b = 1 + 4 * ty;
      const vi = v[b + 1]!;
      const vl = v[b + 2]!;
      beta[row + b] = inside[4 * ty]! * vi + inside[4 * ty + 2]! * vl;
      beta[row + b + 1] = inside[4 * ty + 1]! * vi + inside[4 * ty + 3]! * vl;
    }
    sum = 0;
    for (let l = 0; l < L; l++) sum += beta[row + l]!;
    inverse = 1 / sum;
    for (let l = 0; l < L; l++) beta[row + l]! *= inverse;
  }
  return lattice;
}

const betaNext = new Float64Array(L);

/** Probability that tokens `start..end-1` carry exactly `labels[start..end-1]` (for BILOU: that exact span and type). */
export function spanProbability(lattice: Lattice, labels: ArrayLike<number>, start: number, end: number): number {
  const { alpha, beta, scale, emit, trans } = lattice;
  // alpha[start] is normalised over step start; each later step t contributes its raw factors over scale t; the
  // backward values at the end, over the normaliser they share with the forward values there.
  let p = alpha[start * L + labels[start]!]!;
  for (let t = start + 1; t < end; t++) {
    p *= (trans[labels[t - 1]! * L + labels[t]!]! * emit[t * L + labels[t]!]!) / scale[t]!;
  }
  const at = (end - 1) * L;
  let z = 0;
  for (let l = 0; l < L; l++) z += alpha[at + l]! * beta[at + l]!;
  p *= beta[at + labels[end - 1]!]! / z;
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}

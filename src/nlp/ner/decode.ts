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

/** Best label sequence that obeys the BILOU transition rules. */
export function viterbi(emit: ArrayLike<number>, transitions: ArrayLike<number>, n: number): Int32Array {
  const labels = new Int32Array(n);
  if (n === 0) return labels;
  const score = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let l = 0; l < L; l++) {
    score[l] = VALID[START * L + l] ? emit[l]! + transitions[START * L + l]! : -Infinity;
  }
  for (let t = 1; t < n; t++) {
    const prev = (t - 1) * L;
    for (let l = 0; l < L; l++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!VALID[p * L + l]) continue;
        const s = score[prev + p]! + transitions[p * L + l]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[t * L + l] = best + emit[t * L + l]!;
      back[t * L + l] = arg;
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
  labels[n - 1] = arg;
  for (let t = n - 1; t > 0; t--) labels[t - 1] = back[t * L + labels[t]!]!;
  return labels;
}

export interface Lattice {
  /** Scaled forward and backward probabilities; `logScale` holds the log of each step's scaling factor. */
  alpha: Float64Array;
  beta: Float64Array;
  logScale: Float64Array;
  /** exp(emission / T - per-token max), exp(transition / T). */
  emit: Float64Array;
  emitMax: Float64Array;
  trans: Float64Array;
}

/**
 * Forward-backward over the valid lattice with scores divided by `temperature`, in probability space with per-step
 * scaling (one exp per score, none in the recursions).
 */
export function forwardBackward(emit: ArrayLike<number>, transitions: ArrayLike<number>, n: number, temperature: number): Lattice {
  const e = new Float64Array(n * L);
  const emitMax = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let max = -Infinity;
    for (let l = 0; l < L; l++) max = Math.max(max, emit[t * L + l]! / temperature);
    emitMax[t] = max;
    for (let l = 0; l < L; l++) e[t * L + l] = Math.exp(emit[t * L + l]! / temperature - max);
  }
  const tr = new Float64Array((L + 1) * L);
  let trMax = -Infinity;
  for (let i = 0; i < tr.length; i++) if (VALID[i]) trMax = Math.max(trMax, transitions[i]! / temperature);
  for (let i = 0; i < tr.length; i++) tr[i] = VALID[i] ? Math.exp(transitions[i]! / temperature - trMax) : 0;
  const alpha = new Float64Array(n * L);
  const beta = new Float64Array(n * L);
  const logScale = new Float64Array(n);
  let sum = 0;
  for (let l = 0; l < L; l++) sum += alpha[l] = tr[START * L + l]! * e[l]!;
  for (let l = 0; l < L; l++) alpha[l]! /= sum;
  logScale[0] = Math.log(sum);
  for (let t = 1; t < n; t++) {
    sum = 0;
    for (let l = 0; l < L; l++) {
      let a = 0;
      for (let p = 0; p < L; p++) a += alpha[(t - 1) * L + p]! * tr[p * L + l]!;
      sum += alpha[t * L + l] = a * e[t * L + l]!;
    }
    for (let l = 0; l < L; l++) alpha[t * L + l]! /= sum;
    logScale[t] = Math.log(sum);
  }
  // beta uses the same scaling factors, so alpha[t] * beta[t] is a marginal directly.
  for (let l = 0; l < L; l++) beta[(n - 1) * L + l] = VALID_END[l] ? 1 : 0;
  let endSum = 0;
  for (let l = 0; l < L; l++) endSum += alpha[(n - 1) * L + l]! * beta[(n - 1) * L + l]!;
  for (let l = 0; l < L; l++) beta[(n - 1) * L + l]! /= endSum;
  for (let t = n - 2; t >= 0; t--) {
    const scale = Math.exp(logScale[t + 1]!);
    for (let p = 0; p < L; p++) {
      let b = 0;
      for (let l = 0; l < L; l++) b += tr[p * L + l]! * e[(t + 1) * L + l]! * beta[(t + 1) * L + l]!;
      beta[t * L + p] = b / scale;
    }
  }
  return { alpha, beta, logScale, emit: e, emitMax, trans: tr };
}

/** Probability that tokens `start..end-1` carry exactly `labels[start..end-1]` (for BILOU: that exact span and type). */
export function spanProbability(lattice: Lattice, labels: ArrayLike<number>, start: number, end: number): number {
  const { alpha, beta, logScale, emit, trans } = lattice;
  // alpha[start] is normalised over step start; each later step t contributes its raw factors over scale t.
  let p = alpha[start * L + labels[start]!]!;
  for (let t = start + 1; t < end; t++) {
    p *= (trans[labels[t - 1]! * L + labels[t]!]! * emit[t * L + labels[t]!]!) / Math.exp(logScale[t]!);
  }
  p *= beta[(end - 1) * L + labels[end - 1]!]!;
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}

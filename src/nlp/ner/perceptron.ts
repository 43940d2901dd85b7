/**
 * Structured averaged perceptron (Collins 2002) over BILOU label sequences with Viterbi decoding: training only.
 * Deterministic: the instance order comes from a seeded shuffle and all arithmetic is in float64.
 */
import { LABEL_COUNT as L } from './bilou.js';
import { emissionsFromRows, viterbi, type NamedLinearModel } from './decode.js';
import { seededRandom } from '../../random.js';

/** One training sentence with its features already resolved to rows of the weight table. */
export interface Instance {
  /** Feature rows of all tokens, flat. */
  rows: Int32Array;
  /** Where each token's rows start; length n + 1. */
  offsets: Int32Array;
  gold: Int32Array;
}

/** Maps feature strings to rows, keeping only features seen at least `minCount` times in the training data. */
export class FeatureTable {
  readonly index = new Map<string, number>();
  readonly names: string[] = [];

  static fromCounts(counts: ReadonlyMap<string, number>, minCount: number): FeatureTable {
    const table = new FeatureTable();
    for (const [name, count] of counts) {
      if (count < minCount) continue;
      table.index.set(name, table.names.length);
      table.names.push(name);
    }
    return table;
  }

  instance(features: readonly (readonly string[])[], gold: ArrayLike<number>): Instance {
    const offsets = new Int32Array(features.length + 1);
    const rows: number[] = [];
    features.forEach((fs, t) => {
      for (const f of fs) {
        const row = this.index.get(f);
        if (row !== undefined) rows.push(row);
      }
      offsets[t + 1] = rows.length;
    });
    return { rows: Int32Array.from(rows), offsets, gold: Int32Array.from(gold) };
  }
}

export function countFeatures(sentences: Iterable<readonly (readonly string[])[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    for (const fs of sentence) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return counts;
}

export interface PerceptronOptions {
  epochs: number;
  seed: number;
  /** Called after each epoch with the averaged model so far; return true to keep this epoch's model as the best. */
  onEpoch?: (epoch: number, averaged: NamedLinearModel, mistakes: number) => boolean | void;
}

export class Perceptron {
  readonly rows: number;
  private readonly w: Float64Array;
  private readonly u: Float64Array;
  private readonly tw = new Float64Array((L + 1) * L);
  private readonly tu = new Float64Array((L + 1) * L);
  private c = 1;

  constructor(readonly table: FeatureTable) {
    this.rows = table.names.length;
    this.w = new Float64Array(this.rows * L);
    this.u = new Float64Array(this.rows * L);
  }

  /** Averaged weights as a run-time model (float64, scale 1). */
  averaged(): NamedLinearModel {
    const weights = new Float64Array(this.w.length);
    for (let i = 0; i < weights.length; i++) weights[i] = this.w[i]! - this.u[i]! / this.c;
    const transitions = new Float64Array(this.tw.length);
    for (let i = 0; i < transitions.length; i++) transitions[i] = this.tw[i]! - this.tu[i]! / this.c;
    return { index: this.table.index, weights, scale: 1, transitions };
  }

  train(instances: readonly Instance[], options: PerceptronOptions): NamedLinearModel {
    const random = seededRandom(options.seed);
    const order = instances.map((_, i) => i);
    const maxLen = instances.reduce((m, x) => Math.max(m, x.gold.length), 0);
    const emit = new Float64Array(maxLen * L);
    let best: NamedLinearModel | undefined;
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      let mistakes = 0;
      for (const k of order) mistakes += this.step(instances[k]!, emit);
      const averaged = this.averaged();
      const keep = options.onEpoch?.(epoch, averaged, mistakes);
      if (keep || !options.onEpoch) best = averaged;
    }
    return best ?? this.averaged();
  }

  /** One perceptron update; returns the number of wrongly labelled tokens. */
  private step(x: Instance, emit: Float64Array): number {
    const n = x.gold.length;
    emissionsFromRows(this.w, x.rows, x.offsets, n, emit);
    const pred = viterbi(emit, this.tw, n);
    let wrong = 0;
    const c = this.c;
    for (let t = 0; t < n; t++) {
      const g = x.gold[t]!;
      const p = pred[t]!;
      if (g !== p) {
        wrong++;
        for (let k = x.offsets[t]!; k < x.offsets[t + 1]!; k++) {
          const base = x.rows[k]! * L;
          this.w[base + g]! += 1;
          this.u[base + g]! += c;
          this.w[base + p]! -= 1;
          this.u[base + p]! -= c;
        }
      }
      const gp = t === 0 ? L : x.gold[t - 1]!;
      const pp = t === 0 ? L : pred[t - 1]!;
      if (gp !== pp || g !== p) {
        this.tw[gp * L + g]! += 1;
        this.tu[gp * L + g]! += c;
        this.tw[pp * L + p]! -= 1;
        this.tu[pp * L + p]! -= c;
      }
    }
    this.c++;
    return wrong;
  }
}

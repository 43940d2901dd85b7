/**
 * Run-time weights of a linear model over hashed features: int16-quantised, one scale per model, stored sparsely
 * (a perceptron touches few classes per feature, so most of a dense row would be zeros), looked up through an
 * open-addressing table. Scores are integer sums, so decoding is exact and deterministic.
 */

/** Averaged float weights as training leaves them: row r has key (hi[r], lo[r]) and `classes` weights. */
export interface FrozenWeights {
  classes: number;
  hi: Int32Array;
  lo: Int32Array;
  weights: Float64Array;
}

/** Quantised sparse weights, rows sorted by key: what the model file stores. */
export interface QuantisedWeights {
  classes: number;
  /** Per row: the key's first hash, and the low 8 bits of its second. */
  hi: Int32Array;
  lo: Uint8Array;
  /** Row r's entries are `entries[rowStart[r] .. rowStart[r + 1])`, each `class | weight << 8`. */
  rowStart: Int32Array;
  entries: Int32Array;
  /** Float weight = quantised weight × scale. */
  scale: number;
}

/** The mean of several models' weights over the union of their features (a missing feature counts as 0). */
export function averageWeights(models: readonly FrozenWeights[]): FrozenWeights {
  if (models.length === 1) return models[0]!;
  const C = models[0]!.classes;
  const index = new Map<bigint, number>();
  const hi: number[] = [];
  const lo: number[] = [];
  for (const m of models) {
    for (let r = 0; r < m.hi.length; r++) {
      const key = (BigInt(m.hi[r]! >>> 0) << 32n) | BigInt(m.lo[r]! >>> 0);
      if (!index.has(key)) {
        index.set(key, hi.length);
        hi.push(m.hi[r]!);
        lo.push(m.lo[r]!);
      }
    }
  }
  const weights = new Float64Array(hi.length * C);
  for (const m of models) {
    for (let r = 0; r < m.hi.length; r++) {
      const row = index.get((BigInt(m.hi[r]! >>> 0) << 32n) | BigInt(m.lo[r]! >>> 0))!;
      for (let c = 0; c < C; c++) weights[row * C + c]! += m.weights[r * C + c]! / models.length;
    }
  }
  return { classes: C, hi: Int32Array.from(hi), lo: Int32Array.from(lo), weights };
}

export interface QuantiseOptions {
  /** Largest quantised weight (at most 32767, int16). */
  levels: number;
  /** Weights smaller than this fraction of the model's largest are dropped, and rows left empty with them. */
  prune: number;
}

export const QUANTISE_DEFAULTS: QuantiseOptions = { levels: 32767, prune: 0 };

/**
 * Quantisation with one scale per model. Two rows whose 40-bit keys collide would merge at run time, so both are
 * dropped (about one pair in 10^5 features).
 */
export function quantise(frozen: FrozenWeights, options: Partial<QuantiseOptions> = {}): QuantisedWeights {
  const { levels, prune } = { ...QUANTISE_DEFAULTS, ...options };
  const C = frozen.classes;
  let max = 0;
  for (const w of frozen.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / Math.min(levels, 32767) : 1;
  const minWeight = prune * max;
  const rows = frozen.hi.length;
  const order = Array.from({ length: rows }, (_, r) => r);
  const cmp = (a: number, b: number): number => (frozen.hi[a]! >>> 0) - (frozen.hi[b]! >>> 0) || (frozen.lo[a]! & 0xff) - (frozen.lo[b]! & 0xff);
  order.sort((a, b) => cmp(a, b) || a - b);
  const hi: number[] = [];
  const lo: number[] = [];
  const rowStart: number[] = [0];
  const entries: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const r = order[k]!;
    if ((k > 0 && cmp(order[k - 1]!, r) === 0) || (k + 1 < order.length && cmp(r, order[k + 1]!) === 0)) continue;
    const before = entries.length;
    for (let c = 0; c < C; c++) {
      const w = frozen.weights[r * C + c]!;
      const q = Math.round(w / scale);
      if (q !== 0 && Math.abs(w) >= minWeight) entries.push(c | (q << 8));
    }
    if (entries.length === before) continue;
    hi.push(frozen.hi[r]!);
    lo.push(frozen.lo[r]! & 0xff);
    rowStart.push(entries.length);
  }
  return { classes: C, hi: Int32Array.from(hi), lo: Uint8Array.from(lo), rowStart: Int32Array.from(rowStart), entries: Int32Array.from(entries), scale };
}

/**
 * Four ints per slot, so a probe reads one 16-byte cell: the key's hi, then `lo | count << 8` (-1: empty), then
 * either the row's weights inline (models of at most 4 classes: two int16 per int) or, for sparse rows, the index of
 * the row's second entry in `rest` and its first entry (`class | weight << 8`): most rows of the tagger and the
 * labeller have one or two entries, and then `rest` is rarely touched.
 */
const SLOT = 4;

export class WeightTable {
  readonly classes: number;
  readonly rowCount: number;
  /** Weights inline in the slot (classes <= 4). */
  readonly dense: boolean;
  private readonly mask: number;
  private readonly slots: Int32Array;
  private readonly rest: Int32Array;
  /** Keeps the prefetching loads of `addScores` observable, so the compiler keeps them. */
  touched = 0;

  constructor(readonly weights: QuantisedWeights) {
    this.classes = weights.classes;
    this.rowCount = weights.hi.length;
    this.dense = weights.classes <= 4;
    let capacity = 16;
    while (capacity * 0.6 < this.rowCount) capacity *= 2;
    this.mask = capacity - 1;
    const slots = (this.slots = new Int32Array(capacity * SLOT));
    for (let s = 0; s < capacity; s++) slots[s * SLOT + 1] = -1;
    const { rowStart, entries } = weights;
    const rest: number[] = [];
    for (let r = 0; r < this.rowCount; r++) {
      let s = weights.hi[r]! & this.mask;
      while (slots[s * SLOT + 1] !== -1) s = (s + 1) & this.mask;
      const at = s * SLOT;
      const from = rowStart[r]!;
      const count = rowStart[r + 1]! - from;
      slots[at] = weights.hi[r]!;
      slots[at + 1] = weights.lo[r]! | (count << 8);
      if (this.dense) {
        const w = [0, 0, 0, 0];
        for (let e = from; e < from + count; e++) w[entries[e]! & 0xff] = entries[e]! >> 8;
        slots[at + 2] = (w[0]! & 0xffff) | (w[1]! << 16);
        slots[at + 3] = (w[2]! & 0xffff) | (w[3]! << 16);
      } else {
        slots[at + 2] = rest.length;
        slots[at + 3] = entries[from]!;
        for (let e = from + 1; e < from + count; e++) rest.push(entries[e]!);
      }
    }
    this.rest = Int32Array.from(rest);
  }

  /** The slot offset of a key, or -1. */
  find(hi: number, lo: number): number {
    const slots = this.slots;
    const l = lo & 0xff;
    let s = hi & this.mask;
    for (;;) {
      const at = s * SLOT;
      const meta = slots[at + 1]!;
      if (meta === -1) return -1;
      if (slots[at] === hi && (meta & 0xff) === l) return at;
      s = (s + 1) & this.mask;
    }
  }

  /** Adds the weights of `count` features (keys as feature-key.ts writes them) to `scores`. */
  addScores(keys: Int32Array, count: number, scores: Int32Array): void {
    const slots = this.slots;
    const mask = this.mask;
    // Touch every first slot before probing: the loads miss the caches independently, so they overlap.
    let touched = 0;
    for (let k = 0; k < count; k++) touched ^= slots[(keys[2 * k]! & mask) * SLOT]!;
    this.touched = touched;
    if (this.dense) {
      let s0 = scores[0]!, s1 = scores[1]!, s2 = scores[2]!, s3 = this.classes > 3 ? scores[3]! : 0;
      for (let k = 0; k < count; k++) {
        const at = this.find(keys[2 * k]!, keys[2 * k + 1]!);
        if (at < 0) continue;
        const a = slots[at + 2]!;
        const b = slots[at + 3]!;
        s0 += (a << 16) >> 16;
        s1 += a >> 16;
        s2 += (b << 16) >> 16;
        s3 += b >> 16;
      }
      scores[0] = s0;
      scores[1] = s1;
      scores[2] = s2;
      if (this.classes > 3) scores[3] = s3;
      return;
    }
    const rest = this.rest;
    for (let k = 0; k < count; k++) {
      const at = this.find(keys[2 * k]!, keys[2 * k + 1]!);
      if (at < 0) continue;
      const first = slots[at + 3]!;
      scores[first & 0xff]! += first >> 8;
      const more = (slots[at + 1]! >> 8) - 1;
      if (more > 0) {
        for (let e = slots[at + 2]!, end = e + more; e < end; e++) {
          const entry = rest[e]!;
          scores[entry & 0xff]! += entry >> 8;
        }
      }
    }
  }
}

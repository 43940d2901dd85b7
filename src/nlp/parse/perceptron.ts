/**
 * The averaged perceptron used to train the tagger, the transition classifier and the labeller: weights live in
 * rows keyed by feature key (see feature-key.ts), created on the first update that touches them, so a feature that
 * never mattered takes no memory. Averaging uses the usual trick (Daumé): `u` accumulates `clock · Δ`, and the
 * average is `w - u / clock`. Everything is integer or exact in float64, so training is deterministic.
 */
import type { FrozenWeights } from './weight-table.js';

/** Counts of feature keys, for keeping only features seen often enough to be worth a weight. */
export class KeyCounter {
  private mask: number;
  /** Per slot: key hi, key lo, count (0: empty). */
  private slots: Int32Array;
  size = 0;

  constructor(capacity = 1 << 20) {
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 3);
  }

  add(keys: Int32Array, count: number): void {
    for (let k = 0; k < count; k++) this.increment(keys[2 * k]!, keys[2 * k + 1]!);
  }

  count(hi: number, lo: number): number {
    let s = hi & this.mask;
    for (;;) {
      const c = this.slots[3 * s + 2]!;
      if (c === 0 || (this.slots[3 * s] === hi && this.slots[3 * s + 1] === lo)) return c;
      s = (s + 1) & this.mask;
    }
  }

  private increment(hi: number, lo: number): void {
    let s = hi & this.mask;
    for (;;) {
      const c = this.slots[3 * s + 2]!;
      if (c === 0) break;
      if (this.slots[3 * s] === hi && this.slots[3 * s + 1] === lo) {
        this.slots[3 * s + 2] = c + 1;
        return;
      }
      s = (s + 1) & this.mask;
    }
    if ((this.size + 1) * 2 > this.mask + 1) {
      this.grow();
      this.increment(hi, lo);
      return;
    }
    this.slots[3 * s] = hi;
    this.slots[3 * s + 1] = lo;
    this.slots[3 * s + 2] = 1;
    this.size++;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array((this.mask + 1) * 3);
    for (let s = 0; s < old.length / 3; s++) {
      if (old[3 * s + 2] === 0) continue;
      let t = old[3 * s]! & this.mask;
      while (this.slots[3 * t + 2] !== 0) t = (t + 1) & this.mask;
      this.slots.set(old.subarray(3 * s, 3 * s + 3), 3 * t);
    }
  }
}

export class AveragedPerceptron {
  /** When set, only keys counted at least `minCount` times get a row. */
  private filter: KeyCounter | undefined;
  private minCount = 0;

  private mask: number;
  /** Per slot: key hi, key lo, row (-1: empty). */
  private slots: Int32Array;
  rows = 0;
  private w: Int32Array;
  private u: Float64Array;
  private clock = 1;
  /** Rows of the features last scored, reused by `update` (-1: not in the table). */
  private found = new Int32Array(256);
  private foundCount = 0;

  constructor(readonly classes: number, capacity = 1 << 16) {
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 3).fill(-1);
    this.w = new Int32Array(1024 * classes);
    this.u = new Float64Array(1024 * classes);
  }

  /** Keeps only the features `counter` counted at least `minCount` times. */
  restrict(counter: KeyCounter, minCount: number): void {
    this.filter = counter;
    this.minCount = minCount;
  }

  /** Adds the current weights of `count` features to `scores` (which the caller zeroes) and remembers their rows. */
  score(keys: Int32Array, count: number, scores: Float64Array): void {
    if (this.found.length < count) this.found = new Int32Array(count * 2);
    const C = this.classes;
    for (let k = 0; k < count; k++) {
      const row = this.find(keys[2 * k]!, keys[2 * k + 1]!);
      this.found[k] = row;
      if (row < 0) continue;
      const at = row * C;
      for (let c = 0; c < C; c++) scores[c]! += this.w[at + c]!;
    }
    this.foundCount = count;
  }

  /** Rewards class `good` and penalises class `bad` for the features last scored (keys given again to create rows). */
  update(keys: Int32Array, good: number, bad: number): void {
    const C = this.classes;
    const clock = this.clock;
    for (let k = 0; k < this.foundCount; k++) {
      let row = this.found[k]!;
      if (row < 0) {
        const hi = keys[2 * k]!;
        const lo = keys[2 * k + 1]!;
        if (this.filter && this.filter.count(hi, lo) < this.minCount) continue;
        row = this.found[k] = this.insert(hi, lo);
      }
      this.w[row * C + good]! += 1;
      this.u[row * C + good]! += clock;
      this.w[row * C + bad]! -= 1;
      this.u[row * C + bad]! -= clock;
    }
  }

  /** Advances the averaging clock: once per decision, whether or not it was updated. */
  tick(): void {
    this.clock++;
  }

  /** The averaged weights so far, row by row, with each row's key. */
  averaged(): FrozenWeights {
    const C = this.classes;
    const hi = new Int32Array(this.rows);
    const lo = new Int32Array(this.rows);
    for (let s = 0; s <= this.mask; s++) {
      const row = this.slots[3 * s + 2]!;
      if (row < 0) continue;
      hi[row] = this.slots[3 * s]!;
      lo[row] = this.slots[3 * s + 1]!;
    }
    const weights = new Float64Array(this.rows * C);
    for (let i = 0; i < weights.length; i++) weights[i] = this.w[i]! - this.u[i]! / this.clock;
    return { classes: C, hi, lo, weights };
  }

  private find(hi: number, lo: number): number {
    const slots = this.slots;
    let s = hi & this.mask;
    for (;;) {
      const row = slots[3 * s + 2]!;
      if (row < 0) return -1;
      if (slots[3 * s] === hi && slots[3 * s + 1] === lo) return row;
      s = (s + 1) & this.mask;
    }
  }

  private insert(hi: number, lo: number): number {
    if ((this.rows + 1) * 2 > this.mask + 1) this.growSlots();
    const row = this.rows++;
    if (row * this.classes >= this.w.length) {
      const w = new Int32Array(this.w.length * 2);
      w.set(this.w);
      this.w = w;
      const u = new Float64Array(this.u.length * 2);
      u.set(this.u);
      this.u = u;
    }
    this.place(hi, lo, row);
    return row;
  }

  private place(hi: number, lo: number, row: number): void {
    let s = hi & this.mask;
    while (this.slots[3 * s + 2]! >= 0) s = (s + 1) & this.mask;
    this.slots[3 * s] = hi;
    this.slots[3 * s + 1] = lo;
    this.slots[3 * s + 2] = row;
  }

  private growSlots(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array((this.mask + 1) * 3).fill(-1);
    for (let s = 0; s < old.length / 3; s++) if (old[3 * s + 2]! >= 0) this.place(old[3 * s]!, old[3 * s + 1]!, old[3 * s + 2]!);
  }
}

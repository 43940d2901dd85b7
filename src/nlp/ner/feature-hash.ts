/**
 * The shipped model names its features by a 40-bit hash (a 32-bit hash plus 8 bits of an independent one) instead
 * of by string: the file stays small and holds no words of the training text. With ~10^5 features the chance that
 * an unseen feature matches a stored one is ~10^-7 per lookup. Lookups go through an open-addressing table.
 */

/** Two 32-bit hashes of `s` (FNV-1a and a multiply-xorshift hash), written to `out`. */
export function hashPair(s: string, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  out[0] = a >>> 0;
  out[1] = (b ^ (b >>> 16)) >>> 0;
}

/** Feature name → row, keyed by hash pair; `get` has the shape of `Map.get` so either can back a model. */
export class HashedIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly scratch = new Uint32Array(2);

  /** `lo` holds the low 8 bits of the second hash. */
  constructor(
    readonly hi: Uint32Array,
    readonly lo: Uint8Array,
  ) {
    let capacity = 16;
    while (capacity < hi.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity).fill(-1);
    for (let row = 0; row < hi.length; row++) {
      let slot = hi[row]! & this.mask;
      while (this.slots[slot] !== -1) {
        const other = this.slots[slot]!;
        if (hi[other] === hi[row] && lo[other] === lo[row]) throw new Error(`feature-hash: rows ${other} and ${row} share a hash`);
        slot = (slot + 1) & this.mask;
      }
      this.slots[slot] = row;
    }
  }

  get size(): number {
    return this.hi.length;
  }

  get(name: string): number | undefined {
    hashPair(name, this.scratch);
    const h = this.scratch[0]!;
    const l = this.scratch[1]! & 0xff;
    let slot = h & this.mask;
    for (;;) {
      const row = this.slots[slot]!;
      if (row === -1) return undefined;
      if (this.hi[row] === h && this.lo[row] === l) return row;
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * The shipped model names its features by a 40-bit hash (a 32-bit hash plus 8 bits of an independent one) instead
 * of by string: the file stays small and holds no words of the training text. With ~10^5 features the chance that
 * an unseen feature matches a stored one is ~10^-7 per lookup. Lookups go through an open-addressing table.
 *
 * The tagger's hot path hashes names given in parts (`prefix + a + '|' + b`) without building the string:
 * `HashPrefix` holds the hash state after a constant prefix, and `beginName`/`addPart`/`addSeparator`/`findName`
 * continue it over the parts. Both ways give exactly `hashPair` of the concatenation.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const B_SEED = 0x9e3779b9;
const B_MULT = 0x5bd1e995;

/** Two 32-bit hashes of `s` (FNV-1a and a multiply-xorshift hash), written to `out`. */
export function hashPair(s: string, out: Uint32Array): void {
  let a = FNV_OFFSET;
  let b = B_SEED ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, B_MULT);
    b ^= b >>> 15;
  }
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  out[0] = a >>> 0;
  out[1] = (b ^ (b >>> 16)) >>> 0;
}

/** Feature name → row, keyed by hash pair; `get` has the shape of `Map.get` so either can back a model. */
export class HashedIndex {
  /** Per slot: the 32-bit hash, then `row << 8 | low 8 bits of the second hash` (-1 when empty); one cache line per probe. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly scratch = new Uint32Array(2);

  /** `lo` holds the low 8 bits of the second hash. */
  constructor(
    readonly hi: Uint32Array,
    readonly lo: Uint8Array,
  ) {
    let capacity = 16;
    // Load factor 0.5-0.75: half the memory of a sparser table, and probes mostly stay in one cache line.
    while (capacity * 0.75 < hi.length) capacity *= 2;
    this.mask = capacity - 1;
    this.table = new Int32Array(capacity * 2).fill(-1);
    for (let row = 0; row < hi.length; row++) {
      let slot = hi[row]! & this.mask;
      while (this.table[2 * slot + 1] !== -1) {
        const other = this.table[2 * slot + 1]! >> 8;
        if (hi[other] === hi[row] && lo[other] === lo[row]) throw new Error(`feature-hash: rows ${other} and ${row} share a hash`);
        slot = (slot + 1) & this.mask;
      }
      this.table[2 * slot] = hi[row]! | 0;
      this.table[2 * slot + 1] = (row << 8) | lo[row]!;
    }
  }

  get size(): number {
    return this.hi.length;
  }

  get(name: string): number | undefined {
    hashPair(name, this.scratch);
    const row = this.find(this.scratch[0]!, this.scratch[1]! & 0xff);
    return row < 0 ? undefined : row;
  }

  /**
   * Rows of `count` features whose hashes `finishName` wrote to `names`, into `rows[at..]` (-1: unknown). The table
   * is larger than the caches, so all slots are first touched together, letting the CPU fetch them in parallel
   * rather than one miss at a time.
   */
  findAll(names: Int32Array, count: number, rows: Int32Array, at: number): void {
    const table = this.table;
    const mask = this.mask;
    let touched = 0;
    for (let k = 0; k < count; k++) touched ^= table[2 * (names[2 * k]! & mask) + 1]!;
    this.touched = touched;
    for (let k = 0; k < count; k++) rows[at + k] = this.find(names[2 * k]!, names[2 * k + 1]!);
  }

  /** Keeps the touching loads of `findAll` observable, so that the compiler keeps them. */
  touched = 0;

  /** Row of the feature with hashes `h` (32 bits) and `l` (low 8 bits of the second), or -1. */
  find(h: number, l: number): number {
    const key = h | 0;
    let slot = h & this.mask;
    for (;;) {
      const packed = this.table[2 * slot + 1]!;
      if (packed === -1) return -1;
      if (this.table[2 * slot] === key && (packed & 0xff) === l) return packed >> 8;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Longest name whose prefix state is tabulated; longer ones (tokens are at most a few hundred chars) are computed. */
const TABULATED = 1024;

/** A constant name prefix ("w-1|w=") with the hash states after it, so names starting with it hash from there. */
export class HashPrefix {
  readonly a: number;
  private readonly b = new Int32Array(TABULATED);

  constructor(readonly text: string) {
    let a = FNV_OFFSET;
    for (let i = 0; i < text.length; i++) a = Math.imul(a ^ text.charCodeAt(i), FNV_PRIME);
    this.a = a;
    for (let length = 0; length < TABULATED; length++) this.b[length] = this.bAfter(length);
  }

  /** Second-hash state after the prefix, for a whole name of `length` chars (its seed depends on the length). */
  bAt(length: number): number {
    return length < TABULATED ? this.b[length]! : this.bAfter(length);
  }

  private bAfter(length: number): number {
    let b = B_SEED ^ length;
    for (let i = 0; i < this.text.length; i++) {
      b = Math.imul(b ^ this.text.charCodeAt(i), B_MULT);
      b ^= b >>> 15;
    }
    return b;
  }
}

// The name being hashed. Module state rather than an object so the hot loop allocates nothing.
let A = 0;
let B = 0;

/** Starts hashing the name `prefix.text + parts`, whose total length is `length`. */
export function beginName(prefix: HashPrefix, length: number): void {
  A = prefix.a;
  B = prefix.bAt(length);
}

export function addPart(s: string): void {
  addRange(s, 0, s.length);
}

/** Adds `s.slice(from, to)`. */
export function addRange(s: string, from: number, to: number): void {
  let a = A;
  let b = B;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, B_MULT);
    b ^= b >>> 15;
  }
  A = a;
  B = b;
}

/** Adds the separator `|`. */
export function addSeparator(): void {
  A = Math.imul(A ^ 124, FNV_PRIME);
  const b = Math.imul(B ^ 124, B_MULT);
  B = b ^ (b >>> 15);
}

/** Writes the hash pair of the name `prefix.text + s.slice(from, to)` to `names[2k], names[2k+1]` (see findAll). */
export function nameInto(names: Int32Array, k: number, prefix: HashPrefix, s: string, from = 0, to = s.length): void {
  beginName(prefix, prefix.text.length + to - from);
  addRange(s, from, to);
  finishName(names, k);
}

/** The row of the feature `prefix.text + s.slice(from, to)` in `index`, or -1. */
export function findFeature(index: HashedIndex, prefix: HashPrefix, s: string, from = 0, to = s.length): number {
  beginName(prefix, prefix.text.length + to - from);
  addRange(s, from, to);
  return findName(index);
}

/** Finishes the name and looks it up: its row in `index`, or -1. */
export function findName(index: HashedIndex): number {
  let b = Math.imul(B ^ (B >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  return index.find(A >>> 0, b & 0xff);
}

/** Finishes the name and writes its hash pair to `names[2k], names[2k+1]`, for `HashedIndex.findAll`. */
export function finishName(names: Int32Array, k: number): void {
  let b = Math.imul(B ^ (B >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  names[2 * k] = A;
  names[2 * k + 1] = b & 0xff;
}

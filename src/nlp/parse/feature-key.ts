/**
 * Features are named by integers, never by strings: each token's word, affixes and shape are hashed once, and a
 * feature is its template number mixed with one to four such atoms into two independent 32-bit hashes (`hi`
 * addresses the weight table, the low 8 bits of `lo` confirm the match). The tagger and the parser write keys into
 * an Int32Array (`keys[2k]`, `keys[2k + 1]`), so the hot loops allocate nothing, and training and run time share the
 * same code. `keyN` mixes N atoms: a few multiplications each, as a parser makes about 200 keys per word.
 */

/** FNV-1a 32-bit hash of `s.slice(from, to)`, with a seed per atom kind so that "suffix es" and "word es" differ. */
export function hashRange(s: string, from: number, to: number, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

export function hashString(s: string, seed: number): number {
  return hashRange(s, 0, s.length, seed);
}

/** Murmur3's finaliser: every input bit reaches every output bit (the table index is hi's low bits). */
function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

// Two lanes with different odd multipliers: each step is a bijection of the lane, so atoms never cancel out.
const X0 = 0x9e3779b1;
const Y0 = 0x632be5ab;
const MX = 0x85ebca6b;
const MY = 0xcc9e2d51;

function stepX(x: number, a: number): number {
  x = Math.imul(x ^ a, MX);
  return x ^ (x >>> 15);
}

function stepY(y: number, a: number): number {
  y = Math.imul(y ^ a, MY);
  return y ^ (y >>> 13);
}

function write(keys: Int32Array, k: number, x: number, y: number): void {
  keys[2 * k] = fmix(x);
  keys[2 * k + 1] = Math.imul(y ^ (y >>> 16), 0x7feb352d) >>> 24;
}

export function key1(keys: Int32Array, k: number, t: number, a: number): void {
  write(keys, k, stepX(Math.imul(t + 1, X0), a), stepY(Math.imul(t + 1, Y0), a));
}

export function key2(keys: Int32Array, k: number, t: number, a: number, b: number): void {
  write(keys, k, stepX(stepX(Math.imul(t + 1, X0), a), b), stepY(stepY(Math.imul(t + 1, Y0), a), b));
}

export function key3(keys: Int32Array, k: number, t: number, a: number, b: number, c: number): void {
  write(keys, k, stepX(stepX(stepX(Math.imul(t + 1, X0), a), b), c), stepY(stepY(stepY(Math.imul(t + 1, Y0), a), b), c));
}

export function key4(keys: Int32Array, k: number, t: number, a: number, b: number, c: number, d: number): void {
  write(
    keys, k,
    stepX(stepX(stepX(stepX(Math.imul(t + 1, X0), a), b), c), d),
    stepY(stepY(stepY(stepY(Math.imul(t + 1, Y0), a), b), c), d),
  );
}

/** Mixes two atoms into one (a word with its tag, a label set's two halves). */
export function joinAtoms(a: number, b: number): number {
  return fmix(stepX(stepX(0x3c6ef372, a), b));
}

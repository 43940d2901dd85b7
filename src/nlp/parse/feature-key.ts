/**
 * Features are named by integers, never by strings: each token's word, affixes and shape are hashed once, and a
 * feature is its template number mixed with up to four such atoms into two independent 32-bit hashes (`hi`
 * addresses the weight table, `lo` confirms the match). The tagger and the parser write keys into an Int32Array
 * (`keys[2k]`, `keys[2k + 1]`), so the hot loops allocate nothing, and training and run time share the same code.
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

/** Murmur3's finaliser: every input bit reaches every output bit. */
function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function stepA(h: number, v: number): number {
  h ^= Math.imul(v, 0xcc9e2d51);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function stepB(h: number, v: number): number {
  h ^= Math.imul(v, 0x1b873593);
  h = (h << 17) | (h >>> 15);
  return (Math.imul(h, 9) + 0x7feb352d) | 0;
}

/** Writes the key of feature `template(a, b, c, d)` to `keys[2k], keys[2k + 1]`. Unused atoms are passed as 0. */
export function writeKey(keys: Int32Array, k: number, template: number, a: number, b: number, c: number, d: number): void {
  let x = Math.imul(template + 1, 0x9e3779b1);
  let y = Math.imul(template + 1, 0x632be5ab) ^ 0x5bd1e995;
  x = stepA(stepA(stepA(stepA(x, a), b), c), d);
  y = stepB(stepB(stepB(stepB(y, a), b), c), d);
  keys[2 * k] = fmix(x);
  keys[2 * k + 1] = fmix(y ^ 0x2545f491);
}

/** Mixes two atoms into one (a word with its tag), for templates that join more than four values. */
export function joinAtoms(a: number, b: number): number {
  return fmix(stepA(stepA(0x3c6ef372, a), b));
}

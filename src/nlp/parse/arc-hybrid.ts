/**
 * The arc-hybrid transition system (Kuhlmann et al. 2011) with the root token at the end of the buffer
 * (Ballesteros & Nivre 2013), and its dynamic oracle (Goldberg & Nivre 2013).
 *
 * Tokens are 0..n-1 and the root is n. SHIFT moves the buffer's front b0 onto the stack; LEFT makes b0 the head of
 * the stack's top s0 and pops it; RIGHT makes s1 the head of s0 and pops it. The root is never shifted, and LEFT
 * onto the root is allowed only when s0 is the last word on the stack, so every parse is a single-rooted tree, in
 * exactly 2n transitions from any sentence.
 */

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const TRANSITIONS = 3;

/** Labels kept in the label-set bit masks (a label id ≥ 64 is left out of them). */
const SET_BITS = 32;

export class ParseState {
  n = 0;
  sp = 0;
  /** The buffer's front; the buffer is b..n (n being the root). */
  b = 0;
  stack = new Int32Array(64);
  head = new Int32Array(64);
  label = new Int32Array(64);
  onStack = new Uint8Array(64);
  /** Leftmost and second leftmost, rightmost and second rightmost dependents (-1: none); numbers of each side's. */
  lc1 = new Int32Array(64);
  lc2 = new Int32Array(64);
  rc1 = new Int32Array(64);
  rc2 = new Int32Array(64);
  nl = new Int32Array(64);
  nr = new Int32Array(64);
  /** Bit masks of the labels of the left and right dependents (label ids 0-31 in `lo`, 32-63 in `hi`). */
  lsetLo = new Int32Array(64);
  lsetHi = new Int32Array(64);
  rsetLo = new Int32Array(64);
  rsetHi = new Int32Array(64);

  /** Starts a sentence of `n` tokens. */
  reset(n: number): void {
    if (n + 1 > this.head.length) this.grow(n + 1);
    this.n = n;
    this.sp = 0;
    this.b = 0;
    this.head.fill(-1, 0, n + 1);
    this.label.fill(-1, 0, n + 1);
    this.onStack.fill(0, 0, n + 1);
    for (const a of [this.lc1, this.lc2, this.rc1, this.rc2]) a.fill(-1, 0, n + 1);
    for (const a of [this.nl, this.nr, this.lsetLo, this.lsetHi, this.rsetLo, this.rsetHi]) a.fill(0, 0, n + 1);
  }

  private grow(size: number): void {
    let cap = this.head.length;
    while (cap < size) cap *= 2;
    this.stack = new Int32Array(cap);
    this.head = new Int32Array(cap);
    this.label = new Int32Array(cap);
    this.onStack = new Uint8Array(cap);
    this.lc1 = new Int32Array(cap);
    this.lc2 = new Int32Array(cap);
    this.rc1 = new Int32Array(cap);
    this.rc2 = new Int32Array(cap);
    this.nl = new Int32Array(cap);
    this.nr = new Int32Array(cap);
    this.lsetLo = new Int32Array(cap);
    this.lsetHi = new Int32Array(cap);
    this.rsetLo = new Int32Array(cap);
    this.rsetHi = new Int32Array(cap);
  }

  done(): boolean {
    return this.sp === 0 && this.b === this.n;
  }

  /** Stack item `k` from the top (0: s0), or -1. */
  s(k: number): number {
    return this.sp > k ? this.stack[this.sp - 1 - k]! : -1;
  }

  valid(t: number): boolean {
    if (t === SHIFT) return this.b < this.n;
    if (t === LEFT) return this.sp > 0 && (this.b < this.n || this.sp === 1);
    return this.sp >= 2;
  }

  /** Applies transition `t` (which must be valid); `label` is the new arc's label. Returns the dependent, or -1. */
  apply(t: number, label: number): number {
    if (t === SHIFT) {
      this.onStack[this.b] = 1;
      this.stack[this.sp++] = this.b++;
      return -1;
    }
    const d = this.stack[--this.sp]!;
    this.onStack[d] = 0;
    const h = t === LEFT ? this.b : this.stack[this.sp - 1]!;
    this.head[d] = h;
    this.label[d] = label;
    const bit = 1 << (label & 31);
    if (d < h) {
      // Left dependents arrive right to left: each new one is the leftmost.
      this.lc2[h] = this.lc1[h]!;
      this.lc1[h] = d;
      this.nl[h]!++;
      if (label < SET_BITS) this.lsetLo[h]! |= bit;
      else this.lsetHi[h]! |= bit;
    } else {
      // Right dependents arrive left to right: each new one is the rightmost.
      this.rc2[h] = this.rc1[h]!;
      this.rc1[h] = d;
      this.nr[h]!++;
      if (label < SET_BITS) this.rsetLo[h]! |= bit;
      else this.rsetHi[h]! |= bit;
    }
    return d;
  }
}

/** A gold tree prepared for the oracle: heads (root = n) and each token's dependents. */
export interface GoldTree {
  heads: Int32Array;
  depStart: Int32Array;
  deps: Int32Array;
}

/** `heads` uses -1 for the root, as the rest of the project does; the oracle's root is token n. */
export function goldTree(heads: ArrayLike<number>): GoldTree {
  const n = heads.length;
  const h = Int32Array.from(heads, (x) => (x < 0 ? n : x));
  const counts = new Int32Array(n + 2);
  for (let i = 0; i < n; i++) counts[h[i]! + 1]!++;
  const depStart = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) depStart[i + 1] = depStart[i]! + counts[i + 1]!;
  const deps = new Int32Array(n);
  const at = depStart.slice();
  for (let i = 0; i < n; i++) deps[at[h[i]!]!++] = i;
  return { heads: h, depStart, deps };
}

/**
 * The number of gold arcs that transition `t` makes unreachable (arc-decomposable, so the cost of the best
 * reachable tree). Assumes `t` is valid.
 */
export function transitionCost(state: ParseState, gold: GoldTree, t: number): number {
  const { heads, depStart, deps } = gold;
  const b = state.b;
  if (t === SHIFT) {
    // b0 can then only get its head from s0 or from the buffer, and stack items can no longer take it as head.
    const h = heads[b]!;
    const s0 = state.s(0);
    let cost = h < b && h !== s0 && state.onStack[h] ? 1 : 0;
    for (let k = depStart[b]!; k < depStart[b + 1]!; k++) if (state.onStack[deps[k]!]) cost++;
    return cost;
  }
  const s0 = state.s(0);
  const h = heads[s0]!;
  let cost = 0;
  // s0's dependents still in the buffer are lost either way.
  for (let k = depStart[s0]!; k < depStart[s0 + 1]!; k++) if (deps[k]! >= b) cost++;
  if (t === LEFT) {
    if (h !== b && (h > b || h === state.s(1))) cost++;
  } else if (h >= b) {
    cost++;
  }
  return cost;
}

/**
 * Lifts non-projective arcs (the shortest first) to the head's head until the tree is projective, as the oracle
 * needs (Nivre & Nilsson 2005, without encoding the lifts in labels). Returns new heads (-1: root).
 */
export function projectivise(heads: ArrayLike<number>): Int32Array {
  const n = heads.length;
  const h = Int32Array.from(heads);
  const dominates = (a: number, d: number): boolean => {
    for (let x = d, steps = 0; x >= 0 && steps <= n; x = h[x]!, steps++) if (x === a) return true;
    return false;
  };
  for (;;) {
    let worst = -1;
    let worstLength = Infinity;
    for (let d = 0; d < n; d++) {
      const hd = h[d]!;
      if (hd < 0) continue;
      const [from, to] = hd < d ? [hd, d] : [d, hd];
      for (let k = from + 1; k < to; k++) {
        if (!dominates(hd, k)) {
          if (to - from < worstLength) (worst = d), (worstLength = to - from);
          break;
        }
      }
    }
    if (worst < 0) return h;
    h[worst] = h[h[worst]!]!;
  }
}

/** Whether the tree (-1: root) has no crossing arcs (the root's arc included). */
export function isProjective(heads: ArrayLike<number>): boolean {
  const p = projectivise(heads);
  for (let i = 0; i < heads.length; i++) if (p[i] !== heads[i]) return false;
  return true;
}

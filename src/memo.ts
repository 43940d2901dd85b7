/**
 * Bounded memos for pure functions of one string. Names and words recur across the articles of a corpus, and the
 * rules that read them (mention finding, name normalisation, acronym expansion) ask the same questions many times.
 */

/** Stands for `undefined` in a memo, so one lookup tells "not asked yet" from "no answer". */
const NO_VALUE: unique symbol = Symbol('no value');

/**
 * A pure function of one string, remembered. The memo is emptied when it reaches `limit` entries, so a long run
 * cannot hoard words. Results are shared between callers and must not be mutated.
 */
export function remembered<T>(fn: (key: string) => T, limit = 20_000): (key: string) => T {
  const memo = new Map<string, T | typeof NO_VALUE>();
  return (key) => {
    const known = memo.get(key);
    if (known !== undefined) return known === NO_VALUE ? (undefined as T) : known;
    const value = fn(key);
    if (memo.size >= limit) memo.clear();
    memo.set(key, value === undefined ? NO_VALUE : value);
    return value;
  };
}

/** Numbers for values, and checks on columns of them, shared by the identity table and the name facts. */

/** The number of `value` in `list`, adding it at the end when `ids` (value → number) does not have it yet. */
export function numberOf<T>(ids: Map<T, number>, list: T[], value: T): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = list.length;
    list.push(value);
    ids.set(value, id);
  }
  return id;
}

/** Whether every value of `column` is at least `min` and below `max`. */
export function within(column: Int32Array, min: number, max: number): boolean {
  for (let i = 0; i < column.length; i++) if (column[i]! < min || column[i]! >= max) return false;
  return true;
}

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

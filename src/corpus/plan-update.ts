/**
 * What changed since the last build: articles kept, added (new or changed) and removed (or changed), read from the
 * index's leading fields alone, so a corpus that changed a lot goes to a full build without parsing the index.
 */
import type { BuildState, IndexEntry } from './build-state.js';

/** An article of this build as a plan reads it. */
export interface Current {
  id: string;
  file: string;
  key: string;
}

export interface UpdatePlan<T extends Current = Current> {
  /** Index entries of articles unchanged since the last build, in id order. */
  kept: IndexEntry[];
  /** Articles new or changed since. */
  added: T[];
  /** Index entries of articles removed or changed since (their records are parsed by the update, which can decline). */
  removed: IndexEntry[];
}

/** Share of the corpus above which changing articles one by one costs more than building again. */
const MAX_CHANGED_SHARE = 0.2;

/** The plan; undefined when so much changed that a full build is the faster way. */
export function planUpdate<T extends Current>(state: BuildState, current: readonly T[]): UpdatePlan<T> | undefined {
  const before = new Map(state.entries.map((entry) => [entry.id, entry]));
  const kept: IndexEntry[] = [];
  const added: T[] = [];
  const removed: IndexEntry[] = [];
  const present = new Set<string>();
  for (const item of current) {
    present.add(item.id);
    const entry = before.get(item.id);
    // A moved file keeps its text and id but its node names the file: that is a change too.
    if (entry && entry.key === item.key && entry.file === item.file) kept.push(entry);
    else {
      added.push(item);
      if (entry) removed.push(entry);
    }
  }
  for (const entry of state.entries) if (!present.has(entry.id)) removed.push(entry);
  if (added.length + removed.length > Math.max(1, state.entries.length * MAX_CHANGED_SHARE)) return undefined;
  return { kept, added, removed };
}

/**
 * Relation cues a user adds in newsgraph.config.json (`extract.cues`): a verb, or a verb and its preposition, that
 * states a relation from its subject to its object ("rally behind" → supports), read off the same frames as the
 * lexicon's classes.
 */
import type { RelationCue, RelationId } from '../../schema/index.js';

export interface IndexedCue {
  relation: RelationId;
  cue: RelationCue;
  /** The preposition that introduces the target, for a cue like "rally behind"; '' when the object is. */
  preposition: string;
}

/** Cues by verb lemma (its first word). */
export type CueTable = ReadonlyMap<string, readonly IndexedCue[]>;

const PREPOSITIONS = new Set(['about', 'against', 'at', 'behind', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'over', 'to', 'towards', 'upon', 'with']);

export function buildCueTable(extra: ReadonlyArray<{ relation: RelationId; cue: RelationCue }> = []): CueTable {
  const table = new Map<string, IndexedCue[]>();
  for (const { relation, cue } of extra) {
    const words = cue.lemmas.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) continue;
    const last = words[words.length - 1]!;
    const preposition = words.length > 1 && PREPOSITIONS.has(last) ? last : '';
    const verb = preposition ? words.slice(0, -1).join(' ') : words.join(' ');
    if (!table.has(verb)) table.set(verb, []);
    table.get(verb)!.push({ relation, cue, preposition });
  }
  return table;
}

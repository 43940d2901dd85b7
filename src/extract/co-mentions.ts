/**
 * Co-mentions: two entities named in the same sentence. A weaker tie than a typed relation, kept apart from the
 * relations (docs/graph-format.md, "co-mentions.json"); counted per article, so a corpus sums them and a reader can
 * count only the articles of a time range. Named entities only: descriptions ("the statement", "the protest") are
 * mostly nodes of one article, and pairing them too would multiply the pairs for little structure.
 */
import type { LocalCoMention, LocalEntity, Mention } from '../schema/index.js';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every pair of named entities with a mention in the same sentence, with the number of such sentences, sorted by ids. */
export function coMentions(mentions: ReadonlyArray<Pick<Mention, 'sentence'>>, entities: ReadonlyArray<Pick<LocalEntity, 'id' | 'mentions' | 'origin'>>): LocalCoMention[] {
  const inSentence = new Map<number, string[]>();
  for (const e of entities) {
    if (e.origin !== 'name') continue;
    const sentences = new Set<number>();
    for (const i of e.mentions) sentences.add(mentions[i]!.sentence);
    for (const s of sentences) {
      const ids = inSentence.get(s);
      if (ids) ids.push(e.id);
      else inSentence.set(s, [e.id]);
    }
  }
  const counts = new Map<string, LocalCoMention>();
  for (const ids of inSentence.values()) {
    if (ids.length < 2) continue;
    ids.sort(byString);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}\u0000${ids[j]}`;
        const pair = counts.get(key);
        if (pair) pair[2]++;
        else counts.set(key, [ids[i]!, ids[j]!, 1]);
      }
    }
  }
  return [...counts.values()].sort((a, b) => byString(a[0], b[0]) || byString(a[1], b[1]));
}

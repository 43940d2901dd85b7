/**
 * Nationality adjectives as mentions of their country: "Brazilian President Ana Lima" names Brazil. The mention is
 * a name of the country (so it joins "Brazil" named elsewhere), marked `demonym`: an entity known only from
 * adjectives is kept when a relation needs it.
 */
import type { Sentence } from '../../schema/index.js';
import { lexicon } from '../../nlp/lexicon/index.js';
import { startsCapital, type DraftMention } from './draft.js';

export function demonymMentions(sentence: Sentence, index: number, taken: readonly DraftMention[]): DraftMention[] {
  const out: DraftMention[] = [];
  const demonyms = lexicon().demonyms;
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!startsCapital(t.text) || t.pos === 'NOUN' && /s$/.test(t.lower)) continue;
    const country = demonyms.get(t.lower);
    // A demonym that is its country's own name ("Iran") is a place name already.
    if (!country || country.toLowerCase() === t.lower || taken.some((m) => m.origin === 'name' && m.coreStart <= i && i < m.coreEnd)) continue;
    out.push({
      sentence: index, start: i, end: i + 1, coreStart: i, coreEnd: i + 1, head: i, text: country, variants: [t.text],
      origin: 'name', kind: 'place', attrs: { demonym: true },
    });
  }
  return out;
}

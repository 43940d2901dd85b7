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
    // "South African", "New Zealand": two words first.
    const two = tokens[i + 1] && startsCapital(tokens[i + 1]!.text) ? demonyms.get(`${t.lower} ${tokens[i + 1]!.lower}`) : undefined;
    const end = two ? i + 2 : i + 1;
    const country = two ?? demonyms.get(t.lower);
    const surface = two ? `${t.text} ${tokens[i + 1]!.text}` : t.text;
    // A demonym that is its country's own name ("Iran") is a place name already.
    if (!country || country.toLowerCase() === surface.toLowerCase() || taken.some((m) => m.origin === 'name' && m.coreStart < end && i < m.coreEnd)) continue;
    out.push({
      sentence: index, start: i, end, coreStart: i, coreEnd: end, head: end - 1, text: country, variants: [surface],
      origin: 'name', kind: 'place', attrs: { demonym: true },
    });
    i = end - 1;
  }
  return out;
}

/**
 * Article body → sentences, tokens with POS and lemmas, tagged names, and each sentence's part-of-speech tags and
 * dependency tree: everything later stages read about the language of the text.
 */
import type { AnalysedText, NameSpan, Sentence } from '../schema/index.js';
import { tokenise } from './wink.js';
import { tagNames } from './names.js';
import { parseTokens } from './parse/index.js';

export function analyse(body: string): AnalysedText {
  const raw = tokenise(body);
  const texts = raw.map((s) => s.tokens.map((t) => t.text));
  const names: NameSpan[][] = tagNames(texts);
  const sentences: Sentence[] = raw.map((s, i) => {
    const parsed = parseTokens(texts[i]!, { names: names[i] ?? [], pos: s.tokens.map((t) => t.pos) });
    // One object shape for every token (a spread makes each token's shape anew).
    const tokens = s.tokens.map((t, k) => ({
      text: t.text, start: t.start, end: t.end, pos: t.pos, lemma: t.lemma, lower: t.lower,
      tag: parsed.xpos[k]!, upos: parsed.upos[k]!, head: parsed.heads[k]!, deprel: parsed.deprels[k]!,
    }));
    return { start: s.start, end: s.end, tokens, names: names[i] ?? [] };
  });
  return { sentences };
}

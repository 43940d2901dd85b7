/**
 * Article body → sentences, tokens with POS and lemmas, and tagged names: everything later stages read about the
 * language of the text.
 */
import type { AnalysedText, NameSpan } from '../schema/index.js';
import { tokenise } from './wink.js';
import { tagNames } from './names.js';

export function analyse(body: string): AnalysedText {
  const sentences = tokenise(body);
  const names: NameSpan[][] = tagNames(sentences.map((s) => s.tokens.map((t) => t.text)));
  return { sentences: sentences.map((s, i) => ({ start: s.start, end: s.end, tokens: s.tokens, names: names[i] ?? [] })) };
}

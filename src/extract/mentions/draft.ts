/**
 * The extractor's working form of a mention: token indices within one sentence, so rules can look around it.
 */
import type { AttrValue, EntityKind, Mention, Sentence } from '../../schema/index.js';

export type MentionOrigin = 'name' | 'phrase' | 'pronoun' | 'header';

export interface DraftMention {
  kind: EntityKind;
  sentence: number;
  /** Token range [start, end) of the whole phrase, post-modifiers included. */
  start: number;
  end: number;
  /** Token range of the core phrase: no determiner, no trailing prepositional phrases. */
  coreStart: number;
  coreEnd: number;
  /** Token index of the head word. */
  head: number;
  /** Display form, the label candidate. */
  text: string;
  /** Other surface forms of this mention (longer and shorter readings). */
  variants: string[];
  origin: MentionOrigin;
  category?: string;
  /** "the", "this": refers back rather than introduces. */
  definite?: boolean;
  attrs: Record<string, AttrValue>;
  /** Character range when the mention is part of a token ("US" in "US-based"). */
  charStart?: number;
  charEnd?: number;
}

export function charRange(m: DraftMention, sentence: Sentence): { start: number; end: number } {
  if (m.charStart !== undefined && m.charEnd !== undefined) return { start: m.charStart, end: m.charEnd };
  return { start: sentence.tokens[m.coreStart]!.start, end: sentence.tokens[m.coreEnd - 1]!.end };
}

export function toMention(m: DraftMention, sentence: Sentence, headLemma: string): Mention {
  const { start, end } = charRange(m, sentence);
  return { kind: m.kind, text: m.text, start, end, sentence: m.sentence, head: headLemma, attrs: m.attrs };
}

/** The text of tokens [start, end) as it stands in the body (spacing kept). */
export function spanText(sentence: Sentence, body: string, start: number, end: number): string {
  if (end <= start) return '';
  return body.slice(sentence.tokens[start]!.start, sentence.tokens[end - 1]!.end);
}

/**
 * `/^\p{Lu}/u.test(text)`: whether the text begins with a capital letter. Plain ASCII first letters, by far the most
 * common, are answered without the regular expression, since this runs for every token.
 */
export function startsCapital(text: string): boolean {
  const code = text.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return /^\p{Lu}/u.test(text);
}

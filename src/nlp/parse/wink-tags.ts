/**
 * wink-nlp's universal tags as tagger evidence. wink was trained on other text than the treebank and reads news
 * well where web text misleads our tagger (capitalised words inside names, nouns after names), so its tag is a
 * feature, never the answer. Tokens are matched to wink's by character offsets: a token takes the tag of the wink
 * token that covers its first character.
 */
import { tokenise } from '../wink.js';

/** wink's tags, coded 1..n; 0 is "no tag" (a token wink did not cover) and n + 1 any tag not listed. */
const WINK_TAGS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X'];
const CODES = new Map(WINK_TAGS.map((t, i) => [t, i + 1]));
const OTHER = WINK_TAGS.length + 1;
/** How many codes there are (0 to OTHER). */
export const WINK_CODES = OTHER + 1;

/** Each tag's code as the tagger's features read it. */
export function winkCodes(tags: readonly (string | undefined)[]): Uint8Array {
  return Uint8Array.from(tags, (t) => (t === undefined || t === '' ? 0 : CODES.get(t) ?? OTHER));
}

export interface Span {
  start: number;
  end: number;
}

export interface Alignment {
  /** wink's tag for each token ('' when no wink token covers its first character). */
  tags: string[];
  /** Tokens whose span is exactly a wink token's. */
  exact: number;
}

/** Aligns tokens to wink tokens (both in text order) by character offsets. */
export function alignTags(tokens: readonly Span[], wink: readonly (Span & { pos: string })[]): Alignment {
  const tags: string[] = [];
  let exact = 0;
  let w = 0;
  for (const t of tokens) {
    while (w < wink.length && wink[w]!.end <= t.start) w++;
    const cover = wink[w];
    if (cover && cover.start <= t.start) {
      tags.push(cover.pos);
      if (cover.start === t.start && cover.end === t.end) exact++;
    } else {
      tags.push('');
    }
  }
  return { tags, exact };
}

/** wink's tags for the tokens of `text` at `spans`. */
export function winkTagsOfText(text: string, spans: readonly Span[]): Alignment {
  return alignTags(spans, tokenise(text).flatMap((s) => s.tokens));
}

/** wink's tags for bare token texts (no source text at hand): read as the tokens joined by single spaces. */
export function winkTagsOfTokens(tokens: readonly string[]): string[] {
  const spans: Span[] = [];
  let at = 0;
  for (const t of tokens) {
    spans.push({ start: at, end: at + t.length });
    at += t.length + 1;
  }
  return winkTagsOfText(tokens.join(' '), spans).tags;
}

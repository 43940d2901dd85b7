/**
 * Where the cited span lies inside an evidence sentence. Evidence offsets index the article body (UTF-16 code units,
 * as JavaScript strings do); with `sentenceStart` the span inside the sentence is exact. Older files lack it, and
 * the body is not in graph.json, so the span is then placed by searching the sentence for the edge's end names.
 */
import type { Evidence } from '../../../src/schema/index.js';

export interface Span {
  start: number;
  end: number;
}

/** How the span was found: from offsets, by searching, the whole sentence, or not at all. */
export type SpanMethod = 'offsets' | 'search' | 'whole' | 'none';

export interface CitedSpan {
  span: Span | null;
  method: SpanMethod;
}

export interface SentencePieces {
  before: string;
  /** The cited text, or null when no span could be placed. */
  mark: string | null;
  after: string;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Widens a span so it never cuts a surrogate pair (an emoji or other astral character) in half. */
export function snapToCodePoints(text: string, span: Span): Span {
  let { start, end } = span;
  if (start > 0 && start < text.length && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
  if (end > 0 && end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
  return { start, end };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function occurrences(sentence: string, term: string): Span[] {
  const out: Span[] = [];
  if (!term.trim()) return out;
  const re = new RegExp(escapeRegExp(term), 'giu');
  for (const m of sentence.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const isWordChar = (ch: string | undefined) => !!ch && /[\p{L}\p{N}]/u.test(ch);

/**
 * Places a span of `length` code units so it covers as many of `terms` as possible. Candidate windows start at a
 * term's start or end at a term's end; ties go to windows on word boundaries, then to the earliest.
 */
function searchSpan(sentence: string, length: number, terms: readonly string[]): Span | null {
  const found = terms.map((t) => occurrences(sentence, t));
  const candidates: Span[] = [];
  for (const list of found) {
    for (const o of list) {
      const a = Math.max(0, Math.min(o.start, sentence.length - length));
      candidates.push({ start: a, end: a + length });
      const b = Math.max(0, Math.min(o.end - length, sentence.length - length));
      candidates.push({ start: b, end: b + length });
    }
  }
  let best: Span | null = null;
  let bestScore = 0;
  for (const c of candidates) {
    let score = 0;
    for (const list of found) if (list.some((o) => o.start >= c.start && o.end <= c.end)) score += 10;
    if (!isWordChar(sentence[c.start - 1])) score += 1;
    if (!isWordChar(sentence[c.end])) score += 1;
    if (score > bestScore || (score === bestScore && best && c.start < best.start)) {
      best = c;
      bestScore = score;
    }
  }
  return best && bestScore >= 10 ? best : null;
}

/** The cited span inside `evidence.sentence`. `terms` (names of the edge's ends) drive the search fallback. */
export function citedSpan(evidence: Evidence, terms: readonly string[] = []): CitedSpan {
  const { sentence, start, end, sentenceStart } = evidence;
  if (typeof sentenceStart === 'number') {
    const s = start - sentenceStart;
    const e = end - sentenceStart;
    if (s >= 0 && e <= sentence.length && s < e) return { span: snapToCodePoints(sentence, { start: s, end: e }), method: 'offsets' };
  }
  const length = end - start;
  if (!(length > 0) || !sentence) return { span: null, method: 'none' };
  if (length >= sentence.length) return { span: { start: 0, end: sentence.length }, method: 'whole' };
  const span = searchSpan(sentence, length, [...new Set(terms)]);
  return span ? { span: snapToCodePoints(sentence, span), method: 'search' } : { span: null, method: 'none' };
}

/** The sentence cut around its span, ready to be put in text nodes and a <mark>. */
export function splitSentence(sentence: string, span: Span | null): SentencePieces {
  if (!span) return { before: sentence, mark: null, after: '' };
  return { before: sentence.slice(0, span.start), mark: sentence.slice(span.start, span.end), after: sentence.slice(span.end) };
}

/**
 * Splitting an article into parts that fit one request: at paragraph boundaries, and inside a paragraph too long for
 * one request at sentence ends. Tokens are estimated from characters (no tokenizer of the user's model is at hand),
 * on the safe side for English.
 */
import { tokenise } from '../../nlp/wink.js';

const CHARS_PER_TOKEN = 3.5;
/** The share of a request's tokens left for the answer. */
const ANSWER_SHARE = 0.4;
/** Below this many tokens of article text per request, the parts would be too small to state anything. */
const MIN_TEXT_TOKENS = 250;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** The answer's room in a request of `maxTokens`: sent as the request's `max_tokens`. */
export function answerTokens(maxTokens: number): number {
  return Math.floor(maxTokens * ANSWER_SHARE);
}

/**
 * How many characters of article text fit in one request beside a prompt of `promptTokens`, or a message saying why
 * none do.
 */
export function textBudget(maxTokens: number, promptTokens: number): number | string {
  const tokens = maxTokens - answerTokens(maxTokens) - promptTokens;
  if (tokens < MIN_TEXT_TOKENS) {
    const needed = Math.ceil((promptTokens + MIN_TEXT_TOKENS) / (1 - ANSWER_SHARE));
    return `maxTokens ${maxTokens} leaves no room for the article beside the prompt (about ${promptTokens} tokens): use ${needed} or more`;
  }
  return Math.floor(tokens * CHARS_PER_TOKEN);
}

export interface Span {
  start: number;
  end: number;
}

const BLANK_LINE = /\n[ \t\r\f\v\u00a0]*\n/g;

function paragraphs(body: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    const text = body.slice(start, end);
    const lead = text.length - text.trimStart().length;
    const trimmed = text.trim();
    if (trimmed) spans.push({ start: start + lead, end: start + lead + trimmed.length });
  };
  for (const m of body.matchAll(BLANK_LINE)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(body.length);
  return spans;
}

/** A paragraph longer than `max` cut at sentence ends, and a sentence longer than `max` at the last space before it. */
function pieces(body: string, span: Span, max: number): Span[] {
  if (span.end - span.start <= max) return [span];
  const out: Span[] = [];
  for (const s of tokenise(body.slice(span.start, span.end))) {
    let start = span.start + s.start;
    const end = span.start + s.end;
    while (end - start > max) {
      const space = body.lastIndexOf(' ', start + max);
      const cut = space > start ? space : start + max;
      out.push({ start, end: cut });
      start = cut;
      while (start < end && body[start] === ' ') start++;
    }
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** The parts of `body` to send, each at most `maxChars` long, in order; whole paragraphs wherever they fit. */
export function splitArticle(body: string, maxChars: number): Span[] {
  const parts: Span[] = [];
  let current: Span | undefined;
  for (const paragraph of paragraphs(body)) {
    for (const piece of pieces(body, paragraph, maxChars)) {
      if (current && piece.end - current.start <= maxChars) current.end = piece.end;
      else {
        current = { ...piece };
        parts.push(current);
      }
    }
  }
  return parts;
}

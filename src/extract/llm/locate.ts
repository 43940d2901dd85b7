/**
 * Finding a model's quote, or a name, in the article: exactly first, then ignoring differences of whitespace, quote
 * marks, dashes and letter case, which models change when they copy. Offsets are always the article's own.
 */
import type { Span } from './parts.js';

const FOLD: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u02bc': "'", '`': "'", '\u00b4': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
};

interface Folded {
  text: string;
  /** The original offset of each folded character. */
  at: number[];
}

function fold(text: string): Folded {
  let out = '';
  const at: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      space = true;
      continue;
    }
    if (space && out) { out += ' '; at.push(i - 1); }
    space = false;
    const lower = c.toLowerCase();
    out += FOLD[c] ?? (lower.length === 1 ? lower : c);
    at.push(i);
  }
  return { text: out, at };
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
/** The quote marks a model puts around a quote, and an ellipsis where it started or stopped copying. */
function unwrap(quote: string): string {
  return quote.trim().replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '').trim().replace(/^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$/g, '');
}
const ELLIPSIS = /\s*(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\])\s*/;
/** How far apart the pieces of a quote with an ellipsis may lie. */
const MAX_GAP = 400;

/** One article's text, ready for many look-ups. */
export class ArticleText {
  private folded: Folded | undefined;

  constructor(readonly body: string) {}

  private loose(): Folded {
    return (this.folded ??= fold(this.body));
  }

  /** Every place `text` occurs, exactly if it does anywhere, else loosely; `words` keeps only whole-word matches. */
  occurrences(text: string, words = false): Span[] {
    const bounded = (s: Span) => !words || (!isWordChar(this.body[s.start - 1]) && !isWordChar(this.body[s.end]));
    const exact: Span[] = [];
    for (let i = this.body.indexOf(text); i >= 0 && text; i = this.body.indexOf(text, i + 1)) exact.push({ start: i, end: i + text.length });
    const kept = exact.filter(bounded);
    if (kept.length) return kept;
    const needle = fold(text).text.trim();
    if (!needle) return [];
    const { text: hay, at } = this.loose();
    const found: Span[] = [];
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
      const span = { start: at[i]!, end: at[i + needle.length - 1]! + 1 };
      if (bounded(span)) found.push(span);
    }
    return found;
  }

  /**
   * Where a quote lies: its occurrences, the one in `prefer` first. A quote with an ellipsis is found piece by piece,
   * each after the last and close to it.
   */
  quote(quote: string, prefer?: (span: Span) => boolean): Span | undefined {
    // As given first: the quote marks around a quote may be the article's own.
    const given = quote.trim();
    const spans = this.quoteSpans(given);
    const found = spans.length ? spans : this.quoteSpans(unwrap(given));
    return (prefer && found.find(prefer)) ?? found[0];
  }

  private quoteSpans(quote: string): Span[] {
    const pieces = quote.split(ELLIPSIS).filter((p) => p.trim());
    if (!pieces.length) return [];
    return this.occurrences(pieces[0]!).flatMap((first) => {
      let end = first.end;
      for (const piece of pieces.slice(1)) {
        const next = this.occurrences(piece).find((s) => s.start >= end && s.start - end <= MAX_GAP);
        if (!next) return [];
        end = next.end;
      }
      return [{ start: first.start, end }];
    });
  }
}

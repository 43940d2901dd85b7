/**
 * The optional first line of a text article: ` date YYYY-MM-DD Publisher Name`.
 */
import { InputError } from '../errors.js';

export interface ArticleHeader {
  date?: string;
  publisher?: string;
}

export interface SplitHeader {
  header: ArticleHeader;
  /** The text after the header line (the whole text when there is none). */
  rest: string;
}

const DATE_LINE = /^[ \t]*date\b(.*)$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in ISO form, or why not. */
export function checkIsoDate(value: string): string | null {
  const m = ISO_DATE.exec(value);
  if (!m) return `expected YYYY-MM-DD, got "${value.slice(0, 40)}"`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `month ${m[2]} out of range in ${value}`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `day ${m[3]} out of range in ${value}`;
  return null;
}

/**
 * Splits off the date line when the first line is one. A first line that starts with the word `date` but does not
 * hold a valid date is an error rather than body text: it is almost certainly a typo in the header.
 */
export function splitHeader(text: string, file: string): SplitHeader {
  const newline = text.indexOf('\n');
  const first = newline < 0 ? text : text.slice(0, newline);
  const match = DATE_LINE.exec(first.replace(/\r$/, ''));
  if (!match) return { header: {}, rest: text };
  const fields = match[1]!.trim().split(/\s+/).filter(Boolean);
  const date = fields[0];
  if (!date) throw new InputError(file, 'malformed date line: no date after "date" (expected " date YYYY-MM-DD Publisher")');
  const problem = checkIsoDate(date);
  if (problem) throw new InputError(file, `malformed date line: ${problem}`);
  const publisher = fields.slice(1).join(' ');
  return {
    header: publisher ? { date, publisher } : { date },
    rest: newline < 0 ? '' : text.slice(newline + 1),
  };
}

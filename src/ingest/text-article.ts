/**
 * Plain-text and Markdown articles: optional date line, optional headline, paragraphs separated by blank lines.
 */
import type { Article } from '../schema/index.js';
import { splitHeader } from './header.js';

/** Normalises line endings and strips the whitespace around the body; offsets elsewhere index this string. */
export function normaliseBody(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

const HEADLINE_MAX = 200;
const SENTENCE_END = /[.!?:;"”’»)\]…]$/;

/**
 * A first paragraph that is a single short line without closing punctuation, followed by more text, is the
 * headline. It stays in the body too, so its names are extracted and offsets stay simple.
 */
export function detectHeadline(body: string): string | undefined {
  const end = body.indexOf('\n\n');
  if (end < 0) return undefined;
  const first = body.slice(0, end).trim();
  if (!first || first.includes('\n') || first.length > HEADLINE_MAX) return undefined;
  if (SENTENCE_END.test(first)) return undefined;
  if (!/\p{L}/u.test(first)) return undefined;
  return first;
}

export function parseTextArticle(text: string, meta: { id: string; file: string }): Article {
  const { header, rest } = splitHeader(text.replace(/^\uFEFF/, ''), meta.file);
  const body = normaliseBody(rest);
  const title = detectHeadline(body);
  return { id: meta.id, file: meta.file, ...header, ...(title ? { title } : {}), body };
}

// Link text stops at the next bracket and a link target at the next parenthesis (one balanced pair allowed, as in
// Wikipedia URLs): with `[^\]]*` and `[^)]*` every unclosed "[" scanned to the end of the text, so the time grew with
// the square of the length and 160 kB of "[" took 20 seconds.
const LINK_TARGET = String.raw`\((?:[^()]|\([^()]*\))*\)`;
const IMAGE = new RegExp(String.raw`!\[([^\][]*)\]` + LINK_TARGET, 'g');
const LINK = new RegExp(String.raw`\[([^\][]+)\]` + LINK_TARGET, 'g');

function stripInline(text: string): string {
  return text
    .replace(IMAGE, '$1')
    .replace(LINK, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/gm, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

/**
 * A heading's text without its closing hashes and spacing. Done by hand: the regular expression that said the same,
 * `(.*?)\s*#*\s*$`, backtracks in cubic time, so a heading with 4,000 spaces in it took 17 seconds.
 */
function headingText(rest: string): string {
  let end = rest.trimEnd().length;
  while (end > 0 && rest[end - 1] === '#') end--;
  return rest.slice(0, end).trimEnd();
}

/** Markdown to the plain text a reader sees: headings, emphasis, links and images lose their markup. */
export function markdownToText(md: string): { text: string; title?: string } {
  let title: string | undefined;
  const lines = md.replace(/\r\n?/g, '\n').split('\n').map((line) => {
    const heading = /^\s{0,3}#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      const text = headingText(heading[1]!);
      if (title === undefined) title = stripInline(text);
      return text;
    }
    return line.replace(/^\s{0,3}(?:[-*+]|\d+[.)])\s+/, '').replace(/^\s{0,3}>\s?/, '');
  });
  const text = stripInline(lines.join('\n'));
  return title === undefined ? { text } : { text, title };
}

export function parseMarkdownArticle(text: string, meta: { id: string; file: string }): Article {
  const { header, rest } = splitHeader(text.replace(/^\uFEFF/, ''), meta.file);
  const { text: plain, title } = markdownToText(rest);
  const body = normaliseBody(plain);
  const headline = title ?? detectHeadline(body);
  return { id: meta.id, file: meta.file, ...header, ...(headline ? { title: headline } : {}), body };
}

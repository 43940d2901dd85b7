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

function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/gm, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

/** Markdown to the plain text a reader sees: headings, emphasis, links and images lose their markup. */
export function markdownToText(md: string): { text: string; title?: string } {
  let title: string | undefined;
  const lines = md.replace(/\r\n?/g, '\n').split('\n').map((line) => {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      if (title === undefined) title = stripInline(heading[1]!);
      return heading[1]!;
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

/**
 * HTML articles: the main text through Mozilla's Readability (the engine behind Firefox's reader view) on a
 * linkedom document, so navigation, ads and scripts never reach the extractor. Metadata from the usual meta tags.
 */
import { createRequire } from 'node:module';
import type * as Linkedom from 'linkedom';
import type * as ReadabilityModule from '@mozilla/readability';
import type { Article } from '../schema/index.js';
import { InputError } from '../errors.js';
import { checkIsoDate } from './header.js';
import { normaliseBody } from './text-article.js';

// Required on first use: most corpora hold no HTML, and loading a DOM implementation costs every command time.
const require = createRequire(import.meta.url);
let loaded: { parseHTML: typeof Linkedom.parseHTML; Readability: typeof ReadabilityModule.Readability } | undefined;
function dom(): NonNullable<typeof loaded> {
  loaded ??= {
    parseHTML: (require('linkedom') as typeof Linkedom).parseHTML,
    Readability: (require('@mozilla/readability') as typeof ReadabilityModule).Readability,
  };
  return loaded;
}

type HtmlDocument = ReturnType<typeof Linkedom.parseHTML>['document'];
type HtmlElement = NonNullable<HtmlDocument['documentElement']>;

/**
 * Readability's work grows with about the cube of the nesting depth: 1,000 nested elements take seconds, 1,500 half a
 * minute, 3,000 overflow the stack. Article pages nest a few dozen deep, so deeper markup is refused, not parsed.
 */
export const MAX_HTML_DEPTH = 400;

/** Whether any element lies more than `limit` levels below `root`; iterative, so depth cannot overflow the stack. */
function nestedDeeperThan(root: HtmlElement, limit: number): boolean {
  const stack: Array<[HtmlElement, number]> = [[root, 0]];
  while (stack.length) {
    const [element, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of element.children) stack.push([child as HtmlElement, depth + 1]);
  }
  return false;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, figcaption, dt, dd';

function meta(document: HtmlDocument, ...selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    const value = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.getAttribute('href');
    if (value && value.trim()) return value.trim();
  }
  return undefined;
}

/** The first ISO calendar date in a timestamp such as 2020-08-08T10:00:00Z. */
function isoDate(value: string | undefined): string | undefined {
  const m = value ? /(\d{4}-\d{2}-\d{2})/.exec(value) : null;
  return m && !checkIsoDate(m[1]!) ? m[1] : undefined;
}

/** Block-level text joined with blank lines, so paragraphs survive as they do in text articles. */
function blockText(markup: string): string {
  const { document } = dom().parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  const blocks = [...document.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS));
  const parts = blocks.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean);
  return parts.length ? parts.join('\n\n') : (document.body?.textContent ?? '').replace(/[ \t]+/g, ' ');
}

/**
 * linkedom, unlike a browser, builds no <html> and <body> around a fragment or plain text (a file named .html that
 * holds only paragraphs, or no markup at all), and Readability throws on such a document; wrapping the text gives it
 * the document a browser would have built.
 */
function parseDocument(markup: string): HtmlDocument {
  const { document } = dom().parseHTML(markup);
  if (document.documentElement?.localName === 'html') return document;
  return dom().parseHTML(`<!doctype html><html><body>${markup}</body></html>`).document;
}

export function parseHtmlArticle(html: string, info: { id: string; file: string }): Article {
  const document = parseDocument(html);
  if (document.documentElement && nestedDeeperThan(document.documentElement, MAX_HTML_DEPTH)) {
    throw new InputError(info.file, `HTML nested more than ${MAX_HTML_DEPTH} elements deep; not an article page`);
  }
  const date = isoDate(meta(document, 'meta[property="article:published_time"]', 'meta[name="date"]', 'meta[name="pubdate"]',
    'meta[itemprop="datePublished"]', 'meta[name="dc.date"]', 'time[datetime]'));
  const publisher = meta(document, 'meta[property="og:site_name"]', 'meta[name="publisher"]', 'meta[name="application-name"]');
  const url = meta(document, 'link[rel="canonical"]', 'meta[property="og:url"]');
  const metaTitle = meta(document, 'meta[property="og:title"]', 'meta[name="twitter:title"]');
  // Readability mutates the document it reads, so metadata is taken first.
  const { Readability } = dom();
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 0 }).parse();
  const title = (metaTitle ?? parsed?.title ?? document.querySelector('title')?.textContent ?? '').trim() || undefined;
  const text = parsed?.content ? blockText(parsed.content) : (parsed?.textContent ?? '');
  let body = normaliseBody(text);
  // Keep the headline in the body, as text articles do, so its names are extracted too.
  if (title && !body.startsWith(title)) body = `${title}\n\n${body}`;
  return {
    id: info.id, file: info.file, body,
    ...(title ? { title } : {}), ...(date ? { date } : {}), ...(publisher ? { publisher } : {}), ...(url ? { url } : {}),
  };
}

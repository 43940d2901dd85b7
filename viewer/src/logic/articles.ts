/**
 * Article metadata looked up from the article nodes (category "article"): evidence and nodes name articles by id
 * (the file name without extension), and the side panel shows their title, date and publisher.
 */
import { ARTICLE_CATEGORY } from '../../../src/schema/index.js';
import type { ViewerGraph, ViewerNodeAttrs } from './model.js';

export interface ArticleRef {
  id: string;
  /** The article node's key, when the graph has one. */
  node: string | null;
  title: string;
  date: string | null;
  publisher: string | null;
  url: string | null;
}

export type ArticleIndex = ReadonlyMap<string, ArticleRef>;

function stripExtension(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Only http(s) links are offered; anything else (javascript:, data:) is dropped. */
export function safeUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function refFor(id: string, node: string, a: ViewerNodeAttrs): ArticleRef {
  return {
    id,
    node,
    title: a.title || a.label || id,
    date: a.date ?? null,
    publisher: a.publisher ?? null,
    url: safeUrl(a.url),
  };
}

export function buildArticleIndex(graph: ViewerGraph): ArticleIndex {
  const index = new Map<string, ArticleRef>();
  graph.forEachNode((key, a) => {
    if (a.category !== ARTICLE_CATEGORY) return;
    const ids = new Set<string>([key]);
    if (a.file) ids.add(stripExtension(a.file));
    // An article node lists itself as its only article: that id is the one evidence names, so the ref's own.
    if (a.articles.length === 1) ids.add(a.articles[0]!);
    const ref = refFor(a.articles.length === 1 ? a.articles[0]! : [...ids].at(-1)!, key, a);
    for (const id of ids) if (!index.has(id)) index.set(id, ref);
  });
  return index;
}

/** The article's metadata, or a bare reference when the graph has no node for it. */
export function articleRef(index: ArticleIndex, id: string): ArticleRef {
  return index.get(id) ?? { id, node: null, title: id, date: null, publisher: null, url: null };
}

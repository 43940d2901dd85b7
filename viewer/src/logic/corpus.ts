/**
 * The corpus behind a graph: its articles (from the article nodes: title, day, publisher) and its publishers, and
 * which articles the view keeps, given a time range and a picked article or publisher. Nodes name their articles and
 * edges their evidence's articles, so every other filter works through `allowedArticles`.
 */
import type { ArticleIndex, ArticleRef } from './articles.js';
import { dayOf, histogram, inRange, type DateRange, type Histogram } from './time-range.js';

export type Scope = { type: 'article'; id: string } | { type: 'publisher'; name: string };

export interface CorpusArticle extends ArticleRef {
  day: string | null;
}

export interface Publisher {
  name: string;
  articles: number;
}

export interface Corpus {
  /** One per article node, by day (undated last), then title. */
  articles: CorpusArticle[];
  byId: ReadonlyMap<string, CorpusArticle>;
  /** Most articles first. */
  publishers: Publisher[];
  histogram: Histogram;
}

// One collator for every comparison: String#localeCompare makes one per call.
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
const byText = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildCorpus(index: ArticleIndex): Corpus {
  const unique = new Map<string, CorpusArticle>();
  for (const ref of index.values()) {
    const key = ref.node ?? ref.id;
    if (!unique.has(key)) unique.set(key, { ...ref, day: dayOf(ref.date) });
  }
  const articles = [...unique.values()].sort((a, b) =>
    (a.day && b.day ? byCode(a.day, b.day) : a.day ? -1 : b.day ? 1 : 0) || byText(a.title, b.title) || byCode(a.id, b.id));
  const byId = new Map<string, CorpusArticle>();
  for (const [id, ref] of index) byId.set(id, unique.get(ref.node ?? ref.id)!);
  const counts = new Map<string, number>();
  for (const a of articles) if (a.publisher) counts.set(a.publisher, (counts.get(a.publisher) ?? 0) + 1);
  const publishers = [...counts].map(([name, n]) => ({ name, articles: n })).sort((a, b) => b.articles - a.articles || byText(a.name, b.name));
  return { articles, byId, publishers, histogram: histogram(articles.map((a) => a.day)) };
}

/**
 * Whether the view keeps an article's statements: dated within the range, and the picked article or one of the
 * picked publisher's. Null when nothing narrows the view (every article counts).
 */
export function allowedArticles(corpus: Corpus, range: DateRange | null, scope: Scope | null): ((id: string) => boolean) | null {
  if (!range && !scope) return null;
  const allowed = new Set<string>();
  for (const [id, a] of corpus.byId) {
    if (!inRange(a.day, range)) continue;
    if (scope?.type === 'article' && a.id !== scope.id && corpus.byId.get(scope.id) !== a) continue;
    if (scope?.type === 'publisher' && a.publisher !== scope.name) continue;
    allowed.add(id);
  }
  // An article the graph has no node for can still be picked by its id (its evidence names it).
  if (scope?.type === 'article' && !range && !corpus.byId.has(scope.id)) allowed.add(scope.id);
  return (id) => allowed.has(id);
}

/** Articles whose title, publisher or id hold every word of the query, at most `limit`, in corpus order. */
export function searchArticles(corpus: Corpus, query: string, limit: number): { found: CorpusArticle[]; total: number } {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found: CorpusArticle[] = [];
  let total = 0;
  for (const a of corpus.articles) {
    const text = `${a.title} ${a.publisher ?? ''} ${a.id} ${a.day ?? ''}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    total++;
    if (found.length < limit) found.push(a);
  }
  return { found, total };
}

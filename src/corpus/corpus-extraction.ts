/**
 * One article's step in a corpus build: extract, keep the corpus view of it and cache that. The same
 * code runs in worker threads and in the lead thread. A worker that caches its own results also sends the lead
 * thread less to copy, and the lead thread holds 10k articles at once, of which the mention lists are a third.
 */
import type { Article, CorpusExtraction } from '../schema/index.js';
import { extractArticle, type ExtractOptions } from '../extract/extract-article.js';
import { ExtractionCache, cacheKey } from './cache.js';
import { forCorpus } from './corpus-view.js';

/** A cache to store extractions in, with the extractor version their keys include. */
export interface CacheTarget {
  store: ExtractionCache;
  version: string;
}

/** Extracts one article and returns what the corpus build keeps, storing that in the cache if given. */
export function extractForCorpus(article: Article, options: ExtractOptions, cache?: CacheTarget): CorpusExtraction {
  const kept = forCorpus(extractArticle(article, options), article);
  cache?.store.put(cacheKey(article, cache.version), kept);
  return kept;
}

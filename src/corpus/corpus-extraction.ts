/**
 * One article's step in a corpus build: extract, keep the corpus view of it and cache that. The same
 * code runs in worker threads and in the lead thread. A worker that caches its own results also sends the lead
 * thread less to copy, and the lead thread holds 10k articles at once, of which the mention lists are a third.
 */
import type { Article, ArticleExtraction, CorpusExtraction } from '../schema/index.js';
import { extractArticle, type ExtractOptions } from '../extract/extract-article.js';
import { ExtractionCache, cacheKey } from './cache.js';

export function forCorpus(extraction: ArticleExtraction | CorpusExtraction, article: Article): CorpusExtraction {
  // The cache key ignores where the file lies, so an entry found for a moved file names the file as it is now.
  const { mentions: _mentions, ...rest } = extraction as ArticleExtraction;
  // One string per sentence: a sentence that states three relations is parsed from the cache three times.
  const sentences = new Map<string, string>();
  for (const r of rest.relations) {
    const s = sentences.get(r.evidence.sentence);
    if (s === undefined) sentences.set(r.evidence.sentence, r.evidence.sentence);
    else r.evidence.sentence = s;
  }
  return { ...rest, article: { ...extraction.article, file: article.file } };
}

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

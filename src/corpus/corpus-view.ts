/**
 * The corpus view of an extraction: what a corpus build keeps of it. Apart from the extracting code, so a build that
 * finds every article in the cache (an update, most often) never loads the extractor.
 */
import type { Article, ArticleExtraction, CorpusExtraction } from '../schema/index.js';

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

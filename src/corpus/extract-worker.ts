/**
 * A worker thread that extracts articles: the lead thread sends batches, the worker caches each extraction
 * itself and answers with the corpus view of each, in the same order. Errors are returned per article, so one bad
 * article never takes the batch down.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Article, CorpusExtraction } from '../schema/index.js';
import { buildCueTable } from '../extract/relations/index.js';
import type { Settings } from '../config/settings.js';
import { ExtractionCache, cacheKey } from './cache.js';
import { describeError } from '../errors.js';
import { extractForCorpus, type CacheTarget } from './corpus-extraction.js';
import type { ExtractOptions } from '../extract/extract-article.js';

export type WorkerReply = Array<{ ok: true; extraction: CorpusExtraction } | { ok: false; error: string }>;
export interface WorkerData {
  settings: Settings;
  cache?: { dir: string; version: string };
}

const data = workerData as WorkerData;
const options: ExtractOptions = { cues: buildCueTable(data.settings.extract.cues), keepUnlinkedPhrases: data.settings.extract.keepUnlinkedPhrases };
const cache: CacheTarget | undefined = data.cache ? { store: new ExtractionCache(data.cache.dir), version: data.cache.version } : undefined;

parentPort!.on('message', (articles: Article[]) => {
  const kept: Array<[string, CorpusExtraction]> = [];
  const reply: WorkerReply = articles.map((article) => {
    try {
      const extraction = extractForCorpus(article, options);
      if (cache) kept.push([cacheKey(article, cache.version), extraction]);
      return { ok: true, extraction };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  });
  // The batch is stored at once: a write per article was 2 % of a worker's time. A batch the cache cannot take
  // fails as a whole, as each article of it would have.
  try {
    cache?.store.putAll(kept);
  } catch (error) {
    parentPort!.postMessage(reply.map(() => ({ ok: false, error: describeError(error) })));
    return;
  }
  parentPort!.postMessage(reply);
});

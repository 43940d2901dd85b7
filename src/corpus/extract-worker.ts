/**
 * A worker thread that extracts articles: the lead thread sends batches, the worker answers with extractions in
 * the same order. Errors are returned per article, so one bad article never takes the batch down.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Article, ArticleExtraction } from '../schema/index.js';
import { extractArticle } from '../extract/extract-article.js';
import { buildCueTable } from '../extract/relations/index.js';
import type { Settings } from '../config/settings.js';

export type WorkerReply = Array<{ ok: true; extraction: ArticleExtraction } | { ok: false; error: string }>;

const settings = (workerData as { settings: Settings }).settings;
const cues = buildCueTable(settings.extract.cues);

parentPort!.on('message', (articles: Article[]) => {
  const reply: WorkerReply = articles.map((article) => {
    try {
      return { ok: true, extraction: extractArticle(article, { cues, keepUnlinkedPhrases: settings.extract.keepUnlinkedPhrases }) };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  });
  parentPort!.postMessage(reply);
});

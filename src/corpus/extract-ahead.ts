/**
 * Extraction started early: when a build finds only a few articles missing from the cache and the last build left a
 * large graph, one worker thread extracts them (loading the models there) while this thread reads the last build's
 * index, graph and identity table. At 10,000 articles those reads and the extraction of one article took about 0.3 s
 * each, one after the other; with the worker, a one-article update went from 2.0–2.2 s to 1.9 s.
 */
import { statSync } from 'node:fs';
import type { Article } from '../schema/index.js';
import type { WorkerData } from './extract-worker.js';
import { extractInWorkers, type ExtractResult } from './worker-pool.js';

/** Results by cache key; undefined if the worker failed, in which case the build extracts in its own thread. */
export type AheadResults = Promise<Map<string, ExtractResult> | undefined>;

export interface AheadOptions {
  /** The cache keys of the articles, in the same order. */
  keys: readonly string[];
  /** The last build's graph.json: without one the build is whole, and extracts as a whole build does. */
  lastGraph: string;
  /**
   * A smaller last graph is read before a worker would have started: at 1,000 articles (14 MB) the state took 0.05 s
   * to read, and a one-article update took 0.72–0.75 s with the worker against 0.65–0.70 s without.
   */
  minLastGraphBytes?: number;
  /** Threads the build may use: one thread (`jobs: 1`, or one core) leaves nothing to overlap with. */
  threads: number;
  workerData: WorkerData;
}

export const AHEAD_DEFAULTS = { minLastGraphBytes: 32 * 1024 * 1024 };

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

/**
 * Starts extracting `articles` in a worker when that can overlap with reading the last build; else undefined. Meant for
 * as many articles as a build would extract in its own thread: more go to several workers, as a full build does.
 */
export function extractAhead(articles: readonly Article[], options: AheadOptions): AheadResults | undefined {
  const minBytes = options.minLastGraphBytes ?? AHEAD_DEFAULTS.minLastGraphBytes;
  if (!articles.length || options.threads < 2 || sizeOf(options.lastGraph) < Math.max(0, minBytes)) return undefined;
  return extractInWorkers(articles, 1, options.workerData, () => {}).then(
    (results) => new Map(results.map((r, i) => [options.keys[i]!, r])),
    // A worker that could not start or died: the articles are extracted again where the build extracts them.
    () => undefined,
  );
}

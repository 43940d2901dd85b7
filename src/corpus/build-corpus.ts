/**
 * A corpus build, end to end: find the articles, read them, extract each (from the cache when it can, in worker
 * threads when it pays), merge identities across articles, build the graph, lay it out, and write graph.json and
 * merges.json atomically. The output depends only on the inputs and settings, never on timing or job count.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Article, CorpusExtraction } from '../schema/index.js';
import { NewsgraphError, InputError, describeError } from '../errors.js';
import { discoverArticleFiles } from '../ingest/discover.js';
import { readArticleFile } from '../ingest/read-articles.js';
import { bodyHash } from '../extract/extract-article.js';
import { extractorVersion } from '../extract/version.js';
import { buildCueTable } from '../extract/relations/index.js';
import { resolveCorpus, type MergeDecision } from '../resolve/corpus.js';
import { buildGraph } from '../graph/build.js';
import { layout } from '../graph/layout.js';
import { style } from '../graph/style.js';
import { writeGraph, type NewsGraph } from '../graph/io.js';
import { writeFileAtomic } from '../graph/atomic-write.js';
import { DEFAULT_SETTINGS, type Settings } from '../config/settings.js';
import { ExtractionCache, cacheKey } from './cache.js';
import { extractForCorpus, forCorpus } from './corpus-extraction.js';
import { extractInWorkers } from './worker-pool.js';

export interface BuildOptions {
  paths: string[];
  /** graph.json to write; merges.json goes beside it. Omit to build in memory only. */
  out?: string;
  /** Worker threads for extraction; 1 extracts in this thread. */
  jobs?: number;
  cache?: boolean;
  /** Make a bad input file fatal instead of skipping it. */
  strict?: boolean;
  settings?: Settings;
  /** Called as articles finish: done, total. */
  onProgress?: (done: number, total: number) => void;
  /** Called once the work is known: how many articles need extracting and how many come from the cache. */
  onPlan?: (plan: { total: number; cached: number; toExtract: number }) => void;
}

export interface BuildSummary {
  articles: number;
  extracted: number;
  cached: number;
  /** Articles skipped because another file has the same text. */
  duplicates: number;
  /** Files skipped because they could not be read. */
  skipped: number;
  nodes: number;
  edges: number;
  seconds: number;
  /** Seconds spent in each phase, for finding where a build's time goes. */
  timings: Record<'read' | 'extract' | 'resolve' | 'graph' | 'layout' | 'write', number>;
  warnings: string[];
}

export interface BuildResult {
  graph: NewsGraph;
  merges: MergeDecision[];
  summary: BuildSummary;
}

/** graph/graph.json → graph/merges.json; other/name.json → other/name.merges.json. */
export function mergesPathFor(out: string): string {
  const stem = basename(out).replace(/\.json$/i, '');
  return join(dirname(out), stem === 'graph' ? 'merges.json' : `${stem}.merges.json`);
}

/** Node positions of the last build, so the next one can continue its layout; a missing or bad file means none. */
function readPositions(file: string): Map<string, { x: number; y: number }> | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, [number, number]>;
    return new Map(Object.entries(data).map(([k, [x, y]]) => [k, { x, y }]));
  } catch {
    return undefined;
  }
}

/**
 * The files a build writes besides graph.json go out in pieces too, like graph.json: whole, they were strings and
 * buffers of many megabytes made at the very end of a build, when its memory is at its peak.
 */
function* positionPieces(graph: NewsGraph): Generator<string> {
  let first = true;
  yield '{';
  for (const { node, attributes: a } of graph.nodeEntries()) {
    yield `${first ? '' : ','}${JSON.stringify(node)}:[${JSON.stringify(a.x)},${JSON.stringify(a.y)}]`;
    first = false;
  }
  yield '}';
}

function writePositions(file: string, graph: NewsGraph): void {
  writeFileAtomic(file, positionPieces(graph), { durable: false });
}

/** `JSON.stringify(merges, null, 1)` and a newline, one decision at a time. */
export function* mergePieces(merges: readonly MergeDecision[]): Generator<string> {
  if (!merges.length) {
    yield '[]\n';
    return;
  }
  yield '[';
  for (let i = 0; i < merges.length; i++) yield `${i ? ',' : ''}\n ${JSON.stringify(merges[i], null, 1).replace(/\n/g, '\n ')}`;
  yield '\n]\n';
}

/** Identities, then the graph; the extractions are emptied once read, so only the graph outlives this. */
function resolveAndBuild(extractions: CorpusExtraction[], settings: Settings, lap: (phase: 'resolve') => void): { graph: NewsGraph; merges: MergeDecision[] } {
  const resolution = resolveCorpus(extractions, settings.resolve);
  lap('resolve');
  const graph = buildGraph(extractions, resolution);
  extractions.length = 0;
  return { graph, merges: resolution.log };
}

/** Worker start-up costs about a model load; below this many articles per worker, one thread is faster. */
const MIN_ARTICLES_PER_WORKER = 12;

export async function buildCorpus(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const timings: BuildSummary['timings'] = { read: 0, extract: 0, resolve: 0, graph: 0, layout: 0, write: 0 };
  let mark = started;
  const lap = (phase: keyof BuildSummary['timings']) => {
    const now = performance.now();
    timings[phase] = Math.round(now - mark) / 1000;
    mark = now;
  };
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const warnings: string[] = [];
  let skipped = 0;

  const files = discoverArticleFiles(options.paths);
  const articles: Article[] = [];
  for (const file of files) {
    try {
      const result = readArticleFile(file);
      warnings.push(...result.warnings);
      articles.push(...result.articles);
    } catch (error) {
      if (options.strict || !(error instanceof InputError)) throw error;
      warnings.push(`${describeError(error)}; skipped`);
      skipped++;
    }
  }
  if (!articles.length) {
    // Say why, not only that: the first skipped file's reason is usually the reason for all of them.
    const first = warnings.find((w) => w.endsWith('; skipped'))?.replace(/; skipped$/, '');
    throw new NewsgraphError(`${options.paths.join(', ')}: no readable articles${skipped ? ` (${skipped} skipped; first: ${first})` : ''}`);
  }

  // Stable ids: two files with the same name in different folders keep apart; identical texts are built once.
  const unique: Article[] = [];
  const ids = new Set<string>();
  const bodies = new Map<string, string>();
  let duplicates = 0;
  for (const article of [...articles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const hash = bodyHash(article.body);
    const twin = bodies.get(hash);
    if (twin) {
      warnings.push(`${article.file}: same text as ${twin}; built once`);
      duplicates++;
      continue;
    }
    bodies.set(hash, article.file);
    let id = article.id;
    for (let n = 2; ids.has(id); n++) id = `${article.id}~${n}`;
    ids.add(id);
    unique.push(id === article.id ? article : { ...article, id });
  }
  unique.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  lap('read');
  const version = extractorVersion();
  const cache = options.cache !== false && options.out ? new ExtractionCache(join(dirname(options.out), '.cache', 'extractions')) : undefined;
  const extractions: Array<CorpusExtraction | undefined> = unique.map((a) => {
    const hit = cache?.get(cacheKey(a, version));
    return hit && forCorpus(hit, a);
  });
  const todo = unique.map((a, i) => ({ a, i })).filter(({ i }) => !extractions[i]);
  const cached = unique.length - todo.length;
  options.onPlan?.({ total: unique.length, cached, toExtract: todo.length });
  let done = cached;
  const tick = (n: number) => { done += n; options.onProgress?.(done, unique.length); };

  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const useWorkers = jobs > 1 && todo.length >= MIN_ARTICLES_PER_WORKER * 2;
  const failures: string[] = [];
  if (useWorkers) {
    const results = await extractInWorkers(todo.map((t) => t.a), Math.min(jobs, Math.ceil(todo.length / MIN_ARTICLES_PER_WORKER)),
      { settings, ...(cache ? { cache: { dir: cache.dir, version } } : {}) }, tick);
    results.forEach((r, k) => {
      const { a, i } = todo[k]!;
      if (r.ok) extractions[i] = r.extraction;
      else failures.push(`${a.file}: extraction failed: ${r.error}`);
    });
  } else {
    const step = { cues: buildCueTable(settings.extract.cues), keepUnlinkedPhrases: settings.extract.keepUnlinkedPhrases };
    for (const { a, i } of todo) {
      try {
        extractions[i] = extractForCorpus(a, step, cache && { store: cache, version });
      } catch (error) {
        failures.push(`${a.file}: extraction failed: ${describeError(error)}`);
      }
      tick(1);
    }
  }
  if (failures.length) {
    if (options.strict) throw new NewsgraphError(failures[0]!);
    warnings.push(...failures.map((f) => `${f}; skipped`));
    skipped += failures.length;
  }

  const kept = extractions.filter((x): x is CorpusExtraction => !!x);
  if (!kept.length) throw new NewsgraphError(`no article could be extracted (${failures[0] ?? 'nothing to extract'})`);
  lap('extract');
  const articleCount = kept.length;
  const extracted = todo.length - failures.length;
  // From here on only the graph matters: dropping the articles and extractions lets a big corpus's layout and
  // write run in the memory the graph needs, not twice that.
  for (const list of [articles, unique, todo, extractions]) list.length = 0;
  const { graph, merges } = resolveAndBuild(kept, settings, lap);
  style(graph, settings.style);
  lap('graph');
  const positionsFile = cache ? join(cache.dir, '..', 'positions.json') : undefined;
  const previous = positionsFile ? readPositions(positionsFile) : undefined;
  layout.assign(graph, { ...settings.layout, ...(previous ? { previous } : {}) });
  lap('layout');

  if (options.out) {
    writeGraph(graph, options.out);
    writeFileAtomic(mergesPathFor(options.out), mergePieces(merges));
    if (positionsFile) writePositions(positionsFile, graph);
  }
  lap('write');
  return {
    graph, merges,
    summary: {
      articles: articleCount, extracted, cached, duplicates, skipped,
      nodes: graph.order, edges: graph.size, seconds: Math.round((performance.now() - started) / 10) / 100, timings, warnings,
    },
  };
}

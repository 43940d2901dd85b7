/**
 * A corpus build, end to end: find the articles, read them, extract each (from the cache when it can, in worker
 * threads when it pays), merge identities across articles, build the graph, lay it out, and write graph.json and
 * merges.json atomically. When only a few articles changed since the last build, the last graph is updated instead
 * (update-graph.ts), with the same result. The output depends only on the inputs, the settings and the last
 * layout, never on timing or job count.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Article, CorpusExtraction } from '../schema/index.js';
import { NewsgraphError, describeError } from '../errors.js';
import { extractorVersion } from '../extract/version.js';
import { resolveCorpus, type MergeDecision } from '../resolve/corpus.js';
import { draftGraph, graphOfDraft } from '../graph/build.js';
import { DraftView, type GraphDraft } from '../graph/draft.js';
import { assignLayoutInThread } from '../graph/layout-thread.js';
import { style } from '../graph/style.js';
import { loadGraph, writeDraft, writeEdgeLines, type NewsGraph } from '../graph/io.js';
import { GraphFile } from '../graph/graph-file.js';
import { writeError, writeFileAtomic } from '../graph/atomic-write.js';
import { DEFAULT_SETTINGS, type Settings } from '../config/settings.js';
import { ExtractionCache } from './cache.js';
import { InputTable, type InputTableOptions } from './input-table.js';
import { articleOf, readSources, type Source } from './read-sources.js';
import { forCorpus } from './corpus-view.js';
import { extractInWorkers } from './worker-pool.js';
import { extractAhead, type AheadOptions, type AheadResults } from './extract-ahead.js';
import { mergePieces, mergesPathFor } from './merges-file.js';
import { indexRecord, loadBuildState, stateFiles, writeIdentities, writeIndex, writeManifest, type StateFiles } from './build-state.js';
import { planUpdate } from './plan-update.js';
import { readLastBuild, updateGraph, type UpdateStep } from './update-graph.js';
import { lockOutput } from './build-lock.js';
import type { LlmRun, LlmRunOptions, LlmSummary } from './llm-extraction.js';
import type { ExtractorMode } from '../extract/llm/options.js';
import type { WorkerReply } from './extract-worker.js';
import { collectCoMentions, coMentionPieces, coMentionsPathFor, type CoMentionDraft } from '../graph/co-mention-file.js';
import { LinkedView, coMentionLinks } from '../graph/layout-links.js';


export interface BuildOptions {
  paths: string[];
  /** graph.json to write; merges.json goes beside it. Omit to build in memory only. */
  out?: string;
  /** Worker threads for extraction; 1 extracts in this thread. Default: one per core, when there are enough articles to repay their start-up. */
  jobs?: number;
  cache?: boolean;
  /** Make a bad input file fatal instead of skipping it. */
  strict?: boolean;
  /** Update the last graph when few articles changed (the default); false builds it whole, from the cache. */
  incremental?: boolean;
  /** How far the read phase trusts the last build's record of the input files (input-table.ts); tests narrow its window. */
  inputTable?: Pick<Partial<InputTableOptions>, 'racyMs'>;
  /** When extraction starts in a worker while the last build is read (extract-ahead.ts); tests lower its threshold. */
  extractAhead?: Pick<AheadOptions, 'minLastGraphBytes'>;
  settings?: Settings;
  /** Which back-end extracts (default `offline`); `llm` and `hybrid` ask the language model of `settings.llm`. */
  extractor?: ExtractorMode;
  /** A folder of saved answers (`<article id>.json`, docs/llm.md) to ground instead of asking a server: nothing is cached. */
  llmAnswers?: string;
  /** Called as articles finish: done, total. */
  onProgress?: (done: number, total: number) => void;
  /** Called as each phase after extraction begins, for a progress display. */
  onPhase?: (phase: LaterPhase) => void;
  /** Called once the work is known: how many articles need extracting and how many come from the cache. */
  onPlan?: (plan: { total: number; cached: number; toExtract: number }) => void;
  /** Called when the build turns out to be whole, before it extracts: it will hold the whole corpus, then the graph. */
  onFullBuild?: () => void;
}

export interface BuildSummary {
  articles: number;
  extracted: number;
  cached: number;
  /** Articles skipped because another file has the same text. */
  duplicates: number;
  /** Files skipped because they could not be read. */
  skipped: number;
  /** Worker threads that extracted articles; 0 when this thread did, or nothing was extracted. */
  workers: number;
  /** Input files read, and those unchanged since the last build, which were not read again. */
  files: { read: number; unchanged: number };
  nodes: number;
  edges: number;
  seconds: number;
  /** Seconds spent in each phase that ran, for finding where a build's time goes. */
  timings: Partial<Record<Phase, number>>;
  /** For an update, the seconds of each of its steps (update-graph.ts). */
  updateSteps?: Record<UpdateStep, number>;
  /** `incremental`: the last graph was updated; `unchanged`: nothing changed since it was written; `full`: built whole. */
  mode: 'full' | 'incremental' | 'unchanged';
  /** Why a build with an output and a cache was not incremental. */
  fullBecause?: string;
  warnings: string[];
  /** With a language model: requests, tokens, answers from the cache, and what grounding dropped. */
  llm?: LlmSummary;
}

/** `state`: reading the last build's files for an update (while a worker extracts the changed articles, if it pays). */
type Phase = 'read' | 'state' | 'extract' | LaterPhase;
/** The phases after extraction: merging identities, building the graph, laying it out, writing; or updating. */
export type LaterPhase = 'resolve' | 'graph' | 'layout' | 'write' | 'update';

export interface BuildResult {
  /** The graph built; with `out`, read back from the graph.json written when first asked for. */
  graph: NewsGraph;
  /** Every merge decision; with `out`, read back from merges.json when an update did not hand them over. */
  merges: MergeDecision[];
  summary: BuildSummary;
}

/**
 * Identities, then the graph's draft and its co-mentions; the extractions are emptied once read, so only the draft
 * and the co-mentions outlive this.
 */
function resolveAndDraft(extractions: CorpusExtraction[], keys: string[], settings: Settings, files: StateFiles | undefined,
  lap: (phase: 'resolve', next: 'graph') => void): { draft: GraphDraft; merges: MergeDecision[]; coMentions: Map<string, CoMentionDraft> } {
  const resolution = resolveCorpus(extractions, settings.resolve);
  // The next build's index, written now: made later, its lines would sit in memory beside the whole graph.
  if (files) {
    writeIndex(files, (function* () {
      for (let i = 0; i < extractions.length; i++) {
        const x = extractions[i]!;
        yield `${JSON.stringify(indexRecord(x, keys[i]!))}\n`;
      }
    })());
    writeIdentities(files, resolution.table, resolution.nodes);
  }
  lap('resolve', 'graph');
  const draft = draftGraph(extractions, resolution);
  const coMentions = collectCoMentions(extractions, resolution.nodeOf);
  extractions.length = 0;
  return { draft, merges: resolution.log, coMentions };
}

/** Worker start-up costs about a model load; below this many articles per worker, one thread is faster. */
const MIN_ARTICLES_PER_WORKER = 12;

/**
 * Without `jobs`, workers only when each has this many articles: on this machine two extractors run at about 1.4
 * times one's speed, not twice, threads or processes alike (their garbage collection and memory traffic contend), and
 * each needs its own warm-up, twice as slow beside the other. Two workers lost to one thread at 1,000 articles
 * (extraction 4.5 against 3.4 s) and at 2,000 (6.6–7.3 against 6.1–7.2 s), and won at 3,000 (6.4–8.2 against 8.3–8.9 s)
 * and at 10,000 (19 against 26.6 s). This thread extracting beside one worker lost too: 3.5–3.7 against 2.9–3.0 s at
 * 1,000, where this thread extracted at a third of its speed alone while the worker loaded its models and both warmed
 * up (two warmed-up threads ran at 3.2–3.3 ms an article each, against 2.3 ms alone).
 */
const AUTO_ARTICLES_PER_WORKER = 1500;

/** How many worker threads to extract `count` articles with; 1 means in this thread. */
function workersFor(count: number, jobs: number | undefined): number {
  const perWorker = jobs === undefined ? AUTO_ARTICLES_PER_WORKER : MIN_ARTICLES_PER_WORKER;
  const wanted = Math.max(1, jobs ?? availableParallelism());
  return wanted > 1 && count >= perWorker * 2 ? Math.min(wanted, Math.ceil(count / perWorker)) : 1;
}

/**
 * The cache key's version part: the extractor's, and the extraction settings when they are not the defaults, since
 * a relation cue in newsgraph.config.json changes what is extracted.
 */
function cacheVersion(settings: Settings): string {
  const extract = JSON.stringify(settings.extract);
  if (extract === JSON.stringify(DEFAULT_SETTINGS.extract)) return extractorVersion();
  return `${extractorVersion()}+${createHash('sha256').update(extract).digest('hex').slice(0, 12)}`;
}

/** Places each reply at its article's position, or adds its failure. */
function placeReplies(replies: WorkerReply, todo: ReadonlyArray<{ a: Article; i: number }>, extractions: Array<CorpusExtraction | undefined>, failures: string[]): void {
  replies.forEach((r, k) => {
    const { a, i } = todo[k]!;
    if (r.ok) extractions[i] = r.extraction;
    else failures.push(`${a.file}: extraction failed: ${r.error}`);
  });
}

interface Extracted {
  /** One per article, in order; undefined where extraction failed. */
  extractions: Array<CorpusExtraction | undefined>;
  /** How many came from the cache. */
  cached: number;
  failures: string[];
  /** Worker threads used (0: this thread). */
  workers: number;
}

/**
 * Each article's extraction, from the cache when it has it, else from the extraction started ahead (`ahead`), else
 * extracted here or in worker threads.
 */
async function extractAll(articles: readonly Article[], keys: readonly string[], cache: ExtractionCache | undefined, options: BuildOptions,
  settings: Settings, version: string, onReady: (cached: number) => void, tick: (n: number) => void, ahead?: AheadResults, llm?: LlmRun): Promise<Extracted> {
  const extractions: Array<CorpusExtraction | undefined> = articles.map((a, i) => {
    const hit = cache?.get(keys[i]!);
    return hit && forCorpus(hit, a);
  });
  let todo = articles.map((a, i) => ({ a, i })).filter(({ i }) => !extractions[i]);
  const cached = articles.length - todo.length;
  onReady(cached);
  const failures: string[] = [];
  const early = todo.length && ahead ? await ahead : undefined;
  if (early) {
    todo = todo.filter(({ a, i }) => {
      const r = early.get(keys[i]!);
      if (!r) return true;
      if (r.ok) extractions[i] = r.extraction;
      else failures.push(`${a.file}: extraction failed: ${r.error}`);
      tick(1);
      return false;
    });
  }
  if (llm) {
    placeReplies(await llm.extract(todo.map((t) => t.a), todo.map((t) => keys[t.i]!), cache && { store: cache, version }, tick), todo, extractions, failures);
    return { extractions, cached, failures, workers: 0 };
  }
  const workers = workersFor(todo.length, options.jobs);
  const used = workers > 1 ? workers : early ? 1 : 0;
  if (workers > 1) {
    const results = await extractInWorkers(todo.map((t) => t.a), workers,
      { settings, ...(cache ? { cache: { dir: cache.dir, version } } : {}) }, tick);
    placeReplies(results, todo, extractions, failures);
  } else if (todo.length) {
    // Loaded only now: a build that finds its articles in the cache, or extracted ahead, never loads the extractor.
    const { extractForCorpus } = await import('./corpus-extraction.js');
    const { buildCueTable } = await import('../extract/relations/index.js');
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
  return { extractions, cached, failures, workers: used };
}

export async function buildCorpus(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const timings: BuildSummary['timings'] = {};
  let mark = started;
  /** Ends `phase`, and says which begins next. */
  const lap = (phase: Phase, next?: LaterPhase) => {
    const now = performance.now();
    timings[phase] = Math.round(now - mark) / 1000;
    mark = now;
    if (next) options.onPhase?.(next);
  };
  const settings = options.settings ?? DEFAULT_SETTINGS;
  if (options.out) checkOutput(options.out);
  // Saved answers are read afresh each build: an edited answer file must count.
  const cacheDir = options.cache !== false && options.out && !options.llmAnswers ? join(dirname(options.out), '.cache') : undefined;
  const extractor = options.extractor ?? 'offline';
  const llmOptions: LlmRunOptions | undefined = extractor === 'offline' ? undefined : {
    mode: extractor, settings, offlineVersion: cacheVersion(settings), ...(cacheDir ? { cacheDir } : {}), ...(options.llmAnswers ? { savedAnswers: options.llmAnswers } : {}),
  };
  // Loaded only for a model: an offline build never reads the client, the prompt or the grounding code.
  const llmModule = llmOptions && await import('./llm-extraction.js');
  const version = llmOptions ? llmModule!.llmCacheVersion(llmOptions) : cacheVersion(settings);
  const state = cacheDir ? stateFiles(options.out!, mergesPathFor(options.out!), cacheDir) : undefined;
  const table = state && InputTable.load(state.inputs, version, { ...options.inputTable, fresh: options.incremental === false });
  // Only the cache and the state read keys: a build without them need not hash every article.
  const { sources, warnings, skipped, duplicates, files } = readSources(options.paths, { strict: options.strict, ...(state ? { version, table } : {}) });
  lap('read');

  // From the last build's state to the last write, one build at a time per output (build-lock.ts). Reading the
  // inputs needs no lock, so a bad input file is reported as such whatever else runs.
  const release = options.out ? lockOutput(options.out) : undefined;
  try {
    table?.save();
    const llm = llmOptions && new llmModule!.LlmRun(llmOptions);
    return await buildArticles(sources, options, { settings, version, cacheDir, state, warnings, skipped, duplicates, files, started, timings, lap, llm });
  } finally {
    release?.();
  }
}

/** An output that cannot be written is said before the articles are read and extracted, not after. */
function checkOutput(out: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(out).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(out, error);
  }
  if (isFolder) throw new NewsgraphError(`${out}: is a folder, not a graph file`);
}

/** What the read phase hands on: the settings and where the cache and state lie, the counts and warnings so far, and the clock. */
interface ReadPhase {
  settings: Settings;
  version: string;
  cacheDir: string | undefined;
  state: StateFiles | undefined;
  files: BuildSummary['files'];
  warnings: string[];
  skipped: number;
  duplicates: number;
  started: number;
  timings: BuildSummary['timings'];
  lap: (phase: Phase, next?: LaterPhase) => void;
  /** The language model's run, when one extracts. */
  llm: LlmRun | undefined;
}

async function buildArticles(sources: Source[], options: BuildOptions, read: ReadPhase): Promise<BuildResult> {
  const { settings, version, state, warnings, duplicates, files, started, timings, lap, llm } = read;
  let { skipped } = read;
  const cache = read.cacheDir ? new ExtractionCache(join(read.cacheDir, 'extractions')) : undefined;
  const summary = (mode: BuildSummary['mode'], counts: { articles: number; extracted: number; cached: number; workers: number; nodes: number; edges: number }, fullBecause?: string): BuildSummary => ({
    ...counts, duplicates, skipped, files, seconds: Math.round((performance.now() - started) / 10) / 100, timings, mode,
    ...(fullBecause ? { fullBecause } : {}), warnings, ...(llm ? { llm: llm.summary } : {}),
  });
  let done = 0;
  const tick = (n: number) => { done += n; options.onProgress?.(done, sources.length); };
  const ahead = state && cache && options.incremental !== false && !llm ? startAhead(sources, cache, options, settings, version, state) : undefined;

  let fullBecause = state && options.incremental === false ? 'asked to build in full' : undefined;
  // Articles an update extracted before it declined: the full build finds them in the cache, but this run made them.
  let extractedBefore = 0;
  if (state && options.incremental !== false) {
    const last = loadBuildState(state, settings);
    const plan = typeof last === 'string' ? undefined : planUpdate(last, sources);
    if (typeof last === 'string') fullBecause = last;
    else if (!plan) fullBecause = 'too many articles changed for an update';
    else if (!plan.added.length && !plan.removed.length) {
      options.onPlan?.({ total: sources.length, cached: sources.length, toExtract: 0 });
      return lazyResult(options.out!, summary('unchanged', { articles: sources.length, extracted: 0, cached: sources.length, workers: 0, nodes: last.nodes, edges: last.edges }));
    } else {
      const lastBuild = readLastBuild(state, last);
      lap('state');
      const { extractions, cached, failures, workers } = await extractAll(plan.added.map(articleOf), plan.added.map((a) => a.key), cache, options, settings, version,
        (hits) => {
          done = plan.kept.length + hits;
          options.onPlan?.({ total: sources.length, cached: done, toExtract: sources.length - done });
        }, tick, ahead, llm);
      lap('extract', 'update');
      extractedBefore = plan.added.length - cached - failures.length;
      // A failed extraction is reported by the full build, which skips the article (or stops, with --strict).
      const result = failures.length ? failures[0]!
        : typeof lastBuild === 'string' ? lastBuild
          : updateGraph(state, last, lastBuild, plan, plan.added.map((a, i) => ({ extraction: extractions[i]!, key: a.key })), settings);
      if (typeof result === 'string') fullBecause = result;
      else {
        lap('update');
        const counts = { articles: sources.length, extracted: extractedBefore, cached: plan.kept.length + cached, workers, ...result.counts };
        return lazyResult(options.out!, { ...summary('incremental', counts), updateSteps: result.steps }, result.merges);
      }
    }
  }

  options.onFullBuild?.();
  // The last layout, to continue from: read now, while the build holds little, keeping only the positions.
  const previous = state ? GraphFile.positions(state.graph) : undefined;
  done = 0;
  const unique = sources.map(articleOf);
  const keys = sources.map((s) => s.key);
  const { extractions, cached, failures, workers } = await extractAll(unique, keys, cache, options, settings, version, (hits) => {
    done = hits;
    options.onPlan?.({ total: unique.length, cached: hits, toExtract: unique.length - hits });
  }, tick, ahead, llm);
  if (failures.length) {
    if (options.strict) throw new NewsgraphError(failures[0]!);
    warnings.push(...failures.map((f) => `${f}; skipped`));
    skipped += failures.length;
  }
  const kept: CorpusExtraction[] = [];
  const keptKeys: string[] = [];
  extractions.forEach((x, i) => {
    if (x) { kept.push(x); keptKeys.push(keys[i]!); }
  });
  if (!kept.length) throw new NewsgraphError(`no article could be extracted (${failures[0] ?? 'nothing to extract'})`);
  lap('extract', 'resolve');
  const articleCount = kept.length;
  const extracted = unique.length - cached - failures.length + extractedBefore;
  // From here on only the graph matters: dropping the articles and extractions lets a big corpus's layout and
  // write run in the memory the graph needs, not twice that.
  for (const list of [sources, unique, extractions, keys]) list.length = 0;
  const { draft, merges, coMentions } = resolveAndDraft(kept, keptKeys, settings, state, lap);
  const view = new DraftView(draft);
  style(view, settings.style);
  lap('graph', 'layout');
  // Entities named together are laid out together, whether or not a relation joins them.
  const laidOut = assignLayoutInThread(new LinkedView(view, coMentionLinks(coMentions)), { ...settings.layout, ...(previous ? { previous } : {}) });
  // While another thread lays the graph out, this one writes what does not depend on positions.
  const edgeLines = laidOut && options.out ? writeEdgeLines(draft, options.out) : undefined;
  try {
    await laidOut;
    lap('layout', 'write');

    // Every live key is known now: the cache keeps only what can still be read back.
    if (cache && !failures.length) cache.prune(keptKeys);
    if (options.out) {
      writeDraft(draft, options.out, edgeLines);
      writeFileAtomic(mergesPathFor(options.out), mergePieces(merges));
      writeFileAtomic(coMentionsPathFor(options.out), coMentionPieces(coMentions));
      if (state) {
        writeManifest(state, settings, { nodes: view.order, edges: view.size });
      }
    }
  } finally {
    edgeLines?.dispose();
  }
  lap('write');
  const full = summary('full', { articles: articleCount, extracted, cached: cached - extractedBefore, workers, nodes: view.order, edges: view.size }, fullBecause);
  // With a file written, the graph is read back from it if asked for, as after an update: making it here would cost
  // a 10k-article build half a second and 50–70 MB.
  return options.out ? lazyResult(options.out, full, merges) : { graph: graphOfDraft(draft), merges, summary: full };
}

/**
 * Articles missing from the cache, extracted in a worker while the last build's files are read, when the build would
 * otherwise extract them in this thread. A full build that follows uses the results too.
 */
function startAhead(sources: readonly Source[], cache: ExtractionCache, options: BuildOptions, settings: Settings, version: string,
  state: StateFiles): AheadResults | undefined {
  const missing = sources.filter((s) => !cache.has(s.key));
  if (workersFor(missing.length, options.jobs) > 1) return undefined;
  return extractAhead(missing.map(articleOf), {
    ...options.extractAhead, keys: missing.map((s) => s.key), lastGraph: state.graph, threads: options.jobs ?? availableParallelism(),
    workerData: { settings, cache: { dir: cache.dir, version } },
  });
}

/** A result whose graph is read from `out` only if asked for: an update never holds the whole graph. */
function lazyResult(out: string, summary: BuildSummary, merges?: MergeDecision[]): BuildResult {
  let graph: NewsGraph | undefined;
  let decisions = merges;
  return {
    summary,
    get graph() { return (graph ??= loadGraph(out)); },
    get merges() { return (decisions ??= JSON.parse(readFileSync(mergesPathFor(out), 'utf8')) as MergeDecision[]); },
  };
}

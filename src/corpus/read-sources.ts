/**
 * A build's read phase: the paths given → one source per distinct article text, with a stable id and its cache key.
 * With an input table (input-table.ts), a file unchanged since the last build is not read: its articles are known by
 * id, body hash and key, and their text is read only if the build turns out to need it.
 */
import type { Article } from '../schema/index.js';
import { NewsgraphError, InputError, describeError } from '../errors.js';
import { discoverArticleFiles } from '../ingest/discover.js';
import { readArticleFile } from '../ingest/read-articles.js';
import { bodyHash } from '../ingest/body-hash.js';
import { cacheKey } from './cache.js';
import type { Fingerprint, InputTable, RecordedArticle } from './input-table.js';

export interface Source {
  /** The article's id in the build: the file's, told apart from another file's of the same name by `~2`, `~3`… */
  id: string;
  /** Where the article is, as its `file` says (`feed.jsonl:3` for a line of a JSONL file). */
  file: string;
  /** The input file it is read from. */
  path: string;
  /** The id the file gives it. */
  raw: string;
  hash: string;
  /** Cache key, made for `id`; empty when the build keeps no cache. */
  key: string;
  /** The article with `id`; undefined while it is known from the input table alone. */
  article?: Article;
}

export interface ReadOptions {
  /** Make a bad input file fatal instead of skipping it. */
  strict?: boolean;
  /** The version part of the cache keys; without it no keys are made. */
  version?: string;
  table?: InputTable;
}

export interface ReadPhaseResult {
  /** In id order. */
  sources: Source[];
  warnings: string[];
  /** Files skipped because they could not be read. */
  skipped: number;
  /** Articles skipped because another file has the same text. */
  duplicates: number;
  /** Input files read, and those the input table vouched for, unread. */
  files: { read: number; unchanged: number };
}

interface Found {
  raw: string;
  file: string;
  path: string;
  hash: string;
  article?: Article;
  recorded?: RecordedArticle;
}

export function readSources(paths: readonly string[], options: ReadOptions = {}): ReadPhaseResult {
  const { table, version } = options;
  const warnings: string[] = [];
  let skipped = 0;
  const files = { read: 0, unchanged: 0 };
  const found: Found[] = [];
  const read = new Map<string, { stats: Fingerprint | undefined; warnings: readonly string[] }>();
  for (const file of discoverArticleFiles(paths)) {
    const look = table?.lookup(file);
    if (look?.recorded) {
      warnings.push(...look.recorded.warnings);
      for (const a of look.recorded.articles) found.push({ raw: a.raw, file: a.file, path: file, hash: a.hash, recorded: a });
      read.set(file, { stats: look.stats, warnings: look.recorded.warnings });
      files.unchanged++;
      continue;
    }
    files.read++;
    try {
      const result = readArticleFile(file);
      warnings.push(...result.warnings);
      for (const article of result.articles) found.push({ raw: article.id, file: article.file, path: file, hash: bodyHash(article.body), article });
      read.set(file, { stats: look?.stats, warnings: result.warnings });
    } catch (error) {
      if (options.strict || !(error instanceof InputError)) throw error;
      warnings.push(`${describeError(error)}; skipped`);
      skipped++;
    }
  }
  if (!found.length) {
    // Say why, not only that: the first skipped file's reason is usually the reason for all of them.
    const first = warnings.find((w) => w.endsWith('; skipped'))?.replace(/; skipped$/, '');
    throw new NewsgraphError(`${paths.join(', ')}: no readable articles${skipped ? ` (${skipped} skipped; first: ${first})` : ''}`);
  }

  // Stable ids: two files with the same name in different folders keep apart; identical texts are built once.
  const sources: Source[] = [];
  const ids = new Set<string>();
  const bodies = new Map<string, string>();
  const recorded = new Map<string, RecordedArticle[]>();
  let duplicates = 0;
  for (const item of found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const record: RecordedArticle = { raw: item.raw, file: item.file, hash: item.hash };
    if (!recorded.has(item.path)) recorded.set(item.path, []);
    recorded.get(item.path)!.push(record);
    const twin = bodies.get(item.hash);
    if (twin) {
      warnings.push(`${item.file}: same text as ${twin}; built once`);
      duplicates++;
      continue;
    }
    bodies.set(item.hash, item.file);
    let id = item.raw;
    for (let n = 2; ids.has(id); n++) id = `${item.raw}~${n}`;
    ids.add(id);
    const source: Source = { id, file: item.file, path: item.path, raw: item.raw, hash: item.hash, key: '' };
    if (item.article) source.article = id === item.raw ? item.article : { ...item.article, id };
    if (version !== undefined) {
      // A key recorded for another id (a same-named file came or went) is made again, from the text.
      if (!source.article && !(item.recorded?.id === id && item.recorded.key)) source.article = articleOf(source);
      source.key = source.article ? cacheKey(source.article, version) : item.recorded!.key!;
      record.id = id;
      record.key = source.key;
    }
    sources.push(source);
  }
  if (table) for (const [file, { stats, warnings: said }] of read) table.record(file, stats, recorded.get(file) ?? [], said);
  return { sources: sources.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), warnings, skipped, duplicates, files };
}

/** The source's article, read from its file if the read phase knew it from the input table alone. */
export function articleOf(source: Source): Article {
  if (source.article) return source.article;
  const article = readArticleFile(source.path).articles.find((a) => a.file === source.file && a.id === source.raw && bodyHash(a.body) === source.hash);
  // Unchanged when the read phase began, so changed since: what the build has decided may no longer hold.
  if (!article) throw new NewsgraphError(`${source.path}: changed while the build was running; build again`);
  return (source.article = source.id === source.raw ? article : { ...article, id: source.id });
}

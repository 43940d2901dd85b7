/**
 * newsgraph's public API: what `import … from 'newsgraph'` gives. Grouped by concern; each group re-exports a
 * folder's index so additions stay in one line.
 */

// Schema: kinds, relations, graph attribute types.
export * from './schema/index.js';

// Errors a caller can act on.
export { NewsgraphError, InputError } from './errors.js';

// Graph files.
export { loadGraph, parseGraph, serializeGraph, writeGraph, createNewsGraph, type NewsGraph, type SerializedNewsGraph } from './graph/io.js';

// Queries.
export * from './query/index.js';

// Exports to other tools.
export * from './export/index.js';

// Building graphs from articles.
export { buildCorpus, type BuildOptions, type BuildResult, type BuildSummary } from './corpus/build-corpus.js';
export { extractArticle, type ExtractOptions } from './extract/extract-article.js';
export { readArticleFile } from './ingest/read-articles.js';
export { discoverArticleFiles } from './ingest/discover.js';
export { resolveSettings, loadSettings, DEFAULT_SETTINGS, type Settings } from './config/settings.js';

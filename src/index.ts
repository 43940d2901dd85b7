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

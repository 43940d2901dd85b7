/**
 * Reading and writing graph.json. Writing is deterministic (sorted keys and order, no timestamps) and atomic.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { NodeAttrs, EdgeAttrs, GraphAttrs } from '../schema/index.js';
import { NewsgraphError } from '../errors.js';
import { writeError, writeFileAtomic, writePieces } from './atomic-write.js';
import { contractProblems, structuralProblem } from './validate.js';
import { migrateGraphData } from './migrate.js';
import { draftOf, type DraftEdge, type GraphDraft } from './draft.js';
import { createNewsGraph, type NewsGraph, type SerializedNewsGraph } from './news-graph.js';

export { createNewsGraph, type NewsGraph, type SerializedNewsGraph } from './news-graph.js';

/** Parses graph.json text into a graph, with a one-line error naming `file` when it is not a newsgraph graph. */
export function parseGraph(text: string, file: string): NewsGraph {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new NewsgraphError(`${file}: not a newsgraph graph: invalid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const problem = structuralProblem(data);
  if (problem) throw new NewsgraphError(`${file}: not a newsgraph graph: ${problem}`);
  const migrated = migrateGraphData(data as SerializedNewsGraph, file);
  // Every reader relies on the contract (aliases are lists, kinds are known…): check it once, here.
  const broken = contractProblems(migrated, 1)[0];
  if (broken) throw new NewsgraphError(`${file}: not a newsgraph graph: ${broken}`);
  const graph = createNewsGraph();
  try {
    graph.import(migrated);
  } catch (error) {
    throw new NewsgraphError(`${file}: not a newsgraph graph: ${(error as Error).message.split('\n')[0]}`);
  }
  return graph;
}

export function loadGraph(path: string): NewsGraph {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file (run `newsgraph build` first)' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder, not a graph file' : (error as Error).message;
    throw new NewsgraphError(`${path}: ${why}`);
  }
  return parseGraph(text, path);
}

/**
 * An attribute object as JSON with its keys sorted, so equal graphs give equal bytes whatever order attributes were
 * set in. Nodes and edges share a handful of key sets, so each set's sorted order is worked out once.
 */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per key signature: the keys in sorted order and each one's `"key":` text, made once for the many objects alike. */
const sortedKeyOrders = new Map<string, { keys: string[]; prefixes: string[] }>();
function stringifySorted(value: object): string {
  const keys = Object.keys(value);
  const signature = keys.join('\u0000');
  let order = sortedKeyOrders.get(signature);
  if (!order) {
    const sorted = [...keys].sort(byKey);
    order = { keys: sorted, prefixes: sorted.map((key) => `${JSON.stringify(key)}:`) };
    if (sortedKeyOrders.size < 1000) sortedKeyOrders.set(signature, order);
  }
  let out = '';
  for (let i = 0; i < order.keys.length; i++) {
    const v = (value as Record<string, unknown>)[order.keys[i]!];
    const json = v === undefined ? undefined : JSON.stringify(v);
    // JSON.stringify drops undefined and functions; so does this.
    if (json !== undefined) out += `${out ? ',' : ''}${order.prefixes[i]}${json}`;
  }
  return `{${out}}`;
}


/**
 * graph.json's layout, in four parts: the head (options and graph attributes) up to the node list, one line per
 * node, the text between the lists, one line per edge, then the tail. A rebuild that changed a few nodes and edges
 * copies the other lines from the last graph.json (graph/graph-file.ts), so these are the only places the layout is
 * spelt.
 */
export const GRAPH_FILE = {
  head: (graph: Pick<NewsGraph, 'type' | 'multi' | 'allowSelfLoops'>, attributes: GraphAttrs) =>
    `{"options":${JSON.stringify({ type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops })},\n"attributes":${stringifySorted(attributes)},\n"nodes":[`,
  /** Before each record: a comma after the one before it, then a new line. */
  separator: (index: number) => (index ? ',\n' : '\n'),
  between: (nodes: number) => `${nodes ? '\n' : ''}],\n"edges":[`,
  tail: (edges: number) => `${edges ? '\n' : ''}]}\n`,
  node: (key: string, attributes: NodeAttrs) => `{"key":${JSON.stringify(key)},"attributes":${stringifySorted(attributes)}}`,
  edge: (key: string, source: string, target: string, attributes: EdgeAttrs) =>
    `{"key":${JSON.stringify(key)},"source":${JSON.stringify(source)},"target":${JSON.stringify(target)},"attributes":${stringifySorted(attributes)}}`,
};

/** The edge lines of graph.json, between the edge list's opening and its close. */
function* edgePieces(edges: readonly DraftEdge[]): Generator<string> {
  for (let i = 0; i < edges.length; i++) {
    const { key, source, target, attributes } = edges[i]!;
    yield GRAPH_FILE.separator(i) + GRAPH_FILE.edge(key, source, target, attributes);
  }
}

/**
 * graph.json as a sequence of text pieces: nodes, edges and attribute keys in a fixed order, one node or edge per
 * line, so equal graphs give equal bytes, large graphs stream to disk, and diffs stay readable. With `edgeLines`, the
 * edge lines are copied from the file they were written to ahead (writeEdgeLines).
 */
export function* serializeDraftPieces(draft: GraphDraft, edgeLines?: EdgeLines): Generator<string | Uint8Array> {
  yield GRAPH_FILE.head(createNewsGraph(), draft.attributes);
  const { nodes, edges } = draft;
  for (let i = 0; i < nodes.length; i++) yield GRAPH_FILE.separator(i) + GRAPH_FILE.node(nodes[i]!.key, nodes[i]!.attributes);
  yield GRAPH_FILE.between(nodes.length);
  yield* edgeLines ? edgeLines.chunks() : edgePieces(edges);
  yield GRAPH_FILE.tail(edges.length);
}

export function serializeGraphPieces(graph: NewsGraph): Generator<string | Uint8Array> {
  return serializeDraftPieces(draftOf(graph));
}

export function serializeGraph(graph: NewsGraph): string {
  return [...serializeGraphPieces(graph)].map((piece) => (typeof piece === 'string' ? piece : Buffer.from(piece).toString('utf8'))).join('');
}

export function writeGraph(graph: NewsGraph, path: string): void {
  writeDraft(draftOf(graph), path);
}

export function writeDraft(draft: GraphDraft, path: string, edgeLines?: EdgeLines): void {
  writeFileAtomic(path, serializeDraftPieces(draft, edgeLines));
}

/** Edge lines written ahead into a temporary file beside the graph file, to be copied in by writeDraft, then disposed of. */
export interface EdgeLines {
  chunks(): Generator<Uint8Array>;
  dispose(): void;
}

const COPY_BYTES = 4 << 20;

/**
 * Writes graph.json's edge lines now, into a temporary file beside `path` that writeDraft copies in. Edge lines do not
 * depend on positions: a build writes them while the layout runs in another thread (layout-thread.ts). Named as the
 * atomic writer names its temporary files, so one left by a killed build is removed as theirs are.
 */
export function writeEdgeLines(draft: GraphDraft, path: string): EdgeLines {
  const file = join(dirname(path), `.${basename(path)}.${process.pid}.edges.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(file, 'w');
    try {
      writePieces(fd, edgePieces(draft.edges));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(file, { force: true });
    throw writeError(path, error);
  }
  return {
    *chunks() {
      const fd = openSync(file, 'r');
      try {
        // One buffer, reused: the writer takes each chunk before asking for the next.
        const buffer = Buffer.allocUnsafe(COPY_BYTES);
        for (let n = readSync(fd, buffer, 0, COPY_BYTES, null); n > 0; n = readSync(fd, buffer, 0, COPY_BYTES, null)) yield buffer.subarray(0, n);
      } finally {
        closeSync(fd);
      }
    },
    dispose: () => rmSync(file, { force: true }),
  };
}

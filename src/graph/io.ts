/**
 * Reading and writing graph.json. Writing is deterministic (sorted keys and order, no timestamps) and atomic.
 */
import { readFileSync } from 'node:fs';
import { MultiDirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import type { NodeAttrs, EdgeAttrs, GraphAttrs } from '../schema/index.js';
import { NewsgraphError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { contractProblems, structuralProblem } from './validate.js';
import { migrateGraphData } from './migrate.js';

export type NewsGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;
export type SerializedNewsGraph = SerializedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;

export function createNewsGraph(): NewsGraph {
  return new MultiDirectedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>({ allowSelfLoops: false });
}

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
 * graph.json as a sequence of text pieces: nodes, edges and attribute keys in a fixed order, one node or edge per
 * line, so equal graphs give equal bytes, large graphs stream to disk, and diffs stay readable.
 */
export function* serializeGraphPieces(graph: NewsGraph): Generator<string> {
  yield `{"options":${JSON.stringify({ type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops })},\n`;
  yield `"attributes":${stringifySorted(graph.getAttributes())},\n"nodes":[`;
  const nodes = graph.nodes().sort(byKey);
  for (let i = 0; i < nodes.length; i++) {
    const key = nodes[i]!;
    yield `${i ? ',' : ''}\n{"key":${JSON.stringify(key)},"attributes":${stringifySorted(graph.getNodeAttributes(key))}}`;
  }
  yield `${nodes.length ? '\n' : ''}],\n"edges":[`;
  const edges = graph.edges().sort(byKey);
  for (let i = 0; i < edges.length; i++) {
    const key = edges[i]!;
    yield `${i ? ',' : ''}\n{"key":${JSON.stringify(key)},"source":${JSON.stringify(graph.source(key))},"target":${JSON.stringify(graph.target(key))},"attributes":${stringifySorted(graph.getEdgeAttributes(key))}}`;
  }
  yield `${edges.length ? '\n' : ''}]}\n`;
}

export function serializeGraph(graph: NewsGraph): string {
  return [...serializeGraphPieces(graph)].join('');
}

export function writeGraph(graph: NewsGraph, path: string): void {
  writeFileAtomic(path, serializeGraphPieces(graph));
}

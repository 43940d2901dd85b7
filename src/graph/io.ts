/**
 * Reading and writing graph.json. Writing is deterministic (sorted keys and order, no timestamps) and atomic.
 */
import { readFileSync } from 'node:fs';
import { MultiDirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import type { NodeAttrs, EdgeAttrs, GraphAttrs } from '../schema/index.js';
import { NewsgraphError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { structuralProblem } from './validate.js';
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

function sortedObject<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

/** graph.export() with nodes, edges and attribute keys in a fixed order, so equal graphs give equal bytes. */
export function serializeGraph(graph: NewsGraph): string {
  const data = graph.export();
  const nodes = [...data.nodes]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((n) => ({ key: n.key, attributes: sortedObject(n.attributes ?? ({} as NodeAttrs)) }));
  const edges = [...data.edges]
    .sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0))
    .map((e) => ({ key: e.key, source: e.source, target: e.target, attributes: sortedObject(e.attributes ?? ({} as EdgeAttrs)) }));
  // One node or edge per line: compact for large corpora, still readable and diffable.
  const list = (items: unknown[]) => (items.length ? `[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]` : '[]');
  return `{"options":${JSON.stringify(data.options)},\n"attributes":${JSON.stringify(sortedObject(data.attributes))},\n"nodes":${list(nodes)},\n"edges":${list(edges)}}\n`;
}

export function writeGraph(graph: NewsGraph, path: string): void {
  writeFileAtomic(path, serializeGraph(graph));
}

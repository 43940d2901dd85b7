/**
 * Turns graphology's serialized form (graph.json, or a GEXF file after graphology-gexf parsed it) into the viewer's
 * graph. graph.json already keeps the contract; foreign files get the missing pieces filled in, never invented
 * meaning: an unknown kind or relation stays `other`.
 */
import { MultiDirectedGraph } from 'graphology';
import type { Evidence, GraphAttrs } from '../../../src/schema/index.js';
import {
  OTHER, isEntityKind, isRelationId, kindColor, relationLabel,
  type KindKey, type RelationKey, type ViewerEdgeAttrs, type ViewerGraph, type ViewerNodeAttrs,
} from './model.js';

export class GraphLoadError extends Error {
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = 'GraphLoadError';
  }
}

export interface NormaliseResult {
  graph: ViewerGraph;
  /** Things skipped or repaired, for the status line. */
  warnings: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((x): x is string => typeof x === 'string');
  // GEXF has no list type that survives every tool; exporters commonly join with "|".
  if (typeof value === 'string' && value) return value.split('|').map((s) => s.trim()).filter(Boolean);
  return [];
}

function validEvidence(ev: unknown): ev is Evidence {
  return isObject(ev) && typeof ev.sentence === 'string' && typeof ev.article === 'string' && finite(ev.start) && finite(ev.end) &&
    (ev.sentenceStart === undefined || finite(ev.sentenceStart));
}

function evidenceList(value: unknown): Evidence[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  // graph.json's evidence is already well formed: keep the parsed array rather than copy 50k of them.
  if (list.every(validEvidence)) return list;
  const out: Evidence[] = [];
  for (const ev of list) {
    if (!isObject(ev) || typeof ev.sentence !== 'string') continue;
    const item: Evidence = {
      article: typeof ev.article === 'string' ? ev.article : '',
      sentence: ev.sentence,
      start: finite(ev.start) ? ev.start : 0,
      end: finite(ev.end) ? ev.end : 0,
    };
    if (finite(ev.sentenceStart)) item.sentenceStart = ev.sentenceStart;
    out.push(item);
  }
  return out;
}

// Both builders fill in the parsed attribute object itself: the caller hands its parsed data over, and not copying
// 60k objects keeps a large graph's first frame quicker.
function nodeAttrs(key: string, a: Json, index: number, count: number): ViewerNodeAttrs {
  const kind: KindKey = isEntityKind(a.kind) ? a.kind : OTHER;
  // Foreign files without positions get a circle; the live layout improves it.
  const angle = (2 * Math.PI * index) / Math.max(1, count);
  a.kind = kind;
  if (typeof a.label !== 'string' || !a.label) a.label = key;
  if (!Array.isArray(a.aliases) || !a.aliases.every((x) => typeof x === 'string')) a.aliases = stringList(a.aliases);
  if (!Array.isArray(a.articles) || !a.articles.every((x) => typeof x === 'string')) a.articles = stringList(a.articles);
  if (!finite(a.mentions)) a.mentions = 0;
  if (!finite(a.x)) a.x = Math.cos(angle) * 100;
  if (!finite(a.y)) a.y = Math.sin(angle) * 100;
  if (!finite(a.size) || a.size <= 0) a.size = 0;
  if (typeof a.color !== 'string' || !a.color) a.color = kindColor(kind);
  // `type` chooses a sigma render program; a file must not pick one.
  delete a.type;
  return a as unknown as ViewerNodeAttrs;
}

function edgeAttrs(a: Json, directed: boolean): ViewerEdgeAttrs {
  const relation: RelationKey = isRelationId(a.relation) ? a.relation : OTHER;
  const evidence = evidenceList(a.evidence);
  a.relation = relation;
  a.evidence = evidence;
  if (typeof a.label !== 'string' || !a.label) a.label = relationLabel(relation);
  // `open` is true or absent; a GEXF or GraphML reader may give it as text.
  if (a.open === true || a.open === 'true') a.open = true;
  else delete a.open;
  if (!finite(a.weight) || a.weight <= 0) a.weight = Math.max(1, evidence.length);
  if (!finite(a.confidence)) a.confidence = 1;
  a.directed = directed;
  a.evidenceArticles = evidence.map((ev) => ev.article);
  a.evidenceAt = null;
  delete a.type;
  return a as unknown as ViewerEdgeAttrs;
}

/**
 * Builds the viewer graph from serialized data; throws GraphLoadError (naming `source`) when it is not a graph.
 * Takes ownership of `data`: its attribute objects become the graph's.
 */
export function normaliseGraph(data: unknown, source: string): NormaliseResult {
  if (!isObject(data)) throw new GraphLoadError(source, 'not a graph: not a JSON object');
  if (!Array.isArray(data.nodes)) throw new GraphLoadError(source, 'not a graph: missing nodes');
  if (!Array.isArray(data.edges)) throw new GraphLoadError(source, 'not a graph: missing edges');
  const warnings: string[] = [];
  const graph: ViewerGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  if (isObject(data.attributes)) graph.replaceAttributes(data.attributes as Partial<GraphAttrs>);

  const nodes = data.nodes as unknown[];
  let badNodes = 0;
  nodes.forEach((node, index) => {
    if (!isObject(node) || (typeof node.key !== 'string' && typeof node.key !== 'number')) { badNodes++; return; }
    const key = String(node.key);
    const attrs = nodeAttrs(key, isObject(node.attributes) ? node.attributes : {}, index, nodes.length);
    if (graph.hasNode(key)) graph.mergeNodeAttributes(key, attrs);
    else graph.addNode(key, attrs);
  });
  if (badNodes) warnings.push(`${badNodes} node(s) without a key skipped`);

  let badEdges = 0;
  let n = 0;
  for (const edge of data.edges as unknown[]) {
    if (!isObject(edge)) { badEdges++; continue; }
    const source = String(edge.source);
    const target = String(edge.target);
    if (!graph.hasNode(source) || !graph.hasNode(target)) { badEdges++; continue; }
    const attrs = edgeAttrs(isObject(edge.attributes) ? edge.attributes : {}, edge.undirected !== true);
    let key: string;
    if (typeof edge.key === 'string' || typeof edge.key === 'number') {
      key = String(edge.key);
      if (graph.hasEdge(key)) { badEdges++; continue; }
    } else {
      do key = `edge-${n++}`; while (graph.hasEdge(key));
    }
    graph.addDirectedEdgeWithKey(key, source, target, attrs);
  }
  if (badEdges) warnings.push(`${badEdges} edge(s) with a missing end or a duplicate key skipped`);
  return { graph, warnings };
}

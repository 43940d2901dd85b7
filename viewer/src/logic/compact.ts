/**
 * The viewer's graph from the compact form (src/schema/compact.ts) the server and static exports give: the same
 * graph as from graph.json, except that each edge's evidence sentences are fetched when a panel needs them
 * (load/evidence-store.ts). Checked as loosely as graph.json is: a malformed item is skipped and counted.
 */
import { MultiDirectedGraph } from 'graphology';
import { COMPACT_FORMAT, COMPACT_VERSION, RELATIONS, expandKey, type CompactGraph } from '../../../src/schema/index.js';
import { GraphLoadError, type NormaliseResult } from './normalise.js';
import { EdgeTable } from './edge-table.js';
import { OTHER, isEntityKind, isRelationId, kindColor, type KindKey, type RelationKey, type ViewerEdgeAttrs, type ViewerGraph, type ViewerNodeAttrs } from './model.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const columns = (o: unknown, names: string[]) => isObject(o) && names.every((n) => Array.isArray(o[n]));

export function isCompactGraph(data: unknown): data is CompactGraph {
  return isObject(data) && data.format === COMPACT_FORMAT && data.version === COMPACT_VERSION;
}

export interface CompactResult extends NormaliseResult {
  /** The edges, not yet in the graph: the app adds them after its first frame (edge-table.ts). */
  edges: EdgeTable;
  /** The edges' keys in the compact order, which names each edge's evidence shard. */
  edgeKeys: string[];
}

export function graphFromCompact(data: CompactGraph, source: string): CompactResult {
  const { nodes: n, edges: e } = data;
  if (!Array.isArray(data.articles) || !columns(n, ['key', 'label', 'kind', 'category', 'mentions', 'x', 'y', 'size', 'articleStart', 'articles']) ||
    !columns(e, ['source', 'target', 'relation', 'weight', 'confidence', 'size', 'evidenceStart', 'evidence'])) {
    throw new GraphLoadError(source, 'not a compact graph: missing columns');
  }
  const graph: ViewerGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  if (isObject(data.attributes)) graph.replaceAttributes(data.attributes);
  const { articles } = data;
  const kinds: KindKey[] = data.kinds.map((k) => (isEntityKind(k) ? k : OTHER));
  const relations: RelationKey[] = data.relations.map((r) => (isRelationId(r) ? r : OTHER));
  const extras = isObject(n.extra) ? n.extra : {};
  let bad = 0;
  const keys: string[] = [];
  for (let i = 0; i < n.key.length; i++) {
    const ids: string[] = [];
    for (let j = n.articleStart[i]!; j < n.articleStart[i + 1]!; j++) ids.push(articles[n.articles[j]!]!);
    const key = expandKey(n.key[i]!, data.kinds[n.kind[i]!] ?? '', n.label[i] ?? '', ids[0]);
    keys.push(key);
    const kind = kinds[n.kind[i]!] ?? OTHER;
    const label = n.label[i] || key;
    // Every node is made with the same fields in the same order, so they share one shape.
    const attrs: ViewerNodeAttrs = {
      label, kind, aliases: [label], articles: ids, mentions: n.mentions[i] ?? 0, x: n.x[i] ?? 0, y: n.y[i] ?? 0, size: n.size[i] ?? 0, color: kindColor(kind),
    };
    const category = data.categories[n.category[i]!];
    if (category !== undefined) attrs.category = category;
    const extra = extras[i];
    if (isObject(extra)) {
      Object.assign(attrs, extra);
      if (!Array.isArray(attrs.aliases)) attrs.aliases = [label];
    }
    if (graph.hasNode(key)) { bad++; continue; }
    graph.addNode(key, attrs);
  }
  const edgeExtras = isObject(e.extra) ? e.extra : {};
  const edgeKeys: string[] = [];
  const edges = new EdgeTable();
  const seen = new Set<string>();
  for (let i = 0; i < e.source.length; i++) {
    const sourceKey = keys[e.source[i]!];
    const targetKey = keys[e.target[i]!];
    const name = data.relations[e.relation[i]!];
    if (sourceKey === undefined || targetKey === undefined || name === undefined) { bad++; continue; }
    const relation = relations[e.relation[i]!]!;
    const extra = edgeExtras[i];
    const key = typeof extra?.key === 'string' ? extra.key : `${sourceKey}->${name}->${targetKey}`;
    const evidenceArticles: string[] = [];
    for (let j = e.evidenceStart[i]!; j < e.evidenceStart[i + 1]!; j++) evidenceArticles.push(articles[e.evidence[j]!]!);
    const weight = e.weight[i];
    const attrs: ViewerEdgeAttrs = {
      relation,
      label: typeof extra?.label === 'string' ? extra.label : relation === OTHER ? name : RELATIONS[relation].label,
      evidence: [],
      weight: finite(weight) && weight > 0 ? weight : Math.max(1, evidenceArticles.length),
      confidence: e.confidence[i] ?? 1,
      size: e.size[i] ?? 1,
      directed: true,
      evidenceArticles,
      evidenceAt: i,
    };
    if (extra?.open) attrs.open = true;
    if (seen.has(key)) { bad++; continue; }
    seen.add(key);
    edges.push(key, sourceKey, targetKey, attrs);
    edgeKeys[i] = key;
  }
  return { graph, edges, edgeKeys, warnings: bad ? [`${bad} malformed item(s) skipped`] : [] };
}

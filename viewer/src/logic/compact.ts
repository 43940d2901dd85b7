/**
 * The viewer's graph from the compact form (src/schema/compact.ts) the server and static exports give: the same
 * graph as from graph.json, except that each edge's evidence sentences are fetched when a panel needs them
 * (ui/evidence-store.ts). Checked as loosely as graph.json is: a malformed item is skipped and counted.
 */
import { MultiDirectedGraph } from 'graphology';
import { COMPACT_FORMAT, RELATIONS, type CompactGraph } from '../../../src/schema/index.js';
import { GraphLoadError, type NormaliseResult } from './normalise.js';
import { OTHER, isEntityKind, isRelationId, kindColor, type ViewerEdgeAttrs, type ViewerGraph, type ViewerNodeAttrs } from './model.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function isCompactGraph(data: unknown): data is CompactGraph {
  return isObject(data) && data.format === COMPACT_FORMAT;
}

export function graphFromCompact(data: CompactGraph, source: string): NormaliseResult {
  if (!Array.isArray(data.nodes) || !Array.isArray(data.edges) || !Array.isArray(data.articles)) throw new GraphLoadError(source, 'not a compact graph: missing nodes, edges or articles');
  const graph: ViewerGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  if (isObject(data.attributes)) graph.replaceAttributes(data.attributes);
  const articles = data.articles;
  const keys: string[] = [];
  let bad = 0;
  for (const node of data.nodes) {
    if (!isObject(node) || typeof node.key !== 'string' || !isObject(node.attributes) || graph.hasNode(node.key)) { bad++; keys.push(''); continue; }
    // The parsed object becomes the node's attributes: copying 100k of them shows in the first frame.
    const a = node.attributes as unknown as ViewerNodeAttrs & { articles: unknown };
    a.articles = Array.isArray(a.articles) ? (a.articles as unknown as number[]).map((i) => articles[i]!).filter((id) => typeof id === 'string') : [];
    if (!isEntityKind(a.kind)) a.kind = OTHER;
    if (typeof a.label !== 'string' || !a.label) a.label = node.key;
    if (!Array.isArray(a.aliases)) a.aliases = [a.label];
    if (!finite(a.x)) a.x = 0;
    if (!finite(a.y)) a.y = 0;
    if (!finite(a.size)) a.size = 0;
    if (typeof a.color !== 'string') a.color = kindColor(a.kind);
    delete (a as { type?: unknown }).type;
    graph.addNode(node.key, a);
    keys.push(node.key);
  }
  data.edges.forEach((edge, i) => {
    const [s, t, relation, weight, confidence, size, evidence, extra] = Array.isArray(edge) ? edge : [];
    const sourceKey = typeof s === 'number' ? keys[s] : undefined;
    const targetKey = typeof t === 'number' ? keys[t] : undefined;
    if (!sourceKey || !targetKey || !Array.isArray(evidence)) { bad++; return; }
    const known = isRelationId(relation);
    const key = typeof extra?.key === 'string' ? extra.key : `${sourceKey}->${String(relation)}->${targetKey}`;
    const attrs: ViewerEdgeAttrs = {
      relation: known ? relation : OTHER,
      label: typeof extra?.label === 'string' ? extra.label : known ? RELATIONS[relation].label : String(relation),
      evidence: [],
      weight: finite(weight) && weight > 0 ? weight : Math.max(1, evidence.length),
      confidence: finite(confidence) ? confidence : 1,
      size: finite(size) ? size : 1,
      directed: true,
      evidenceArticles: evidence.map((n) => articles[n]!),
      evidenceAt: i,
    };
    if (extra?.open) attrs.open = true;
    // A duplicate key throws: caught rather than asked first, since hasEdge on a multigraph cost 0.5 s at 165k edges.
    try {
      graph.addDirectedEdgeWithKey(key, sourceKey, targetKey, attrs);
    } catch {
      bad++;
    }
  });
  return { graph, warnings: bad ? [`${bad} malformed item(s) skipped`] : [] };
}

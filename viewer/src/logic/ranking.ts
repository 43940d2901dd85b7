/**
 * How the story cut ranks nodes: by their edges among the statements the view keeps (degree), or by PageRank over
 * the whole graph (graphology-metrics), computed once when first asked for.
 */
import { MultiDirectedGraph } from 'graphology';
import pagerankImport from 'graphology-metrics/centrality/pagerank.js';
import type { ViewerGraph } from './model.js';
import type { EdgeTable } from './edge-table.js';
import type { ActiveLayer } from './visibility.js';

/** What the story cut ranks nodes by. */
export type RankBy = 'degree' | 'pagerank';

type Pagerank = typeof pagerankImport.default;
// CommonJS module typed with an ES default export; see communities.ts.
const pagerank: Pagerank = (pagerankImport as unknown as { default?: Pagerank }).default ?? (pagerankImport as unknown as Pagerank);

/** PageRank of every node, on the graph's typed edges weighted by their sentences (parallel edges summed). */
export function pageRanks(graph: ViewerGraph, table: EdgeTable): Map<string, number> {
  // pagerank wants a simple graph: parallel relations between two nodes become one weighted edge.
  const simple = new MultiDirectedGraph<Record<string, never>, { weight: number }>();
  graph.forEachNode((key) => { simple.addNode(key); });
  const joined = new Map<string, string>();
  table.forEach((_e, a, source, target) => {
    if (source === target) return;
    const pair = `${source}\u0000${target}`;
    const edge = joined.get(pair);
    if (edge) simple.updateEdgeAttribute(edge, 'weight', (w) => (w ?? 0) + Math.max(1, a.weight));
    else joined.set(pair, simple.addDirectedEdge(source, target, { weight: Math.max(1, a.weight) }));
  });
  return new Map(Object.entries(pagerank(simple, { getEdgeWeight: 'weight' })));
}

/**
 * A node's score for the cut, higher first: its edges in the view (a node mentioned often breaks ties), or its
 * PageRank.
 */
export function scoreOf(graph: ViewerGraph, active: ActiveLayer, rank: RankBy, ranks: ReadonlyMap<string, number> | null): (key: string) => number {
  if (rank === 'pagerank' && ranks) return (key) => ranks.get(key) ?? 0;
  return (key) => (active.degrees.get(key) ?? 0) + Math.min(0.99, graph.getNodeAttribute(key, 'mentions') / 1e4);
}

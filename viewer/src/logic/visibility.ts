/**
 * Which nodes and edges the view holds, before kind and relation filters and focus (the reducers' business):
 *   1. the articles kept (a time range, a picked article or publisher: corpus.ts) keep the nodes they mention and the
 *      edges they state, an edge weighing as many sentences as it has in them, a node counting those edges;
 *   2. co-mention links, when shown, join kept nodes named together in kept articles;
 *   3. in large graphs, nodes with no edge or link left are hidden (and counted);
 *   4. above a few thousand nodes, the story cut: the best-ranked nodes, more of them where the camera is zoomed in,
 *      plus the nodes the user asked for (selected, searched, and the neighbours of expanded nodes).
 * Pure: the app keeps the display graph in step with the result (display-sync.ts).
 */
import type { ViewerGraph } from './model.js';
import type { EdgeTable } from './edge-table.js';

export interface CoMentionPair {
  key: string;
  source: string;
  target: string;
  count: number;
  articles: string[];
  counts: number[];
}

export interface ActiveLayer {
  /** Nodes the kept articles mention. */
  candidates: Set<string>;
  /** Typed edges the kept articles state → their sentences there. */
  edges: Map<string, number>;
  /** Co-mention links among candidates → their sentences in kept articles (empty when not shown). */
  links: Map<string, CoMentionPair & { shown: number }>;
  /** Each candidate's typed edges in `edges`. */
  degrees: Map<string, number>;
  /** Candidates with an edge or a link. */
  connected: Set<string>;
}

/** Step 1 and 2. `allowed` null: every article counts. Nodes come from the graph, edges from the table. */
export function activeLayer(graph: ViewerGraph, table: EdgeTable, allowed: ((id: string) => boolean) | null, pairs: readonly CoMentionPair[] | null): ActiveLayer {
  const candidates = new Set<string>();
  graph.forEachNode((key, a) => {
    if (!allowed || a.articles.some(allowed)) candidates.add(key);
  });
  const edges = new Map<string, number>();
  const degrees = new Map<string, number>();
  const connected = new Set<string>();
  table.forEach((key, a, source, target) => {
    let weight = a.weight;
    if (allowed) {
      if (!candidates.has(source) || !candidates.has(target)) return;
      weight = 0;
      for (const id of a.evidenceArticles) if (allowed(id)) weight++;
      if (!weight) return;
    }
    edges.set(key, weight);
    degrees.set(source, (degrees.get(source) ?? 0) + 1);
    degrees.set(target, (degrees.get(target) ?? 0) + 1);
    connected.add(source).add(target);
  });
  const links = new Map<string, CoMentionPair & { shown: number }>();
  for (const pair of pairs ?? []) {
    if (!candidates.has(pair.source) || !candidates.has(pair.target)) continue;
    let shown = pair.count;
    if (allowed) {
      shown = 0;
      pair.articles.forEach((id, i) => { if (allowed(id)) shown += pair.counts[i]!; });
      if (!shown) continue;
    }
    links.set(pair.key, { ...pair, shown });
    connected.add(pair.source).add(pair.target);
  }
  return { candidates, edges, links, degrees, connected };
}

export interface StoryCut {
  /** Nodes shown at the whole graph's zoom. */
  top: number;
  /** Candidates, best first (rankNodes). */
  ranked: readonly string[];
  /** The part of the layout the camera shows: more of the ranked nodes are shown inside it as it zooms in. */
  viewport: { x0: number; x1: number; y0: number; y1: number; share: number } | null;
}

export interface DisplayOptions {
  hideUnconnected: boolean;
  /** Null below the size where the story cut applies. */
  story: StoryCut | null;
  /** Always shown while their articles are kept: the selection, searched nodes. */
  pinned: Iterable<string>;
  /** Shown with their neighbours (the best `expandLimit` of them). */
  expanded: Iterable<string>;
  expandLimit: number;
  /** Rank of a node in `story.ranked` (lower is better), for choosing an expanded node's neighbours. */
  score: (key: string) => number;
}

export interface Display {
  nodes: Set<string>;
  edges: Map<string, number>;
  /** Each shown edge's place in the edge table. */
  edgeAt: Map<string, number>;
  links: Map<string, CoMentionPair & { shown: number }>;
  /** Candidates hidden for having no edge or link. */
  hiddenUnconnected: number;
  /** Candidates left out by the story cut (0 when it does not apply). */
  cutByStory: number;
}

/** The nodes the story cut keeps: the first `top` ranked, and inside the viewport as many again at its zoom. */
function storyNodes(graph: ViewerGraph, cut: StoryCut, pool: ReadonlySet<string>): Set<string> {
  const nodes = new Set<string>();
  const v = cut.viewport;
  const deeper = v && v.share < 1 ? Math.floor(cut.top / Math.max(v.share, 1e-6)) : 0;
  for (let i = 0; i < cut.ranked.length; i++) {
    const key = cut.ranked[i]!;
    if (!pool.has(key)) continue;
    if (i < cut.top) { nodes.add(key); continue; }
    if (i >= deeper) break;
    const a = graph.getNodeAttributes(key);
    if (a.x >= v!.x0 && a.x <= v!.x1 && a.y >= v!.y0 && a.y <= v!.y1) nodes.add(key);
  }
  return nodes;
}

/** Steps 3 and 4. */
export function displaySet(graph: ViewerGraph, table: EdgeTable, active: ActiveLayer, o: DisplayOptions): Display {
  const pool = o.hideUnconnected ? active.connected : active.candidates;
  const hiddenUnconnected = o.hideUnconnected ? active.candidates.size - active.connected.size : 0;
  const nodes = o.story ? storyNodes(graph, o.story, pool) : new Set(pool);
  const cutByStory = o.story ? pool.size - nodes.size : 0;
  for (const key of o.pinned) if (active.candidates.has(key)) nodes.add(key);
  for (const key of o.expanded) {
    if (!active.candidates.has(key)) continue;
    nodes.add(key);
    const around = new Set<string>();
    table.forEachAround(key, (edge, _a, source, target) => {
      if (active.edges.has(edge)) around.add(source === key ? target : source);
    });
    [...around].sort((a, b) => o.score(a) - o.score(b)).slice(0, o.expandLimit).forEach((n) => nodes.add(n));
  }
  const edges = new Map<string, number>();
  const edgeAt = new Map<string, number>();
  const { keys, sources, targets } = table;
  for (let i = 0; i < keys.length; i++) {
    if (!nodes.has(sources[i]!) || !nodes.has(targets[i]!)) continue;
    const weight = active.edges.get(keys[i]!);
    if (weight === undefined) continue;
    edges.set(keys[i]!, weight);
    edgeAt.set(keys[i]!, i);
  }
  const links = new Map<string, CoMentionPair & { shown: number }>();
  for (const [key, link] of active.links) if (nodes.has(link.source) && nodes.has(link.target)) links.set(key, link);
  return { nodes, edges, edgeAt, links, hiddenUnconnected, cutByStory };
}

/** Candidates best first by `score` (higher is better), ties by key so the order is stable. */
export function rankNodes(candidates: Iterable<string>, score: (key: string) => number): string[] {
  const list = [...candidates].map((key) => ({ key, s: score(key) }));
  list.sort((a, b) => b.s - a.s || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return list.map((x) => x.key);
}

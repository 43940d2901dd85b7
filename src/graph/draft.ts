/**
 * A graph as graph.json lists it: its attributes, then its nodes and its edges, each list in key order. A corpus
 * build styles, lays out and writes this draft without making a graphology graph of it: on a 10k-article corpus
 * (97k nodes, 165k edges) adding them to a graph took half a second, all of it before the layout could start, and the
 * graph held 50–70 MB more at the peak. A graphology graph is made of a draft only when one is asked for (build.ts
 * graphOfDraft).
 */
import type { EdgeAttrs, GraphAttrs, NodeAttrs } from '../schema/index.js';
import type { NewsGraph } from './news-graph.js';

export interface DraftNode {
  key: string;
  attributes: NodeAttrs;
}

export interface DraftEdge {
  key: string;
  source: string;
  target: string;
  attributes: EdgeAttrs;
}

export interface GraphDraft {
  attributes: GraphAttrs;
  /** In key order. */
  nodes: DraftNode[];
  /** In key order. */
  edges: DraftEdge[];
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The draft of a graph: its records in key order, sharing the graph's attribute objects. */
export function draftOf(graph: NewsGraph): GraphDraft {
  const nodes: DraftNode[] = [];
  graph.forEachNode((key, attributes) => { nodes.push({ key, attributes }); });
  const edges: DraftEdge[] = [];
  graph.forEachEdge((key, attributes, source, target) => { edges.push({ key, source, target, attributes }); });
  return { attributes: graph.getAttributes(), nodes: nodes.sort(byKey), edges: edges.sort(byKey) };
}

/**
 * A draft seen as the graph that style and the layouts read (style.ts, layout.ts): nodes and edges in the draft's
 * order, which is the order a graph made of the draft iterates them in, so a layout run on the view places every node
 * where it would on that graph.
 */
export class DraftView {
  readonly order: number;
  readonly size: number;
  private degrees?: Map<string, number>;
  private adjacency?: Map<string, Set<string>>;

  constructor(readonly draft: GraphDraft) {
    this.order = draft.nodes.length;
    this.size = draft.edges.length;
  }

  forEachNode(callback: (key: string, attributes: NodeAttrs) => void): void {
    for (const { key, attributes } of this.draft.nodes) callback(key, attributes);
  }

  forEachEdge(callback: (key: string, attributes: EdgeAttrs, source: string, target: string) => void): void {
    for (const { key, source, target, attributes } of this.draft.edges) callback(key, attributes, source, target);
  }

  /** As graphology's: the updater's result becomes the node's attributes. */
  updateEachNodeAttributes(updater: (key: string, attributes: NodeAttrs) => NodeAttrs): void {
    for (const node of this.draft.nodes) node.attributes = updater(node.key, node.attributes);
  }

  /** Edges in and out, as graphology counts them (the graph has no self-loops). */
  degree(key: string): number {
    if (!this.degrees) {
      const degrees = new Map<string, number>();
      for (const { source, target } of this.draft.edges) {
        degrees.set(source, (degrees.get(source) ?? 0) + 1);
        degrees.set(target, (degrees.get(target) ?? 0) + 1);
      }
      this.degrees = degrees;
    }
    return this.degrees.get(key) ?? 0;
  }

  /** Each neighbour once, whichever way and by however many edges it is joined. */
  neighbors(key: string): string[] {
    this.adjacency ??= undirectedAdjacency(this.draft.edges);
    return [...(this.adjacency.get(key) ?? [])];
  }
}

/** Each node's neighbours over the given pairs, whichever way they point. */
export function undirectedAdjacency(pairs: Iterable<{ source: string; target: string }>): Map<string, Set<string>> {
  const adjacency = new Map<string, Set<string>>();
  const join = (a: string, b: string) => {
    let set = adjacency.get(a);
    if (!set) adjacency.set(a, (set = new Set()));
    set.add(b);
  };
  for (const { source, target } of pairs) {
    join(source, target);
    join(target, source);
  }
  return adjacency;
}

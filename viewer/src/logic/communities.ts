/**
 * Communities for the "colour by community" mode: Louvain (graphology-communities-louvain) with a seeded random
 * source, on an undirected weighted copy of the graph (direction and parallel relations do not change who clusters
 * with whom). The largest communities get distinct colours; the long tail shares one neutral colour.
 */
import { UndirectedGraph } from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import type { ViewerGraph } from './model.js';
// The build's own seeded generator (a pure module), so community colours are the same on every load.
import { seededRandom } from '../../../src/random.js';

type Louvain = typeof louvainImport.default;
// The typings declare an ES default export over a CommonJS module: TypeScript (NodeNext) sees the module object,
// while Vite and Node hand over the function itself. Accept both.
const louvain: Louvain = (louvainImport as unknown as { default?: Louvain }).default ?? (louvainImport as unknown as Louvain);

export const COMMUNITY_PALETTE: readonly string[] = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf',
  '#bcbd22', '#7f7f7f', '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94',
];
export const SMALL_COMMUNITY_COLOR = '#d4d4d8';

export interface Communities {
  /** Node key → community index; 0 is the largest community. */
  membership: ReadonlyMap<string, number>;
  colors: ReadonlyMap<string, string>;
  /** Community sizes, largest first. */
  sizes: number[];
}

export function detectCommunities(graph: ViewerGraph, seed: number): Communities {
  const simple = new UndirectedGraph<Record<string, never>, { weight: number }>();
  graph.forEachNode((key) => simple.addNode(key));
  graph.forEachEdge((_e, a, source, target) => {
    if (source === target) return;
    simple.updateEdge(source, target, (attrs) => ({ weight: (attrs.weight ?? 0) + Math.max(1, a.weight) }));
  });
  const raw = louvain(simple, { rng: seededRandom(seed), getEdgeWeight: 'weight' });
  // Renumber by size (then by first member) so colours follow the structure, not louvain's internal numbering.
  const members = new Map<number, string[]>();
  for (const [node, c] of Object.entries(raw)) {
    const list = members.get(c) ?? [];
    list.push(node);
    members.set(c, list);
  }
  const ordered = [...members.values()].sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
  const membership = new Map<string, number>();
  const colors = new Map<string, string>();
  ordered.forEach((list, index) => {
    const color = ordered[index]!.length > 1 ? COMMUNITY_PALETTE[index] ?? SMALL_COMMUNITY_COLOR : SMALL_COMMUNITY_COLOR;
    for (const node of list) {
      membership.set(node, index);
      colors.set(node, color);
    }
  });
  return { membership, colors, sizes: ordered.map((l) => l.length) };
}

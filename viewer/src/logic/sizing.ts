/**
 * Node and edge sizes. graph.json carries sizes computed at build time; a file whose sizes are all equal (or absent)
 * is sized by degree instead, so hubs still stand out.
 */
import type { ViewerSettings } from '../settings.js';
import type { ViewerGraph } from './model.js';

export type SizeSettings = Pick<ViewerSettings, 'sizeBy' | 'minNodeSize' | 'maxNodeSize'>;

/** Whether the `size` attributes carry information (they differ between nodes). */
export function sizesVary(graph: ViewerGraph): boolean {
  let first: number | undefined;
  let varies = false;
  graph.forEachNode((_key, attrs) => {
    if (varies) return;
    if (!(attrs.size > 0)) return;
    if (first === undefined) first = attrs.size;
    else if (attrs.size !== first) varies = true;
  });
  return varies;
}

/** Square-root scale from degree, so area grows with degree. */
export function degreeSize(degree: number, maxDegree: number, settings: SizeSettings): number {
  if (maxDegree <= 0) return settings.minNodeSize;
  const t = Math.sqrt(Math.max(0, degree) / maxDegree);
  return settings.minNodeSize + t * (settings.maxNodeSize - settings.minNodeSize);
}

/** The size each node is drawn at. */
export function nodeSizes(graph: ViewerGraph, settings: SizeSettings): Map<string, number> {
  const out = new Map<string, number>();
  const useAttribute = settings.sizeBy === 'attribute' || (settings.sizeBy === 'auto' && sizesVary(graph));
  if (useAttribute) {
    graph.forEachNode((key, attrs) => out.set(key, attrs.size > 0 ? attrs.size : settings.minNodeSize));
    return out;
  }
  let maxDegree = 0;
  graph.forEachNode((key) => { maxDegree = Math.max(maxDegree, graph.degree(key)); });
  graph.forEachNode((key) => out.set(key, degreeSize(graph.degree(key), maxDegree, settings)));
  return out;
}

/** Edge thickness grows with the number of evidence sentences, logarithmically. */
export function edgeSize(weight: number, settings: Pick<ViewerSettings, 'minEdgeSize' | 'maxEdgeSize'>): number {
  const w = Math.max(1, weight);
  return Math.min(settings.maxEdgeSize, settings.minEdgeSize + Math.log2(w) * 0.75);
}

/**
 * Size and colour for the viewer: colour by kind from the schema, size by degree (a hub of the story is drawn
 * bigger), edge thickness by the number of sentences that state the edge.
 */
import { KINDS } from '../schema/index.js';
import type { NewsGraph } from './io.js';

export interface StyleOptions {
  minNodeSize: number;
  maxNodeSize: number;
  minEdgeSize: number;
  maxEdgeSize: number;
}

export const STYLE_DEFAULTS: StyleOptions = { minNodeSize: 4, maxNodeSize: 20, minEdgeSize: 1, maxEdgeSize: 6 };

export function style(graph: NewsGraph, options: Partial<StyleOptions> = {}): void {
  const o = { ...STYLE_DEFAULTS, ...options };
  let maxDegree = 1;
  graph.forEachNode((key) => { maxDegree = Math.max(maxDegree, graph.degree(key)); });
  // Set in place: nothing listens to attribute events while building, and copying 100k attribute objects shows.
  graph.forEachNode((key, attrs) => {
    attrs.color = KINDS[attrs.kind].color;
    attrs.size = Math.round((o.minNodeSize + (o.maxNodeSize - o.minNodeSize) * Math.sqrt(graph.degree(key) / maxDegree)) * 100) / 100;
  });
  let maxWeight = 1;
  graph.forEachEdge((_, attrs) => { maxWeight = Math.max(maxWeight, attrs.weight); });
  graph.forEachEdge((_, attrs) => {
    attrs.size = Math.round((o.minEdgeSize + (o.maxEdgeSize - o.minEdgeSize) * Math.log1p(attrs.weight - 1) / Math.log1p(Math.max(1, maxWeight - 1) || 1)) * 100) / 100;
  });
}

/**
 * Size and colour for the viewer: colour by kind from the schema, size by degree (a hub of the story is drawn
 * bigger), edge thickness by the number of sentences that state the edge.
 *
 * Sizes follow a fixed scale, not the largest node or edge of the graph: adding an article then changes only the
 * sizes of what it touches, so a user comparing builds sees what grew, and an incremental rebuild stays incremental.
 */
import { KINDS, type EdgeAttrs, type NodeAttrs } from '../schema/index.js';

/** What style reads and sets: a graphology graph, or a draft seen through draft.ts's DraftView. */
export interface StyleTarget {
  forEachNode(callback: (key: string, attributes: NodeAttrs) => void): void;
  forEachEdge(callback: (key: string, attributes: EdgeAttrs) => void): void;
  degree(key: string): number;
}

export interface StyleOptions {
  minNodeSize: number;
  maxNodeSize: number;
  /** Degree at which a node reaches `maxNodeSize`; bigger hubs stay at that size. */
  fullSizeDegree: number;
  minEdgeSize: number;
  maxEdgeSize: number;
  /** Sentences at which an edge reaches `maxEdgeSize`. */
  fullSizeWeight: number;
}

export const STYLE_DEFAULTS: StyleOptions = { minNodeSize: 4, maxNodeSize: 20, fullSizeDegree: 100, minEdgeSize: 1, maxEdgeSize: 6, fullSizeWeight: 20 };

const round = (v: number) => Math.round(v * 100) / 100;

/** On a log scale, so a node of degree 1, 10 and 100 are told apart as clearly as those of 10 and 11 are not. */
export function nodeSize(degree: number, o: StyleOptions = STYLE_DEFAULTS): number {
  const share = Math.min(1, Math.log1p(Math.max(0, degree)) / Math.log1p(Math.max(1, o.fullSizeDegree)));
  return round(o.minNodeSize + (o.maxNodeSize - o.minNodeSize) * share);
}

/**
 * The degree of a node of this size, when the size tells it: below full size, where sizes are far enough apart that
 * rounding keeps every degree's own (checked, so other settings that crowd them give undefined). An update reads a
 * node's degree this way instead of counting its edges in the whole graph.
 */
export function degreeOfSize(size: number, o: StyleOptions = STYLE_DEFAULTS): number | undefined {
  if (size >= o.maxNodeSize || o.maxNodeSize <= o.minNodeSize) return undefined;
  const share = (size - o.minNodeSize) / (o.maxNodeSize - o.minNodeSize);
  const degree = Math.round(Math.expm1(share * Math.log1p(Math.max(1, o.fullSizeDegree))));
  const unique = nodeSize(degree, o) === size && (degree === 0 || nodeSize(degree - 1, o) !== size) && nodeSize(degree + 1, o) !== size;
  return unique && degree >= 0 ? degree : undefined;
}

/** One sentence draws the thinnest line. */
export function edgeSize(weight: number, o: StyleOptions = STYLE_DEFAULTS): number {
  const share = Math.min(1, Math.log(Math.max(1, weight)) / Math.log(Math.max(2, o.fullSizeWeight)));
  return round(o.minEdgeSize + (o.maxEdgeSize - o.minEdgeSize) * share);
}

export function style(graph: StyleTarget, options: Partial<StyleOptions> = {}): void {
  const o = { ...STYLE_DEFAULTS, ...options };
  // Set in place: nothing listens to attribute events while building, and copying 100k attribute objects shows.
  graph.forEachNode((key, attrs) => {
    attrs.color = KINDS[attrs.kind].color;
    attrs.size = nodeSize(graph.degree(key), o);
  });
  graph.forEachEdge((_, attrs) => { attrs.size = edgeSize(attrs.weight, o); });
}

/**
 * Viewer settings, sigma-style: one typed object with defaults, overridable per instance. Everything the renderer,
 * the reducers and the UI tune lives here so behaviour changes in one place.
 */

export type SizeBy = 'auto' | 'attribute' | 'degree';
export type ColorMode = 'kind' | 'community';

export interface ViewerSettings {
  /** Where the page fetches its graph, relative to the page (works on any static host). */
  graphUrl: string;
  /** `auto`: the file's sizes when they vary, node degree when they are all equal (e.g. foreign or synthetic files). */
  sizeBy: SizeBy;
  minNodeSize: number;
  maxNodeSize: number;
  minEdgeSize: number;
  maxEdgeSize: number;
  backgroundColor: string;
  /** Colour of nodes and edges pushed to the background by hover or selection. */
  fadedNodeColor: string;
  fadedEdgeColor: string;
  /** Edge colour alpha (hex pair) appended to relation colours so dense areas stay readable. */
  edgeAlpha: string;
  // Label collision control (sigma): fewer, larger cells keep labels from piling up.
  labelDensity: number;
  labelGridCellSize: number;
  labelRenderedSizeThreshold: number;
  labelFont: string;
  /** Edge labels are drawn when the camera ratio is below this (zoomed in), and always for the focused node. */
  edgeLabelsBelowRatio: number;
  /** Edge hover/click needs sigma's edge picking, which costs a second edge pass per frame; off above this size. */
  edgeEventsMaxEdges: number;
  /**
   * Hover fading re-runs the reducers over every node and edge; above this many edges only a click (selection) fades
   * the rest, and hovering just highlights the node, so moving the pointer never stalls on a large graph.
   */
  hoverFadeMaxEdges: number;
  /** Above this many edges, edges are hidden while the camera moves to keep panning fluid. */
  hideEdgesOnMoveAbove: number;
  /**
   * Above this many edges, edges are drawn as 1-pixel lines (two vertices each) instead of arrows with a width (nine
   * vertices each: a body and a head); the focused node's edges and a hovered or selected edge keep their arrows,
   * curves and widths. With software WebGL (no GPU) vertex work is most of a frame: 6-10x faster on 50k edges.
   */
  thinEdgesAbove: number;
  /**
   * Above this many nodes, nodes are drawn as WebGL points (one vertex each, rather than a triangle of three) that skip
   * sigma's picking pass while the camera moves: the same discs at about a tenth of the cost with software WebGL.
   * Points stop growing at the GPU's point-size limit (1023 px in Chromium's software WebGL, commonly 256 or more on
   * GPUs), which only shows on hubs zoomed far in; highlighted nodes are always drawn as triangles.
   */
  pointNodesAbove: number;
  /** Seed for community detection, so the same graph gives the same colours. */
  communitySeed: number;
  colorMode: ColorMode;
  searchLimit: number;
  /** The closest the camera zooms in when centring on a chosen node (smaller is closer). */
  focusRatio: number;
  /** When centring on a node, zoom so that this many of its nearest neighbours stay in view. */
  focusNeighbours: number;
  cameraAnimationMs: number;
  /** How long the URL hash waits after the last camera move before it is rewritten. */
  hashDelayMs: number;
  /** Evidence sentences shown per relation before "show more". */
  evidencePerRelation: number;
  /** Where the compact graph lies (tried first; graph.json is the fallback), its evidence shards and its co-mentions. */
  compactGraphUrl: string;
  evidenceBaseUrl: string;
  coMentionsUrl: string;
  /** Co-mention links, drawn faintly under the relations. */
  coMentionColor: string;
  /** Above this many nodes, nodes with no edge left are hidden by default (counted, with a toggle). */
  hideUnconnectedAbove: number;
  /** Above this many nodes left to show, the first view shows the best-ranked ones only (the story cut). */
  storyAbove: number;
  /** Nodes the story cut shows at the whole graph's zoom; more appear as the camera zooms in. */
  storyTop: number;
  /** The story cut always labels this many of its best-ranked nodes. */
  storyLabels: number;
  /** "Show neighbours" (and a search) brings in at most this many of a node's neighbours, the best ranked first. */
  expandLimit: number;
  /** Milliseconds per step of the timeline's play button. */
  playStepMs: number;
}

export const DEFAULT_SETTINGS: Readonly<ViewerSettings> = Object.freeze({
  graphUrl: './graph.json',
  sizeBy: 'auto',
  minNodeSize: 3,
  maxNodeSize: 18,
  minEdgeSize: 1,
  maxEdgeSize: 5,
  backgroundColor: '#ffffff',
  fadedNodeColor: '#e4e4e7',
  fadedEdgeColor: '#f0f0f2',
  edgeAlpha: 'b3',
  labelDensity: 0.7,
  labelGridCellSize: 120,
  labelRenderedSizeThreshold: 7,
  labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  edgeLabelsBelowRatio: 0.35,
  edgeEventsMaxEdges: 20_000,
  hoverFadeMaxEdges: 20_000,
  hideEdgesOnMoveAbove: 20_000,
  thinEdgesAbove: 10_000,
  pointNodesAbove: 5_000,
  communitySeed: 42,
  colorMode: 'kind',
  searchLimit: 12,
  focusRatio: 0.08,
  focusNeighbours: 8,
  cameraAnimationMs: 450,
  hashDelayMs: 250,
  evidencePerRelation: 5,
  compactGraphUrl: './graph.compact.json',
  evidenceBaseUrl: './evidence/',
  coMentionsUrl: './co-mentions.json',
  coMentionColor: '#a1a1aa59',
  hideUnconnectedAbove: 1000,
  storyAbove: 3000,
  storyTop: 400,
  storyLabels: 30,
  expandLimit: 60,
  playStepMs: 1200,
});

export function resolveSettings(overrides: Partial<ViewerSettings> = {}): ViewerSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

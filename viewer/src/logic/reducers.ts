/**
 * The sigma reducers as pure functions: given the view state, how each node and edge is drawn. Filtering, hover
 * fading, selection and colour mode all happen here, so the graph itself is never edited to change the view.
 * The returned objects match sigma's display data (label, color, size, hidden, forceLabel, highlighted, zIndex, type)
 * without importing sigma. They carry every field sigma would otherwise default, always in the same order: sigma adds
 * missing fields one by one to each of 60k objects per refresh, which changes their hidden class every time and cost
 * more than the reducers themselves.
 */
import type { ViewerSettings } from '../settings.js';
import type { FilterState } from './filters.js';
import { isCoMentionLink, isSymmetric, relationKeyOf, kindColor, relationColor, OTHER, type CoMentionLinkAttrs, type DisplayGraph, type ViewerEdgeAttrs, type ViewerGraph, type ViewerNodeAttrs } from './model.js';
import { parallelSlotOf, type ParallelSlot } from './parallel-edges.js';
import { edgeSize } from './sizing.js';
import type { ViewState } from './view-state.js';

export interface NodeDisplay {
  x: number;
  y: number;
  label: string | null;
  color: string;
  size: number;
  hidden: boolean;
  highlighted: boolean;
  forceLabel: boolean;
  zIndex: number;
  type: typeof NODE_PROGRAM;
}

export interface EdgeDisplay {
  type: EdgeProgram;
  label: string | null;
  color: string;
  size: number;
  /** Read by the curved programs only; 0 for straight edges. */
  curvature: number;
  hidden: boolean;
  forceLabel: boolean;
  zIndex: number;
}

/** Render programs the renderer registers under these names. `thin`: 1-pixel lines for large graphs. */
export type EdgeProgram = 'arrow' | 'line' | 'curvedArrow' | 'curved' | 'thin';

/** The one node program name; the renderer decides what draws it (discs as triangles or as points). */
export const NODE_PROGRAM = 'circle';

/** The nodes and edges that stay bright; null when nothing is focused. */
export interface Focus {
  primary: string | null;
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** How an edge is drawn when nothing is focused; fixed for a graph, so computed once. */
export interface EdgeStyle {
  type: EdgeProgram;
  curvature?: number;
  color: string;
  /** The relation colour without transparency, for focused edges. */
  strongColor: string;
  size: number;
}

/** Everything the reducers read, computed once per state change rather than per item. */
export interface ReducerContext {
  state: ViewState;
  focus: Focus | null;
  sizes: ReadonlyMap<string, number>;
  /** Nodes whose labels are always drawn (the best ranked of the story cut), or null. */
  labelled: ReadonlySet<string> | null;
  /** Edge sentences in the articles the view keeps, when it does not keep them all (visibility.ts). */
  edgeWeights: ReadonlyMap<string, number> | null;
  edgeStyles: { get(key: string): EdgeStyle | undefined };
  /**
   * Draw edges as `thin` lines, except the focused ones and a hovered or selected edge, which keep their arrow, curve
   * and width (see `thinEdgesAbove` in settings.ts).
   */
  thinEdges: boolean;
  communityColors: ReadonlyMap<string, string> | null;
  settings: Pick<ViewerSettings, 'fadedNodeColor' | 'fadedEdgeColor' | 'edgeAlpha' | 'minEdgeSize' | 'maxEdgeSize' | 'minNodeSize' | 'coMentionColor'>;
}

/** Above this many neighbours, only the focused node's own label is forced, so labels do not pile up. */
const MAX_FORCED_NEIGHBOUR_LABELS = 25;

function nodeShown(graph: ViewerGraph, filters: FilterState, node: string): boolean {
  return !filters.hiddenKinds.has(graph.getNodeAttribute(node, 'kind'));
}

function edgeShown(graph: ViewerGraph, filters: FilterState, edge: string, source: string, target: string): boolean {
  return !filters.hiddenRelations.has(relationKeyOf(graph.getEdgeAttributes(edge))) &&
    nodeShown(graph, filters, source) && nodeShown(graph, filters, target);
}

/**
 * Hover wins over selection: the hovered node (or else the selected node or edge) and its visible neighbourhood,
 * read from the graph drawn (co-mention links do not make neighbours).
 */
export function computeFocus(graph: ViewerGraph | DisplayGraph, state: ViewState): Focus | null {
  const { filters } = state;
  const g = graph as ViewerGraph;
  const node = state.hoveredNode ?? (state.selection?.type === 'node' ? state.selection.key : null);
  if (node && g.hasNode(node) && nodeShown(g, filters, node)) {
    const nodes = new Set<string>([node]);
    const edges = new Set<string>();
    (graph as DisplayGraph).forEachEdge(node, (edge, a, source, target) => {
      if (isCoMentionLink(a) || !edgeShown(g, filters, edge, source, target)) return;
      edges.add(edge);
      nodes.add(source === node ? target : source);
    });
    return { primary: node, nodes, edges };
  }
  const edge = state.hoveredEdge ?? (state.selection?.type === 'edge' ? state.selection.key : null);
  if (edge && g.hasEdge(edge) && !isCoMentionLink((graph as DisplayGraph).getEdgeAttributes(edge))) {
    const [source, target] = g.extremities(edge);
    if (edgeShown(g, filters, edge, source, target)) return { primary: null, nodes: new Set([source, target]), edges: new Set([edge]) };
  }
  return null;
}

export function nodeDisplay(key: string, attrs: ViewerNodeAttrs, ctx: ReducerContext): NodeDisplay {
  const { state, focus } = ctx;
  const out: NodeDisplay = {
    x: attrs.x,
    y: attrs.y,
    label: attrs.label,
    // The legend is the schema's, so known kinds take the schema colour whatever the file says.
    color: state.colorMode === 'community'
      ? ctx.communityColors?.get(key) ?? attrs.color
      : attrs.kind === OTHER ? attrs.color : kindColor(attrs.kind),
    size: ctx.sizes.get(key) ?? (attrs.size || ctx.settings.minNodeSize),
    hidden: false,
    highlighted: false,
    forceLabel: false,
    zIndex: 0,
    type: NODE_PROGRAM,
  };
  if (state.filters.hiddenKinds.has(attrs.kind)) {
    out.hidden = true;
    return out;
  }
  if (ctx.labelled?.has(key)) out.forceLabel = true;
  const selected = state.selection?.type === 'node' && state.selection.key === key;
  if (focus) {
    if (!focus.nodes.has(key)) {
      out.color = ctx.settings.fadedNodeColor;
      out.label = null;
      out.zIndex = 0;
    } else {
      out.zIndex = 1;
      if (key === focus.primary || focus.nodes.size <= MAX_FORCED_NEIGHBOUR_LABELS) out.forceLabel = true;
    }
  }
  if (selected || key === state.hoveredNode) {
    out.highlighted = true;
    out.forceLabel = true;
    out.zIndex = 2;
  }
  return out;
}

/** Curvature for the `index`-th of `max` parallel edges, as sigma's parallel-edges example spreads them. */
export function parallelCurvature(index: number, maxIndex: number): number {
  if (maxIndex <= 0) return 0;
  if (index < 0) return -parallelCurvature(-index, maxIndex);
  const amplitude = 3.5;
  const defaultCurvature = 0.25;
  const maxCurvature = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * defaultCurvature;
  return (maxCurvature * index) / maxIndex;
}

/** Arrow heads on directed relations; parallel edges bend apart (`slot` from parallelEdgeSlots). */
export function edgeShape(attrs: ViewerEdgeAttrs, slot: ParallelSlot | undefined): { type: EdgeProgram; curvature?: number } {
  const arrow = attrs.directed && !isSymmetric(relationKeyOf(attrs));
  if (slot && slot.index !== 0) return { type: arrow ? 'curvedArrow' : 'curved', curvature: parallelCurvature(slot.index, slot.max) };
  return { type: arrow ? 'arrow' : 'line' };
}

type EdgeStyleSettings = Pick<ViewerSettings, 'edgeAlpha' | 'minEdgeSize' | 'maxEdgeSize'>;

export function edgeStyle(attrs: ViewerEdgeAttrs, slot: ParallelSlot | undefined, settings: EdgeStyleSettings): EdgeStyle {
  // An open relation takes the colour of its filter row, "other (open)".
  const strongColor = relationColor(relationKeyOf(attrs));
  return { ...edgeShape(attrs, slot), color: `${strongColor}${settings.edgeAlpha}`, strongColor, size: edgeSize(attrs.weight, settings) };
}

/** Each edge's style, worked out when first drawn and kept: a large graph draws a few hundred of its edges. */
export function lazyEdgeStyles(graph: ViewerGraph, settings: EdgeStyleSettings): { get(key: string): EdgeStyle | undefined } {
  const styles = new Map<string, EdgeStyle>();
  return {
    get(key) {
      let style = styles.get(key);
      if (!style && graph.hasEdge(key)) styles.set(key, (style = edgeStyle(graph.getEdgeAttributes(key), parallelSlotOf(graph, key), settings)));
      return style;
    },
  };
}

export function edgeStyles(graph: ViewerGraph, slots: ReadonlyMap<string, ParallelSlot>, settings: EdgeStyleSettings): Map<string, EdgeStyle> {
  const out = new Map<string, EdgeStyle>();
  graph.forEachEdge((edge, attrs) => out.set(edge, edgeStyle(attrs, slots.get(edge), settings)));
  return out;
}

/** Whether any filter is on; with none, edges need no look-up of their ends (the common case on a 50k-edge load). */
function filtering(filters: FilterState): boolean {
  return filters.hiddenKinds.size > 0 || filters.hiddenRelations.size > 0;
}

export function edgeDisplay(key: string, attrs: ViewerEdgeAttrs, graph: ViewerGraph, ctx: ReducerContext): EdgeDisplay {
  const { state, focus } = ctx;
  const style = ctx.edgeStyles.get(key) ?? edgeStyle(attrs, undefined, ctx.settings);
  const out: EdgeDisplay = {
    type: ctx.thinEdges ? 'thin' : style.type,
    label: state.zoomedIn ? attrs.label : null,
    color: style.color,
    size: ctx.edgeWeights?.has(key) ? edgeSize(ctx.edgeWeights.get(key)!, ctx.settings) : style.size,
    curvature: style.curvature ?? 0,
    hidden: false,
    forceLabel: false,
    zIndex: 0,
  };
  if (filtering(state.filters)) {
    const [source, target] = graph.extremities(key);
    if (!edgeShown(graph, state.filters, key, source, target)) {
      out.hidden = true;
      return out;
    }
  }
  if (focus) {
    if (focus.edges.has(key)) {
      out.type = style.type;
      out.color = style.strongColor;
      out.label = attrs.label;
      out.zIndex = 1;
    } else {
      out.color = ctx.settings.fadedEdgeColor;
      out.label = null;
      out.zIndex = 0;
    }
  }
  const selected = state.selection?.type === 'edge' && state.selection.key === key;
  if (selected || key === state.hoveredEdge) {
    out.type = style.type;
    out.label = attrs.label;
    out.forceLabel = true;
    out.color = style.strongColor;
    out.size = out.size + 1.5;
    out.zIndex = 2;
  }
  return out;
}

/**
 * A co-mention link: a faint plain line under the typed edges, wider as more sentences name the pair; faded further
 * when something is focused, and hidden with either end's kind.
 */
export function linkDisplay(attrs: CoMentionLinkAttrs, source: string, target: string, graph: ViewerGraph, ctx: ReducerContext): EdgeDisplay {
  const { state, focus } = ctx;
  const hidden = state.filters.hiddenKinds.size > 0 && (!nodeShown(graph, state.filters, source) || !nodeShown(graph, state.filters, target));
  const near = !focus || (focus.nodes.has(source) && focus.nodes.has(target));
  return {
    type: 'line',
    label: null,
    color: near ? ctx.settings.coMentionColor : ctx.settings.fadedEdgeColor,
    size: Math.min(ctx.settings.maxEdgeSize, 0.5 + Math.log2(Math.max(1, attrs.count)) * 0.5),
    curvature: 0,
    hidden,
    forceLabel: false,
    zIndex: -1,
  };
}

export { isCoMentionLink };

/**
 * How a graph of a given size is drawn: which costly renderer features stay on. The thresholds are settings
 * (settings.ts); this is the one place that compares them with the graph, so the renderer, the reducers and the page
 * agree. With software WebGL (no GPU) a frame's cost is mostly vertices: 3 per node, twice (the picking pass), and 9 per
 * arrow edge; points and 1-pixel lines cut that to 1 and 2.
 */
import type { ViewerSettings } from '../settings.js';
import type { EdgeProgram } from './reducers.js';

export type PlanSettings = Pick<ViewerSettings, 'thinEdgesAbove' | 'pointNodesAbove' | 'edgeEventsMaxEdges' | 'hoverFadeMaxEdges' | 'hideEdgesOnMoveAbove'>;

export interface RenderPlan {
  /** Edges are `thin` lines unless focused. */
  thinEdges: boolean;
  /** Nodes are drawn as points (highlighted ones still as triangles). */
  pointNodes: boolean;
  /** Edge hover and click on the canvas (sigma's edge picking pass). */
  edgeEvents: boolean;
  /** Hovering a node fades the rest (a full reducer pass); otherwise hovering only highlights the node. */
  hoverFade: boolean;
  hideEdgesOnMove: boolean;
}

export function renderPlan(order: number, size: number, settings: PlanSettings): RenderPlan {
  return {
    thinEdges: size > settings.thinEdgesAbove,
    pointNodes: order > settings.pointNodesAbove,
    edgeEvents: size <= settings.edgeEventsMaxEdges,
    hoverFade: size <= settings.hoverFadeMaxEdges,
    hideEdgesOnMove: size > settings.hideEdgesOnMoveAbove,
  };
}

/** Edge programs bottom first: thin lines under everything, so the focused edges drawn over them stay whole. */
export const EDGE_DRAW_ORDER: readonly EdgeProgram[] = ['thin', 'line', 'arrow', 'curved', 'curvedArrow'];

/**
 * The renderer's keys for the programs in use. Sigma draws its edge programs in the order of their keys and always
 * lists its own `arrow` and `line` first, whatever the settings say; so the programs take sigma's keys in drawing
 * order (`slotKeys`), and the renderer translates each edge's program name to its key.
 */
export function edgeProgramKeys(used: Iterable<EdgeProgram>, slotKeys: readonly string[]): Map<EdgeProgram, string> {
  const set = new Set(used);
  const ordered = EDGE_DRAW_ORDER.filter((p) => set.has(p));
  if (ordered.length > slotKeys.length) throw new Error(`render-plan: ${ordered.length} edge programs but ${slotKeys.length} keys`);
  return new Map(ordered.map((program, i) => [program, slotKeys[i]!]));
}

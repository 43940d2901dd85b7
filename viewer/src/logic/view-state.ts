/**
 * What the user is looking at: filters, selection, hover, colour mode. Plain data with pure transitions; the UI
 * holds one ViewState and re-renders from it.
 */
import type { ColorMode } from '../settings.js';
import { NO_FILTERS, type FilterState } from './filters.js';
import type { DateRange } from './time-range.js';
import type { Scope } from './corpus.js';
import type { RankBy } from './ranking.js';

export type Selection = { type: 'node'; key: string } | { type: 'edge'; key: string };

export interface ViewState {
  filters: FilterState;
  selection: Selection | null;
  hoveredNode: string | null;
  hoveredEdge: string | null;
  colorMode: ColorMode;
  /** Zoomed in far enough for every visible edge's label. */
  zoomedIn: boolean;
  /** Only statements from articles dated within it. */
  range: DateRange | null;
  /** Only statements from this article, or this publisher's articles. */
  scope: Scope | null;
  /** Co-mention links drawn (loaded on first use). */
  coMentions: boolean;
  /** Unconnected nodes shown although the graph is large. */
  showUnconnected: boolean;
  /** The story cut's size, when the user moved it. */
  top: number | null;
  rank: RankBy;
  /** Nodes shown with their neighbours. */
  expanded: ReadonlySet<string>;
  /** Nodes the user searched for, shown whatever the story cut or the unconnected filter say. */
  pinned: ReadonlySet<string>;
}

export const INITIAL_VIEW_STATE: ViewState = Object.freeze({
  filters: NO_FILTERS,
  selection: null,
  hoveredNode: null,
  hoveredEdge: null,
  colorMode: 'kind',
  zoomedIn: false,
  range: null,
  scope: null,
  coMentions: false,
  showUnconnected: false,
  top: null,
  rank: 'degree',
  expanded: new Set<string>(),
  pinned: new Set<string>(),
});

export function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return a === b || (!!a && !!b && a.type === b.type && a.key === b.key);
}

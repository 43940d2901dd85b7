/**
 * What the user is looking at: filters, selection, hover, colour mode. Plain data with pure transitions; the UI
 * holds one ViewState and re-renders from it.
 */
import type { ColorMode } from '../settings.js';
import { NO_FILTERS, type FilterState } from './filters.js';

export type Selection = { type: 'node'; key: string } | { type: 'edge'; key: string };

export interface ViewState {
  filters: FilterState;
  selection: Selection | null;
  hoveredNode: string | null;
  hoveredEdge: string | null;
  colorMode: ColorMode;
  /** Zoomed in far enough for every visible edge's label. */
  zoomedIn: boolean;
}

export const INITIAL_VIEW_STATE: ViewState = Object.freeze({
  filters: NO_FILTERS,
  selection: null,
  hoveredNode: null,
  hoveredEdge: null,
  colorMode: 'kind',
  zoomedIn: false,
});

export function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return a === b || (!!a && !!b && a.type === b.type && a.key === b.key);
}

import { describe, expect, it } from 'vitest';
import { filterCounts, isEdgeVisible, NO_FILTERS, toggleKind, toggleRelation, visibleNodes } from '../../viewer/src/logic/filters.js';
import { buildGraph } from './helpers.js';

const graph = buildGraph(
  [
    { key: 'a', kind: 'person' }, { key: 'b', kind: 'person' }, { key: 'o', kind: 'organisation' },
    { key: 'p', kind: 'place' }, { key: 'x', kind: 'martian' },
  ],
  [
    { source: 'a', target: 'o', relation: 'member_of' },
    { source: 'b', target: 'o', relation: 'member_of' },
    { source: 'o', target: 'p', relation: 'located_in' },
    { source: 'a', target: 'b', relation: 'met_with' },
    { source: 'x', target: 'a', relation: 'made_up' },
  ],
);

describe('filters', () => {
  it('counts nodes per kind and edges per relation in schema order, with unknown ones under other', () => {
    const counts = filterCounts(graph);
    expect(counts.kinds).toEqual([
      { key: 'person', total: 2 }, { key: 'organisation', total: 1 }, { key: 'place', total: 1 }, { key: 'other', total: 1 },
    ]);
    expect(counts.relations).toEqual([
      { key: 'member_of', total: 2 }, { key: 'located_in', total: 1 }, { key: 'met_with', total: 1 }, { key: 'other', total: 1 },
    ]);
  });

  it('hides a kind and every edge touching it, without editing the graph', () => {
    const state = toggleKind(NO_FILTERS, 'organisation', false);
    expect(visibleNodes(graph, state).sort()).toEqual(['a', 'b', 'p', 'x']);
    expect(isEdgeVisible(graph, state, 'e0')).toBe(false);
    expect(isEdgeVisible(graph, state, 'e2')).toBe(false);
    expect(isEdgeVisible(graph, state, 'e3')).toBe(true);
    expect(graph.order).toBe(5);
    expect(graph.size).toBe(5);
  });

  it('hides a relation but keeps its nodes', () => {
    const state = toggleRelation(NO_FILTERS, 'member_of', false);
    expect(isEdgeVisible(graph, state, 'e0')).toBe(false);
    expect(isEdgeVisible(graph, state, 'e2')).toBe(true);
    expect(visibleNodes(graph, state)).toHaveLength(5);
  });

  it('toggles return new states and can be undone', () => {
    const hidden = toggleKind(NO_FILTERS, 'place', false);
    expect(NO_FILTERS.hiddenKinds.size).toBe(0);
    const shown = toggleKind(hidden, 'place', true);
    expect([...shown.hiddenKinds]).toEqual([]);
    expect([...hidden.hiddenKinds]).toEqual(['place']);
  });
});

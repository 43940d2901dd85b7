import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../viewer/src/settings.js';
import { NO_FILTERS, toggleKind, toggleRelation } from '../../viewer/src/logic/filters.js';
import { parallelEdgeSlots } from '../../viewer/src/logic/parallel-edges.js';
import { computeFocus, edgeDisplay, edgeStyles, nodeDisplay, type ReducerContext } from '../../viewer/src/logic/reducers.js';
import { INITIAL_VIEW_STATE, type ViewState } from '../../viewer/src/logic/view-state.js';
import { KINDS, RELATIONS } from '../../src/schema/index.js';
import { OTHER_COLOR } from '../../viewer/src/logic/model.js';
import { buildGraph } from './helpers.js';

const graph = buildGraph(
  [{ key: 'ana', kind: 'person' }, { key: 'bo', kind: 'person' }, { key: 'council', kind: 'organisation' }, { key: 'city', kind: 'place' }, { key: 'far', kind: 'event' }],
  [
    { key: 'm1', source: 'ana', target: 'council', relation: 'member_of' },
    { key: 'met', source: 'ana', target: 'bo', relation: 'met_with' },
    { key: 'loc', source: 'council', target: 'city', relation: 'located_in' },
    { key: 'away', source: 'city', target: 'far', relation: 'related_to' },
    { key: 'hired', source: 'far', target: 'bo', relation: 'related_to', label: 'hired', open: true },
  ],
);
const styles = edgeStyles(graph, parallelEdgeSlots(graph), DEFAULT_SETTINGS);

function ctx(patch: Partial<ViewState> = {}, communityColors: Map<string, string> | null = null, thinEdges = false): ReducerContext {
  const state = { ...INITIAL_VIEW_STATE, ...patch };
  return { state, focus: computeFocus(graph, state), sizes: new Map([['ana', 12]]), labelled: null, edgeWeights: null, edgeStyles: styles, thinEdges, communityColors, settings: DEFAULT_SETTINGS };
}
const node = (key: string, c: ReducerContext) => nodeDisplay(key, graph.getNodeAttributes(key), c);
const edge = (key: string, c: ReducerContext) => edgeDisplay(key, graph.getEdgeAttributes(key), graph, c);

describe('node reducer', () => {
  it('colours by the schema kind colour and sizes from the size table', () => {
    const d = node('ana', ctx());
    expect(d).toMatchObject({ color: KINDS.person.color, size: 12, label: 'ana' });
    expect(d.hidden).toBe(false);
    expect(node('bo', ctx()).size).toBe(5);
  });

  it('hides nodes of a hidden kind', () => {
    expect(node('council', ctx({ filters: toggleKind(NO_FILTERS, 'organisation', false) })).hidden).toBe(true);
    expect(node('ana', ctx({ filters: toggleKind(NO_FILTERS, 'organisation', false) })).hidden).toBe(false);
  });

  it('keeps the hovered node and its neighbours bright and fades the rest', () => {
    const c = ctx({ hoveredNode: 'ana' });
    expect(node('ana', c)).toMatchObject({ highlighted: true, forceLabel: true, color: KINDS.person.color });
    expect(node('bo', c)).toMatchObject({ color: KINDS.person.color, label: 'bo' });
    expect(node('council', c).color).toBe(KINDS.organisation.color);
    expect(node('city', c)).toMatchObject({ color: DEFAULT_SETTINGS.fadedNodeColor, label: null });
  });

  it('does not count a filtered-out neighbour as bright', () => {
    const c = ctx({ hoveredNode: 'ana', filters: toggleRelation(NO_FILTERS, 'met_with', false) });
    expect(c.focus!.nodes.has('bo')).toBe(false);
    expect(node('bo', c).color).toBe(DEFAULT_SETTINGS.fadedNodeColor);
  });

  it('uses community colours in community mode', () => {
    const d = node('ana', ctx({ colorMode: 'community' }, new Map([['ana', '#123456']])));
    expect(d.color).toBe('#123456');
  });
});

describe('edge reducer', () => {
  it('colours edges by relation, arrows on directed relations, plain lines on symmetric ones', () => {
    expect(edge('m1', ctx())).toMatchObject({ type: 'arrow', color: `${RELATIONS.member_of.color}${DEFAULT_SETTINGS.edgeAlpha}`, label: null });
    expect(edge('met', ctx()).type).toBe('line');
  });

  it('draws an open relation with an arrow, in the colour of its "other (open)" row, labelled with its phrase', () => {
    expect(edge('hired', ctx({ zoomedIn: true }))).toMatchObject({ type: 'arrow', color: `${OTHER_COLOR}${DEFAULT_SETTINGS.edgeAlpha}`, label: 'hired' });
    expect(edge('away', ctx()).type).toBe('line');
    expect(edge('hired', ctx({ filters: toggleRelation(NO_FILTERS, 'other', false) })).hidden).toBe(true);
    expect(edge('away', ctx({ filters: toggleRelation(NO_FILTERS, 'other', false) })).hidden).toBe(false);
  });

  it('hides edges whose relation or whose end is hidden', () => {
    expect(edge('m1', ctx({ filters: toggleRelation(NO_FILTERS, 'member_of', false) })).hidden).toBe(true);
    expect(edge('loc', ctx({ filters: toggleKind(NO_FILTERS, 'place', false) })).hidden).toBe(true);
    expect(edge('met', ctx({ filters: toggleKind(NO_FILTERS, 'place', false) })).hidden).toBe(false);
  });

  it('labels edges when zoomed in, and the focused node\'s edges always', () => {
    expect(edge('loc', ctx({ zoomedIn: true })).label).toBe('located in');
    const c = ctx({ selection: { type: 'node', key: 'ana' } });
    expect(edge('m1', c)).toMatchObject({ label: 'member of', color: RELATIONS.member_of.color });
    expect(edge('loc', c)).toMatchObject({ label: null, color: DEFAULT_SETTINGS.fadedEdgeColor });
  });

  it('brings a selected edge forward with its label forced', () => {
    const c = ctx({ selection: { type: 'edge', key: 'loc' } });
    expect(edge('loc', c)).toMatchObject({ forceLabel: true, label: 'located in', zIndex: 2 });
    expect(node('council', c).color).toBe(KINDS.organisation.color);
    expect(node('ana', c).color).toBe(DEFAULT_SETTINGS.fadedNodeColor);
  });
});

describe('display objects', () => {
  // Sigma fills in any field a reducer leaves out, one property at a time on every object of every refresh.
  const nodeFields = ['x', 'y', 'label', 'color', 'size', 'hidden', 'highlighted', 'forceLabel', 'zIndex', 'type'];
  const edgeFields = ['type', 'label', 'color', 'size', 'curvature', 'hidden', 'forceLabel', 'zIndex'];

  it('carry every field sigma reads, in one order, whatever the state', () => {
    const states: Partial<ViewState>[] = [
      {}, { hoveredNode: 'ana' }, { selection: { type: 'edge', key: 'loc' } }, { zoomedIn: true },
      { filters: toggleKind(NO_FILTERS, 'place', false) }, { filters: toggleRelation(NO_FILTERS, 'member_of', false) },
    ];
    for (const patch of states) {
      for (const thin of [false, true]) {
        const c = ctx(patch, null, thin);
        graph.forEachNode((key) => expect(Object.keys(node(key, c))).toEqual(nodeFields));
        graph.forEachEdge((key) => expect(Object.keys(edge(key, c))).toEqual(edgeFields));
      }
    }
  });
});

describe('thin edges (large graphs)', () => {
  it('draws every edge as a thin line when nothing is focused', () => {
    const c = ctx({}, null, true);
    graph.forEachEdge((key) => expect(edge(key, c).type).toBe('thin'));
  });

  it('gives the focused node\'s edges back their arrows and keeps the rest thin', () => {
    const c = ctx({ selection: { type: 'node', key: 'ana' } }, null, true);
    expect(edge('m1', c)).toMatchObject({ type: 'arrow', color: RELATIONS.member_of.color });
    expect(edge('met', c).type).toBe('line');
    expect(edge('loc', c)).toMatchObject({ type: 'thin', color: DEFAULT_SETTINGS.fadedEdgeColor });
  });

  it('gives a selected edge its arrow', () => {
    expect(edge('loc', ctx({ selection: { type: 'edge', key: 'loc' } }, null, true)).type).toBe('arrow');
    expect(edge('away', ctx({ selection: { type: 'edge', key: 'loc' } }, null, true)).type).toBe('thin');
  });
});

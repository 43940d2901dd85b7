import { describe, expect, it } from 'vitest';
import { GraphLoadError, normaliseGraph } from '../../viewer/src/logic/normalise.js';
import { nodeSizes, sizesVary } from '../../viewer/src/logic/sizing.js';
import { detectCommunities } from '../../viewer/src/logic/communities.js';
import { DEFAULT_SETTINGS } from '../../viewer/src/settings.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { serializeGraph } from '../../src/graph/io.js';
import { buildGraph } from './helpers.js';

describe('loading graph.json', () => {
  it('keeps every node, edge and attribute of a contract-keeping graph.json', () => {
    const source = syntheticGraph({ nodes: 200, edges: 600, seed: 5 });
    const { graph, warnings } = normaliseGraph(JSON.parse(serializeGraph(source)), 'graph.json');
    expect(warnings).toEqual([]);
    expect(graph.order).toBe(source.order);
    expect(graph.size).toBe(source.size);
    source.forEachNode((key, a) => expect(graph.getNodeAttributes(key)).toMatchObject(a));
    source.forEachEdge((key, a, s, t) => {
      expect(graph.extremities(key)).toEqual([s, t]);
      expect(graph.getEdgeAttributes(key)).toMatchObject({ ...a, directed: true });
    });
  });

  it('fills in what a foreign file lacks and keeps unknown kinds and relations as "other"', () => {
    const { graph, warnings } = normaliseGraph({
      nodes: [{ key: 1, attributes: { kind: 'spaceship', type: 'image' } }, { key: 'b', attributes: { label: 'B', aliases: 'B|Bee', x: 3, y: 4 } }],
      edges: [
        { source: 1, target: 'b', attributes: { relation: 'orbits', evidence: '[{"article":"a","sentence":"1 orbits B.","start":0,"end":11}]', type: 'curve' } },
        { source: 'b', target: 'ghost' },
        { source: 'b', target: 1, undirected: true, attributes: { relation: 'met_with' } },
        { key: 'twice', source: 'b', target: 1, attributes: { relation: 'opposes' } },
        { key: 'twice', source: 1, target: 'b', attributes: { relation: 'supports' } },
      ],
    }, 'other.json');
    expect(warnings).toEqual(['2 edge(s) with a missing end or a duplicate key skipped']);
    expect(graph.size).toBe(3);
    expect(graph.getEdgeAttribute('twice', 'relation')).toBe('opposes');
    expect(graph.getNodeAttributes('1')).toMatchObject({ label: '1', kind: 'other', aliases: [], articles: [] });
    expect(graph.getNodeAttributes('1')).not.toHaveProperty('type');
    expect(graph.getNodeAttributes('b')).toMatchObject({ aliases: ['B', 'Bee'], x: 3, y: 4 });
    const [first, second] = graph.edges();
    expect(graph.getEdgeAttributes(first!)).toMatchObject({ relation: 'other', label: 'other (open)', weight: 1, directed: true });
    expect(graph.getEdgeAttributes(first!).evidence).toEqual([{ article: 'a', sentence: '1 orbits B.', start: 0, end: 11 }]);
    expect(graph.getEdgeAttributes(first!)).not.toHaveProperty('type');
    expect(graph.getEdgeAttributes(second!)).toMatchObject({ relation: 'met_with', label: 'met with', directed: false });
  });

  it('refuses what is not a graph with a message naming the source', () => {
    expect(() => normaliseGraph([], 'x.json')).toThrow(new GraphLoadError('x.json', 'not a graph: not a JSON object'));
    expect(() => normaliseGraph({ nodes: [] }, 'y.json')).toThrow('y.json: not a graph: missing edges');
  });
});

describe('sizes and communities', () => {
  it('sizes by degree when the file sizes are all equal, by the file otherwise', () => {
    const flat = buildGraph([{ key: 'hub' }, { key: 'a' }, { key: 'b' }, { key: 'c' }], [
      { source: 'hub', target: 'a', relation: 'supports' }, { source: 'hub', target: 'b', relation: 'supports' }, { source: 'c', target: 'hub', relation: 'supports' },
    ]);
    expect(sizesVary(flat)).toBe(false);
    const sizes = nodeSizes(flat, DEFAULT_SETTINGS);
    expect(sizes.get('hub')).toBe(DEFAULT_SETTINGS.maxNodeSize);
    expect(sizes.get('a')).toBeLessThan(sizes.get('hub')!);
    const varied = buildGraph([{ key: 'x', size: 4 }, { key: 'y', size: 9 }], []);
    expect([...nodeSizes(varied, DEFAULT_SETTINGS).values()]).toEqual([4, 9]);
  });

  it('finds the two halves of a barbell graph, the same way every time', () => {
    const left = ['a', 'b', 'c', 'd'];
    const right = ['w', 'x', 'y', 'z'];
    const edges = [];
    for (const side of [left, right]) for (const s of side) for (const t of side) if (s < t) edges.push({ source: s, target: t, relation: 'met_with' });
    edges.push({ source: 'd', target: 'w', relation: 'met_with' });
    const graph = buildGraph([...left, ...right].map((key) => ({ key })), edges);
    const one = detectCommunities(graph, 42);
    const two = detectCommunities(graph, 42);
    expect([...one.membership]).toEqual([...two.membership]);
    expect(one.sizes).toEqual([4, 4]);
    expect(new Set(left.map((k) => one.membership.get(k))).size).toBe(1);
    expect(one.membership.get('a')).not.toBe(one.membership.get('z'));
    expect(one.colors.get('a')).not.toBe(one.colors.get('z'));
  });
});

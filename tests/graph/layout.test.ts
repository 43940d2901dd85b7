import { describe, expect, it } from 'vitest';
import { autoIterations, layout } from '../../src/graph/layout.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import type { NewsGraph } from '../../src/graph/io.js';

const positionsOf = (graph: NewsGraph) => {
  const out: Record<string, { x: number; y: number }> = {};
  graph.forEachNode((key, a) => { out[key] = { x: a.x, y: a.y }; });
  return out;
};

describe('layout', () => {
  it('layout() leaves the graph as it is, and layout.assign writes exactly what layout() returns', () => {
    const graph = syntheticGraph({ nodes: 300, edges: 900, seed: 3 });
    const before = positionsOf(graph);
    const positions = layout(graph, { seed: 7 });
    expect(positionsOf(graph)).toEqual(before);
    expect(Object.keys(positions).sort()).toEqual(graph.nodes().sort());
    // Spread out: a layout that left nodes where they were, or piled them up, would not be.
    expect(new Set(Object.values(positions).map((p) => `${p.x},${p.y}`)).size).toBe(graph.order);

    layout.assign(graph, { seed: 7 });
    expect(positionsOf(graph)).toEqual(positions);
  });

  it('the same graph and seed give the same positions; another seed gives others', () => {
    const a = layout(syntheticGraph({ nodes: 200, edges: 500, seed: 4 }), { seed: 1 });
    const b = layout(syntheticGraph({ nodes: 200, edges: 500, seed: 4 }), { seed: 1 });
    const c = layout(syntheticGraph({ nodes: 200, edges: 500, seed: 4 }), { seed: 2 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('continues from earlier positions: known nodes stay, a new node lands near its neighbours', () => {
    const graph = syntheticGraph({ nodes: 200, edges: 600, seed: 5 });
    const previous = new Map(Object.entries(layout(graph, { seed: 1 })));
    const newcomer = 'person:new arrival';
    const [a, b] = graph.nodes();
    graph.addNode(newcomer, { ...graph.getNodeAttributes(a!), label: 'New Arrival', aliases: ['New Arrival'] });
    graph.addDirectedEdgeWithKey(`${newcomer}->related_to->${a}`, newcomer, a!, { ...graph.getEdgeAttributes(graph.edges()[0]!) });
    graph.addDirectedEdgeWithKey(`${newcomer}->related_to->${b}`, newcomer, b!, { ...graph.getEdgeAttributes(graph.edges()[0]!) });

    layout.assign(graph, { seed: 1, previous });
    for (const [key, p] of previous) expect(graph.getNodeAttributes(key)).toMatchObject(p);
    const placed = graph.getNodeAttributes(newcomer);
    const pa = previous.get(a!)!;
    const pb = previous.get(b!)!;
    const spread = Math.max(...[...previous.values()].flatMap((p) => [Math.abs(p.x), Math.abs(p.y)]));
    expect(Math.hypot(placed.x - (pa.x + pb.x) / 2, placed.y - (pa.y + pb.y) / 2)).toBeLessThanOrEqual(spread * 0.02 * Math.SQRT2 + 0.01);
  });

  it('lays out afresh when too few nodes have an earlier position', () => {
    const graph = syntheticGraph({ nodes: 100, edges: 300, seed: 6 });
    const fresh = layout(graph, { seed: 1 });
    const stale = new Map(graph.nodes().slice(0, 50).map((k) => [k, { x: 1e6, y: 1e6 }]));
    expect(layout(graph, { seed: 1, previous: stale })).toEqual(fresh);
  });

  it('spends fewer iterations as the graph grows, within 1 to 500', () => {
    expect(autoIterations({ order: 10, size: 20 })).toBe(500);
    const mid = autoIterations({ order: 5_000, size: 20_000 });
    expect(mid).toBeGreaterThan(1);
    expect(mid).toBeLessThan(500);
    expect(autoIterations({ order: 100_000, size: 500_000 })).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { degreeOfSize, edgeSize, nodeSize, style, STYLE_DEFAULTS } from '../../src/graph/style.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { KINDS } from '../../src/schema/index.js';

describe('style', () => {
  it('sizes grow with degree and weight, from the minimum to the maximum, and stop there', () => {
    const o = STYLE_DEFAULTS;
    expect(nodeSize(0)).toBe(o.minNodeSize);
    expect(nodeSize(1)).toBeGreaterThan(o.minNodeSize);
    expect(nodeSize(10)).toBeGreaterThan(nodeSize(2));
    expect(nodeSize(o.fullSizeDegree)).toBe(o.maxNodeSize);
    expect(nodeSize(o.fullSizeDegree * 50)).toBe(o.maxNodeSize);
    expect(edgeSize(1)).toBe(o.minEdgeSize);
    expect(edgeSize(3)).toBeGreaterThan(edgeSize(2));
    expect(edgeSize(o.fullSizeWeight)).toBe(o.maxEdgeSize);
    expect(edgeSize(10_000)).toBe(o.maxEdgeSize);
  });

  it('a size below full size tells its degree back; at full size, or where sizes crowd, it tells nothing', () => {
    for (let d = 0; d < STYLE_DEFAULTS.fullSizeDegree; d++) expect(degreeOfSize(nodeSize(d))).toBe(d);
    expect(degreeOfSize(nodeSize(STYLE_DEFAULTS.fullSizeDegree))).toBeUndefined();
    expect(degreeOfSize(nodeSize(5000))).toBeUndefined();
    // Ten thousand degrees on a scale of one unit: most sizes are shared, and none may give a wrong degree.
    const crowded = { ...STYLE_DEFAULTS, fullSizeDegree: 10_000, maxNodeSize: 5 };
    const told = [];
    for (let d = 0; d < 10_000; d += 7) {
      const back = degreeOfSize(nodeSize(d, crowded), crowded);
      if (back !== undefined) told.push([d, back]);
    }
    expect(told.length).toBeGreaterThan(0);
    expect(told.every(([d, back]) => d === back)).toBe(true);
  });

  it('a node keeps its size when another part of the graph grows', () => {
    const graph = syntheticGraph({ nodes: 60, edges: 150, seed: 2 });
    style(graph);
    const [a, b] = graph.nodes();
    const sizeOfA = graph.getNodeAttribute(a!, 'size');
    const template = graph.getEdgeAttributes(graph.edges()[0]!);
    // b becomes by far the biggest hub; a is not touched.
    for (let i = 0; i < 400; i++) {
      const key = `hub-${i}`;
      graph.addNode(key, { ...graph.getNodeAttributes(b!), label: key });
      if (!graph.hasEdge(b!, key)) graph.addDirectedEdgeWithKey(`${b}->related_to->${key}`, b!, key, { ...template });
    }
    style(graph);
    expect(graph.getNodeAttribute(a!, 'size')).toBe(sizeOfA);
    expect(graph.getNodeAttribute(b!, 'size')).toBe(STYLE_DEFAULTS.maxNodeSize);
  });

  it('colours each node by its kind and honours the options', () => {
    const graph = syntheticGraph({ nodes: 30, edges: 60, seed: 9 });
    style(graph, { minNodeSize: 1, maxNodeSize: 2, fullSizeDegree: 1 });
    graph.forEachNode((key, attrs) => {
      expect(attrs.color).toBe(KINDS[attrs.kind].color);
      expect(attrs.size).toBe(graph.degree(key) ? 2 : 1);
    });
  });
});

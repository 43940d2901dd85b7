import { beforeAll, describe, expect, it } from 'vitest';
import { parallelEdgeSlots, parallelSlotOf } from '../../viewer/src/logic/parallel-edges.js';
import { edgeShape, parallelCurvature } from '../../viewer/src/logic/reducers.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { normaliseGraph } from '../../viewer/src/logic/normalise.js';
import { buildGraph } from './helpers.js';

type IndexFn = (graph: unknown, options?: Record<string, string>) => void;
let indexParallelEdgesIndex: IndexFn;

beforeAll(async () => {
  // @sigma/edge-curve reads WebGL constants when it loads; any numbers do for its pure indexing helper.
  const g = globalThis as Record<string, unknown>;
  g.WebGL2RenderingContext ??= new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? k.length : 0) });
  g.WebGLRenderingContext ??= g.WebGL2RenderingContext;
  ({ indexParallelEdgesIndex } = (await import('@sigma/edge-curve')) as unknown as { indexParallelEdgesIndex: IndexFn });
});

describe('parallel edge slots', () => {
  it('agrees with @sigma/edge-curve indexParallelEdgesIndex on a graph full of parallel and opposite edges', () => {
    const data = JSON.parse(JSON.stringify(syntheticGraph({ nodes: 40, edges: 600, seed: 3 }).export()));
    const graph = normaliseGraph(data, 'synthetic').graph;
    const slots = parallelEdgeSlots(graph);
    const copy = graph.copy();
    indexParallelEdgesIndex(copy);
    let curved = 0;
    copy.forEachEdge((edge, attrs) => {
      const a = attrs as unknown as { parallelIndex?: number | null; parallelMaxIndex?: number | null };
      const index = a.parallelIndex;
      const max = a.parallelMaxIndex;
      const slot = slots.get(edge);
      if (index === null || index === undefined) {
        expect(slot, edge).toBeUndefined();
      } else {
        expect(slot, edge).toEqual({ index, max });
        if (index !== 0) curved++;
      }
    });
    expect(curved).toBeGreaterThan(20);
    // One edge at a time, as a large graph works it out: the same slots.
    graph.forEachEdge((edge) => expect(parallelSlotOf(graph, edge), edge).toEqual(slots.get(edge)));
  });

  it('draws lone edges straight, opposite pairs and same-way bundles curved apart', () => {
    const graph = buildGraph([{ key: 'a' }, { key: 'b' }, { key: 'c' }], [
      { key: 'lone', source: 'a', target: 'c', relation: 'opposes' },
      { key: 'ab', source: 'a', target: 'b', relation: 'supports' },
      { key: 'ba', source: 'b', target: 'a', relation: 'opposes' },
      { key: 'bc1', source: 'b', target: 'c', relation: 'supports' },
      { key: 'bc2', source: 'b', target: 'c', relation: 'opposes' },
      { key: 'bc3', source: 'b', target: 'c', relation: 'called_on' },
    ]);
    const slots = parallelEdgeSlots(graph);
    const shape = (key: string) => edgeShape(graph.getEdgeAttributes(key), slots.get(key));
    expect(shape('lone')).toEqual({ type: 'arrow' });
    expect(shape('ab').type).toBe('curvedArrow');
    expect(shape('ba').type).toBe('curvedArrow');
    expect(shape('bc2')).toEqual({ type: 'arrow' });
    expect(shape('bc1').curvature).toBeCloseTo(-shape('bc3').curvature!, 10);
    expect(shape('bc1').curvature).not.toBe(0);
  });

  it('spreads curvature with the number of parallels and keeps it bounded', () => {
    expect(parallelCurvature(0, 3)).toBe(0);
    expect(parallelCurvature(-1, 1)).toBe(-parallelCurvature(1, 1));
    expect(parallelCurvature(3, 3)).toBeGreaterThan(parallelCurvature(1, 3));
    expect(parallelCurvature(50, 50)).toBeLessThan(1);
  });
});

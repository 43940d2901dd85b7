/**
 * A corpus build styles, lays out and writes the graph's draft without a graphology graph (src/graph/draft.ts): each
 * step must give on the draft exactly what it gives on the graph made of the draft.
 */
import { describe, expect, it } from 'vitest';
import { graphOfDraft } from '../../src/graph/build.js';
import { DraftView, draftOf, type GraphDraft } from '../../src/graph/draft.js';
import { serializeDraftPieces, serializeGraph, type NewsGraph } from '../../src/graph/io.js';
import { layout } from '../../src/graph/layout.js';
import { assignLayoutInThread } from '../../src/graph/layout-thread.js';
import { style } from '../../src/graph/style.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';

/** A draft and an independent copy of it (attribute objects included), so each side can be laid out on its own. */
function twoDrafts(nodes: number, edges: number, seed: number): [GraphDraft, GraphDraft] {
  const draft = draftOf(syntheticGraph({ nodes, edges, seed }));
  return [draft, structuredClone(draft)];
}

const text = (draft: GraphDraft) => [...serializeDraftPieces(draft)].join('');
const placed = (graph: NewsGraph) => {
  const out: Record<string, [number, number, number]> = {};
  graph.forEachNode((key, a) => { out[key] = [a.x, a.y, a.size]; });
  return out;
};
const placedDraft = (draft: GraphDraft) => Object.fromEntries(draft.nodes.map((n) => [n.key, [n.attributes.x, n.attributes.y, n.attributes.size]]));

describe('graph drafts', () => {
  it('a draft and the graph made of it write the same bytes, in key order whatever order the graph was built in', () => {
    const graph = syntheticGraph({ nodes: 120, edges: 300, seed: 3 });
    const draft = draftOf(graph);
    expect(draft.nodes.map((n) => n.key)).toEqual(graph.nodes().sort());
    expect(text(draft)).toBe(serializeGraph(graph));
    expect(serializeGraph(graphOfDraft(draft))).toBe(serializeGraph(graph));
  });

  it('the view counts degrees and neighbours as graphology does, parallel edges and both directions included', () => {
    const [draft] = twoDrafts(200, 900, 6);
    const graph = graphOfDraft(draft);
    const view = new DraftView(draft);
    let parallel = 0;
    graph.forEachNode((key) => {
      expect(view.degree(key)).toBe(graph.degree(key));
      expect(view.neighbors(key).sort()).toEqual(graph.neighbors(key).sort());
      if (graph.degree(key) > graph.neighbors(key).length) parallel++;
    });
    expect(parallel).toBeGreaterThan(0);
    expect(view.degree('no such node')).toBe(0);
    expect(view.neighbors('no such node')).toEqual([]);
  });

  it('style and a fresh layout place every node on the view where they do on the graph, noverlap included', () => {
    for (const [nodes, edges, seed] of [[300, 900, 3], [40, 60, 8]] as const) {
      const [a, b] = twoDrafts(nodes, edges, seed);
      const graph = graphOfDraft(a);
      style(graph);
      layout.assign(graph, { seed: 5 });
      const view = new DraftView(b);
      style(view);
      layout.assign(view, { seed: 5 });
      expect(placedDraft(b)).toEqual(placed(graph));
      expect(text(b)).toBe(serializeGraph(graph));
    }
  });

  it('a layout in a worker thread, and one that continues the last, place the view\'s nodes as on the graph', async () => {
    const [a, b] = twoDrafts(400, 1500, 9);
    const graph = graphOfDraft(a);
    const view = new DraftView(b);
    await assignLayoutInThread(graph, { seed: 2, threadMinNodes: 0 });
    const pending = assignLayoutInThread(view, { seed: 2, threadMinNodes: 0 });
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(placedDraft(b)).toEqual(placed(graph));

    // An earlier layout that misses a few nodes: they go to the middle of their placed neighbours.
    const previous = new Map(a.nodes.slice(0, 380).map((n) => [n.key, { x: n.attributes.x * 2, y: n.attributes.y }]));
    layout.assign(graph, { seed: 2, previous });
    layout.assign(view, { seed: 2, previous });
    expect(placedDraft(b)).toEqual(placed(graph));
    expect(a.nodes[0]!.attributes.x).toBe(previous.get(a.nodes[0]!.key)!.x);
  }, 30_000);
});

/**
 * The layout with ForceAtlas2 in a worker thread (src/graph/layout-thread.ts) must place every node exactly where
 * layout.assign does, and a graph written with its edge lines written ahead must be the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assignLayoutInThread } from '../../src/graph/layout-thread.js';
import { layout } from '../../src/graph/layout.js';
import { writeDraft, writeEdgeLines, writeGraph, type NewsGraph } from '../../src/graph/io.js';
import { draftOf } from '../../src/graph/draft.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

const positionsOf = (graph: NewsGraph) => {
  const out: Record<string, [number, number]> = {};
  graph.forEachNode((key, a) => { out[key] = [a.x, a.y]; });
  return out;
};

describe('layout in a worker thread', () => {
  it('places every node where layout.assign does, noverlap included', async () => {
    for (const [nodes, edges, seed] of [[300, 900, 3], [40, 60, 8]] as const) {
      const here = syntheticGraph({ nodes, edges, seed });
      const there = syntheticGraph({ nodes, edges, seed });
      layout.assign(here, { seed: 5 });
      const pending = assignLayoutInThread(there, { seed: 5, threadMinNodes: 0 });
      expect(pending).toBeInstanceOf(Promise);
      await pending;
      expect(positionsOf(there)).toEqual(positionsOf(here));
    }
  }, 30_000);

  it('lays out here, and returns nothing to wait for, below threadMinNodes or when it continues the last layout', () => {
    const graph = syntheticGraph({ nodes: 100, edges: 300, seed: 2 });
    const fresh = syntheticGraph({ nodes: 100, edges: 300, seed: 2 });
    layout.assign(fresh, { seed: 1 });
    expect(assignLayoutInThread(graph, { seed: 1, threadMinNodes: 101 })).toBeUndefined();
    expect(positionsOf(graph)).toEqual(positionsOf(fresh));
    const previous = new Map(Object.entries(positionsOf(graph)).map(([k, [x, y]]) => [k, { x: x + 1, y }]));
    expect(assignLayoutInThread(graph, { seed: 1, threadMinNodes: 0, previous })).toBeUndefined();
    graph.forEachNode((key, a) => expect(a.x).toBe(previous.get(key)!.x));
  });

  it('a graph written with its edge lines written ahead is the same bytes, and the lines\' file is removed', () => {
    const graph = syntheticGraph({ nodes: 2000, edges: 9000, seed: 4 });
    const dir = tmp();
    writeGraph(graph, join(dir, 'plain.json'));
    const out = join(dir, 'graph.json');
    const lines = writeEdgeLines(draftOf(graph), out);
    expect(readdirSync(dir).filter((f) => f.endsWith('.edges.tmp'))).toHaveLength(1);
    writeDraft(draftOf(graph), out, lines);
    lines.dispose();
    expect(readFileSync(out).equals(readFileSync(join(dir, 'plain.json')))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['graph.json', 'plain.json']);
    expect(existsSync(out)).toBe(true);
  });

  it('edge lines left by a build that was killed are removed by the next write of the graph', () => {
    const graph = syntheticGraph({ nodes: 50, edges: 100, seed: 5 });
    const dir = tmp();
    const out = join(dir, 'graph.json');
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: never a running process
    writeFileSync(join(dir, `.graph.json.${dead}.edges.tmp`), 'half');
    const lines = writeEdgeLines(draftOf(graph), out);
    writeDraft(draftOf(graph), out, lines);
    lines.dispose();
    expect(readdirSync(dir)).toEqual(['graph.json']);
  });
});

import { describe, expect, it } from 'vitest';
import { path } from '../../src/query/index.js';
import type { NewsGraph } from '../../src/graph/io.js';
import { syntheticGraph, seededRandom } from '../../bench/lib/synthetic-graph.js';
import { smallNewsGraph } from '../helpers/sample-graphs.js';

const graph = smallNewsGraph();

/** Plain breadth-first search from one side: the reference for path lengths. */
function referenceDistance(g: NewsGraph, s: string, t: string, direction: 'out' | 'both'): number | null {
  const dist = new Map([[s, 0]]);
  let frontier = [s];
  while (frontier.length) {
    const next: string[] = [];
    for (const u of frontier) {
      const around = direction === 'out' ? g.outNeighbors(u) : g.neighbors(u);
      const symmetric = direction === 'out' ? g.inEdges(u).filter((e) => ['met_with', 'related_to'].includes(g.getEdgeAttribute(e, 'relation'))).map((e) => g.source(e)) : [];
      for (const v of [...around, ...symmetric]) {
        if (dist.has(v)) continue;
        dist.set(v, dist.get(u)! + 1);
        if (v === t) return dist.get(v)!;
        next.push(v);
      }
    }
    frontier = next;
  }
  return s === t ? 0 : null;
}

describe('path', () => {
  it('finds the shortest chain, walking edges both ways by default, with each hop\'s direction', () => {
    const r = path(graph, 'Tomas Lindqvist', 'Port Authority')!;
    expect(r.length).toBe(2);
    expect(r.nodes.map((n) => n.label)).toEqual(['Tomas Lindqvist', 'Valmora', 'Port Authority']);
    expect(r.hops.map((h) => [h.edge.relation, h.reversed])).toEqual([['leads', false], ['located_in', true]]);
    expect(r.hops[1]!.edge.evidence[0]!.sentence).toBe('The Port Authority, based in Valmora, rejected calls for an inquiry.');
    // Two shortest paths of 3 exist here; either way the first hop is the meeting, walked against its stored direction.
    const letter = path(graph, 'Tomas Lindqvist', 'open letter')!;
    expect(letter.length).toBe(3);
    expect(letter.nodes[1]!.label).toBe('Ana Ferreira');
    expect([letter.hops[0]!.edge.relation, letter.hops[0]!.reversed]).toEqual(['met_with', true]);
    for (const [i, h] of letter.hops.entries()) {
      expect(h.from).toBe(letter.nodes[i]!.key);
      expect(h.to).toBe(letter.nodes[i + 1]!.key);
      expect(h.reversed ? [h.edge.target, h.edge.source] : [h.edge.source, h.edge.target]).toEqual([h.from, h.to]);
    }
  });

  it('respects direction and relation filters', () => {
    expect(path(graph, 'dock workers', 'public inquiry into the port closure', { direction: 'out' })!.nodes.map((n) => n.label))
      .toEqual(['dock workers', 'open letter', 'public inquiry into the port closure']);
    expect(path(graph, 'public inquiry into the port closure', 'dock workers', { direction: 'out' })).toBeNull();
    expect(path(graph, 'public inquiry into the port closure', 'dock workers', { direction: 'in' })!.length).toBe(2);
    expect(path(graph, 'Ana Ferreira', 'Valmora', { relations: ['leads', 'met_with'] })!.nodes.map((n) => n.label))
      .toEqual(['Ana Ferreira', 'Tomas Lindqvist', 'Valmora']);
  });

  it('returns null when nothing links the two within maxDepth, and a zero-length path from a node to itself', () => {
    expect(path(graph, 'Elena Ruiz', 'Ana Ferreira')).toBeNull();
    expect(path(graph, 'Tomas Lindqvist', 'open letter', { maxDepth: 2 })).toBeNull();
    expect(path(graph, 'Tomas Lindqvist', 'open letter', { maxDepth: 3 })!.length).toBe(3);
    const self = path(graph, 'Valmora', 'Valmora')!;
    expect(self.length).toBe(0);
    expect(self.hops).toEqual([]);
    expect(() => path(graph, 'Valmora', 'Ana', { maxDepth: 0 })).toThrow(/maxDepth/);
  });

  it('agrees with a plain breadth-first search on a synthetic graph', () => {
    const g = syntheticGraph({ nodes: 1500, edges: 3000, seed: 21 });
    const keys = g.nodes();
    const rand = seededRandom(3);
    let compared = 0;
    for (let i = 0; i < 120; i++) {
      const s = keys[Math.floor(rand() * keys.length)]!;
      const t = keys[Math.floor(rand() * keys.length)]!;
      for (const direction of ['both', 'out'] as const) {
        const expected = referenceDistance(g, s, t, direction);
        const found = path(g, s, t, { direction, maxDepth: 30 });
        expect(found?.length ?? null, `${s} → ${t} (${direction})`).toBe(expected);
        if (found) {
          compared++;
          for (const h of found.hops) expect(g.hasEdge(h.edge.key)).toBe(true);
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

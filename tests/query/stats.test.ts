import { describe, expect, it } from 'vitest';
import { stats } from '../../src/query/index.js';
import { ENTITY_KINDS, RELATION_IDS } from '../../src/schema/index.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { smallNewsGraph } from '../helpers/sample-graphs.js';

describe('stats', () => {
  it('counts entities by kind (articles apart), edges by relation, evidence and articles', () => {
    const s = stats(smallNewsGraph());
    expect(s).toMatchObject({ nodes: 16, edges: 16, entities: 14, evidence: 18 });
    expect(s.byKind).toEqual({ person: 4, organisation: 4, group: 1, place: 2, event: 2, document: 1 });
    expect(s.byRelation).toMatchObject({ called_for: 2, leads: 2, reported_by: 2, met_with: 1, related_to: 0 });
    expect(Object.keys(s.byRelation)).toEqual([...RELATION_IDS]);
    expect(s.articles).toEqual({
      count: 2, firstDate: '2023-03-01', lastDate: '2023-03-09',
      publishers: [{ publisher: 'Coastal Herald', articles: 1 }, { publisher: 'Valmora Post', articles: 1 }],
    });
    expect(s.graph).toMatchObject({ generator: 'tests', articleCount: 2 });
  });

  it('ranks the best-connected entities by degree, never articles', () => {
    const s = stats(smallNewsGraph(), { top: 3 });
    expect(s.topByDegree.map((d) => [d.node.label, d.degree])).toEqual([
      ['Harbour Workers Union', 5], ['Ana Ferreira', 4], ['Valmora', 3],
    ]);
    expect(s.topByDegree[0]).toMatchObject({ outDegree: 2, inDegree: 3 });
  });

  it('adds up on a larger graph', () => {
    const g = syntheticGraph({ nodes: 500, edges: 1500, seed: 2 });
    const s = stats(g, { top: 5 });
    expect(ENTITY_KINDS.reduce((n, k) => n + s.byKind[k], 0)).toBe(s.entities);
    expect(RELATION_IDS.reduce((n, r) => n + s.byRelation[r], 0)).toBe(g.size);
    expect(s.topByDegree[0]!.degree).toBe(Math.max(...g.nodes().map((k) => g.degree(k))));
  });
});

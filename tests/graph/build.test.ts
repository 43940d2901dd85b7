import { describe, expect, it } from 'vitest';
import { collectEdges, nodeOfLists, nodeOfMap } from '../../src/graph/build.js';
import type { LocalRelation } from '../../src/schema/index.js';

const relation = (source: string, target: string, start: number): LocalRelation => ({
  source, relation: 'supports', target, confidence: 0.8,
  evidence: { sentence: `sentence at ${start}`, start, end: start + 10, sentenceStart: start },
});

// Two articles whose local ids overlap ("e1" is a different thing in each) and whose entities come in other orders.
const articles = [
  { article: { id: 'a' }, entities: [{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }], relations: [relation('e1', 'e2', 0), relation('e3', 'e2', 20)] },
  { article: { id: 'b' }, entities: [{ id: 'e2' }, { id: 'e1' }], relations: [relation('e2', 'e1', 5), relation('e1', 'e9', 30)] },
];
const nodes: Record<string, string[]> = {
  a: ['person:ana', 'organisation:union', 'person:tomas'],
  b: ['person:ana', 'organisation:union'],
};
const keyOf = new Map(Object.entries(nodes).flatMap(([id, list]) => {
  const x = articles.find((a) => a.article.id === id)!;
  return list.map((node, i) => [`${id}#${x.entities[i]!.id}`, node] as [string, string]);
}));

describe('nodeOfLists', () => {
  it('gives each local entity the node at its place in the article', () => {
    const nodeOf = nodeOfLists(articles, (id) => nodes[id] ?? []);
    expect(nodeOf('a', 'e1')).toBe('person:ana');
    expect(nodeOf('b', 'e1')).toBe('organisation:union');
    // Asked out of article order, it still answers for the article asked about.
    expect(nodeOf('a', 'e3')).toBe('person:tomas');
    expect(nodeOf('b', 'e2')).toBe('person:ana');
    expect(nodeOf('b', 'e9')).toBeUndefined();
    expect(nodeOf('c', 'e1')).toBeUndefined();
  });

  it('gathers the same edges as the corpus-wide map', () => {
    const byLists = collectEdges(articles, nodeOfLists(articles, (id) => nodes[id] ?? []));
    const byMap = collectEdges(articles, nodeOfMap(keyOf));
    expect([...byLists.keys()].sort()).toEqual([...byMap.keys()].sort());
    expect([...byLists.keys()].sort()).toEqual(['person:ana->supports->organisation:union', 'person:tomas->supports->organisation:union']);
    // b's e2 → e1 is a's e1 → e2 under other local ids: one edge, cited by both articles.
    expect(byLists.get('person:ana->supports->organisation:union')!.evidence.map((e) => e.article)).toEqual(['a', 'b']);
  });
});

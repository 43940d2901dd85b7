import { describe, expect, it } from 'vitest';
import { collectEdges, nodeOfMap } from '../../src/graph/build.js';
import { resolveCorpus } from '../../src/resolve/corpus.js';
import type { EntityKind, LocalEntity, LocalRelation } from '../../src/schema/index.js';

const relation = (source: string, target: string, start: number): LocalRelation => ({
  source, relation: 'supports', target, confidence: 0.8,
  evidence: { sentence: `sentence at ${start}`, start, end: start + 10, sentenceStart: start },
});
const entity = (id: string, kind: EntityKind, label: string): LocalEntity => ({ id, kind, label, aliases: [label], mentions: [0], origin: 'name', attrs: {} });

// Two articles whose local ids overlap ("e1" is a different thing in each) and whose entities come in other orders.
const articles = [
  {
    article: { id: 'a' }, entities: [entity('e1', 'person', 'Ana Diaz'), entity('e2', 'organisation', 'Dock Workers Union'), entity('e3', 'person', 'Tomas Berg')],
    relations: [relation('e1', 'e2', 0), relation('e3', 'e2', 20)],
  },
  {
    article: { id: 'b' }, entities: [entity('e2', 'person', 'Ana Diaz'), entity('e1', 'organisation', 'Dock Workers Union')],
    relations: [relation('e2', 'e1', 5), relation('e1', 'e9', 30)],
  },
];

describe("the resolution's nodeOf, which edges are gathered with", () => {
  const resolution = resolveCorpus(articles);

  it('gives each local entity the node it was merged into, whatever its local id', () => {
    const { nodeOf } = resolution;
    expect(nodeOf('a', 'e1')).toBe('person:ana diaz');
    expect(nodeOf('b', 'e1')).toBe('organisation:dock workers union');
    // Asked out of article order, it still answers for the article asked about.
    expect(nodeOf('a', 'e3')).toBe('person:tomas berg');
    expect(nodeOf('b', 'e2')).toBe('person:ana diaz');
    expect(nodeOf('b', 'e9')).toBeUndefined();
    expect(nodeOf('c', 'e1')).toBeUndefined();
  });

  it('gathers the same edges as the corpus-wide map', () => {
    const byTable = collectEdges(articles, resolution.nodeOf);
    const byMap = collectEdges(articles, nodeOfMap(resolution.keyOf));
    expect([...byTable.keys()].sort()).toEqual([...byMap.keys()].sort());
    expect([...byTable.keys()].sort()).toEqual(['person:ana diaz->supports->organisation:dock workers union', 'person:tomas berg->supports->organisation:dock workers union']);
    // b's e2 → e1 is a's e1 → e2 under other local ids: one edge, cited by both articles.
    expect(byTable.get('person:ana diaz->supports->organisation:dock workers union')!.evidence.map((e) => e.article)).toEqual(['a', 'b']);
  });
});

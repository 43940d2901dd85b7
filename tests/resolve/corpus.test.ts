import { describe, expect, it } from 'vitest';
import { resolveCorpus } from '../../src/resolve/corpus.js';
import type { ArticleExtraction, EntityKind, LocalEntity } from '../../src/schema/index.js';

type E = [id: string, kind: EntityKind, label: string, aliases?: string[], origin?: LocalEntity['origin']];

function article(id: string, entities: E[]): ArticleExtraction {
  return {
    article: { id, file: `${id}.txt`, bodyHash: id, bodyLength: 1 },
    mentions: [],
    entities: entities.map(([eid, kind, label, aliases = [], origin = 'name']) => ({ id: eid, kind, label, aliases: [label, ...aliases], mentions: [0], origin, attrs: {} })),
    relations: [],
    extractorVersion: 'test',
  };
}

const keyOf = (r: ReturnType<typeof resolveCorpus>, ref: string) => r.keyOf.get(ref);

describe('merging across articles', () => {
  it('"Maryam Rajavi" in one article and "Mrs Rajavi" in another are one person in both articles', () => {
    const r = resolveCorpus([article('a', [['e1', 'person', 'Maryam Rajavi']]), article('b', [['e1', 'person', 'Mrs Rajavi']])]);
    expect(keyOf(r, 'a#e1')).toBe(keyOf(r, 'b#e1'));
    const node = r.entities.find((e) => e.key === keyOf(r, 'a#e1'))!;
    expect(node).toMatchObject({ label: 'Maryam Rajavi', articles: ['a', 'b'] });
    expect(node.aliases).toEqual(['Maryam Rajavi', 'Mrs Rajavi']);
    expect(r.log).toEqual([{ into: node.key, merged: ['a: Maryam Rajavi', 'b: Mrs Rajavi'], reason: 'surname "Mrs Rajavi" has one full name in the corpus' }]);
  });

  it('"UN" and "United Nations" merge', () => {
    const r = resolveCorpus([article('a', [['e1', 'organisation', 'United Nations']]), article('b', [['e1', 'organisation', 'UN']])]);
    expect(keyOf(r, 'a#e1')).toBe(keyOf(r, 'b#e1'));
  });

  it('two different people who share a surname stay apart, and a bare surname between them merges with neither', () => {
    const r = resolveCorpus([
      article('a', [['e1', 'person', 'John Smith']]),
      article('b', [['e1', 'person', 'Mary Smith']]),
      article('c', [['e1', 'person', 'Smith']]),
    ]);
    expect(new Set([keyOf(r, 'a#e1'), keyOf(r, 'b#e1'), keyOf(r, 'c#e1')]).size).toBe(3);
  });

  it('generic descriptions stay in their article; distinctive ones merge', () => {
    const r = resolveCorpus([
      article('a', [['e1', 'document', 'statement', [], 'description'], ['e2', 'event', '1988 Iranian massacre', [], 'description']]),
      article('b', [['e1', 'document', 'statement', [], 'description'], ['e2', 'event', '1988 Iranian massacre', [], 'description']]),
    ]);
    expect(keyOf(r, 'a#e1')).not.toBe(keyOf(r, 'b#e1'));
    expect(keyOf(r, 'a#e2')).toBe(keyOf(r, 'b#e2'));
  });

  it('conflicting kinds settle by majority and keep the votes', () => {
    const r = resolveCorpus([
      article('a', [['e1', 'organisation', 'Jordan Valley Authority']]),
      article('b', [['e1', 'organisation', 'Jordan Valley Authority']]),
      article('c', [['e1', 'place', 'Jordan Valley Authority']]),
    ]);
    const node = r.entities.find((e) => e.key === keyOf(r, 'c#e1'))!;
    expect(node.kind).toBe('organisation');
    expect(node.kindVotes).toEqual({ organisation: 2, place: 1 });
  });

  it('obeys sameAs and notSameAs from the settings', () => {
    const articles = [article('a', [['e1', 'organisation', 'Foreign Office']]), article('b', [['e1', 'organisation', 'FCO']]),
      article('c', [['e1', 'person', 'Ana Diaz']]), article('d', [['e1', 'person', 'Ana Diaz']])];
    const r = resolveCorpus(articles, { sameAs: [['Foreign Office', 'FCO']], notSameAs: [['Ana Diaz', 'Ana Diaz']] });
    expect(keyOf(r, 'a#e1')).toBe(keyOf(r, 'b#e1'));
    expect(keyOf(r, 'c#e1')).not.toBe(keyOf(r, 'd#e1'));
    expect(r.log.find((d) => d.merged.includes('b: FCO'))!.reason).toMatch(/sameAs/);
  });

  it('gives every node a distinct, stable key', () => {
    const input = [article('b', [['e1', 'person', 'Ana Diaz']]), article('a', [['e1', 'place', 'Ana Diaz'], ['e2', 'person', 'Bo Li']])];
    const r1 = resolveCorpus(input);
    const r2 = resolveCorpus(input);
    expect(r1.entities.map((e) => e.key)).toEqual(r2.entities.map((e) => e.key));
    expect(new Set(r1.entities.map((e) => e.key)).size).toBe(r1.entities.length);
  });
});

import { describe, expect, it } from 'vitest';
import { findEntity, resolveEntity, requireEntity, EntityLookupError } from '../../src/query/index.js';
import { NewsgraphError } from '../../src/errors.js';
import { smallNewsGraph } from '../helpers/sample-graphs.js';

const graph = smallNewsGraph();
const labels = (name: string, options = {}) => findEntity(graph, name, options).map((m) => m.node.label);

describe('findEntity', () => {
  it('finds a node by its key, then by exact label, ignoring case, accents and punctuation', () => {
    expect(findEntity(graph, 'person:ana ferreira')[0]).toMatchObject({ match: 'key', score: 1 });
    const [m] = findEntity(graph, 'ana FERREIRA');
    expect(m).toMatchObject({ match: 'label', score: 1, matched: 'Ana Ferreira' });
    expect(m!.node).toMatchObject({ key: 'person:ana ferreira', kind: 'person', mentions: 5 });
    expect(m!.why).toContain('Ana Ferreira');
    expect(labels('Sao Tome')).toEqual(['São Tomé']);
    expect(labels('public-inquiry into the port closure!')).toEqual(['public inquiry into the port closure']);
  });

  it('falls back to aliases', () => {
    const [m, ...rest] = findEntity(graph, 'HWU');
    expect(rest).toHaveLength(0);
    expect(m).toMatchObject({ match: 'alias', matched: 'HWU', score: 0.9 });
    expect(m!.node.label).toBe('Harbour Workers Union');
  });

  it('finds close spellings and partial names fuzzily, ranked, with reasons', () => {
    const typo = findEntity(graph, 'Ana Fereira');
    expect(typo[0]).toMatchObject({ match: 'fuzzy' });
    expect(typo[0]!.node.label).toBe('Ana Ferreira');
    expect(typo[0]!.score).toBeGreaterThan(0.7);
    expect(typo[0]!.score).toBeLessThan(0.9);
    expect(typo[0]!.why).toMatch(/2 of 2 words match/);
    const partial = findEntity(graph, 'workers union');
    expect(partial[0]!.node.label).toBe('Harbour Workers Union');
  });

  it('returns every candidate when a name fits several, best first', () => {
    const tomas = findEntity(graph, 'Tomas');
    expect(tomas.map((m) => m.node.label).sort()).toEqual(['Tomas Berg', 'Tomas Lindqvist']);
    expect(tomas.every((m) => m.match === 'fuzzy')).toBe(true);
    expect(tomas[0]!.score).toBeGreaterThanOrEqual(tomas[1]!.score);
  });

  it('filters by kind and finds nothing for unrelated text', () => {
    expect(labels('Valmora', { kinds: ['organisation'] })).toEqual(['Valmora Post']);
    expect(labels('zzzz qqqq')).toEqual([]);
    expect(labels('   ')).toEqual([]);
    expect(() => findEntity(graph, 'x', { kinds: ['planet' as never] })).toThrow(NewsgraphError);
  });

  it('sees nodes added after its index was built', () => {
    const g = smallNewsGraph();
    expect(findEntity(g, 'Quentin Marlowe')).toEqual([]);
    g.addNode('person:quentin marlowe', { label: 'Quentin Marlowe', kind: 'person', aliases: ['Marlowe'], articles: [], mentions: 1, x: 0, y: 0, size: 1, color: '#000' });
    expect(findEntity(g, 'Quentin Marlowe')[0]?.node.key).toBe('person:quentin marlowe');
    g.setNodeAttribute('person:quentin marlowe', 'aliases', ['Q. Marlowe']);
    expect(findEntity(g, 'Q. Marlowe')[0]?.match).toBe('alias');
  });
});

describe('resolveEntity and requireEntity', () => {
  it('accepts one clear match and refuses ties', () => {
    expect(resolveEntity(graph, 'Ferreira')).toMatchObject({ status: 'found', match: { node: { key: 'person:ana ferreira' } } });
    expect(resolveEntity(graph, 'Tomas').status).toBe('ambiguous');
    expect(resolveEntity(graph, 'nobody at all').status).toBe('not_found');
  });

  it('throws EntityLookupError (exit code 1) with the candidates', () => {
    try {
      requireEntity(graph, 'Tomas');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EntityLookupError);
      const e = error as EntityLookupError;
      expect(e.exitCode).toBe(1);
      expect(e.resolution.candidates).toHaveLength(2);
      expect(e.message).toMatch(/^"Tomas" matches 2 entities: Tomas (Berg|Lindqvist) \(person\), Tomas (Berg|Lindqvist) \(person\)$/);
    }
    expect(() => requireEntity(graph, 'nobody at all')).toThrow(/no entity matches "nobody at all"/);
  });
});

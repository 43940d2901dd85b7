import { describe, expect, it } from 'vitest';
import { neighbours, EntityLookupError } from '../../src/query/index.js';
import { NewsgraphError } from '../../src/errors.js';
import { smallNewsGraph } from '../helpers/sample-graphs.js';

const graph = smallNewsGraph();
const ANA = 'person:ana ferreira';

describe('neighbours', () => {
  it('lists direct neighbours with the edges and their evidence', () => {
    const r = neighbours(graph, 'Ana Ferreira');
    expect(r.entity.key).toBe(ANA);
    expect(r.nodes.map((n) => n.label).sort()).toEqual(['Harbour Workers Union', 'Tomas Lindqvist', 'public inquiry into the port closure']);
    expect(r.nodes.every((n) => n.depth === 1)).toBe(true);
    expect(r.edges).toHaveLength(4);
    const call = r.edges.find((e) => e.relation === 'called_for')!;
    expect(call).toMatchObject({ source: ANA, sourceLabel: 'Ana Ferreira', targetLabel: 'public inquiry into the port closure', label: 'called for', weight: 2 });
    expect(call.evidence.map((e) => e.sentence)).toEqual([
      'Union leader Ana Ferreira called for a public inquiry into the port closure.',
      'Ferreira repeated her call for a public inquiry.',
    ]);
  });

  it('follows only the relations and direction asked for', () => {
    const calls = neighbours(graph, ANA, { relations: ['called_for'], direction: 'out' });
    expect(calls.nodes.map((n) => n.label)).toEqual(['public inquiry into the port closure']);
    const signers = neighbours(graph, 'open letter', { relations: ['signed'], direction: 'in' });
    expect(signers.nodes.map((n) => n.label)).toEqual(['dock workers']);
    expect(neighbours(graph, 'open letter', { relations: ['signed'], direction: 'out' }).edges).toEqual([]);
    const inbound = neighbours(graph, 'public inquiry into the port closure', { direction: 'in' });
    expect(inbound.nodes.map((n) => n.label).sort()).toEqual(['Ana Ferreira', 'Port Authority', 'open letter']);
  });

  it('walks symmetric relations both ways whatever the direction', () => {
    // met_with is stored once, from Ana to Tomas.
    expect(neighbours(graph, 'Tomas Lindqvist', { relations: ['met_with'], direction: 'out' }).nodes.map((n) => n.label)).toEqual(['Ana Ferreira']);
    expect(neighbours(graph, ANA, { relations: ['met_with'], direction: 'in' }).nodes.map((n) => n.label)).toEqual(['Tomas Lindqvist']);
  });

  it('goes deeper with depth, giving each node its shortest distance', () => {
    const r = neighbours(graph, ANA, { depth: 2 });
    const depth = Object.fromEntries(r.nodes.map((n) => [n.label, n.depth]));
    expect(depth).toMatchObject({ 'Harbour Workers Union': 1, 'Tomas Lindqvist': 1, 'open letter': 2, strike: 2, 'dock workers': 2, Valmora: 2, 'Port Authority': 2 });
    expect(depth['Ana Ferreira']).toBeUndefined();
    expect(r.nodes.map((n) => n.depth)).toEqual([...r.nodes.map((n) => n.depth)].sort());
    // Edges are listed nearest first.
    const far = r.edges.findIndex((e) => e.source !== ANA && e.target !== ANA);
    expect(r.edges.slice(far).every((e) => e.source !== ANA && e.target !== ANA)).toBe(true);
  });

  it('reaches only the kinds asked for and does not walk through others', () => {
    const r = neighbours(graph, ANA, { depth: 2, kinds: ['person', 'place'] });
    expect(r.nodes.map((n) => n.label)).toEqual(['Tomas Lindqvist', 'Valmora']);
  });

  it('refuses bad options and unknown or ambiguous names clearly', () => {
    expect(() => neighbours(graph, ANA, { relations: ['likes' as never] })).toThrow(/neighbours: unknown relation "likes"/);
    expect(() => neighbours(graph, ANA, { kinds: ['planet' as never] })).toThrow(/neighbours: unknown kind "planet"/);
    expect(() => neighbours(graph, ANA, { depth: 0 })).toThrow(NewsgraphError);
    expect(() => neighbours(graph, ANA, { direction: 'up' as never })).toThrow(/direction must be one of out, in, both/);
    expect(() => neighbours(graph, 'Tomas')).toThrow(EntityLookupError);
    expect(() => neighbours(graph, 'Nobody Here')).toThrow(/no entity matches/);
  });

  it('returns an empty result for an isolated entity', () => {
    const r = neighbours(graph, 'Elena Ruiz');
    expect(r.entity.label).toBe('Elena Ruiz');
    expect(r.nodes).toEqual([]);
    expect(r.edges).toEqual([]);
  });
});

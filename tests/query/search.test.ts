import { describe, expect, it } from 'vitest';
import { search } from '../../src/query/index.js';
import { smallNewsGraph } from '../helpers/sample-graphs.js';

const graph = smallNewsGraph();

describe('search', () => {
  it('finds labels, aliases and evidence sentences, best fits first', () => {
    const r = search(graph, 'inquiry');
    expect(r.query).toBe('inquiry');
    expect(r.nodes[0]).toMatchObject({ field: 'alias', matched: 'inquiry' });
    expect(r.nodes[0]!.node.label).toBe('public inquiry into the port closure');
    expect(r.nodes.map((h) => h.node.label)).toContain('Dock workers demand port inquiry');
    const sentences = r.evidence.map((h) => h.evidence.sentence);
    expect(sentences).toContain('The Port Authority, based in Valmora, rejected calls for an inquiry.');
    expect(sentences).toContain('Union leader Ana Ferreira called for a public inquiry into the port closure.');
    for (const h of r.evidence) expect(h.evidence.sentence.toLowerCase()).toContain('inquir');
    const scores = r.nodes.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('needs every word to start a word of the text, in any order, ignoring case and accents', () => {
    expect(search(graph, 'PORT closure').nodes.map((h) => h.node.label)).toEqual(['public inquiry into the port closure']);
    expect(search(graph, 'closure port').nodes.map((h) => h.node.label)).toEqual(['public inquiry into the port closure']);
    expect(search(graph, 'sao tom').nodes.map((h) => h.node.label)).toEqual(['São Tomé']);
    // "ort" is inside "port" but starts no word.
    expect(search(graph, 'ort').total).toEqual({ nodes: 0, evidence: 0 });
  });

  it('describes each evidence hit with its edge', () => {
    const [hit] = search(graph, 'two-day strike in Valmora').evidence;
    expect(hit!.edge).toMatchObject({ relation: 'located_in', sourceLabel: 'strike', targetLabel: 'Valmora', label: 'located in' });
    expect(hit!.evidence.article).toBe('harbour-1');
    expect('evidence' in hit!.edge).toBe(false);
  });

  it('filters by kind and limits the lists while counting every hit', () => {
    const people = search(graph, 'tomas', { kinds: ['person'] });
    expect(people.nodes.every((h) => h.node.kind === 'person')).toBe(true);
    expect(people.total.nodes).toBe(2);
    const limited = search(graph, 'inquiry', { limit: 1 });
    expect(limited.nodes).toHaveLength(1);
    expect(limited.evidence).toHaveLength(1);
    expect(limited.total.evidence).toBeGreaterThan(1);
    const places = search(graph, 'inquiry', { kinds: ['place'] });
    expect(places.nodes).toEqual([]);
    for (const h of places.evidence) expect([h.edge.source, h.edge.target].some((k) => graph.getNodeAttribute(k, 'kind') === 'place')).toBe(true);
  });

  it('rejects text with nothing to search for', () => {
    expect(() => search(graph, ' ?! ')).toThrow(/search: the text has no letters or digits/);
  });

  it('sees evidence added after its index was built', () => {
    const g = smallNewsGraph();
    expect(search(g, 'zeppelin').total.evidence).toBe(0);
    g.addEdgeWithKey('x', 'person:elena ruiz', 'place:valmora', { relation: 'located_in', label: 'located in', weight: 1, confidence: 0.5, evidence: [{ article: 'harbour-2', sentence: 'Elena Ruiz flew a zeppelin over Valmora.', start: 0, end: 10 }] });
    expect(search(g, 'zeppelin').total.evidence).toBe(1);
  });
});

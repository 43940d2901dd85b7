/**
 * The compact form (src/serve/compact-graph.ts) read by the viewer (logic/compact.ts) gives the graph graph.json
 * gives, evidence sentences apart: every node with every attribute, every edge with its key, relation, counts and
 * the articles of its evidence, and each edge's evidence at its place in the shards.
 */
import { describe, expect, it } from 'vitest';
import { compactGraph } from '../../src/serve/compact-graph.js';
import { createNewsGraph, serializeGraph } from '../../src/graph/io.js';
import { KINDS, RELATIONS, type CompactGraph } from '../../src/schema/index.js';
import { graphFromCompact } from '../../viewer/src/logic/compact.js';
import { normaliseGraph } from '../../viewer/src/logic/normalise.js';

function sample() {
  const g = createNewsGraph();
  g.replaceAttributes({ schemaVersion: 1, generator: 'test', extractorVersion: 'x', articleCount: 2 });
  const node = (key: string, label: string, kind: 'person' | 'organisation' | 'document', extra: object = {}) =>
    g.addNode(key, { label, kind, aliases: [label], articles: ['a1', 'a2'], mentions: 2, x: 1, y: 2, size: 5, color: KINDS[kind].color, ...extra });
  node('person:ana', 'Ana', 'person', { aliases: ['Ana', 'Ana B.'], title: 'Mayor' });
  node('organisation:board', 'Board', 'organisation', { color: '#123456' });
  node('article:a1', 'One', 'document', { category: 'article', articles: ['a1'], date: '2024-01-01', aliases: [], count: 3, approx: true });
  const ev = (article: string, sentence: string) => ({ article, sentence, start: 0, end: 3, sentenceStart: 0 });
  g.addEdgeWithKey('person:ana->supports->organisation:board', 'person:ana', 'organisation:board',
    { relation: 'supports', label: RELATIONS.supports.label, evidence: [ev('a1', 'Ana backs the <b>Board</b>.'), ev('a2', 'Ana again.')], weight: 2, confidence: 0.9, size: 2 });
  g.addEdgeWithKey('person:ana->related_to->organisation:board', 'person:ana', 'organisation:board',
    { relation: 'related_to', label: 'toured', open: true, evidence: [ev('a2', 'Ana toured the Board.')], weight: 1, confidence: 0.5, size: 1 });
  return g;
}

describe('the compact form', () => {
  it('reads back as the same graph, evidence apart, with the evidence at its place in the shards', () => {
    const g = sample();
    const files = compactGraph(g, { shardSize: 1 });
    const compact = JSON.parse(files.graph) as CompactGraph;
    const { graph, edges } = graphFromCompact(compact, 'graph.json');
    // The edges come apart, for the app to add after its first frame.
    expect(graph.size).toBe(0);
    edges.addTo(graph);
    const full = normaliseGraph(JSON.parse(serializeGraph(g)), 'graph.json').graph;
    expect(graph.nodes().sort()).toEqual(full.nodes().sort());
    for (const key of full.nodes()) expect(graph.getNodeAttributes(key), key).toEqual(full.getNodeAttributes(key));
    expect(graph.edges().sort()).toEqual(full.edges().sort());
    expect(files.shards).toHaveLength(2);
    for (const key of full.edges()) {
      const { evidence, evidenceAt, ...rest } = graph.getEdgeAttributes(key);
      const { evidence: fullEvidence, evidenceAt: none, ...fullRest } = full.getEdgeAttributes(key);
      expect(evidence).toEqual([]);
      expect(none).toBeNull();
      expect(rest).toEqual(fullRest);
      expect(JSON.parse(files.shards[evidenceAt!]!)).toEqual([fullEvidence]);
    }
    // The open relation keeps its own words.
    expect(graph.getEdgeAttributes('person:ana->related_to->organisation:board')).toMatchObject({ label: 'toured', open: true });
  });
});

import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import graphml from 'graphology-graphml';
import { afterAll, describe, expect, it } from 'vitest';
import { exportGraphml, dropForbiddenXmlChars, GRAPHML_NAMESPACE } from '../../src/export/index.js';
import type { NewsGraph } from '../../src/graph/io.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { HOSTILE, hostileGraph, smallNewsGraph } from '../helpers/sample-graphs.js';
import { readWithNetworkx } from './tools.js';

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-graphml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clean = dropForbiddenXmlChars;

const cases: Array<[string, () => NewsGraph]> = [
  ['small news graph', smallNewsGraph],
  ['hostile text graph', hostileGraph],
  ['synthetic graph', () => syntheticGraph({ nodes: 300, edges: 900, seed: 11 })],
];

describe.each(cases)('GraphML export of the %s', (name, make) => {
  const graph = make();
  const text = exportGraphml(graph);
  const file = join(dir, `${name.replace(/\W+/g, '-')}.graphml`);
  writeFileSync(file, text);

  it('declares every key with a type and never writes an object as text', () => {
    expect(text).toContain(`<graphml xmlns="${GRAPHML_NAMESPACE}"`);
    expect(text).toContain('<key id="n_label" for="node" attr.name="label" attr.type="string"/>');
    expect(text).toContain('<key id="n_mentions" for="node" attr.name="mentions" attr.type="int"/>');
    expect(text).toContain('<key id="e_confidence" for="edge" attr.name="confidence" attr.type="double"/>');
    expect(text).not.toContain('[object Object]');
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    const declared = new Set([...text.matchAll(/<key id="([^"]+)"/g)].map((m) => m[1]));
    for (const m of text.matchAll(/<data key="([^"]+)"/g)) expect(declared.has(m[1])).toBe(true);
  });

  it('parses back with graphology-graphml to the same nodes, edges and values (lists and evidence as JSON)', () => {
    const back = graphml.parse(MultiDirectedGraph, text) as MultiDirectedGraph;
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    graph.forEachNode((key, a) => {
      const b = back.getNodeAttributes(clean(key));
      expect(b.label).toBe(clean(a.label));
      expect(b.kind).toBe(a.kind);
      // JSON escapes control characters, so the lists come back exactly.
      expect(JSON.parse(b.aliases)).toEqual(a.aliases);
      expect(JSON.parse(b.articles)).toEqual(a.articles);
      expect(b.mentions).toBe(a.mentions);
      expect(b.x).toBe(a.x);
      expect(b.y).toBe(a.y);
      expect(b.color).toBe(a.color);
    });
    graph.forEachEdge((key, a, source, target) => {
      const id = clean(key);
      expect(back.source(id)).toBe(clean(source));
      expect(back.target(id)).toBe(clean(target));
      const b = back.getEdgeAttributes(id);
      expect(b.relation).toBe(a.relation);
      expect(b.label).toBe(a.label);
      expect(b.weight).toBe(a.weight);
      expect(b.confidence).toBe(a.confidence);
      expect(JSON.parse(b.evidence)).toEqual(a.evidence);
    });
  });

  it('loads in networkx with the same node and edge counts and typed values', () => {
    const nx = readWithNetworkx('graphml', file);
    expect(nx.directed).toBe(true);
    expect(Object.keys(nx.nodes)).toHaveLength(graph.order);
    expect(nx.edges).toHaveLength(graph.size);
    const key = graph.nodes()[1]!;
    const node = nx.nodes[clean(key)]!;
    expect(node.mentions).toBe(graph.getNodeAttribute(key, 'mentions'));
    expect(node.label).toBe(clean(graph.getNodeAttribute(key, 'label')));
    expect(nx.graph.generator).toBe(graph.getAttribute('generator'));
  });
});

describe('GraphML escaping', () => {
  it('escapes markup in text and attributes', () => {
    const text = exportGraphml(hostileGraph());
    expect(text).toContain(`<data key="n_label">Smith &amp; Sons &lt;b&gt;"Ltd"&lt;/b&gt; 'quoted'</data>`);
    expect(text).toContain(HOSTILE.emoji);
  });

  it('keeps parallel edges apart (networkx reads a multigraph)', () => {
    const file = join(dir, 'parallel.graphml');
    writeFileSync(file, exportGraphml(smallNewsGraph()));
    const nx = readWithNetworkx('graphml', file);
    expect(nx.multigraph).toBe(true);
    const between = nx.edges.filter((e) => e.source === 'person:ana ferreira' && e.target === 'organisation:harbour workers union');
    expect(between.map((e) => e.data.relation).sort()).toEqual(['leads', 'member_of']);
  });
});

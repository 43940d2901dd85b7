import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import gexf from 'graphology-gexf';
import { afterAll, describe, expect, it } from 'vitest';
import { exportGexf, dropForbiddenXmlChars, GEXF_NAMESPACE } from '../../src/export/index.js';
import { parseColor } from '../../src/export/color.js';
import { evidenceText } from '../../src/export/evidence-text.js';
import { RELATIONS } from '../../src/schema/index.js';
import type { NewsGraph } from '../../src/graph/io.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { HOSTILE, hostileGraph, smallNewsGraph } from '../helpers/sample-graphs.js';
import { readWithNetworkx, validateGexf } from './tools.js';

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-gexf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const GOLDEN = new URL('./golden/small.gexf', import.meta.url);
const clean = dropForbiddenXmlChars;

const cases: Array<[string, () => NewsGraph]> = [
  ['small news graph', smallNewsGraph],
  ['hostile text graph', hostileGraph],
  ['synthetic graph without article dates', () => syntheticGraph({ nodes: 300, edges: 900, seed: 7 })],
];

function write(name: string, text: string): string {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.gexf`);
  writeFileSync(file, text);
  return file;
}

describe.each(cases)('GEXF export of the %s', (name, make) => {
  const graph = make();
  const text = exportGexf(graph);
  const file = write(name, text);

  it('is valid GEXF 1.3 by the official RELAX NG schema', () => {
    const result = validateGexf(file);
    expect(result.output).toContain('validates');
    expect(result.ok).toBe(true);
  });

  it('declares the 1.3 namespaces and never writes an object as text', () => {
    expect(text).toContain(`xmlns="${GEXF_NAMESPACE}"`);
    expect(text).toContain('xmlns:viz="http://gexf.net/1.3/viz"');
    expect(text).not.toContain('[object Object]');
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(text).toMatch(/<creator>newsgraph [^<]+<\/creator>/);
    expect(text).toMatch(/<description>[^<]+<\/description>/);
  });

  it('parses back with graphology-gexf to the same nodes, edges and attribute values', () => {
    const back = gexf.parse(MultiDirectedGraph, text) as MultiDirectedGraph;
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    graph.forEachNode((key, a) => {
      const id = clean(key);
      expect(back.hasNode(id), id).toBe(true);
      const b = back.getNodeAttributes(id);
      expect(b.label).toBe(clean(a.label));
      expect(b.kind).toBe(a.kind);
      expect(b.aliases).toEqual(a.aliases.map(clean));
      expect(b.articles).toEqual(a.articles.map(clean));
      expect(b.mentions).toBe(a.mentions);
      if (a.category) expect(b.category).toBe(clean(a.category));
      if (a.title) expect(b.title).toBe(clean(a.title));
      if (a.date) expect(b.date).toBe(a.date);
      if (a.count !== undefined) expect(b.count).toBe(a.count);
      if (a.approx !== undefined) expect(b.approx).toBe(a.approx);
      const rgb = parseColor(a.color)!;
      expect(b.color).toBe(`rgb(${rgb.r},${rgb.g},${rgb.b})`);
      expect(b.x).toBeCloseTo(a.x, 9);
      expect(b.y).toBeCloseTo(a.y, 9);
      expect(b.size).toBeCloseTo(a.size, 9);
    });
    graph.forEachEdge((key, a, source, target) => {
      const id = clean(key);
      expect(back.hasEdge(id), id).toBe(true);
      expect(back.source(id)).toBe(clean(source));
      expect(back.target(id)).toBe(clean(target));
      const b = back.getEdgeAttributes(id);
      expect(b.label).toBe(RELATIONS[a.relation].label);
      expect(b.kind).toBe(a.relation);
      expect(b.relation).toBe(a.relation);
      expect(b.weight).toBe(a.evidence.length);
      expect(b.confidence).toBe(a.confidence);
      expect(b.evidence).toBe(clean(evidenceText(a.evidence)));
      expect(b.articles).toEqual([...new Set(a.evidence.map((e) => e.article))]);
    });
  });

  it('loads in networkx with the same node and edge counts', () => {
    const nx = readWithNetworkx('gexf', file);
    expect(nx.directed).toBe(true);
    expect(Object.keys(nx.nodes)).toHaveLength(graph.order);
    expect(nx.edges).toHaveLength(graph.size);
    const [key, a] = [graph.nodes()[0]!, graph.getNodeAttributes(graph.nodes()[0]!)];
    const viz = nx.nodes[clean(key)]!.viz as { color: { r: number; g: number; b: number } };
    expect(viz.color).toMatchObject(parseColor(a.color)!);
  });
});

describe('the schema check itself', () => {
  it('rejects GEXF that breaks the schema, so a passing validation means something', () => {
    const broken = exportGexf(smallNewsGraph()).replace(/(<edge [^>]*?) target="[^"]*"/, '$1');
    const result = validateGexf(write('broken', broken));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/fails to validate/);
  });
});

describe('GEXF dates for the timeline', () => {
  const graph = smallNewsGraph();
  const file = write('dates', exportGexf(graph));

  it('marks the graph dynamic with dates, and starts nodes and edges on their earliest article date', () => {
    const nx = readWithNetworkx('gexf', file);
    expect(nx.graph.mode).toBe('dynamic');
    expect(nx.multigraph).toBe(true);
    expect(nx.nodes['article:harbour-2']!.start).toBe('2023-03-09');
    expect(nx.nodes['organisation:harbour workers union']!.start).toBe('2023-03-01');
    expect(nx.nodes['person:tomas lindqvist']!.start).toBe('2023-03-09');
    const edge = (key: string) => nx.edges.find((e) => e.data.id === key)!;
    expect(edge('person:ana ferreira->called_for->event:public inquiry into the port closure').data.start).toBe('2023-03-01');
    expect(edge('person:ana ferreira->met_with->person:tomas lindqvist').data.start).toBe('2023-03-09');
    expect(edge('person:ana ferreira->met_with->person:tomas lindqvist').data.label).toBe('met with');
  });

  it('writes a static graph when no article has a date, and when dynamic is off', () => {
    const undated = syntheticGraph({ nodes: 20, edges: 30, seed: 3 });
    expect(exportGexf(undated)).toContain('mode="static"');
    expect(exportGexf(undated)).not.toContain('start=');
    const off = exportGexf(graph, { dynamic: false });
    expect(off).toContain('mode="static"');
    expect(off).not.toMatch(/ start="/);
  });
});

describe('GEXF escaping of hostile text', () => {
  const text = exportGexf(hostileGraph());

  it('escapes markup and keeps emoji and right-to-left text as they are', () => {
    expect(text).toContain('label="Smith &amp; Sons &lt;b&gt;&quot;Ltd&quot;&lt;/b&gt; &apos;quoted&apos;"');
    expect(text).toContain('Ana 👩🏽‍⚖️ Ferreira 🚢');
    expect(text).toContain('مريم حسن \u202Eevil\u202C שלום');
  });

  it('drops the characters XML 1.0 forbids and keeps line breaks as character references', () => {
    const back = gexf.parse(MultiDirectedGraph, text) as MultiDirectedGraph;
    const control = back.findNode((_k, a) => String(a.label).startsWith('Bell'))!;
    expect(back.getNodeAttribute(control, 'label')).toBe('Bell Esc[31mRed[0m Nul VT FF');
    const surrogates = back.findNode((_k, a) => String(a.label).startsWith('lone'))!;
    expect(back.getNodeAttribute(surrogates, 'label')).toBe('lone  high and  low, non-chars ');
    const lines = back.findNode((_k, a) => String(a.label).startsWith('line one'))!;
    expect(back.getNodeAttribute(lines, 'label')).toBe(HOSTILE.whitespace);
    expect(text).toContain('line one&#10;line two&#13;&#10;line three&#9;tabbed');
  });
});

describe('GEXF golden file', () => {
  it('writes the small news graph byte for byte as tests/export/golden/small.gexf', () => {
    const text = exportGexf(smallNewsGraph());
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, text);
    expect(existsSync(GOLDEN), 'golden file missing: run with UPDATE_GOLDEN=1 once and review it').toBe(true);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});

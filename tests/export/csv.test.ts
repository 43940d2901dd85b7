import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportCsv, neutraliseFormula, restoreFormula, NODE_HEADERS, EDGE_HEADERS } from '../../src/export/index.js';
import type { NewsGraph } from '../../src/graph/io.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { HOSTILE, hostileGraph, smallNewsGraph } from '../helpers/sample-graphs.js';

type Row = Record<string, string>;

/** Strict RFC 4180 reading: any stray quote or ragged row throws. */
function read(text: string): Row[] {
  return parse(text, { columns: true, relax_quotes: false, relax_column_count: false, skip_empty_lines: false, record_delimiter: '\r\n' }) as Row[];
}

const FORMULA = /^[=+\-@\t\r]/;
const TEXT_NODE_COLUMNS = ['id', 'label', 'kind', 'category', 'aliases', 'articles', 'title', 'date', 'nationality', 'kindVotes', 'publisher', 'file', 'url', 'color'];
const TEXT_EDGE_COLUMNS = ['id', 'source', 'target', 'source_label', 'target_label', 'relation', 'label', 'first_sentence', 'first_article', 'articles'];

const cases: Array<[string, () => NewsGraph]> = [
  ['small news graph', smallNewsGraph],
  ['hostile text graph', hostileGraph],
  ['synthetic graph', () => syntheticGraph({ nodes: 200, edges: 500, seed: 5 })],
];

describe.each(cases)('CSV export of the %s', (_name, make) => {
  const graph = make();
  const { nodes, edges } = exportCsv(graph);
  const nodeRows = read(nodes);
  const edgeRows = read(edges);

  it('has one row per node and per edge, CRLF line ends and the documented headers', () => {
    expect(nodeRows).toHaveLength(graph.order);
    expect(edgeRows).toHaveLength(graph.size);
    expect(nodes.split('\r\n')[0]).toBe(NODE_HEADERS.join(','));
    expect(edges.split('\r\n')[0]).toBe(EDGE_HEADERS.join(','));
    expect(nodes.endsWith('\r\n')).toBe(true);
  });

  it('round-trips every text cell through csv-parse once the formula guard is removed', () => {
    // Unpaired surrogates cannot be UTF-8; the exporter writes U+FFFD for them.
    const wf = (s: string) => s.toWellFormed();
    const byId = new Map(nodeRows.map((r) => [restoreFormula(r.id!), r]));
    graph.forEachNode((key, a) => {
      const row = byId.get(wf(key))!;
      expect(row, key).toBeDefined();
      expect(restoreFormula(row.label!)).toBe(wf(a.label));
      expect(row.kind).toBe(a.kind);
      expect(restoreFormula(row.aliases!)).toBe(wf(a.aliases.join(' | ')));
      expect(Number(row.mentions)).toBe(a.mentions);
      expect(Number(row.x)).toBe(a.x);
      if (a.title) expect(restoreFormula(row.title!)).toBe(wf(a.title));
      if (a.approx !== undefined) expect(row.approx).toBe(String(a.approx));
    });
    const edgesById = new Map(edgeRows.map((r) => [restoreFormula(r.id!), r]));
    graph.forEachEdge((key, a, source, target, sa, ta) => {
      const row = edgesById.get(wf(key))!;
      expect(restoreFormula(row.source!)).toBe(wf(source));
      expect(restoreFormula(row.target!)).toBe(wf(target));
      expect(restoreFormula(row.source_label!)).toBe(wf(sa.label));
      expect(restoreFormula(row.target_label!)).toBe(wf(ta.label));
      expect(row.relation).toBe(a.relation);
      expect(Number(row.evidence_count)).toBe(a.evidence.length);
      expect(Number(row.weight)).toBe(a.weight);
      expect(Number(row.confidence)).toBe(a.confidence);
      expect(restoreFormula(row.first_sentence!)).toBe(wf(a.evidence[0]!.sentence.replace(/\s+/g, ' ').trim()));
      expect(row.first_article).toBe(a.evidence[0]!.article);
    });
  });

  it('leaves no text cell that a spreadsheet would run as a formula', () => {
    for (const row of nodeRows) for (const c of TEXT_NODE_COLUMNS) expect(row[c]!, `${c}: ${row[c]}`).not.toMatch(FORMULA);
    for (const row of edgeRows) for (const c of TEXT_EDGE_COLUMNS) expect(row[c]!, `${c}: ${row[c]}`).not.toMatch(FORMULA);
  });
});

describe('CSV quoting and formula neutralising', () => {
  const { nodes } = exportCsv(hostileGraph());
  const rows = read(nodes);
  const labels = rows.map((r) => r.label!);

  it('quotes fields with commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    expect(nodes).toContain('"line one\nline two\r\nline three\ttabbed"');
    expect(nodes).toContain('"\'=HYPERLINK(""http://example.invalid"",""click"")"');
    expect(labels).toContain(HOSTILE.whitespace);
  });

  it('prefixes formula starters with an apostrophe and keeps other text, emoji and right-to-left text intact', () => {
    expect(labels).toContain(`'${HOSTILE.formulaEq}`);
    expect(labels).toContain(`'${HOSTILE.formulaPlus}`);
    expect(labels).toContain(`'${HOSTILE.formulaMinus}`);
    expect(labels).toContain(`'${HOSTILE.formulaAt}`);
    expect(labels).toContain(`'${HOSTILE.formulaTab}`);
    expect(labels).toContain(HOSTILE.emoji);
    expect(labels).toContain(HOSTILE.rtl);
    expect(labels).toContain(HOSTILE.control);
    expect(labels).toContain(HOSTILE.markup);
  });

  it('never prefixes numbers, even negative ones', () => {
    const negative = rows.filter((r) => r.y!.startsWith('-'));
    expect(negative.length).toBeGreaterThan(0);
    for (const r of negative) expect(Number(r.y)).toBeLessThan(0);
  });

  it('neutralises and restores exactly the documented characters', () => {
    for (const c of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseFormula(`${c}x`)).toBe(`'${c}x`);
      expect(restoreFormula(neutraliseFormula(`${c}x`))).toBe(`${c}x`);
    }
    for (const s of ['x=1', "'quoted", 'plain', '']) expect(neutraliseFormula(s)).toBe(s);
  });

  it('writes a byte order mark only when asked', () => {
    expect(exportCsv(smallNewsGraph()).nodes.charCodeAt(0)).not.toBe(0xfeff);
    expect(exportCsv(smallNewsGraph(), { bom: true }).nodes.charCodeAt(0)).toBe(0xfeff);
  });
});

/**
 * Property tests: the extractor and every writer hold their promises for arbitrary text, not just for the hand-made
 * hostile strings of the export tests. Runs are bounded (fixed seeds, ~100–200 cases each) so the suite stays fast;
 * `npm run fuzz` is the long-running version for the input side.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { MultiDirectedGraph } from 'graphology';
import gexf from 'graphology-gexf';
import graphml from 'graphology-graphml';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article.js';
import { readArticleFile } from '../../src/ingest/read-articles.js';
import { InputError } from '../../src/errors.js';
import { exportCsv, exportCypher, exportGexf, exportGraphml, dropForbiddenXmlChars, restoreFormula } from '../../src/export/index.js';
import { oneLine } from '../../src/export/evidence-text.js';
import { requireXmllint } from '../helpers/required-tools.js';
import { createNewsGraph, parseGraph, serializeGraph, type NewsGraph } from '../../src/graph/io.js';
import { contractProblems } from '../../src/graph/validate.js';
import { ENTITY_KINDS, KINDS, RELATION_IDS, RELATIONS, SCHEMA_VERSION, type EntityKind, type Evidence, type RelationId } from '../../src/schema/index.js';
import { HOSTILE } from '../helpers/sample-graphs.js';
import { LiteralReader, splitStatements, type Literal } from '../export/cypher-literal.js';

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-properties-'));
/** Fixed seeds keep the suite deterministic; NEWSGRAPH_PROPERTY_SEED=n shifts them all to explore further. */
const SHIFT = Number(process.env.NEWSGRAPH_PROPERTY_SEED ?? 0);
const seed = (n: number) => n + SHIFT;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------------------------
// Text generators

/** Any UTF-16 code unit, lone surrogates included: what a JS string can hold, not only what UTF-8 can. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
/** Characters that broke tokenisers, XML writers or spreadsheets before. */
const nasty = fc.constantFrom(
  '\u0000', '\u0007', '\u000b', '\u000c', '\u001b', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2028', '\u2029', '\u200b',
  '\u202e', '\u3000', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udc00', '😀', '👩🏽‍⚖️', 'ש', 'م', '&', '<', '>', '"', "'",
  '\\', '`', '\r', '\n', '\t', '=', '+', '-', '@', ';', ',', '|', ']]>', '&amp;', '\\u0041', '{', '}',
);
const anyText = (maxLength: number) => fc.oneof(
  fc.string({ unit: 'binary', maxLength }),
  fc.string({ unit: 'grapheme', maxLength }),
  fc.string({ unit: codeUnit, maxLength }),
  fc.string({ unit: nasty, maxLength }),
  fc.constantFrom(...Object.values(HOSTILE)),
);
/** Text that a writer must keep inert, often starting with a formula character or an apostrophe before one. */
const hostileText = fc.tuple(fc.constantFrom('', '', '', '=', '+', '-', '@', '\t', "'=", "''-", "'"), anyText(24)).map(([a, b]) => a + b);

// Invented names, combined into sentences the extractor has rules for, glued with arbitrary text.
const NAMES = ['Anna Berg', 'Omar Haddad', 'the Green Party', 'Liberty Union', 'Ms Varga', 'Dr. Kessler', 'Port Authority', 'Valmora'];
const name = fc.constantFrom(...NAMES);
const template = fc.oneof(
  fc.tuple(name, name).map(([a, b]) => `${a} met ${b} in Valmora. `),
  fc.tuple(name, name).map(([a, b]) => `${a}, the leader of ${b}, signed the letter. `),
  fc.tuple(name, name).map(([a, b]) => `"We will not stop," ${a} told ${b}. `),
  fc.tuple(name, name).map(([a, b]) => `${a} called for an inquiry into ${b}.\n\n`),
  name.map((a) => `More than 200 workers joined ${a} on Monday. `),
);
const articleBody = fc.array(fc.oneof({ weight: 3, arbitrary: template }, { weight: 2, arbitrary: anyText(40) }, { weight: 1, arbitrary: nasty }), { maxLength: 20 })
  .map((parts) => parts.join(''));

// ---------------------------------------------------------------------------------------------------------------

describe('extractArticle on arbitrary text', () => {
  it('never throws, and every evidence span lies inside its sentence, which is a slice of the body', () => {
    let spans = 0;
    fc.assert(fc.property(articleBody, fc.option(anyText(20)), (body, publisher) => {
      const x = extractArticle({ id: 'p', file: 'p.txt', body, ...(publisher ? { publisher, date: '2021-05-06' } : {}) });
      for (const r of x.relations) {
        const e = r.evidence;
        if (e.source === 'header') continue;
        spans++;
        expect(body.slice(e.sentenceStart, e.sentenceStart + e.sentence.length)).toBe(e.sentence);
        expect(e.sentenceStart).toBeLessThanOrEqual(e.start);
        expect(e.start).toBeLessThan(e.end);
        expect(e.end).toBeLessThanOrEqual(e.sentenceStart + e.sentence.length);
      }
      // A mention's text is its display form; its span must still lie in the body.
      for (const m of x.mentions) expect(0 <= m.start && m.start < m.end && m.end <= body.length, JSON.stringify(m)).toBe(true);
      expect(x.article.bodyLength).toBe(body.length);
    }), { numRuns: 200, seed: seed(20240501) });
    // The generators must reach the relation rules, or the offset checks above check nothing.
    expect(spans).toBeGreaterThan(50);
  });
});

describe('readArticleFile on arbitrary bytes', () => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    anyText(200).map((t) => new Uint8Array(Buffer.from(t, 'utf8'))),
    fc.tuple(fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], []), fc.uint8Array({ maxLength: 200 }))
      .map(([bom, rest]) => new Uint8Array([...bom, ...rest])),
  );
  it('returns articles or throws a one-line InputError naming the file, for every format', () => {
    let n = 0;
    fc.assert(fc.property(bytes, fc.constantFrom('.txt', '.md', '.html', '.jsonl'), (data, ext) => {
      const file = join(dir, `in-${n++}${ext}`);
      writeFileSync(file, data);
      try {
        const { articles, warnings } = readArticleFile(file);
        expect(articles.length).toBeGreaterThan(0);
        for (const a of articles) expect(a.body.trim()).not.toBe('');
        for (const w of warnings) {
          expect(w.startsWith(file)).toBe(true);
          expect(w).not.toContain('\n');
        }
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        const message = (error as InputError).message;
        expect(message.startsWith(`${file}:`)).toBe(true);
        expect(message).not.toContain('\n');
      } finally {
        rmSync(file, { force: true });
      }
    }), { numRuns: 200, seed: seed(7) });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Arbitrary contract-keeping graphs

interface NodeSpec { label: string; kind: EntityKind; aliases: string[]; title: string | null; category: string | null }
interface EdgeSpec { from: number; to: number; relation: RelationId; evidence: Array<{ article: string; sentence: string }>; confidence: number }

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  label: hostileText.filter((s) => s.length > 0),
  kind: fc.constantFrom(...ENTITY_KINDS),
  aliases: fc.array(hostileText, { maxLength: 3 }),
  title: fc.option(hostileText),
  category: fc.option(hostileText),
});
const edgeSpec: fc.Arbitrary<EdgeSpec> = fc.record({
  from: fc.nat(), to: fc.nat(),
  relation: fc.constantFrom(...RELATION_IDS),
  evidence: fc.array(fc.record({ article: fc.oneof(fc.constantFrom('a-1', 'a-2'), hostileText), sentence: hostileText }), { minLength: 1, maxLength: 3 }),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
});

function makeGraph(nodes: NodeSpec[], edges: EdgeSpec[]): NewsGraph {
  const graph = createNewsGraph();
  graph.replaceAttributes({ schemaVersion: SCHEMA_VERSION, generator: 'properties', extractorVersion: 'properties', articleCount: 2 });
  // Keys hold the hostile label too; the numbered suffix keeps them apart once XML drops what it cannot hold.
  const keys = nodes.map((n, i) => `${n.kind}:${n.label}#${i}`);
  nodes.forEach((n, i) => {
    graph.addNode(keys[i]!, {
      label: n.label, kind: n.kind, aliases: [...n.aliases].sort(), articles: ['a-1'], mentions: i + 1,
      x: i * 10 - 15.5, y: -i * 3.25, size: 3 + i, color: KINDS[n.kind].color,
      ...(n.title !== null ? { title: n.title } : {}), ...(n.category !== null ? { category: n.category } : {}),
    });
  });
  edges.forEach((e, k) => {
    const s = e.from % nodes.length;
    const t = e.to % nodes.length;
    if (s === t) return;
    const evidence: Evidence[] = e.evidence.map((ev) => ({ ...ev, start: 0, end: Math.min(3, ev.sentence.length), sentenceStart: 0 }));
    graph.addEdgeWithKey(`${keys[s]}->${e.relation}->${keys[t]}#${k}`, keys[s]!, keys[t]!,
      { relation: e.relation, label: RELATIONS[e.relation].label, evidence, weight: evidence.length, confidence: e.confidence });
  });
  return graph;
}

const graphArb = fc.tuple(fc.array(nodeSpec, { minLength: 2, maxLength: 6 }), fc.array(edgeSpec, { maxLength: 8 }))
  .map(([nodes, edges]) => makeGraph(nodes, edges));

/** xmllint's verdict on a document; '' when well-formed. */
function xmlProblems(text: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  const run = spawnSync(requireXmllint(), ['--noout', file], { encoding: 'utf8' });
  return run.status === 0 ? '' : `${run.stderr}`.slice(0, 500);
}

const clean = dropForbiddenXmlChars;

describe('exports of arbitrary graphs', () => {
  it('the generated graphs keep the graph.json contract and survive a save and load byte for byte', () => {
    fc.assert(fc.property(graphArb, (graph) => {
      const text = serializeGraph(graph);
      expect(contractProblems(JSON.parse(text))).toEqual([]);
      const back = parseGraph(text, 'generated.json');
      expect(serializeGraph(back)).toBe(text);
    }), { numRuns: 100, seed: seed(3) });
  });

  it('GEXF is well-formed XML (xmllint) and every label, alias and evidence text reads back as the same text', () => {
    let run = 0;
    fc.assert(fc.property(graphArb, (graph) => {
      const text = exportGexf(graph);
      expect(xmlProblems(text, `g${run++ % 4}.gexf`)).toBe('');
      const back = gexf.parse(MultiDirectedGraph, text, { respectInputGraphType: true }) as MultiDirectedGraph;
      expect(back.order).toBe(graph.order);
      expect(back.size).toBe(graph.size);
      graph.forEachNode((key, a) => {
        const b = back.getNodeAttributes(clean(key));
        // graphology-gexf reads label="" as no label: a label made only of characters XML cannot hold ends up so.
        expect(b.label ?? '').toBe(clean(a.label));
        expect(b.aliases).toEqual(a.aliases.map(clean));
        // Empty values are left out of GEXF on purpose (an absent attvalue reads as no value).
        if (a.title !== undefined) expect(b.title ?? '').toBe(clean(a.title));
      });
      graph.forEachEdge((key, a, source, target) => {
        expect(back.source(clean(key))).toBe(clean(source));
        expect(back.target(clean(key))).toBe(clean(target));
        expect(back.getEdgeAttribute(clean(key), 'relation')).toBe(a.relation);
      });
    }), { numRuns: 150, seed: seed(11) });
  });

  it('GraphML is well-formed XML (xmllint) and labels and evidence read back as the same text', () => {
    let run = 0;
    fc.assert(fc.property(graphArb, (graph) => {
      const text = exportGraphml(graph);
      expect(xmlProblems(text, `g${run++ % 4}.graphml`)).toBe('');
      const back = graphml.parse(MultiDirectedGraph, text) as MultiDirectedGraph;
      expect(back.order).toBe(graph.order);
      expect(back.size).toBe(graph.size);
      graph.forEachNode((key, a) => expect(back.getNodeAttribute(clean(key), 'label') ?? '').toBe(clean(a.label)));
      graph.forEachEdge((key, a) => {
        // Evidence travels as JSON text inside XML: JSON escapes control characters, XML drops nothing of it.
        const evidence = JSON.parse(back.getEdgeAttribute(clean(key), 'evidence') as string) as Evidence[];
        expect(evidence.map((e) => e.sentence)).toEqual(a.evidence.map((e) => e.sentence));
      });
    }), { numRuns: 150, seed: seed(12) });
  });

  it('CSV parses strictly (RFC 4180), round-trips every text cell and leaves no cell a spreadsheet would run', () => {
    const strict = (text: string) => parse(text, { columns: true, relax_quotes: false, relax_column_count: false, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    const wf = (s: string) => s.toWellFormed();
    fc.assert(fc.property(graphArb, (graph) => {
      const { nodes, edges } = exportCsv(graph);
      const nodeRows = strict(nodes);
      const edgeRows = strict(edges);
      expect(nodeRows).toHaveLength(graph.order);
      expect(edgeRows).toHaveLength(graph.size);
      const byId = new Map(nodeRows.map((r) => [restoreFormula(r.id!), r]));
      graph.forEachNode((key, a) => {
        const row = byId.get(wf(key))!;
        expect(row, key).toBeDefined();
        expect(restoreFormula(row.label!)).toBe(wf(a.label));
        expect(restoreFormula(row.aliases!)).toBe(wf(a.aliases.join(' | ')));
        expect(restoreFormula(row.title!)).toBe(wf(a.title ?? ''));
        expect(restoreFormula(row.category!)).toBe(wf(a.category ?? ''));
      });
      const edgeById = new Map(edgeRows.map((r) => [restoreFormula(r.id!), r]));
      graph.forEachEdge((key, a) => {
        const row = edgeById.get(wf(key))!;
        expect(restoreFormula(row.first_sentence!)).toBe(wf(oneLine(a.evidence[0]!.sentence)));
        expect(Number(row.confidence)).toBe(a.confidence);
      });
      for (const row of [...nodeRows, ...edgeRows]) {
        for (const [column, value] of Object.entries(row)) {
          if (/^-?\d/.test(value) && Number.isFinite(Number(value))) continue;
          expect(value, column).not.toMatch(/^[=+\-@\t\r]/);
        }
      }
    }), { numRuns: 150, seed: seed(13) });
  });

  it('Cypher splits into statements and every string literal decodes back to the original text', () => {
    const storable = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
    fc.assert(fc.property(graphArb, (graph) => {
      const [constraint, ...statements] = splitStatements(exportCypher(graph, { batchSize: 3 }));
      expect(constraint).toMatch(/^CREATE CONSTRAINT /);
      const nodes = new Map<string, Record<string, Literal>>();
      const rels = new Map<string, Record<string, Literal>>();
      for (const statement of statements) {
        const r = new LiteralReader(statement);
        r.expect('UNWIND');
        const rows = r.value() as Array<Record<string, Literal>>;
        r.expect('AS row');
        const tail = r.rest().trim();
        // Only the exporter's own clauses may follow the data: text never leaks out of a literal.
        expect(tail).toMatch(/^(?:MERGE \(n:Entity \{key: row\.key\}\) SET n \+= row(?:, n:[A-Za-z]+)+|MATCH \(a:Entity \{key: row\.source\}\), \(b:Entity \{key: row\.target\}\)\nMERGE \(a\)-\[r:[A-Z_]+ \{key: row\.props\.key\}\]->\(b\) SET r \+= row\.props)$/);
        for (const row of rows) {
          if ('props' in row) rels.set((row.props as Record<string, Literal>).key as string, row.props as Record<string, Literal>);
          else nodes.set(row.key as string, row);
        }
      }
      expect(nodes.size).toBe(graph.order);
      expect(rels.size).toBe(graph.size);
      graph.forEachNode((key, a) => {
        const row = nodes.get(storable(key))!;
        expect(row, key).toBeDefined();
        expect(row.label).toBe(storable(a.label));
        expect(row.aliases).toEqual(a.aliases.map(storable));
        if (a.title !== undefined) expect(row.title).toBe(storable(a.title));
      });
      graph.forEachEdge((key, a) => {
        const props = rels.get(storable(key))!;
        expect(props.evidenceSentences).toEqual(a.evidence.map((e) => storable(e.sentence)));
        expect(props.evidenceArticles).toEqual(a.evidence.map((e) => storable(e.article)));
      });
    }), { numRuns: 150, seed: seed(14) });
  });
});

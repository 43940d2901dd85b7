import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCypher, cypherString, cypherName, relationshipType } from '../../src/export/index.js';
import { ARTICLE_CATEGORY, KINDS, RELATION_IDS } from '../../src/schema/index.js';
import type { NewsGraph } from '../../src/graph/io.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { HOSTILE, hostileGraph, smallNewsGraph } from '../helpers/sample-graphs.js';
import { LiteralReader, splitStatements, type Literal } from './cypher-literal.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (s: string) => s.replace(LONE_SURROGATE, '');

const decode = (literal: string) => new LiteralReader(literal).value();

type Row = Record<string, Literal>;

interface Script {
  constraint: string;
  nodes: Array<{ row: Row; labels: string[] }>;
  relationships: Array<{ row: Row; type: string }>;
}

/** Reads the exporter's script back, insisting every statement has one of the three expected shapes. */
function readScript(script: string): Script {
  const [constraint, ...rest] = splitStatements(script);
  const out: Script = { constraint: constraint!, nodes: [], relationships: [] };
  for (const statement of rest) {
    const r = new LiteralReader(statement);
    r.expect('UNWIND');
    const rows = r.value();
    expect(Array.isArray(rows)).toBe(true);
    r.expect('AS row');
    const tail = r.rest().trim();
    const node = /^MERGE \(n:Entity \{key: row\.key\}\) SET n \+= row((?:, n:[A-Za-z]+)+)$/.exec(tail);
    const rel = /^MATCH \(a:Entity \{key: row\.source\}\), \(b:Entity \{key: row\.target\}\)\nMERGE \(a\)-\[r:([A-Z_]+) \{key: row\.props\.key\}\]->\(b\) SET r \+= row\.props$/.exec(tail);
    if (node) {
      const labels = node[1]!.split(', n:').filter(Boolean);
      for (const row of rows as Row[]) out.nodes.push({ row, labels });
    } else if (rel) {
      for (const row of rows as Row[]) out.relationships.push({ row, type: rel[1]! });
    } else {
      throw new Error(`unexpected statement: ${tail.slice(0, 200)}`);
    }
  }
  return out;
}

const cases: Array<[string, () => NewsGraph]> = [
  ['small news graph', smallNewsGraph],
  ['hostile text graph', hostileGraph],
  ['synthetic graph', () => syntheticGraph({ nodes: 400, edges: 1200, seed: 9 })],
];

describe.each(cases)('Cypher export of the %s', (_name, make) => {
  const graph = make();
  const script = exportCypher(graph, { batchSize: 50 });
  const read = readScript(script);

  it('starts with an idempotent uniqueness constraint on Entity.key', () => {
    expect(read.constraint).toBe('CREATE CONSTRAINT newsgraph_entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE');
  });

  it('MERGEs every node once, labelled from its kind, with every property decoding to the original', () => {
    expect(read.nodes).toHaveLength(graph.order);
    const byKey = new Map(read.nodes.map((n) => [n.row.key as string, n]));
    expect(byKey.size).toBe(graph.order);
    graph.forEachNode((key, a) => {
      const n = byKey.get(storable(key))!;
      expect(n, key).toBeDefined();
      expect(n.labels[0]).toBe(KINDS[a.kind].label);
      expect(n.labels.includes('Article')).toBe(a.category === ARTICLE_CATEGORY);
      expect(n.row.label).toBe(storable(a.label));
      expect(n.row.kind).toBe(a.kind);
      expect(n.row.aliases).toEqual(a.aliases.map(storable));
      expect(n.row.articles).toEqual(a.articles);
      expect(n.row.mentions).toBe(a.mentions);
      expect(n.row.x).toBe(a.x);
      if (a.title) expect(n.row.title).toBe(storable(a.title));
      if (a.kindVotes) expect(JSON.parse(n.row.kindVotes as string)).toEqual(a.kindVotes);
    });
  });

  it('MERGEs every edge once, typed from its relation, with the evidence as parallel lists', () => {
    expect(read.relationships).toHaveLength(graph.size);
    const byKey = new Map(read.relationships.map((r) => [(r.row.props as Row).key as string, r]));
    graph.forEachEdge((key, a, source, target) => {
      const r = byKey.get(storable(key))!;
      expect(r, key).toBeDefined();
      expect(r.type).toBe(a.relation.toUpperCase());
      expect(r.row.source).toBe(storable(source));
      expect(r.row.target).toBe(storable(target));
      const p = r.row.props as Row;
      expect(p.relation).toBe(a.relation);
      expect(p.weight).toBe(a.weight);
      expect(p.confidence).toBe(a.confidence);
      expect(p.evidenceSentences).toEqual(a.evidence.map((e) => storable(e.sentence)));
      expect(p.evidenceArticles).toEqual(a.evidence.map((e) => e.article));
      expect(p.evidenceStarts).toEqual(a.evidence.map((e) => e.start));
      expect(p.evidenceEnds).toEqual(a.evidence.map((e) => e.end));
    });
  });
});

describe('Cypher literals', () => {
  it('escapes quotes, backslashes, line breaks and control characters', () => {
    expect(cypherString(`it's "x" \\ \n\r\t`)).toBe(`'it\\'s \\"x\\" \\\\ \\n\\r\\t'`);
    expect(cypherString('\u0000\u001b\u007f\u2028')).toBe(`'\\u0000\\u001b\\u007f\\u2028'`);
    expect(cypherString('👩🏽‍⚖️ مريم')).toBe(`'👩🏽‍⚖️ مريم'`);
  });

  it('decodes back to the original for every hostile string', () => {
    for (const text of Object.values(HOSTILE)) expect(decode(cypherString(text))).toBe(storable(text));
  });

  it('decodes back to the original for any string (property test)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => decode(cypherString(s)) === storable(s)), { numRuns: 2000 });
  });

  it('keeps an injection attempt inside its string: the statement count does not change', () => {
    const graph = smallNewsGraph();
    graph.setNodeAttribute('person:ana ferreira', 'label', HOSTILE.cypherBreak);
    const statements = splitStatements(exportCypher(graph));
    expect(statements.filter((s) => /DETACH DELETE/.test(s.replace(/'(?:[^'\\]|\\.)*'/g, '')))).toHaveLength(0);
    expect(statements).toHaveLength(splitStatements(exportCypher(smallNewsGraph())).length);
  });

  it('names relationship types in UPPER_SNAKE case and quotes odd names', () => {
    for (const r of RELATION_IDS) expect(relationshipType(r)).toMatch(/^[A-Z_]+$/);
    expect(relationshipType('called_for')).toBe('CALLED_FOR');
    expect(cypherName('Person')).toBe('Person');
    expect(cypherName('odd name`x')).toBe('`odd name``x`');
  });

  it('batches rows: more statements for smaller batches, the same rows either way', () => {
    const graph = syntheticGraph({ nodes: 120, edges: 300, seed: 4 });
    const small = readScript(exportCypher(graph, { batchSize: 7 }));
    const large = readScript(exportCypher(graph, { batchSize: 1000 }));
    expect(splitStatements(exportCypher(graph, { batchSize: 7 })).length).toBeGreaterThan(splitStatements(exportCypher(graph, { batchSize: 1000 })).length);
    expect(small.nodes.map((n) => n.row.key).sort()).toEqual(large.nodes.map((n) => n.row.key).sort());
    expect(() => exportCypher(graph, { batchSize: 0 })).toThrow(/batchSize/);
  });

  it('the reader itself rejects malformed literals, so a pass means the script parsed', () => {
    expect(() => decode(`'unterminated`)).toThrow();
    expect(() => decode(`'bad \\q escape'`)).toThrow(/invalid escape/);
    expect(() => splitStatements(`UNWIND [{a: 'x'] AS row;`)).toThrow(/unbalanced/);
  });
});

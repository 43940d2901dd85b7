/**
 * An open relation ("Atlas Shipping acquired Meridian Freight": related_to, phrase "acquired") through the real CLI on
 * invented articles: it survives a build, an incremental update (byte for byte a full build's), each export (GEXF
 * checked with xmllint and read by networkx, GraphML read by networkx, CSV, Cypher) and the query commands.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/cli.js';
import { useTmp } from '../helpers/tmp.js';
import { contractProblems } from '../../src/graph/validate.js';
import { readWithNetworkx, validateGexf } from '../export/tools.js';
import { LiteralReader, splitStatements, type Literal } from '../export/cypher-literal.js';
import type { EdgeAttrs } from '../../src/schema/index.js';

const tmp = useTmp();
const ATLAS = 'organisation:atlas shipping';
const MERIDIAN = 'organisation:meridian freight';
const OPEN_KEY = `${ATLAS}->related_to:acquired->${MERIDIAN}`;
const STATEMENT = 'Atlas Shipping acquired Meridian Freight last year.';

// Articles that name other people and places, so one added article is a small change and the build updates.
const PEOPLE = ['Odile Brandt', 'Piet Varga', 'Marta Quell', 'Ivo Renn', 'Greta Holm', 'Tomas Ek', 'Mara Lind', 'Lena Sorvik', 'Jonas Hale', 'Rita Moss', 'Karim Dunne', 'Ana Lima'];
const TOWNS = ['Port Ellery', 'Lindhaven', 'Velmar', 'Marlon', 'Norvale', 'Tovren', 'Saltby', 'Kestrel Bay', 'Orrin', 'Dunmere', 'Callow', 'Brisk'];

function writeArticle(dir: string, name: string, date: string, body: string): void {
  writeFileSync(join(dir, name), ` date ${date} Harbour Gazette\n\n${body}\n`);
}

interface GraphFile {
  attributes: { schemaVersion: number };
  edges: Array<{ key: string; source: string; target: string; attributes: EdgeAttrs }>;
}
const readGraph = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as GraphFile;
const openEdges = (g: GraphFile) => g.edges.filter((e) => e.attributes.open);

let root: string;
let input: string;
let out: string;
const graphIn = (dir: string) => join(dir, 'graph.json');

beforeAll(() => {
  // One corpus for the file, each test reading what the ones before it left.
  root = mkdtempSync(join(tmpdir(), 'newsgraph-open-'));
  input = join(root, 'in');
  out = join(root, 'out');
  mkdirSync(input);
  PEOPLE.forEach((person, i) => writeArticle(input, `f${String(i).padStart(2, '0')}.txt`, `2024-02-${String(i + 1).padStart(2, '0')}`,
    `${person} spoke to fishers in ${TOWNS[i]} on Monday.`));
  writeArticle(input, 'deal-1.txt', '2024-03-01', `Shipping deal\n\n${STATEMENT}`);
  const built = runCli(['build', input, '--out', graphIn(out), '--quiet']);
  expect(built.code, built.stderr).toBe(0);
}, 180_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an open relation', () => {
  it('is printed by extract with its phrase, marked open', () => {
    const r = runCli(['extract', join(input, 'deal-1.txt')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Atlas Shipping —acquired→ Meridian Freight (open)');
  });

  it('is an edge of its own after a build: related_to, its phrase as label, open, keyed by the phrase', () => {
    const graph = readGraph(graphIn(out));
    expect(contractProblems(graph)).toEqual([]);
    expect(graph.attributes.schemaVersion).toBe(2);
    const edges = openEdges(graph);
    expect(edges.map((e) => e.key)).toEqual([OPEN_KEY]);
    expect(edges[0]).toMatchObject({ source: ATLAS, target: MERIDIAN, attributes: { relation: 'related_to', label: 'acquired', open: true, weight: 1 } });
    expect(edges[0]!.attributes.evidence[0]).toMatchObject({ article: 'deal-1', sentence: STATEMENT });
  });

  it('gathers the sentences of a new article in an update that writes what a full build writes, and loses them when it goes', () => {
    const step = (change: () => void, expectedArticles: string[]) => {
      // The full build starts from the same state, in a copy, so it continues the same layout.
      const twin = join(tmp(), 'out');
      cpSync(out, twin, { recursive: true, preserveTimestamps: true });
      change();
      const updated = runCli(['build', input, '--out', graphIn(out), '--verbose']);
      expect(updated.code, updated.stderr).toBe(0);
      expect(updated.stderr, 'the build was expected to update the last graph').not.toContain('built whole');
      const full = runCli(['build', input, '--out', graphIn(twin), '--no-incremental', '--quiet']);
      expect(full.code, full.stderr).toBe(0);
      for (const file of ['graph.json', 'merges.json', 'co-mentions.json']) {
        expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(twin, file), 'utf8'));
      }
      const [edge] = openEdges(readGraph(graphIn(out)));
      expect(edge?.key).toBe(OPEN_KEY);
      expect(edge!.attributes.evidence.map((e) => e.article)).toEqual(expectedArticles);
      expect(edge!.attributes.weight).toBe(expectedArticles.length);
    };
    step(() => writeArticle(input, 'deal-2.txt', '2024-03-08', `Deal closed\n\n${STATEMENT}`), ['deal-1', 'deal-2']);
    step(() => rmSync(join(input, 'deal-1.txt')), ['deal-2']);
    // And back, so the other tests read a graph where two articles state it.
    step(() => writeArticle(input, 'deal-1.txt', '2024-03-01', `Shipping deal\n\n${STATEMENT}`), ['deal-1', 'deal-2']);
  }, 240_000);

  it('is in the GEXF export as label and open attribute, valid against the schema, and networkx reads both', () => {
    const file = join(root, 'graph.gexf');
    const r = runCli(['export', '--format', 'gexf', '--in', graphIn(out), '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    const check = validateGexf(file);
    expect(check.ok, check.output).toBe(true);
    const nx = readWithNetworkx('gexf', file);
    const open = nx.edges.filter((e) => e.data.open === true);
    expect(open.map((e) => [e.source, e.target, e.data.label, e.data.relation])).toEqual([[ATLAS, MERIDIAN, 'acquired', 'related_to']]);
    // The typed relations carry their own words and no open attribute.
    const typed = nx.edges.filter((e) => e.data.relation === 'reported_by');
    expect(typed.length).toBeGreaterThan(0);
    for (const e of typed) expect([e.data.label, e.data.open]).toEqual(['reported by', undefined]);
  });

  it('is in the GraphML export as label and a boolean open, which networkx reads', () => {
    const file = join(root, 'graph.graphml');
    expect(runCli(['export', '--format', 'graphml', '--in', graphIn(out), '--out', file]).code).toBe(0);
    const nx = readWithNetworkx('graphml', file);
    const open = nx.edges.filter((e) => e.data.open === true);
    expect(open.map((e) => [e.data.label, e.data.relation, e.data.weight])).toEqual([['acquired', 'related_to', 2]]);
    expect(nx.edges.filter((e) => e.data.open !== undefined)).toHaveLength(1);
  });

  it('is a row of the CSV edge table with its phrase and open = true', () => {
    const dir = join(root, 'csv');
    mkdirSync(dir);
    expect(runCli(['export', '--format', 'csv', '--in', graphIn(out), '--out', dir]).code).toBe(0);
    const rows = parse(readFileSync(join(dir, 'edges.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const open = rows.filter((row) => row.open === 'true');
    expect(open.map((row) => [row.id, row.source_label, row.label, row.target_label, row.relation, row.weight])).toEqual([[OPEN_KEY, 'Atlas Shipping', 'acquired', 'Meridian Freight', 'related_to', '2']]);
    expect(rows.filter((row) => row.open !== 'true').every((row) => row.open === '')).toBe(true);
  });

  it('is a RELATED_TO relationship of the Cypher script with its phrase and open: true', () => {
    const file = join(root, 'graph.cypher');
    expect(runCli(['export', '--format', 'cypher', '--in', graphIn(out), '--out', file]).code).toBe(0);
    const statement = splitStatements(readFileSync(file, 'utf8')).find((s) => s.includes('[r:RELATED_TO'))!;
    const reader = new LiteralReader(statement);
    reader.expect('UNWIND');
    const rows = reader.value() as Array<{ props: Record<string, Literal> }>;
    expect(rows.map((row) => [row.props.key, row.props.label, row.props.open])).toEqual([[OPEN_KEY, 'acquired', true]]);
  });

  it('is printed by the query commands with its phrase, marked open, and followed only the way it points', () => {
    const shown = runCli(['neighbours', 'Atlas Shipping', '--in', graphIn(out)]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Atlas Shipping —acquired→ Meridian Freight (open)');
    expect(shown.stdout).toContain(`“${STATEMENT}” [deal-1]`);

    const json = JSON.parse(runCli(['neighbours', 'Atlas Shipping', '--relation', 'related_to', '--json', '--in', graphIn(out)]).stdout) as
      { result: { edges: Array<{ key: string; relation: string; label: string; open?: boolean }> } };
    expect(json.result.edges.map((e) => [e.key, e.relation, e.label, e.open])).toEqual([[OPEN_KEY, 'related_to', 'acquired', true]]);

    // Meridian Freight acquired nothing: the edge is not followed backwards, as a symmetric related_to would be.
    const acquiredNothing = runCli(['neighbours', 'Meridian Freight', '--relation', 'related_to', '--direction', 'out', '--in', graphIn(out)]);
    expect(acquiredNothing.code).toBe(1);
    expect(acquiredNothing.stdout).toContain('0 edges');
    const wasAcquired = runCli(['neighbours', 'Meridian Freight', '--relation', 'related_to', '--direction', 'in', '--in', graphIn(out)]);
    expect(wasAcquired.stdout).toContain('Meridian Freight ←acquired— Atlas Shipping (open)');

    const path = runCli(['path', 'Atlas Shipping', 'Meridian Freight', '--in', graphIn(out)]);
    expect(path.stdout).toContain('Atlas Shipping —acquired→ Meridian Freight (open)');
    const stats = runCli(['stats', '--in', graphIn(out)]);
    expect(stats.stdout).toMatch(/related to\s+1 \(1 open\)/);
  });

  it('leaves graphs of schema version 1 loading', () => {
    const graph = readGraph(graphIn(out));
    // What this corpus gave before open relations: no open edge, version 1.
    const v1 = { ...graph, attributes: { ...graph.attributes, schemaVersion: 1 }, edges: graph.edges.filter((e) => !e.attributes.open) };
    const file = join(root, 'v1.json');
    writeFileSync(file, JSON.stringify(v1));
    const r = runCli(['stats', '--json', '--in', file]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { result: { graph: { schemaVersion: number } } }).result.graph.schemaVersion).toBe(2);
  });
});

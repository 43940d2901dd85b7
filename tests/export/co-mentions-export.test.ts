/**
 * `export --co-mentions`: the co-mention pairs of co-mentions.json as `co_mentioned` edges, only when asked for,
 * through the real CLI on a graph it built from invented articles; the GEXF checked by xmllint with the official
 * schema and read back by networkx.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/cli.js';
import { readWithNetworkx, validateGexf } from './tools.js';
import type { CoMention } from '../../src/schema/index.js';

// One folder for the whole file: the graph is built once.
const dir = mkdtempSync(join(tmpdir(), 'newsgraph-co-mentions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let graph: string;
let pairs: CoMention[];

beforeAll(() => {
  mkdirSync(join(dir, 'articles'));
  writeFileSync(join(dir, 'articles', 'a.txt'), ' date 2024-05-02 Lakeside Post\n\nMayor Odile Brandt met with Councillor Piet Varga in Port Ellery.\n\nThe Norvale Water Board supports Odile Brandt.\n');
  writeFileSync(join(dir, 'articles', 'b.txt'), ' date 2024-05-09 Lakeside Post\n\nPiet Varga and Marta Quell toured Port Ellery with the Norvale Water Board.\n');
  graph = join(dir, 'graph', 'graph.json');
  const built = runCli(['build', join(dir, 'articles'), '--out', graph]);
  expect(built.code, built.stderr).toBe(0);
  pairs = (JSON.parse(readFileSync(join(dir, 'graph', 'co-mentions.json'), 'utf8')) as { pairs: CoMention[] }).pairs;
}, 120_000);

describe('export --co-mentions', () => {
  it('writes co_mentioned edges into valid GEXF only when asked, which networkx reads back', () => {
    expect(pairs.length).toBeGreaterThan(2);
    const plain = join(dir, 'plain.gexf');
    const withLinks = join(dir, 'with.gexf');
    expect(runCli(['export', '--format', 'gexf', '--in', graph, '--out', plain]).code).toBe(0);
    const r = runCli(['export', '--format', 'gexf', '--in', graph, '--out', withLinks, '--co-mentions']);
    expect(r.code, r.stderr).toBe(0);
    const check = validateGexf(withLinks);
    expect(check.ok, check.output).toBe(true);
    const before = readWithNetworkx('gexf', plain);
    const after = readWithNetworkx('gexf', withLinks);
    const linkEdges = after.edges.filter((e) => e.data.relation === 'co_mentioned');
    expect(before.edges.some((e) => e.data.relation === 'co_mentioned')).toBe(false);
    expect(linkEdges.length).toBe(pairs.length);
    expect(after.edges.length).toBe(before.edges.length + pairs.length);
    const weights = new Map(pairs.map((p) => [`${p.source}|${p.target}`, p.count]));
    for (const e of linkEdges) expect(e.data.weight).toBe(weights.get(`${e.source}|${e.target}`));
  });

  it('adds rows of relation co_mentioned to the CSV edge table', () => {
    const out = join(dir, 'csv');
    mkdirSync(out);
    expect(runCli(['export', '--format', 'csv', '--in', graph, '--out', out, '--co-mentions']).code).toBe(0);
    const rows = parse(readFileSync(join(out, 'edges.csv'), 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows.filter((row) => row.relation === 'co_mentioned').length).toBe(pairs.length);
  });

  it('stops with one line naming the file when the graph has no co-mentions.json', () => {
    const lone = join(dir, 'lone.json');
    writeFileSync(lone, readFileSync(graph));
    const r = runCli(['export', '--format', 'graphml', '--in', lone, '--co-mentions']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(join(dir, 'lone.co-mentions.json'));
  });
});

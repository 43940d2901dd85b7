/**
 * The questions newsgraph exists to answer, asked of the graph the real CLI builds from seeds/, through the public
 * API only (src/index.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCsv, exportCypher, exportGexf, exportGraphml, findEntity, loadGraph, neighbours, path, search, stats, type NewsGraph } from '../../src/index.js';
import { readWithNetworkx, validateGexf } from '../export/tools.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'newsgraph-seeds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const graphFile = join(dir, 'graph.json');
let graph: NewsGraph;

beforeAll(() => {
  if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('dist/cli/main.js is missing: run `npm run build:lib` first');
  const build = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), 'build', 'seeds', '--out', graphFile, '--quiet'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`newsgraph build seeds failed (exit ${build.status}): ${build.stderr.trim()}`);
  graph = loadGraph(graphFile);
}, 120_000);

describe('questions about the seed articles', () => {
  it('who signed the statement', () => {
    const [statement, ...others] = findEntity(graph, 'statement', { kinds: ['document'] });
    expect(others).toEqual([]);
    const signers = neighbours(graph, statement!.node.key, { relations: ['signed'], direction: 'in' });
    // The article calls the signatories both "British MPs and Lords" and "members of the Liberal Democrats"; the
    // label the resolver picks may change, the group may not.
    expect(signers.nodes).toHaveLength(1);
    const [signer] = signers.nodes;
    expect(signer!.kind).toBe('group');
    expect([signer!.label, ...signer!.aliases].join(' | ')).toMatch(/MPs and Lords|members of the Liberal Democrats/);
    expect(signers.edges[0]!.evidence[0]!.sentence).toMatch(/have signed the statement/);
  });

  it('what did Maryam Rajavi call for', () => {
    const calls = neighbours(graph, 'Maryam Rajavi', { relations: ['called_for'], direction: 'out' });
    expect(calls.entity.label).toBe('Maryam Rajavi');
    expect(calls.nodes.map((n) => n.label)).toContain('independent fact-finding investigation by the UN');
    expect(calls.edges[0]!.evidence.some((e) => /Maryam Rajavi, for an independent fact-finding investigation/.test(e.sentence))).toBe(true);
  });

  it('links the signatories to her through the statement, and finds them by text', () => {
    const statement = findEntity(graph, 'statement', { kinds: ['document'] })[0]!.node.key;
    const signer = neighbours(graph, statement, { relations: ['signed'], direction: 'in' }).nodes[0]!;
    const p = path(graph, signer.key, 'Maryam Rajavi')!;
    expect(p.nodes.map((n) => n.label)).toEqual([signer.label, 'statement', 'Maryam Rajavi']);
    expect(p.hops.map((h) => h.edge.relation)).toEqual(['signed', 'supports']);
    expect(search(graph, 'fact-finding').nodes[0]!.node.label).toBe('independent fact-finding investigation by the UN');
    const s = stats(graph);
    expect(s.articles.count).toBe(1);
    expect(s.byRelation.signed).toBeGreaterThanOrEqual(1);
  });
});

describe('exports of the seeds graph', () => {
  it('GEXF validates and networkx reads every format with the same counts', () => {
    const gexfFile = join(dir, 'seeds.gexf');
    writeFileSync(gexfFile, exportGexf(graph));
    expect(validateGexf(gexfFile).ok).toBe(true);
    const graphmlFile = join(dir, 'seeds.graphml');
    writeFileSync(graphmlFile, exportGraphml(graph));
    for (const [format, file] of [['gexf', gexfFile], ['graphml', graphmlFile]] as const) {
      const nx = readWithNetworkx(format, file);
      expect(Object.keys(nx.nodes)).toHaveLength(graph.order);
      expect(nx.edges).toHaveLength(graph.size);
    }
    expect(exportCsv(graph).edges.split('\r\n').length - 2).toBe(graph.size);
    expect(exportCypher(graph)).toContain(':SIGNED');
  });
});

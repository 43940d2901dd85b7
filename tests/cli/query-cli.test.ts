/**
 * The query and export commands as a user runs them: real child processes on real files, checking output, exit
 * codes (0 found, 1 nothing found or ambiguous, 2 usage or file error) and the --json envelope.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraph, writeGraph } from '../../src/graph/io.js';
import { exportCsv, exportCypher, exportGexf, exportGraphml } from '../../src/export/index.js';
import { hostileGraph, smallNewsGraph } from '../helpers/sample-graphs.js';
import { validateGexf } from '../export/tools.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const main = join(root, 'dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'newsgraph-query-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const small = join(dir, 'small.json');
const hostile = join(dir, 'hostile.json');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Run {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(r: Run): Record<string, any> {
  return JSON.parse(r.stdout) as Record<string, any>;
}

beforeAll(() => {
  if (!existsSync(main)) throw new Error('dist/cli/main.js is missing: run `npm run build:lib` first');
  writeGraph(smallNewsGraph(), small);
  writeGraph(hostileGraph(), hostile);
});

describe('newsgraph neighbours', () => {
  it('prints each edge as "A —relation→ B" with its evidence indented, and exits 0', () => {
    const r = run('neighbours', 'Ana Ferreira', '--relation', 'called_for', '--direction', 'out', '--in', small);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Ana Ferreira (person)');
    expect(lines).toContain('Ana Ferreira —called for→ public inquiry into the port closure');
    expect(lines).toContain('    “Union leader Ana Ferreira called for a public inquiry into the port closure.” [harbour-1]');
    expect(lines).toContain('    “Ferreira repeated her call for a public inquiry.” [harbour-2]');
  });

  it('reads edges into the entity from the entity\'s side', () => {
    const r = run('neighbours', 'open letter', '--relation', 'signed', '--in', small);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('open letter ←signed— dock workers');
  });

  it('uses graph/graph.json in the working folder by default', () => {
    const cwd = mkdtempSync(join(dir, 'default-'));
    mkdirSync(join(cwd, 'graph'));
    writeGraph(smallNewsGraph(), join(cwd, 'graph', 'graph.json'));
    const r = spawnSync(process.execPath, [main, 'neighbours', 'HWU', '--depth', '1'], { cwd, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Harbour Workers Union (organisation)');
    expect(r.stdout).toContain('(matched by alias: alias "HWU" of "Harbour Workers Union")');
  });

  it('lists the candidates and exits 1 when the name is ambiguous', () => {
    const r = run('neighbours', 'Tomas', '--in', small);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^"Tomas" matches 2 entities; name one by its label or key:/);
    expect(r.stdout).toContain('Tomas Lindqvist (person)  key: person:tomas lindqvist');
    expect(r.stdout).toContain('Tomas Berg (person)  key: person:tomas berg');
  });

  it('exits 1 with one line when nothing matches, or the entity has no such edges', () => {
    const none = run('neighbours', 'Nobody Here', '--in', small);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('newsgraph: no entity matches "Nobody Here"\n');
    const empty = run('neighbours', 'Elena Ruiz', '--in', small);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain('0 edges to 0 entities');
  });

  it('answers --json with the documented envelope', () => {
    const r = run('neighbours', 'Ana Ferreira', '--depth', '2', '--kind', 'person', '--kind', 'place', '--json', '--in', small);
    expect(r.code).toBe(0);
    const j = json(r);
    expect(j).toMatchObject({ schema: 'newsgraph-query/1', command: 'neighbours', status: 'found', query: { name: 'Ana Ferreira', depth: 2, direction: 'both', relations: [], kinds: ['person', 'place'] } });
    expect(j.match).toMatchObject({ match: 'label', node: { key: 'person:ana ferreira' } });
    expect(j.result.entity.key).toBe('person:ana ferreira');
    expect(j.result.nodes.map((n: { label: string; depth: number }) => [n.label, n.depth])).toEqual([['Tomas Lindqvist', 1], ['Valmora', 2]]);
    expect(j.result.edges[0]).toHaveProperty('evidence');
    expect(j.result).not.toHaveProperty('resolution');
    const amb = run('neighbours', 'Tomas', '--json', '--in', small);
    expect(amb.code).toBe(1);
    expect(json(amb)).toMatchObject({ status: 'ambiguous', match: null, result: null });
    expect(json(amb).candidates).toHaveLength(2);
    const none = run('neighbours', 'Nobody Here', '--json', '--in', small);
    expect(none.code).toBe(1);
    expect(json(none)).toMatchObject({ status: 'not_found', candidates: [], result: null });
  });

  it('rejects unknown relations, kinds and directions with exit 2', () => {
    for (const args of [['--relation', 'likes'], ['--kind', 'planet'], ['--direction', 'up'], ['--depth', '0']]) {
      const r = run('neighbours', 'Ana Ferreira', ...args, '--in', small);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toMatch(/^newsgraph: option '--\w+ <\w+>' argument '\w+' is invalid/);
    }
    expect(run('neighbours', 'x', '--relation', 'likes', '--in', small).stderr).toContain('unknown relation (one of signed, called_for');
  });
});

describe('file errors', () => {
  it('names the file and the problem in one line, exit 2', () => {
    const missing = run('stats', '--in', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`newsgraph: ${join(dir, 'nope.json')}: no such file (run \`newsgraph build\` first)\n`);
    const bad = join(dir, 'not-a-graph.json');
    writeFileSync(bad, '{"hello": 1}');
    const r = run('search', 'x', '--in', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`newsgraph: ${bad}: not a newsgraph graph: missing nodes\n`);
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{"nodes": [');
    expect(run('path', 'a', 'b', '--in', garbage).stderr).toMatch(/^newsgraph: .*garbage\.json: not a newsgraph graph: invalid JSON/);
  });
});

describe('newsgraph path', () => {
  it('prints the chain, hops read in walking order', () => {
    const r = run('path', 'Tomas Lindqvist', 'Port Authority', '--in', small);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Tomas Lindqvist (person) → Port Authority (organisation): 2 steps');
    expect(lines).toContain('Tomas Lindqvist —leads→ Valmora');
    expect(lines).toContain('Valmora ←located in— Port Authority');
  });

  it('exits 1 when no path exists or a name is ambiguous, and honours --json', () => {
    const none = run('path', 'Elena Ruiz', 'Valmora', '--in', small);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('No path of at most 6 edges links Elena Ruiz (person) and Valmora (place).\n');
    const amb = run('path', 'Tomas', 'Valmora', '--in', small);
    expect(amb.code).toBe(1);
    expect(amb.stdout).toContain('"Tomas" matches 2 entities');
    const j = json(run('path', 'Tomas Lindqvist', 'Port Authority', '--relation', 'leads', '--relation', 'located_in', '--json', '--in', small));
    expect(j).toMatchObject({ command: 'path', status: 'found', query: { from: 'Tomas Lindqvist', to: 'Port Authority', maxDepth: 6, relations: ['leads', 'located_in'] } });
    expect(j.result.length).toBe(2);
    expect(j.result.hops.map((h: { reversed: boolean; edge: { relation: string } }) => [h.edge.relation, h.reversed])).toEqual([['leads', false], ['located_in', true]]);
    const empty = json(run('path', 'Elena Ruiz', 'Valmora', '--json', '--in', small));
    expect(empty).toMatchObject({ status: 'empty', result: null });
  });
});

describe('newsgraph search and stats', () => {
  it('search lists entities and evidence, exit 1 when nothing matches', () => {
    const r = run('search', 'port closure', '--in', small);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('public inquiry into the port closure (event)');
    expect(r.stdout).toContain('Ana Ferreira —called for→ public inquiry into the port closure');
    const none = run('search', 'zeppelin', '--in', small);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('Nothing matches "zeppelin".\n');
    const j = json(run('search', 'inquiry', '--kind', 'event', '--limit', '1', '--json', '--in', small));
    expect(j).toMatchObject({ command: 'search', status: 'found', query: { text: 'inquiry', kinds: ['event'], limit: 1 } });
    expect(j.result.nodes).toHaveLength(1);
    expect(j.result.total.nodes).toBe(1);
  });

  it('stats prints counts and --json the full numbers', () => {
    const r = run('stats', '--in', small);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('14 entities, 16 edges, 18 evidence sentences, 2 articles, dated 2023-03-01 to 2023-03-09');
    expect(r.stdout).toMatch(/People\s+4/);
    expect(r.stdout).toMatch(/called for\s+2/);
    const j = json(run('stats', '--top', '2', '--json', '--in', small));
    expect(j.result.byKind.person).toBe(4);
    expect(j.result.topByDegree).toHaveLength(2);
  });

  it('never lets article text drive the terminal', () => {
    const r = run('search', 'Bell', '--in', hostile);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(r.stdout).toContain('Bell Esc [31mRed [0m Nul VT FF');
  });
});

describe('newsgraph export', () => {
  it('writes each format to stdout or a file, as the library does', () => {
    // The file's order (sorted keys), not the builder's, is what the command sees.
    const graph = loadGraph(small);
    expect(run('export', '--format', 'gexf', '--in', small).stdout).toBe(exportGexf(graph));
    expect(run('export', '--format', 'graphml', '--in', small).stdout).toBe(exportGraphml(graph));
    const out = join(dir, 'out', 'graph.cypher');
    const r = run('export', '--format', 'cypher', '--in', small, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(exportCypher(graph));
    expect(readdirSync(join(dir, 'out'))).toEqual(['graph.cypher']);
  });

  it('writes a GEXF file that passes the schema, from hostile text', () => {
    const out = join(dir, 'hostile.gexf');
    expect(run('export', '--format', 'gexf', '--in', hostile, '--out', out).code).toBe(0);
    expect(validateGexf(out).ok).toBe(true);
  });

  it('writes nodes.csv and edges.csv into the --out folder, and insists on one', () => {
    const folder = join(dir, 'csv');
    const r = run('export', '--format', 'csv', '--in', hostile, '--out', folder);
    expect(r.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['edges.csv', 'nodes.csv']);
    const tables = exportCsv(loadGraph(hostile));
    expect(readFileSync(join(folder, 'nodes.csv'), 'utf8')).toBe(tables.nodes);
    expect(parse(readFileSync(join(folder, 'edges.csv'), 'utf8'), { columns: true })).toHaveLength(hostileGraph().size);
    const noOut = run('export', '--format', 'csv', '--in', small);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toBe('newsgraph: export: csv writes two files (nodes.csv and edges.csv); name their folder with --out\n');
  });

  it('rejects unknown or missing formats with exit 2', () => {
    const bad = run('export', '--format', 'xlsx', '--in', small);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe("newsgraph: option '--format <format>' argument 'xlsx' is invalid. Allowed choices are gexf, graphml, csv, cypher.");
    expect(run('export', '--in', small).code).toBe(2);
  });
});

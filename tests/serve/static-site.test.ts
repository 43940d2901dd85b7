import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST, writeStaticViewer } from '../../src/serve/static-site.js';
import { writeGraph } from '../../src/graph/io.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-view-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeViewer(name: string, bundle: string): string {
  const viewerDir = join(dir, name);
  mkdirSync(join(viewerDir, 'assets'), { recursive: true });
  writeFileSync(join(viewerDir, 'index.html'), `<script type="module" src="./assets/${bundle}"></script>`);
  writeFileSync(join(viewerDir, 'assets', bundle), `// ${bundle}`);
  return viewerDir;
}

describe('writeStaticViewer', () => {
  const graphPath = join(dir, 'graph.json');
  writeGraph(syntheticGraph({ nodes: 20, edges: 30, seed: 4 }), graphPath);

  it('copies the viewer and the graph, and replaces only what an earlier export wrote', () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const first = writeStaticViewer({ viewerDir: fakeViewer('v1', 'index-aaa.js'), graphPath, outDir: out });
    expect(first.files).toEqual(['assets/index-aaa.js', 'evidence/0.json', 'graph.compact.json', 'graph.json', 'index.html']);
    expect(readFileSync(join(out, 'graph.json'), 'utf8')).toBe(readFileSync(graphPath, 'utf8'));
    // The compact form the viewer loads: every edge, its evidence in the shard beside it.
    const compact = JSON.parse(readFileSync(join(out, 'graph.compact.json'), 'utf8')) as { edges: { source: unknown[] }; shards: { count: number }; coMentions: boolean };
    const full = JSON.parse(readFileSync(graphPath, 'utf8')) as { edges: Array<{ attributes: { evidence: unknown[] } }> };
    expect(compact.edges.source.length).toBe(full.edges.length);
    expect(compact.shards.count).toBe(1);
    expect(compact.coMentions).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'evidence', '0.json'), 'utf8'))).toEqual(full.edges.map((e) => e.attributes.evidence));
    expect(readFileSync(join(out, 'assets', 'index-aaa.js'), 'utf8')).toBe('// index-aaa.js');

    const second = writeStaticViewer({ viewerDir: fakeViewer('v2', 'index-bbb.js'), graphPath, outDir: out });
    expect(second.removed).toEqual(['assets/index-aaa.js']);
    expect(existsSync(join(out, 'assets', 'index-aaa.js'))).toBe(false);
    expect(existsSync(join(out, 'assets', 'index-bbb.js'))).toBe(true);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')).files).toEqual(second.files);
    // No temporary files are left behind by the atomic writes.
    expect(existsSync(join(out, '.graph.json.tmp'))).toBe(false);
  });

  it('leaves the folder untouched when the graph is bad', () => {
    const out = join(dir, 'untouched');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, 'not json');
    expect(() => writeStaticViewer({ viewerDir: fakeViewer('v3', 'x.js'), graphPath: bad, outDir: out })).toThrow(/bad\.json: not a newsgraph graph/);
    expect(existsSync(join(out, 'index.html'))).toBe(false);
  });

  it('refuses a missing viewer build and an output inside the build', () => {
    expect(() => writeStaticViewer({ viewerDir: join(dir, 'nothing'), graphPath, outDir: join(dir, 'o') })).toThrow(/run `npm run build`/);
    const v = fakeViewer('v4', 'y.js');
    expect(() => writeStaticViewer({ viewerDir: v, graphPath, outDir: join(v, 'sub') })).toThrow(/must not overlap/);
  });
});

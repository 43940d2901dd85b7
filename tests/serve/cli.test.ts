/**
 * `newsgraph serve` and `newsgraph view` as real child processes (through tsx, so the test needs no prior
 * `build:lib`), against the real viewer build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGraph } from '../../src/graph/io.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { ensureViewerBuilt, ROOT } from '../../bench/lib/viewer-page.js';

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-cli-serve-'));
const graphPath = join(dir, 'graph.json');
// tsx's loader resolved from the repo, since the commands run in a temporary folder.
const TSX = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href;
const CLI = ['--import', TSX, join(ROOT, 'src', 'cli', 'main.ts')];

beforeAll(() => {
  ensureViewerBuilt();
  writeGraph(syntheticGraph({ nodes: 25, edges: 40, seed: 6 }), graphPath);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  return spawnSync(process.execPath, [...CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

describe('newsgraph serve', () => {
  it('prints its URL on one line, serves the viewer and the graph, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [...CLI, 'serve', '--port', '0', '--in', graphPath], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\n$/);
    const page = await fetch(url.trim());
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="graph"');
    const graph = await fetch(new URL('graph.json', url.trim()));
    expect(await graph.text()).toBe(readFileSync(graphPath, 'utf8'));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });

  it('fails with one line naming the file when the graph is missing or malformed', () => {
    const missing = run(['serve', '--in', join(dir, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(`newsgraph: ${join(dir, 'nope.json')}: no such file (run \`newsgraph build\` first)\n`);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[1,2');
    const malformed = run(['serve', '--in', bad]);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr.trim().split('\n')).toHaveLength(1);
    expect(malformed.stderr).toMatch(/bad\.json: not a newsgraph graph/);
  });

  it('rejects a bad port as a usage error', () => {
    const result = run(['serve', '--port', 'eighty']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/port/);
  });
});

describe('newsgraph view', () => {
  it('writes the viewer and the graph into a folder and prints its index.html', () => {
    const out = join(dir, 'site');
    const result = run(['view', '--out', out, '--in', graphPath]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${join(out, 'index.html')}\n`);
    expect(readFileSync(join(out, 'graph.json'), 'utf8')).toBe(readFileSync(graphPath, 'utf8'));
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(readFileSync(join(ROOT, 'viewer', 'dist', 'index.html'), 'utf8'));
    expect(existsSync(join(out, 'favicon.svg'))).toBe(true);
  });

  it('requires --out', () => {
    const result = run(['view']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--out/);
  });
});

/**
 * What tests/serve/* leaves out of "serves only viewer files and the graph": files beside the graph, more encodings
 * of "..", methods other than GET and HEAD, --host, and `view --out` writing or deleting through links.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, startServer, type RunningServer } from '../../src/serve/server.js';
import { MANIFEST, writeStaticViewer } from '../../src/serve/static-site.js';
import { writeGraph } from '../../src/graph/io.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { rawGet, rawRequest } from '../helpers/raw-http.js';
import { builtFile } from '../helpers/required-tools.js';

const SECRET = 'SECRET-BESIDE-THE-GRAPH';
const dir = mkdtempSync(join(tmpdir(), 'newsgraph-serve-more-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the server shows the viewer and the graph, nothing beside them', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const viewerDir = join(dir, 'viewer');
    mkdirSync(join(viewerDir, 'assets'), { recursive: true });
    writeFileSync(join(viewerDir, 'index.html'), '<!doctype html><title>viewer</title>');
    writeFileSync(join(viewerDir, 'assets', 'app.js'), '// app');
    // The graph's own folder holds what a build writes beside it, and more.
    const graphDir = join(dir, 'graph');
    mkdirSync(join(graphDir, '.cache', 'extractions'), { recursive: true });
    writeGraph(syntheticGraph({ nodes: 6, edges: 5, seed: 3 }), join(graphDir, 'graph.json'));
    writeFileSync(join(graphDir, 'merges.json'), SECRET);
    writeFileSync(join(graphDir, '.cache', 'extractions', 'a.json'), SECRET);
    writeFileSync(join(graphDir, '.graph.json.123.0.tmp'), SECRET);
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    server = await startServer({ viewerDir, graphPath: join(graphDir, 'graph.json') });
  });
  afterAll(() => server?.close());

  it.each([
    '/merges.json', '/graph/merges.json', '/.cache/extractions/a.json', '/.graph.json.123.0.tmp', '/graph.json/../merges.json',
    '/graph.json%2f..%2fmerges.json', '/%67raph/merges.json', '/../graph/merges.json', '/assets/../../graph/merges.json',
    '/%c0%ae%c0%ae/secret.txt', '/%e0%80%ae%e0%80%ae/secret.txt', '/%u002e%u002e/secret.txt', '/%2e%2e%5csecret.txt',
    '/.%2E/secret.txt', '/assets/%2E%2e', '/..', '/assets/..', '/./secret.txt', '/..;/secret.txt', '/%20../secret.txt',
    '/assets/', '/%00', '/%252e%252e%252fsecret.txt',
  ])('refuses %s without a byte of what lies outside the viewer', async (target) => {
    const r = await rawGet(server.port, target);
    expect([400, 403, 404]).toContain(r.status);
    expect(r.body).not.toContain(SECRET);
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves the graph only at /graph.json, and the viewer files', async () => {
    expect((await rawGet(server.port, '/graph.json')).status).toBe(200);
    expect((await rawGet(server.port, '/graph.json?cache=1#x')).status).toBe(200);
    expect((await rawGet(server.port, '/assets/app.js')).body).toBe('// app');
    expect((await rawGet(server.port, '/GRAPH.JSON')).status).toBe(404);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH'])('answers %s with 405 and touches nothing', async (method) => {
    const before = readFileSync(join(dir, 'graph', 'graph.json'));
    const r = await rawRequest(server.port, `${method} /graph.json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(r.status).toBe(405);
    expect(readFileSync(join(dir, 'graph', 'graph.json')).equals(before)).toBe(true);
  });

  it('drops CONNECT (node:http closes the socket when nobody listens for it)', async () => {
    const r = await rawRequest(server.port, 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n');
    expect(r.status).not.toBe(200);
    expect(r.body).toBe('');
  });

  it('survives a request line too long to read', async () => {
    const r = await rawGet(server.port, `/${'a'.repeat(100_000)}`);
    expect([400, 404, 414, 431]).toContain(r.status);
    expect((await rawGet(server.port, '/')).status).toBe(200);
  });
});

describe('newsgraph serve --host', () => {
  const graph = join(dir, 'host-graph.json');
  beforeAll(() => writeGraph(syntheticGraph({ nodes: 4, edges: 3, seed: 8 }), graph));

  /** Starts `serve`, returns the first stdout line, then stops it with SIGTERM. */
  function serveUrl(args: string[]): Promise<{ url: string; stderr: string; code: number | null }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--in', graph, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) child.kill('SIGTERM');
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ url: out.trim(), stderr, code });
      });
    });
  }

  it('binds 127.0.0.1 unless told otherwise, and the address given with --host when told', async () => {
    builtFile('viewer/dist/index.html');
    const plain = await serveUrl([]);
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(plain.code).toBe(0);
    const any = await serveUrl(['--host', '0.0.0.0']);
    expect(any.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/$/);
    const bad = await serveUrl(['--host', '203.0.113.7']);
    expect(bad.stderr).toBe('newsgraph: serve: cannot listen on host 203.0.113.7\n');
    expect(bad.code).toBe(2);
  });
});

describe('newsgraph view --out stays inside its folder', () => {
  it('never deletes or writes through a link that leads out of the folder', () => {
    const viewerDir = join(dir, 'view-src');
    mkdirSync(join(viewerDir, 'assets'), { recursive: true });
    writeFileSync(join(viewerDir, 'index.html'), '<title>v</title>');
    writeFileSync(join(viewerDir, 'assets', 'app.js'), '// new bundle');
    const graphPath = join(dir, 'view-graph.json');
    writeGraph(syntheticGraph({ nodes: 4, edges: 3, seed: 2 }), graphPath);

    // Someone else's folder, and an output folder whose "assets" leads there, with a manifest naming a file in it.
    const victim = join(dir, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'precious.txt'), SECRET);
    writeFileSync(join(victim, 'app.js'), SECRET);
    const out = join(dir, 'site');
    mkdirSync(out);
    symlinkSync(victim, join(out, 'assets'));
    writeFileSync(join(out, MANIFEST), JSON.stringify({ generator: 'newsgraph view', files: ['assets/precious.txt'] }));

    try {
      writeStaticViewer({ viewerDir, graphPath, outDir: out });
    } catch {
      // Refusing the folder is a fine answer too; what matters is the victim's files.
    }
    expect(readFileSync(join(victim, 'precious.txt'), 'utf8')).toBe(SECRET);
    expect(readFileSync(join(victim, 'app.js'), 'utf8')).toBe(SECRET);
  });
});

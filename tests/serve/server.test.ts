import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveRequestPath, startServer, type RunningServer } from '../../src/serve/server.js';
import { writeGraph } from '../../src/graph/io.js';
import { NewsgraphError } from '../../src/errors.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { rawGet } from '../helpers/raw-http.js';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-VIEWER';

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-serve-'));
let viewerDir: string;
let graphPath: string;
let server: RunningServer;

beforeAll(async () => {
  viewerDir = join(dir, 'site');
  mkdirSync(join(viewerDir, 'assets'), { recursive: true });
  writeFileSync(join(viewerDir, 'index.html'), '<!doctype html><title>viewer</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(viewerDir, 'assets', 'app.js'), 'console.log("hi");');
  writeFileSync(join(viewerDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(viewerDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(viewerDir, '.env'), SECRET);
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  symlinkSync(dir, join(viewerDir, 'escape'));
  graphPath = join(dir, 'graph.json');
  writeGraph(syntheticGraph({ nodes: 30, edges: 60, seed: 2 }), graphPath);
  server = await startServer({ viewerDir, graphPath });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serving the viewer', () => {
  it('serves the compact graph, its evidence shards and co-mentions.json, and follows a rebuilt graph', async () => {
    const compact = await rawGet(server.port, '/graph.compact.json');
    expect(compact.status).toBe(200);
    expect(compact.headers['content-type']).toBe('application/json; charset=utf-8');
    const data = JSON.parse(compact.body) as { format: string; edges: { source: unknown[] }; shards: { size: number; count: number }; coMentions: boolean };
    const full = JSON.parse(readFileSync(graphPath, 'utf8')) as { edges: Array<{ key: string; attributes: { evidence: unknown[] } }> };
    expect(data.format).toBe('newsgraph-compact');
    expect(data.edges.source.length).toBe(full.edges.length);
    // Edge i's evidence is item i of its shard, edges in key order as graph.json lists them.
    const shard = JSON.parse((await rawGet(server.port, '/evidence/0.json')).body) as unknown[];
    expect(shard).toEqual(full.edges.slice(0, data.shards.size).map((e) => e.attributes.evidence));
    expect((await rawGet(server.port, `/evidence/${data.shards.count}.json`)).status).toBe(404);
    expect((await rawGet(server.port, '/evidence/..%2f..%2fsecret.json')).status).not.toBe(200);
    // No co-mentions.json beside this graph: said, and a 404 with the reason.
    expect(data.coMentions).toBe(false);
    const none = await rawGet(server.port, '/co-mentions.json');
    expect(none.status).toBe(404);
    expect(none.body).toContain('co-mentions.json: not found');
    // A graph rebuilt while serving: the compact form follows it.
    const before = data.edges.source.length;
    writeGraph(syntheticGraph({ nodes: 30, edges: 20, seed: 5 }), graphPath);
    const again = JSON.parse((await rawGet(server.port, '/graph.compact.json')).body) as { edges: { source: unknown[] } };
    expect(again.edges.source.length).not.toBe(before);
    writeGraph(syntheticGraph({ nodes: 30, edges: 60, seed: 2 }), graphPath);
  });

  it('binds 127.0.0.1 on a free port by default and reports its URL', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves the page with a CSP that forbids inline script, nosniff and the right content types', async () => {
    const page = await rawGet(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>viewer</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await rawGet(server.port, '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawGet(server.port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await rawGet(server.port, '/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
    const missing = await rawGet(server.port, '/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves the graph from its path, read at request time', async () => {
    const first = await rawGet(server.port, '/graph.json');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.body).toBe(readFileSync(graphPath, 'utf8'));
    writeGraph(syntheticGraph({ nodes: 5, edges: 4, seed: 9 }), graphPath);
    const second = await rawGet(server.port, '/graph.json?v=2');
    expect(JSON.parse(second.body).nodes).toHaveLength(5);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%252e%252e/secret.txt',
    '/index.html%00.js',
    '/escape/secret.txt',
    '/.env',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    `/${encodeURIComponent(join(dir, 'secret.txt'))}`,
    'http://127.0.0.1/../secret.txt',
    '/%',
  ])('refuses %s', async (target) => {
    const res = await rawGet(server.port, target);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await rawGet(server.port, '/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await rawGet(server.port, '/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('request path resolution', () => {
  it('maps plain paths inside the folder and refuses the rest before touching the disk', () => {
    expect(resolveRequestPath('/srv/site', '/')).toEqual({ file: '/srv/site/index.html' });
    expect(resolveRequestPath('/srv/site', '/assets/a%20b.js?x=1')).toEqual({ file: '/srv/site/assets/a b.js' });
    expect(resolveRequestPath('/srv/site', '/sub/')).toEqual({ file: '/srv/site/sub/index.html' });
    expect(resolveRequestPath('/srv/site', '/a/../b')).toEqual({ status: 403 });
    expect(resolveRequestPath('/srv/site', '/a/%2e/b')).toEqual({ status: 403 });
    expect(resolveRequestPath('/srv/site', '*')).toEqual({ status: 400 });
  });
});

describe('refusing to start', () => {
  it('on a missing graph, with the path and what to do', async () => {
    const missing = join(dir, 'absent.json');
    await expect(startServer({ viewerDir, graphPath: missing })).rejects.toThrow(NewsgraphError);
    await expect(startServer({ viewerDir, graphPath: missing })).rejects.toThrow(`${missing}: no such file (run \`newsgraph build\` first)`);
  });

  it('on a malformed graph', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"nodes": [], "edges": "x"');
    await expect(startServer({ viewerDir, graphPath: bad })).rejects.toThrow(/bad\.json: not a newsgraph graph: invalid JSON/);
    writeFileSync(bad, '{"nodes": [], "edges": []}');
    await expect(startServer({ viewerDir, graphPath: bad })).rejects.toThrow(/bad\.json: not a newsgraph graph: missing attributes\.schemaVersion/);
  });

  it('without a built viewer', async () => {
    await expect(startServer({ viewerDir: join(dir, 'no-viewer'), graphPath })).rejects.toThrow(/run `npm run build`/);
  });

  it('on a port that is taken', async () => {
    await expect(startServer({ viewerDir, graphPath, port: server.port })).rejects.toThrow(`serve: port ${server.port} is already in use`);
  });
});

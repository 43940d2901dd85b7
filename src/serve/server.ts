/**
 * A small static server for the viewer (node:http, no framework). It serves the built viewer folder, the graph at
 * /graph.json, its compact form and evidence shards (compact-graph.ts) and its co-mentions, nothing else: request
 * paths are checked segment by segment before touching the disk, and every response carries a
 * Content-Security-Policy that forbids inline script.
 */
import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { NewsgraphError } from '../errors.js';
import { loadGraph, type NewsGraph } from '../graph/io.js';
import { coMentionsPathFor } from '../graph/co-mention-file.js';
import { compactGraph, type CompactFiles } from './compact-graph.js';

export interface ServerOptions {
  /** The built viewer (viewer/dist). */
  viewerDir: string;
  /** The graph served at /graph.json, read at request time so a rebuilt graph shows on reload. */
  graphPath: string;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export const SERVER_DEFAULTS = { host: '127.0.0.1', port: 0 } as const;

/**
 * Sigma sets element styles through the CSSOM, which `style-src 'self'` allows; the layout runs in a same-origin
 * worker; PNG export draws canvases only. So nothing here needs 'unsafe-inline', 'unsafe-eval', data: or blob:.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type ResolvedPath = { file: string } | { status: 400 | 403 | 404 };

/**
 * Maps a raw request target to a file under `root`, or to the status that refuses it. Anything that could name a
 * file outside the folder is refused before decoding can hide it: dot segments (plain or %2e-encoded), encoded
 * slashes and backslashes, NUL, and targets that are not plain paths.
 */
export function resolveRequestPath(root: string, rawTarget: string): ResolvedPath {
  if (!rawTarget.startsWith('/')) return { status: 400 };
  const rawPath = rawTarget.split(/[?#]/, 1)[0]!;
  if (/%(2f|5c|00)/i.test(rawPath) || rawPath.includes('\\') || rawPath.includes('\0')) return { status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 403 };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { status: 403 };
  // Hidden files (.env, .git) are never part of a built viewer.
  if (segments.some((s) => s.startsWith('.'))) return { status: 404 };
  if (segments.length === 0 || decoded.endsWith('/')) segments.push('index.html');
  const base = resolve(root);
  const file = join(base, ...segments);
  if (file !== base && !file.startsWith(base + sep)) return { status: 403 };
  return { file };
}

function send(res: ServerResponse, status: number, text: string, head: boolean): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(head ? undefined : `${text}\n`);
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, stats: Stats, cache: string): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType(file),
    'Content-Length': String(stats.size),
    'Cache-Control': cache,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function statFile(path: string): Stats | null {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

/**
 * The compact form of the graph file as it is now: made again when the file changed (a rebuild while serving), from
 * the graph already parsed at start-up the first time.
 */
class CompactSource {
  private files: CompactFiles | undefined;
  private stamp = '';

  constructor(private readonly graphPath: string, first: NewsGraph) {
    this.stamp = this.stampNow();
    this.files = compactGraph(first, { coMentions: !!statFile(coMentionsPathFor(graphPath)) });
  }

  private stampNow(): string {
    const stats = statFile(this.graphPath);
    return stats ? `${stats.size}:${stats.mtimeMs}` : '';
  }

  /** The compact files, or undefined when the graph file is gone or no longer a graph. */
  get(): CompactFiles | undefined {
    const stamp = this.stampNow();
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      try {
        this.files = compactGraph(loadGraph(this.graphPath), { coMentions: !!statFile(coMentionsPathFor(this.graphPath)) });
      } catch {
        this.files = undefined;
      }
    }
    return this.files;
  }
}

function sendJson(req: IncomingMessage, res: ServerResponse, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES['.json']!, 'Content-Length': String(body.length), 'Cache-Control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const EVIDENCE_SHARD = /^\/evidence\/(\d{1,7})\.json$/;

function handler(viewerRoot: string, graphPath: string, compact: CompactSource) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'method not allowed', false);
      return;
    }
    const target = req.url ?? '/';
    if (target.split(/[?#]/, 1)[0] === '/graph.json') {
      const stats = statFile(graphPath);
      if (!stats) return send(res, 404, 'graph.json: not found (run `newsgraph build`)', head);
      return sendFile(req, res, graphPath, stats, 'no-cache');
    }
    const path = target.split(/[?#]/, 1)[0]!;
    if (path === '/graph.compact.json') {
      const files = compact.get();
      return files ? sendJson(req, res, files.graph) : send(res, 404, 'graph.json: not found or not a graph (run `newsgraph build`)', head);
    }
    const shard = EVIDENCE_SHARD.exec(path);
    if (shard) {
      const text = compact.get()?.shards[Number(shard[1])];
      return text === undefined ? send(res, 404, 'not found', head) : sendJson(req, res, text);
    }
    if (path === '/co-mentions.json') {
      const file = coMentionsPathFor(graphPath);
      const stats = statFile(file);
      if (!stats) return send(res, 404, 'co-mentions.json: not found (build the graph again to write it)', head);
      return sendFile(req, res, file, stats, 'no-cache');
    }
    const resolved = resolveRequestPath(viewerRoot, target);
    if ('status' in resolved) {
      send(res, resolved.status, resolved.status === 404 ? 'not found' : resolved.status === 403 ? 'forbidden' : 'bad request', head);
      return;
    }
    const stats = statFile(resolved.file);
    if (!stats) return send(res, 404, 'not found', head);
    // A symlink inside the folder must not lead out of it.
    let real: string;
    try {
      real = realpathSync(resolved.file);
    } catch {
      return send(res, 404, 'not found', head);
    }
    if (!real.startsWith(viewerRoot + sep)) return send(res, 403, 'forbidden', head);
    // Vite names built assets by content hash, so they never change; the page and the graph do.
    const cache = /[\\/]assets[\\/]/.test(real) ? 'public, max-age=31536000, immutable' : 'no-cache';
    sendFile(req, res, real, stats, cache);
  };
}

function formatUrl(host: string, port: number): string {
  const name = host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}/`;
}

/**
 * Starts the server once the viewer and the graph check out, so `newsgraph serve` on a bad graph fails with one line
 * instead of serving a page that cannot load.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? SERVER_DEFAULTS.host;
  const port = options.port ?? SERVER_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new NewsgraphError(`serve: invalid port ${String(port)}`);
  let viewerRoot: string;
  try {
    viewerRoot = realpathSync(resolve(options.viewerDir));
  } catch {
    throw new NewsgraphError(`${options.viewerDir}: no built viewer here (run \`npm run build\`)`);
  }
  if (!statFile(join(viewerRoot, 'index.html'))) {
    throw new NewsgraphError(`${options.viewerDir}: no built viewer here (index.html missing; run \`npm run build\`)`);
  }
  const graphPath = resolve(options.graphPath);
  // Checked by the path as given, so the error names the file as the user wrote it, like every other command.
  const graph = loadGraph(options.graphPath);
  const compact = new CompactSource(graphPath, graph);

  const server = createServer(handler(viewerRoot, graphPath, compact));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((done, fail) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? `port ${port} is already in use (choose another with --port N, or --port 0 for any free one)` :
        error.code === 'EACCES' ? `no permission to listen on port ${port}` :
        error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' ? `cannot listen on host ${host}` : error.message;
      fail(new NewsgraphError(`serve: ${why}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      done();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: formatUrl(host, address.port),
    host,
    port: address.port,
    close: () => new Promise<void>((done, fail) => {
      server.close((error) => (error ? fail(error) : done()));
      server.closeAllConnections();
    }),
  };
}

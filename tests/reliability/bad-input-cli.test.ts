/**
 * Bad input through the real CLI (child processes of dist/cli/main.js): every bad input gives one line naming the file
 * and the problem, exit code 2, and leaves every existing output file byte for byte as it was. A corpus build skips a
 * bad file with a warning and goes on; --strict makes it fatal.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lchownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DirectedGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';
import { builtFile } from '../helpers/required-tools.js';
import { loadGraph, writeGraph } from '../../src/graph/io.js';
import { MAX_ARTICLE_BYTES } from '../../src/ingest/decode.js';
import { MAX_HTML_DEPTH } from '../../src/ingest/html-article.js';
import { ARTICLE_EXTENSIONS } from '../../src/ingest/discover.js';
import { SCHEMA_VERSION } from '../../src/schema/index.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';

// ---------------------------------------------------------------------------------------------------------------
// Running the CLI

/**
 * Root reads files whatever their mode, so chmod 000 proves nothing when the tests run as root (as in CI containers).
 * Then the CLI runs as `nobody` (uid 65534) in folders handed to that user, where chmod 000 does block reading.
 */
const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function cli(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:lib first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEWSGRAPH_DEBUG: '' },
      ...(IS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A temporary folder the CLI's user may read and write. */
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsgraph-bad-input-'));
  dirs.push(dir);
  return dir;
}

/** Hands everything under `dir` to the CLI's user (when the tests run as root), keeping modes as they are. */
function handOver(dir: string): void {
  if (!IS_ROOT) return;
  const walk = (path: string) => {
    lchownSync(path, NOBODY, NOBODY);
    if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
}

/** Every file under `dir` with its bytes (hidden ones too), to prove a failed command touched nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const stats = lstatSync(full);
      if (stats.isDirectory()) walk(full);
      else out[relative(dir, full)] = stats.isFile() ? readFileSync(full).toString('base64') : `(${stats.mode.toString(8)})`;
    }
  };
  walk(dir);
  return out;
}

const lines = (text: string) => text.split('\n').filter(Boolean);

// ---------------------------------------------------------------------------------------------------------------
// Bad article files

const GOOD = ' date 2021-04-05 Harbour Wire\n\nAnna Berg met Omar Haddad in Valmora. The Green Party signed the declaration.\n';
const LOOKED_FOR = `no articles found (looked for ${ARTICLE_EXTENSIONS.join(', ')})`;

interface BadFile {
  name: string;
  /** The file's bytes; a function for the ones that are not plain files. */
  make: Buffer | ((path: string) => void);
  /** The problem as `extract` and `build --strict` name it, after "<file>: ". */
  problem: string;
  /** When `build` names it differently (it takes folders too). */
  buildProblem?: string;
  /** Not part of the mixed corpus folder (a folder or a missing path is not a file in a folder). */
  standalone?: true;
}

const HUGE_BYTES = 50 * 1024 * 1024;
/** Text before a Latin-1 "é" (0xE9), which is not UTF-8. */
const LATIN1_PREFIX = 'Marta Novak met Kofi Mensah in Rome. Caf';

const BAD_FILES: BadFile[] = [
  { name: 'empty.txt', make: Buffer.alloc(0), problem: 'empty file' },
  { name: 'blank.md', make: Buffer.from('  \n\t\n\r\n   '), problem: 'empty file' },
  { name: 'binary.txt', make: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]), problem: 'binary file, not text' },
  { name: 'utf16-no-bom.txt', make: Buffer.from('Anna Berg met Omar Haddad in Valmora.', 'utf16le'), problem: 'binary file, not text' },
  { name: 'huge.txt', make: Buffer.alloc(HUGE_BYTES, 'All work and no play. '), problem: `too large (${HUGE_BYTES} bytes; the limit for one article is ${MAX_ARTICLE_BYTES} bytes)` },
  { name: 'header-only.txt', make: Buffer.from(' date 2020-01-01 Wire\n'), problem: 'no article text after the header' },
  { name: 'date-day.txt', make: Buffer.from(' date 2021-02-29 Wire\n\nText of the article.'), problem: 'malformed date line: day 29 out of range in 2021-02-29' },
  { name: 'date-month.txt', make: Buffer.from(' date 2020-13-01 Wire\n\nText of the article.'), problem: 'malformed date line: month 13 out of range in 2020-13-01' },
  { name: 'date-words.txt', make: Buffer.from(' date yesterday evening\n\nText of the article.'), problem: 'malformed date line: expected YYYY-MM-DD, got "yesterday"' },
  { name: 'date-slashes.md', make: Buffer.from('DATE 2020/01/02 Wire\r\n\r\nText of the article.'), problem: 'malformed date line: expected YYYY-MM-DD, got "2020/01/02"' },
  { name: 'date-missing.txt', make: Buffer.from('date\n\nText of the article.'), problem: 'malformed date line: no date after "date" (expected " date YYYY-MM-DD Publisher")' },
  // Readability's time grows with the cube of the depth: this one took two minutes before the depth limit.
  { name: 'deep.html', make: Buffer.from(`<html><body>${'<div>'.repeat(2000)}Anna Berg met Omar Haddad.</body></html>`), problem: `HTML nested more than ${MAX_HTML_DEPTH} elements deep; not an article page` },
  { name: 'all-bad.jsonl', make: Buffer.from('{not json\n[1, 2]\n{"title": "no text"}\n\n'), problem: 'no usable article lines (3 bad)' },
  {
    name: 'unreadable.txt',
    make: (path) => { writeFileSync(path, GOOD.replace('Valmora', 'Ostberg')); chmodSync(path, 0o000); },
    problem: 'permission denied (unreadable file)',
  },
  { name: 'folder.txt', make: (path) => mkdirSync(path), problem: 'is a folder', buildProblem: LOOKED_FOR, standalone: true },
  { name: 'missing.txt', make: () => undefined, problem: 'no such file', buildProblem: 'no such file or folder', standalone: true },
];

/** A folder with one of each bad file, handed to the CLI's user. */
function badFilesFolder(): string {
  const dir = join(tmp(), 'bad');
  mkdirSync(dir);
  for (const bad of BAD_FILES) {
    const path = join(dir, bad.name);
    if (typeof bad.make === 'function') bad.make(path);
    else writeFileSync(path, bad.make);
  }
  return dir;
}

describe('bad article files', () => {
  let bad: string;
  /** A finished build: graph.json, merges.json and the extraction cache, which failed builds must not touch. */
  let outDir: string;
  let out: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    bad = badFilesFolder();
    outDir = join(tmp(), 'out');
    mkdirSync(join(outDir, 'in'), { recursive: true });
    writeFileSync(join(outDir, 'in', 'good.txt'), GOOD);
    out = join(outDir, 'graph.json');
    handOver(join(outDir, '..'));
    handOver(join(bad, '..'));
    const r = await cli(['build', join(outDir, 'in'), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    before = snapshot(outDir);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['graph.json', 'merges.json']));
  }, 120_000);

  it('really makes the unreadable file unreadable for the CLI (or the permission tests prove nothing)', async () => {
    // `stats` on a graph file with mode 000 reads it through the same readFileSync.
    const dir = tmp();
    const graph = join(dir, 'locked.json');
    writeGraph(syntheticGraph({ nodes: 3, edges: 2, seed: 1 }), graph);
    chmodSync(graph, 0o000);
    handOver(dir);
    const r = await cli(['stats', '--in', graph]);
    expect(r.stderr).toBe(`newsgraph: ${graph}: permission denied\n`);
    expect(r.code).toBe(2);
  });

  describe.concurrent('extract names the file and the problem in one line and exits 2', () => {
    it.for(BAD_FILES.map((b) => [b.name, b] as const))('%s', async ([name, b], { expect }) => {
      const file = join(bad, name);
      const r = await cli(['extract', file, '--json']);
      expect(r.stderr).toBe(`newsgraph: ${file}: ${b.problem}\n`);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    });
  });

  describe.concurrent('build --strict stops at the bad file with the same line, exit 2, and the old graph untouched', () => {
    it.for(BAD_FILES.map((b) => [b.name, b] as const))('%s', async ([name, b], { expect }) => {
      const file = join(bad, name);
      const r = await cli(['build', join(outDir, 'in'), file, '--strict', '--out', out]);
      expect(r.stderr).toBe(`newsgraph: ${file}: ${b.buildProblem ?? b.problem}\n`);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(snapshot(outDir)).toEqual(before);
    });
  });

  it('build of a file that cannot be read at all: one line, exit 2, the old graph untouched', async () => {
    const file = join(bad, 'binary.txt');
    const r = await cli(['build', file, '--out', out]);
    expect(r.stderr).toBe(`newsgraph: ${file}: no readable articles (1 skipped; first: ${file}: binary file, not text)\n`);
    expect(r.code).toBe(2);
    expect(snapshot(outDir)).toEqual(before);
  });

  it('build of a file that cannot be read at all says why', async () => {
    const file = join(bad, 'binary.txt');
    const r = await cli(['build', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('binary file, not text');
  });

  it('build of a missing path among good ones: one line naming it, exit 2, nothing written', async () => {
    const missing = join(bad, 'no', 'such', 'folder');
    const r = await cli(['build', join(outDir, 'in'), missing, '--out', out]);
    expect(r.stderr).toBe(`newsgraph: ${missing}: no such file or folder\n`);
    expect(r.code).toBe(2);
    expect(snapshot(outDir)).toEqual(before);
  });

  it('build of a folder with no articles in it: one line, exit 2, nothing written', async () => {
    const dir = join(tmp(), 'notes');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'report.pdf'), '%PDF-1.4');
    writeFileSync(join(dir, 'sub', 'data.csv'), 'a,b\n');
    writeFileSync(join(dir, '.hidden.txt'), GOOD);
    handOver(join(dir, '..'));
    const r = await cli(['build', dir, '--out', out]);
    expect(r.stderr).toBe(`newsgraph: ${dir}: ${LOOKED_FOR}\n`);
    expect(r.code).toBe(2);
    expect(snapshot(outDir)).toEqual(before);
  });

  describe('a corpus with every kind of bad file among good ones', () => {
    let corpus: string;
    let goodNames: string[];

    beforeAll(() => {
      corpus = join(tmp(), 'corpus');
      mkdirSync(corpus);
      for (const b of BAD_FILES) {
        if (b.standalone) continue;
        const path = join(corpus, b.name);
        if (typeof b.make === 'function') b.make(path);
        else writeFileSync(path, b.make);
      }
      // Readable files, each with a twist the reader must cope with.
      const text = 'Ingrid Olsen met Tomas Brandt in Ostberg. The Harbour Union signed the letter.';
      writeFileSync(join(corpus, 'good.txt'), GOOD);
      writeFileSync(join(corpus, 'invalid-utf8.txt'), Buffer.concat([Buffer.from(LATIN1_PREFIX), Buffer.from([0xe9]), Buffer.from(' opened.')]));
      writeFileSync(join(corpus, 'utf16le-bom.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      writeFileSync(join(corpus, 'utf16be-bom.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text.replace('Ostberg', 'Lisbon'), 'utf16le').swap16()]));
      writeFileSync(join(corpus, 'utf8-bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`# Talks\n\n${text.replace('Ostberg', 'Oslo')}`)]));
      writeFileSync(join(corpus, 'plain-text.html'), 'Leila Haddad met Jonas Weber in Vienna. No markup in this file at all.');
      // Each of these once hung a build or crashed extraction: a heading with 20,000 spaces and 100,000 unclosed
      // brackets (backtracking regular expressions), a 200,000-character run without spaces (wink's tokeniser), and
      // page breaks and ideographic spaces (wink dropped them, so offsets did not add up).
      writeFileSync(join(corpus, 'long-heading.md'), `# Talks${' '.repeat(20_000)}in Lisbon\n\n${'['.repeat(100_000)}\n\nElena Ruiz met Jonas Weber in Lisbon.\n`);
      writeFileSync(join(corpus, 'long-run.txt'), `Henrik Falk met Yuki Sato in Oslo. ${'x-'.repeat(100_000)} The talks ended.\n`);
      writeFileSync(join(corpus, 'page-breaks.txt'), 'Ruth Adeyemi met Diego Ramos in Quito.\fThe talks ended.\u3000Both\u2028left\u000bearly.\n');
      writeFileSync(join(corpus, 'feed.jsonl'), [
        JSON.stringify({ id: 'f1', text: 'Sofia Marchetti met Kenji Tanaka in Osaka.' }),
        '{"id": "f2", "text": "cut off',
        JSON.stringify({ id: 'f3', text: 'Priya Kaplan met Lukas Fischer in Bern.', date: '12/05/2020' }),
        JSON.stringify({ id: 'f4', title: 'no text here' }),
      ].join('\n'));
      goodNames = ['good.txt', 'invalid-utf8.txt', 'utf16le-bom.txt', 'utf16be-bom.txt', 'utf8-bom.md', 'plain-text.html', 'long-heading.md', 'long-run.txt', 'page-breaks.txt'];
      handOver(join(corpus, '..'));
    });

    it('--strict stops at the first bad file in path order, exit 2, the old graph untouched', async () => {
      const firstBad = BAD_FILES.filter((b) => !b.standalone).map((b) => b.name).sort()[0]!;
      const problem = BAD_FILES.find((b) => b.name === firstBad)!.problem;
      const r = await cli(['build', corpus, '--strict', '--out', out]);
      expect(r.stderr).toBe(`newsgraph: ${join(corpus, firstBad)}: ${problem}\n`);
      expect(r.code).toBe(2);
      expect(snapshot(outDir)).toEqual(before);
    });

    it('without --strict skips each bad file with one warning naming it, counts them, and builds the rest', async () => {
      const r = await cli(['build', corpus, '--out', out, '--no-cache']);
      expect(r.code).toBe(0);
      const skipped = BAD_FILES.filter((b) => !b.standalone);
      const feed = join(corpus, 'feed.jsonl');
      expect(lines(r.stderr).sort()).toEqual([
        ...skipped.map((b) => `newsgraph: warning: ${join(corpus, b.name)}: ${b.problem}; skipped`),
        `newsgraph: warning: ${join(corpus, 'invalid-utf8.txt')}: invalid UTF-8 at byte ${Buffer.byteLength(LATIN1_PREFIX)}; bad bytes replaced with U+FFFD`,
        `newsgraph: warning: ${feed}:2: not valid JSON; line skipped`,
        `newsgraph: warning: ${feed}:3: date "12/05/2020" is not YYYY-MM-DD; date ignored`,
        `newsgraph: warning: ${feed}:4: no "text"; line skipped`,
      ].sort());
      const articles = goodNames.length + 2;
      expect(r.stdout).toMatch(new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${articles} articles \\(${articles} extracted, 0 cached, ${skipped.length} skipped\\), \\d+ nodes, \\d+ edges in \\d+\\.\\d\\d s\\n$`));
      const graph = loadGraph(out);
      const people = graph.filterNodes((_k, a) => a.kind === 'person').map((k) => graph.getNodeAttribute(k, 'label'));
      // One person from each readable file: the decoders and the plain-text HTML really were read.
      for (const name of ['Anna Berg', 'Marta Novak', 'Ingrid Olsen', 'Leila Haddad', 'Sofia Marchetti', 'Priya Kaplan', 'Elena Ruiz', 'Henrik Falk', 'Ruth Adeyemi']) {
        expect(people).toContain(name);
      }
      expect(graph.getAttribute('articleCount')).toBe(articles);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Unknown flags

const UNKNOWN_FLAG: string[][] = [
  ['build', '--bogus'],
  ['extract', 'a.txt', '--bogus'],
  ['serve', '--bogus'],
  ['view', '--out', 'site', '--bogus'],
  ['neighbours', 'Anna', '--bogus'],
  ['path', 'Anna', 'Omar', '--bogus'],
  ['search', 'Anna', '--bogus'],
  ['stats', '--bogus'],
  ['export', '--format', 'gexf', '--bogus'],
];

describe('unknown flags and commands', () => {
  let cwd: string;
  let before: Record<string, string>;
  beforeAll(() => {
    cwd = tmp();
    mkdirSync(join(cwd, 'seeds'));
    writeFileSync(join(cwd, 'seeds', 'a.txt'), GOOD);
    writeFileSync(join(cwd, 'a.txt'), GOOD);
    writeGraph(syntheticGraph({ nodes: 10, edges: 12, seed: 4 }), join(cwd, 'graph', 'graph.json'));
    handOver(cwd);
    before = snapshot(cwd);
  });

  describe.concurrent('are a usage error (exit 2) named on the first line, and nothing is written', () => {
    it.for(UNKNOWN_FLAG.map((args) => [args.join(' '), args] as const))('%s', async ([, args], { expect }) => {
      const r = await cli(args, { cwd });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)[0]).toBe("newsgraph: unknown option '--bogus'");
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(cwd)).toEqual(before);
    });
  });

  it('an unknown command is a usage error too', async () => {
    const r = await cli(['frobnicate'], { cwd });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toBe("newsgraph: unknown command 'frobnicate'");
  });

  it('an unknown flag gives exactly one line, with commander\'s suggestion on it', async () => {
    const r = await cli(['stats', '--tpo'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("newsgraph: unknown option '--tpo' (Did you mean --top?)\n");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Malformed and foreign graph files

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message.split('\n')[0]!;
  }
  throw new Error('valid JSON');
}

const foreign = new DirectedGraph();
foreign.addNode('a', { label: 'A', size: 3 });
foreign.addNode('b', { label: 'B', size: 1 });
foreign.addEdge('a', 'b', { weight: 2 });

const TRUNCATED = '{"options":{"type":"mixed","multi":true},"attributes":{"schemaVersion":1},"nodes":[{"key":"a","attr';
const BAD_GRAPHS: Array<[name: string, text: string | null, problem: string]> = [
  ['truncated JSON', TRUNCATED, `not a newsgraph graph: invalid JSON (${jsonError(TRUNCATED)})`],
  ['an empty file', '', `not a newsgraph graph: invalid JSON (${jsonError('')})`],
  ['{}', '{}', 'not a newsgraph graph: missing nodes'],
  ['nodes without edges', '{"nodes":[]}', 'not a newsgraph graph: missing edges'],
  ['a JSON array', '[{"nodes":[],"edges":[]}]', 'not a newsgraph graph: not a JSON object'],
  ['a newer schema version', JSON.stringify({ attributes: { schemaVersion: SCHEMA_VERSION + 1 }, nodes: [], edges: [] }),
    `graph schema version ${SCHEMA_VERSION + 1} is newer than this newsgraph understands (${SCHEMA_VERSION}); upgrade newsgraph`],
  ['schema version 0', JSON.stringify({ attributes: { schemaVersion: 0 }, nodes: [], edges: [] }), 'not a newsgraph graph: unsupported schema version 0'],
  ['a foreign graphology export', JSON.stringify(foreign.export()), 'not a newsgraph graph: missing attributes.schemaVersion'],
  ['a folder', null, 'is a folder, not a graph file'],
];

/** Each command that reads a graph, with the arguments it needs; `graph/graph.json` is the default --in. */
const GRAPH_COMMANDS: Array<[name: string, args: string[]]> = [
  ['stats', ['stats']],
  ['neighbours', ['neighbours', 'Anna Berg']],
  ['path', ['path', 'Anna Berg', 'Omar Haddad']],
  ['export gexf to an existing file', ['export', '--format', 'gexf', '--out', 'old.gexf']],
  ['export csv into a folder with old tables', ['export', '--format', 'csv', '--out', 'tables']],
  ['export cypher', ['export', '--format', 'cypher', '--out', 'old.cypher']],
  ['serve', ['serve', '--port', '0']],
];

/** A working folder whose graph/graph.json is `text`, beside old export files that must survive. */
function graphFolder(text: string | null): string {
  const cwd = tmp();
  mkdirSync(join(cwd, 'graph'));
  if (text === null) mkdirSync(join(cwd, 'graph', 'graph.json'));
  else writeFileSync(join(cwd, 'graph', 'graph.json'), text);
  writeFileSync(join(cwd, 'old.gexf'), '<gexf>old export</gexf>\n');
  writeFileSync(join(cwd, 'old.cypher'), '// old script\n');
  mkdirSync(join(cwd, 'tables'));
  writeFileSync(join(cwd, 'tables', 'nodes.csv'), 'id\r\nold\r\n');
  writeFileSync(join(cwd, 'tables', 'edges.csv'), 'id\r\nold\r\n');
  handOver(cwd);
  return cwd;
}

describe('malformed or foreign graph.json', () => {
  const cases = BAD_GRAPHS.flatMap(([graphName, text, problem]) =>
    GRAPH_COMMANDS.map(([commandName, args]) => [`${commandName} on ${graphName}`, args, text, problem] as const));

  describe.concurrent('one line naming graph/graph.json and the problem, exit 2, nothing written', () => {
    it.for(cases)('%s', async ([, args, text, problem], { expect }) => {
      // serve checks the built viewer before the graph.
      if (args[0] === 'serve') builtFile('viewer/dist/index.html');
      const cwd = graphFolder(text);
      const before = snapshot(cwd);
      // serve must refuse before it listens: a server that starts would run until the timeout.
      const r = await cli(args, { cwd, timeoutMs: 20_000 });
      expect(r.timedOut).toBe(false);
      expect(r.stderr).toBe(`newsgraph: graph/graph.json: ${problem}\n`);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(snapshot(cwd)).toEqual(before);
    });
  });

  it('an export that cannot be written leaves the old output as it was', async () => {
    // Two keys that differ only by a character XML cannot hold would become one id: GEXF refuses the graph.
    const graph = syntheticGraph({ nodes: 3, edges: 0, seed: 5 });
    const attributes = graph.getNodeAttributes(graph.nodes()[0]!);
    graph.addNode('person:a\u0001b', { ...attributes, label: 'A B' });
    graph.addNode('person:ab', { ...attributes, label: 'AB' });
    const cwd = graphFolder(null);
    rmSync(join(cwd, 'graph', 'graph.json'), { recursive: true });
    writeGraph(graph, join(cwd, 'graph', 'graph.json'));
    handOver(cwd);
    const before = snapshot(cwd);
    const r = await cli(['export', '--format', 'gexf', '--out', 'old.gexf'], { cwd });
    expect(r.stderr).toBe('newsgraph: gexf: keys "person:a\\u0001b" and "person:ab" become the same id once characters XML cannot hold are dropped\n');
    expect(r.code).toBe(2);
    expect(snapshot(cwd)).toEqual(before);
  });

  it('a missing graph names the file and says what to run', async () => {
    const cwd = tmp();
    handOver(cwd);
    for (const args of [['stats'], ['export', '--format', 'gexf']]) {
      const r = await cli(args, { cwd });
      expect(r.stderr).toBe('newsgraph: graph/graph.json: no such file (run `newsgraph build` first)\n');
      expect(r.code).toBe(2);
    }
  });

  // The loader checks the contract, not only the file's shape, so code that trusts the contract never sees a file
  // that breaks it.
  const NO_ATTRIBUTES = JSON.stringify({ attributes: { schemaVersion: SCHEMA_VERSION }, nodes: [{ key: 'a', attributes: { label: 'A' } }, { key: 'b' }], edges: [{ source: 'a', target: 'b' }] });
  describe.concurrent('a graph with the shape but not the contract', () => {
    it.for([['stats'], ['neighbours', 'A'], ['export', '--format', 'csv', '--out', 'tables']])(
      '%s … exits 2 with one line',
      async (args, { expect }) => {
        const cwd = graphFolder(NO_ATTRIBUTES);
        const r = await cli(args, { cwd });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^newsgraph: graph\/graph\.json: not a newsgraph graph: [^\n]+\n$/);
      },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Folders with links in them

describe('symbolic links in a corpus folder', () => {
  it('a dangling link is skipped with a warning, like any unreadable file', async () => {
    const dir = join(tmp(), 'corpus');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), GOOD);
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'b.txt'));
    const out = join(dir, '..', 'graph.json');
    handOver(join(dir, '..'));
    const r = await cli(['build', dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(join(dir, 'b.txt'));
    expect(r.stdout).toContain('1 skipped');
  });

  it('a link back to a parent folder is followed once, not until ELOOP', async () => {
    const dir = join(tmp(), 'corpus');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), GOOD);
    symlinkSync('.', join(dir, 'again'));
    const out = join(dir, '..', 'graph.json');
    handOver(join(dir, '..'));
    const r = await cli(['build', dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(': 1 articles');
  });
});

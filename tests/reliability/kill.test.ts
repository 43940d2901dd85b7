/**
 * Nothing lost: a build killed with SIGKILL at any moment leaves the previous graph.json complete and loadable. A
 * bigger corpus is built over a finished small graph, in a child process of the real CLI, and killed at fixed times
 * and at the moment its temporary output files appear (caught with fs.watch); after every kill graph.json and
 * merges.json must each be byte for byte the old file or the new one, never anything in between. A kill may land
 * before the writes or after them, but over the runs some must land inside one (a temporary file of the killed build
 * left behind), or the test would prove nothing about the writes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';
import { loadGraph } from '../../src/graph/io.js';
import { contractProblems } from '../../src/graph/validate.js';
import { generateCorpus } from '../../bench/lib/corpus-generator.js';

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outDir = join(dir, 'out');
const out = join(outDir, 'graph.json');
const merges = join(outDir, 'merges.json');
const corpus = join(dir, 'corpus');
const ARTICLES = 150;

/** What writeFileAtomic names its temporary files: hidden, beside the target, `.name.<pid>.<n>.tmp`. */
const TEMP = /^\.(graph|merges)\.json\.(\d+)\.\d+\.tmp$/;

const hash = (path: string) => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'missing');

interface Outcome {
  moment: string;
  /** Whether the kill landed: false when the build had finished first. */
  killed: boolean;
  graph: string;
  merges: string;
  temps: string[];
  /** Temporary files of the killed build itself: the kill landed inside a write. */
  own: string[];
}

/**
 * Starts `newsgraph build corpus --out out` and SIGKILLs it after `ms`, or as soon as a temporary file for `file`
 * appears in the output folder.
 */
function buildAndKill(at: { ms: number } | { file: 'graph' | 'merges'; on: 'create' | 'write' }): Promise<{ killed: boolean; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'build', corpus, '--out', out, '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const kill = () => child.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    let watcher: ReturnType<typeof watch> | undefined;
    if ('ms' in at) timer = setTimeout(kill, at.ms);
    else {
      // inotify reports a created file as "rename" and bytes written to it as "change".
      const wanted = at.on === 'create' ? 'rename' : 'change';
      watcher = watch(outDir, (event, name) => {
        const m = name ? TEMP.exec(name) : null;
        if (event === wanted && m && m[1] === at.file && Number(m[2]) === child.pid) kill();
      });
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      watcher?.close();
      if (signal === 'SIGKILL') resolve({ killed: true, pid: child.pid! });
      else if (code === 0) resolve({ killed: false, pid: child.pid! });
      else reject(new Error(`build exited with ${code}: ${stderr}`));
    });
  });
}

function record(moment: string, { killed, pid }: { killed: boolean; pid: number }): Outcome {
  const temps = readdirSync(outDir).filter((n) => TEMP.test(n));
  const outcome = { moment, killed, graph: hash(out), merges: hash(merges), temps, own: temps.filter((n) => Number(TEMP.exec(n)![2]) === pid) };
  // Whatever state the kill left must load: a complete graph that keeps the contract.
  const graph = loadGraph(out);
  expect(graph.order).toBeGreaterThan(0);
  expect(contractProblems(JSON.parse(readFileSync(out, 'utf8')))).toEqual([]);
  JSON.parse(readFileSync(merges, 'utf8'));
  return outcome;
}

let old: { graph: string; merges: string };

beforeAll(() => {
  generateCorpus({ dir: corpus, articles: ARTICLES, seed: 7 });
  const small = join(dir, 'small');
  mkdirSync(small);
  writeFileSync(join(small, 'a.txt'), ' date 2021-04-05 Harbour Wire\n\nAnna Berg met Omar Haddad in Valmora. The Green Party signed the declaration.\n');
  const run = spawn(process.execPath, [CLI, 'build', small, '--out', out, '--quiet'], { cwd: ROOT, stdio: 'ignore' });
  return new Promise<void>((resolve, reject) => {
    run.on('close', (code) => {
      if (code !== 0) return reject(new Error(`small build exited with ${code}`));
      old = { graph: hash(out), merges: hash(merges) };
      resolve();
    });
  });
}, 120_000);

describe('a build killed with SIGKILL', () => {
  it('leaves graph.json and merges.json each either the old file or the new one, loadable, at every moment', async () => {
    const outcomes: Outcome[] = [];
    for (const ms of [50, 150, 300, 600, 1000]) outcomes.push(record(`${ms} ms`, await buildAndKill({ ms })));
    // The first build that reaches the writes extracts everything and fills the cache, so later ones reach them fast.
    outcomes.push(record('graph.json temp file created', await buildAndKill({ file: 'graph', on: 'create' })));
    outcomes.push(record('graph.json temp file created, cached', await buildAndKill({ file: 'graph', on: 'create' })));
    outcomes.push(record('graph.json temp file written to', await buildAndKill({ file: 'graph', on: 'write' })));
    outcomes.push(record('merges.json temp file created', await buildAndKill({ file: 'merges', on: 'create' })));
    outcomes.push(record('merges.json temp file written to', await buildAndKill({ file: 'merges', on: 'write' })));

    // A build left alone finishes; its files are "the new ones".
    expect((await buildAndKill({ ms: 600_000 })).killed).toBe(false);
    const fresh = { graph: hash(out), merges: hash(merges) };
    expect(fresh.graph).not.toBe(old.graph);
    expect(loadGraph(out).getAttribute('articleCount')).toBe(ARTICLES);

    const table = outcomes.map((o) => `${o.moment.padEnd(40)} killed=${o.killed} graph=${o.graph === old.graph ? 'old' : o.graph === fresh.graph ? 'new' : 'OTHER'} merges=${o.merges === old.merges ? 'old' : o.merges === fresh.merges ? 'new' : 'OTHER'} temps=${o.temps.length} own=${o.own.length}`);
    console.log(`kill outcomes:\n${table.join('\n')}`);
    for (const o of outcomes) {
      expect([old.graph, fresh.graph], o.moment).toContain(o.graph);
      expect([old.merges, fresh.merges], o.moment).toContain(o.merges);
    }
    // The timed kills land mid-build (before any write) on any machine this suite runs on, so the old graph survived.
    expect(outcomes.filter((o) => o.killed && o.graph === old.graph).length).toBeGreaterThan(0);
    // And some kills landed inside a write, leaving the killed build's temporary file beside the intact old one.
    const inside = outcomes.filter((o) => o.killed && o.own.length > 0);
    expect(inside.length, 'kills that landed inside a write').toBeGreaterThanOrEqual(1);
  }, 600_000);

  it('leaves nothing but complete files and hidden temporary files named as writeFileAtomic names them', () => {
    const names = readdirSync(outDir);
    const leftovers = names.filter((n) => n.startsWith('.') && n !== '.cache');
    // SIGKILL gives writeFileAtomic no chance to remove its temporary file; nothing else may be left.
    for (const name of leftovers) expect(name).toMatch(TEMP);
    expect(names.filter((n) => !n.startsWith('.')).sort()).toEqual(['co-mentions.json', 'graph.json', 'merges.json']);
    const bytes = leftovers.reduce((sum, n) => sum + statSync(join(outDir, n)).size, 0);
    console.log(`left after the kills: ${leftovers.length} temporary files, ${(bytes / 1024).toFixed(0)} KiB: ${leftovers.join(', ')}`);
  });
});

/**
 * An incremental update killed with SIGKILL part-way leaves files from two builds side by side (a new graph.json
 * beside the old merges.json, say). The next build must notice, build in full and write exactly what a full build
 * from the state before the update writes. The updates run in child processes of the real CLI and are killed at
 * fixed times and as each of their output files appears (caught with fs.watch). A kill may land before the update's
 * writes or after them, but over the runs some must land inside one (a temporary file of the killed build left
 * behind), or the test would prove nothing about the writes.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { generateArticleText, generateCorpus } from '../../bench/lib/corpus-generator.js';

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-kill-update-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpus = join(dir, 'corpus');
const added = join(corpus, 'article-000060.txt');
const work = join(dir, 'work');
const OUTPUTS = ['graph.json', 'merges.json'];
/** writeFileAtomic's temporary files: `.name.<pid>.<n>.tmp` beside the target. */
const TEMP = /^\.(graph\.json|merges\.json|graph\.index\.jsonl|graph\.manifest\.json|graph\.inputs\.json)\.(\d+)\.\d+\.tmp$/;

const read = (root: string) => OUTPUTS.map((f) => readFileSync(join(root, f), 'utf8'));

/** The folders an update writes in. */
const outputFolders = () => [work, join(work, '.cache'), join(work, '.cache', 'state')];

/** Temporary files that the build with process id `pid` left in the output folders. */
const tempsOf = (pid: number) => outputFolders().filter((folder) => existsSync(folder))
  .flatMap((folder) => readdirSync(folder).filter((name) => Number(TEMP.exec(name)?.[2]) === pid));

/** Runs `build` on the work folder and SIGKILLs it after `ms`, or when a temporary file for `file` appears. */
function updateAndKill(at: { ms: number } | { file: string }): Promise<{ killed: boolean; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'build', corpus, '--out', join(work, 'graph.json'), '--quiet'], { cwd: ROOT, stdio: 'ignore' });
    const kill = () => child.kill('SIGKILL');
    const timer = 'ms' in at ? setTimeout(kill, at.ms) : undefined;
    const watchers = 'file' in at ? outputFolders().map((folder) => watch(folder, (event, name) => {
      const m = name ? TEMP.exec(name) : null;
      if (event === 'rename' && m && m[1] === at.file && Number(m[2]) === child.pid) kill();
    })) : [];
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
      if (signal === 'SIGKILL') resolve({ killed: true, pid: child.pid! });
      else if (code === 0) resolve({ killed: false, pid: child.pid! });
      else reject(new Error(`build exited with ${code}`));
    });
  });
}

/**
 * The work folder as a build of the corpus without the new article leaves it, then the new article added. Built, not
 * copied: the state trusts files by their modification times, which a copy may round.
 */
function lastBuild(): void {
  rmSync(work, { recursive: true, force: true });
  rmSync(added, { force: true });
  // The extractions alone are copied, so this build is quick.
  mkdirSync(join(work, '.cache'), { recursive: true });
  cpSync(join(dir, 'extractions'), join(work, '.cache', 'extractions'), { recursive: true });
  expect(runCli(['build', corpus, '--out', join(work, 'graph.json'), '--quiet']).code).toBe(0);
  writeFileSync(added, generateArticleText(60, 11));
}

let expected: string[];

beforeAll(() => {
  generateCorpus({ dir: corpus, articles: 60, seed: 11 });
  writeFileSync(added, generateArticleText(60, 11));
  const warm = join(dir, 'warm');
  expect(runCli(['build', corpus, '--out', join(warm, 'graph.json'), '--quiet']).code).toBe(0);
  cpSync(join(warm, '.cache', 'extractions'), join(dir, 'extractions'), { recursive: true });
  // What a full build from that state writes; an update left alone writes the same.
  lastBuild();
  expect(runCli(['build', corpus, '--out', join(work, 'graph.json'), '--no-incremental', '--quiet']).code).toBe(0);
  expected = read(work);
}, 120_000);

describe('an incremental update killed with SIGKILL', () => {
  it('is updated to the right graph when left alone', () => {
    lastBuild();
    const r = runCli(['build', corpus, '--out', join(work, 'graph.json')]);
    expect(r.stdout).toContain('(updated the last graph)');
    expect(read(work)).toEqual(expected);
  }, 60_000);

  const moments: Array<[string, { ms: number } | { file: string }]> = [
    ['after 150 ms', { ms: 150 }], ['after 400 ms', { ms: 400 }], ['after 700 ms', { ms: 700 }],
    ...['graph.inputs.json', 'graph.json', 'merges.json', 'graph.index.jsonl', 'graph.manifest.json'].map((file) => [`as its ${file} appears`, { file }] as [string, { file: string }]),
  ];
  /** The moments whose kill left a temporary file of the killed update: it landed inside a write. */
  const inside: string[] = [];
  it.each(moments)('%s, is followed by a build that writes what a full build writes', async (moment, at) => {
    lastBuild();
    const { killed, pid } = await updateAndKill(at);
    // A kill on a file's appearance always lands mid-update; a timed one may land before it or after it finished.
    if ('file' in at) expect(killed).toBe(true);
    if (killed && tempsOf(pid).length) inside.push(moment);
    const after = runCli(['build', corpus, '--out', join(work, 'graph.json'), '--verbose']);
    expect(after.code).toBe(0);
    expect(read(work)).toEqual(expected);
  }, 60_000);

  it('had kills land inside a write', () => {
    console.log(`kills that landed inside a write: ${inside.length} of ${moments.length} (${inside.join('; ')})`);
    expect(inside.length).toBeGreaterThanOrEqual(1);
  });
});

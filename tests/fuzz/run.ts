/**
 * `npm run fuzz [-- --seed N --count N --cli N --case I --jobs N --keep]`: feeds generated bad inputs to the article
 * reader, the extractor and corpus builds, in process (fast), and a sample through the real CLI (`newsgraph extract`
 * and `newsgraph build` as child processes of dist/cli/main.js, so run `npm run build:lib` first).
 *
 * Handled: the library returned normally or threw a NewsgraphError whose one-line message names the input; the CLI
 * exited 0, 1 or 2 with one line per warning or error, each starting "newsgraph: ", and no stack trace. Crashed:
 * anything else, including a case that runs longer than 20 s. Crashing inputs are copied to a folder with a
 * repro.txt each; the exit code is 1 when anything crashed.
 *
 * Deterministic: case i depends only on the seed and i, so `--case i` replays one case exactly.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { hashString, seededRandom } from '../../src/random.js';
import { CLI, ROOT } from '../helpers/cli.js';
import type { CheckReply, CheckRequest } from './check-worker.js';
import { GENERATORS, GENERATOR_NAMES, article, int, pick, type FuzzFile, type GeneratorName, type Rand } from './generators.js';

const HANG_MS = 20_000;

const { values: flags } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '10000' },
    cli: { type: 'string', default: '200' },
    case: { type: 'string' },
    jobs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const seed = Number(flags.seed);
const count = Number(flags.count);
const cliSample = Math.min(Number(flags.cli), count);
const jobs = Math.max(1, Number(flags.jobs));
if (![seed, count, cliSample, jobs].every(Number.isInteger)) {
  process.stderr.write('fuzz: --seed, --count, --cli and --jobs take whole numbers\n');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------------
// Cases

interface Case {
  index: number;
  kind: 'file' | 'folder';
  generators: GeneratorName[];
  /** The file, or the folder of files. */
  path: string;
  strict: boolean;
  /** Also run through the CLI. */
  cli: boolean;
}

const work = mkdtempSync(join(tmpdir(), `newsgraph-fuzz-${seed}-`));

function writeFuzzFile(dir: string, name: string, file: FuzzFile): string {
  const path = join(dir, `${name}${file.ext}`);
  writeFileSync(path, file.bytes);
  return path;
}

/** Case `index` for this seed: nine in ten are one file, the rest a small folder for a corpus build. */
function makeCase(index: number, cli: boolean): Case {
  const rand: Rand = seededRandom(hashString(`case:${index}`, seed));
  const dir = join(work, `case-${index}`);
  mkdirSync(dir);
  if (rand() < 0.9) {
    const generator = pick(rand, GENERATOR_NAMES);
    const path = writeFuzzFile(dir, `input-${index}`, GENERATORS[generator](rand));
    return { index, kind: 'file', generators: [generator], path, strict: false, cli };
  }
  const folder = join(dir, 'corpus');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  const generators: GeneratorName[] = [];
  for (let n = int(rand, 1, 5); n > 0; n--) {
    const generator = pick(rand, GENERATOR_NAMES);
    generators.push(generator);
    // Same names in two folders must keep apart; hidden files must be ignored.
    const where = rand() < 0.3 ? join(folder, 'sub') : folder;
    writeFuzzFile(where, rand() < 0.2 ? 'same' : rand() < 0.1 ? `.hidden-${n}` : `f${n}`, GENERATORS[generator](rand));
  }
  if (rand() < 0.7) writeFileSync(join(folder, 'good.txt'), article(rand));
  if (rand() < 0.2) writeFileSync(join(folder, 'sub', 'copy.txt'), ' date 2020-01-01 Wire\n\nAnna Berg met Omar Haddad in Valmora.\n');
  if (rand() < 0.2) writeFileSync(join(folder, 'copy.txt'), ' date 2020-01-01 Wire\n\nAnna Berg met Omar Haddad in Valmora.\n');
  return { index, kind: 'folder', generators, path: folder, strict: rand() < 0.2, cli };
}

// ---------------------------------------------------------------------------------------------------------------
// In-process checks, with a watchdog

interface Crash {
  c: Case;
  where: 'library' | 'cli';
  what: string;
  detail: string;
}

const crashes: Crash[] = [];
let crashDir: string | undefined;

function saveCrash(crash: Crash): void {
  crashes.push(crash);
  crashDir ??= mkdtempSync(join(tmpdir(), `newsgraph-fuzz-crashes-${seed}-`));
  const dest = join(crashDir, `case-${crash.c.index}-${crash.where}`);
  if (existsSync(crash.c.path)) cpSync(crash.c.path, join(dest, crash.c.kind === 'file' ? relative(join(work, `case-${crash.c.index}`), crash.c.path) : 'corpus'), { recursive: true });
  else mkdirSync(dest, { recursive: true });
  const input = join(dest, crash.c.kind === 'file' ? relative(join(work, `case-${crash.c.index}`), crash.c.path) : 'corpus');
  writeFileSync(join(dest, 'repro.txt'), [
    `seed ${seed}, case ${crash.c.index}, ${crash.c.kind} from ${crash.c.generators.join(', ')}${crash.c.strict ? ', strict' : ''}`,
    `${crash.where}: ${crash.what}`,
    '',
    crash.detail,
    '',
    'Replay:',
    `  npm run fuzz -- --seed ${seed} --case ${crash.c.index}`,
    crash.c.kind === 'file' ? `  node dist/cli/main.js extract ${input}` : `  node dist/cli/main.js build ${input} --out /tmp/fuzz-graph.json --no-cache -j 1${crash.c.strict ? ' --strict' : ''}`,
    '',
  ].join('\n'));
}

class Checker {
  private worker!: Worker;
  private pending: { id: number; resolve: (r: CheckReply) => void } | undefined;
  restarts = 0;

  constructor() {
    this.start();
  }

  private start(): void {
    // Loader hooks of the main thread do not reach workers: the worker registers tsx itself (as src/corpus/worker-pool.ts).
    const script = new URL('./check-worker.ts', import.meta.url).href;
    this.worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`, { eval: true });
    this.worker.on('message', (reply: CheckReply) => {
      if (this.pending?.id === reply.id) {
        const { resolve } = this.pending;
        this.pending = undefined;
        resolve(reply);
      }
    });
    // A worker that dies (out of memory, an error outside the handler) takes its case with it.
    this.worker.on('error', (error) => this.fail(`worker died: ${error.message}`, error.stack));
    this.worker.on('exit', (code) => { if (code !== 0) this.fail(`worker exited with code ${code}`); });
  }

  private fail(message: string, stack?: string): void {
    if (!this.pending) return;
    const { id, resolve } = this.pending;
    this.pending = undefined;
    resolve({ id, outcome: 'crash', message, ...(stack ? { stack } : {}), ms: 0 });
  }

  async check(c: Case): Promise<CheckReply> {
    const request: CheckRequest = { id: c.index, kind: c.kind, path: c.path, strict: c.strict };
    let timer: NodeJS.Timeout | undefined;
    const reply = await new Promise<CheckReply>((resolve) => {
      this.pending = { id: c.index, resolve };
      timer = setTimeout(() => {
        if (this.pending?.id !== c.index) return;
        this.pending = undefined;
        resolve({ id: c.index, outcome: 'crash', message: `hang: no answer after ${HANG_MS / 1000} s`, ms: HANG_MS });
        this.restart();
      }, HANG_MS);
      this.worker.postMessage(request);
    });
    clearTimeout(timer);
    if (reply.outcome === 'crash' && !/^hang/.test(reply.message ?? '')) {
      // After an error outside the handler the worker may be gone; a fresh one costs a second.
      if (/^worker /.test(reply.message ?? '')) this.restart();
    }
    return reply;
  }

  private restart(): void {
    this.restarts++;
    this.worker.removeAllListeners();
    void this.worker.terminate();
    this.start();
  }

  close(): Promise<number> {
    this.worker.removeAllListeners();
    return this.worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The CLI sample

interface CliRun {
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NEWSGRAPH_DEBUG: '' } });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, HANG_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

/** Why a CLI run is not handled, or undefined when it is. */
function cliProblem(r: CliRun): string | undefined {
  if (r.timedOut) return `hang: still running after ${HANG_MS / 1000} s`;
  if (r.code === null || ![0, 1, 2].includes(r.code)) return `exit code ${r.code}`;
  if (/internal error/.test(r.stderr)) return 'internal error';
  if (/\n\s+at /.test(r.stderr)) return 'stack trace on stderr';
  const lines = r.stderr.split('\n').filter(Boolean);
  const stray = lines.find((l) => !l.startsWith('newsgraph: '));
  if (stray !== undefined) return `stderr line without the "newsgraph: " prefix: ${JSON.stringify(stray.slice(0, 200))}`;
  const errors = lines.filter((l) => !l.startsWith('newsgraph: warning: '));
  if (r.code === 0 && errors.length) return `exit 0 with an error line: ${errors[0]}`;
  if (r.code === 2 && errors.length !== 1) return `exit 2 with ${errors.length} error lines`;
  return undefined;
}

async function checkWithCli(c: Case): Promise<void> {
  const args = c.kind === 'file' ? ['extract', c.path]
    : ['build', c.path, '--out', join(work, `case-${c.index}`, 'out', 'graph.json'), '--no-cache', '-j', '1', ...(c.strict ? ['--strict'] : [])];
  const r = await runCli(args);
  cliCount++;
  const problem = cliProblem(r);
  if (problem) saveCrash({ c, where: 'cli', what: problem, detail: `newsgraph ${args.join(' ')}\nexit ${r.code}\nstderr:\n${r.stderr.slice(0, 4000)}` });
}

// ---------------------------------------------------------------------------------------------------------------
// Main

const stats = { ok: 0, refused: 0, crashed: 0, files: 0, folders: 0 };
const byGenerator = new Map<string, { ok: number; refused: number; crashed: number; ms: number }>();
let cliCount = 0;
const slowest: Array<{ index: number; ms: number; generators: string }> = [];

async function main(): Promise<number> {
  if (cliSample > 0 && !existsSync(CLI)) {
    process.stderr.write(`fuzz: ${CLI} is missing: run npm run build:lib first (or --cli 0)\n`);
    return 2;
  }
  const started = performance.now();
  const only = flags.case !== undefined ? Number(flags.case) : undefined;
  const indices = only !== undefined ? [only] : Array.from({ length: count }, (_, i) => i);
  const step = cliSample > 0 ? Math.max(1, Math.floor(indices.length / cliSample)) : Infinity;
  const checkers = Array.from({ length: jobs }, () => new Checker());
  const cliQueue: Case[] = [];
  let next = 0;
  let done = 0;

  await Promise.all(checkers.map(async (checker) => {
    while (next < indices.length) {
      const index = indices[next++]!;
      const c = makeCase(index, only !== undefined ? cliSample > 0 : index % step === 0 && cliQueue.length < cliSample);
      if (c.kind === 'file') stats.files++;
      else stats.folders++;
      const reply = await checker.check(c);
      const outcome = reply.outcome === 'crash' ? 'crashed' : reply.outcome;
      stats[outcome]++;
      for (const g of c.generators) {
        const s = byGenerator.get(g) ?? { ok: 0, refused: 0, crashed: 0, ms: 0 };
        s[outcome]++;
        s.ms += reply.ms / c.generators.length;
        byGenerator.set(g, s);
      }
      slowest.push({ index, ms: reply.ms, generators: c.generators.join('+') });
      if (slowest.length > 5) slowest.sort((a, b) => b.ms - a.ms).pop();
      if (reply.outcome === 'crash') saveCrash({ c, where: 'library', what: reply.message ?? 'crash', detail: reply.stack ?? reply.message ?? '' });
      if (c.cli) cliQueue.push(c);
      else if (!flags.keep) rmSync(join(work, `case-${index}`), { recursive: true, force: true });
      if (++done % 1000 === 0) process.stderr.write(`fuzz: ${done}/${indices.length} in ${((performance.now() - started) / 1000).toFixed(0)} s, ${stats.crashed} crashed\n`);
    }
  }));
  const restarts = checkers.reduce((n, c) => n + c.restarts, 0);
  await Promise.all(checkers.map((c) => c.close()));
  const libSeconds = (performance.now() - started) / 1000;

  // Two CLI processes at a time: each is a cold Node start.
  const cliStarted = performance.now();
  let q = 0;
  await Promise.all([0, 1].map(async () => {
    while (q < cliQueue.length) await checkWithCli(cliQueue[q++]!);
  }));
  const cliSeconds = (performance.now() - cliStarted) / 1000;
  const cliCrashed = crashes.filter((c) => c.where === 'cli').length;
  const libCrashed = stats.crashed;

  const lines = [
    `newsgraph fuzz, seed ${seed}: ${indices.length} generated inputs (${stats.files} files, ${stats.folders} corpus folders)`,
    `  library:    handled ${stats.ok + stats.refused} (${stats.ok} read, ${stats.refused} refused with a one-line error), crashed ${libCrashed} — ${libSeconds.toFixed(1)} s${restarts ? `, ${restarts} worker restarts` : ''}`,
    `  CLI sample: ${cliCount} runs (extract, build), handled ${cliCount - cliCrashed}, crashed ${cliCrashed} — ${cliSeconds.toFixed(1)} s`,
    `  total:      handled ${stats.ok + stats.refused + cliCount - cliCrashed}, crashed ${libCrashed + cliCrashed}`,
    '',
    '  by generator (read / refused / crashed, mean ms):',
    ...[...byGenerator.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([g, s]) =>
      `    ${g.padEnd(22)} ${String(s.ok).padStart(5)} ${String(s.refused).padStart(5)} ${String(s.crashed).padStart(4)}  ${(s.ms / Math.max(1, s.ok + s.refused + s.crashed)).toFixed(1).padStart(7)}`),
    `  slowest cases: ${slowest.sort((a, b) => b.ms - a.ms).map((s) => `#${s.index} ${s.generators} ${(s.ms / 1000).toFixed(1)} s`).join(', ')}`,
  ];
  if (crashes.length) {
    lines.push('', `  first crashes (inputs and repro.txt in ${crashDir}):`);
    for (const c of crashes.slice(0, 8)) lines.push(`    case ${c.c.index} (${c.c.kind}: ${c.c.generators.join(', ')}) ${c.where}: ${c.what.split('\n')[0]!.slice(0, 200)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!flags.keep) rmSync(work, { recursive: true, force: true });
  else process.stdout.write(`  inputs kept in ${work}\n`);
  return crashes.length ? 1 : 0;
}

process.exitCode = await main();

/**
 * Corpus build bench: a generated corpus built by the real CLI in a child process (cold cache), then one article
 * added and the corpus rebuilt (warm cache). Prints progress, then one JSON line with the medians.
 *
 *   npm run bench:corpus -- --articles 10000 [--jobs N] [--seed S] [--runs R]
 *
 * Defaults: 10000 articles, jobs as `build` chooses them (no --jobs), seed 1, runs 1 (3 below 5000 articles).
 *
 * Targets: 10k articles ≤ 15 s on 2 cores, peak RSS ≤ 1 GB, incremental rebuild ≤ 1 s.
 * Needs `npm run build:lib` first: it measures dist/, which is what users run.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { articleFileName, generateCorpus } from './lib/corpus-generator.js';
import { repoRoot, requireBuiltDist } from './lib/dist.js';
import { timeProcess } from './lib/time-process.js';

const root = repoRoot;
const cli = join(root, 'dist', 'cli', 'main.js');
const generatorFile = fileURLToPath(new URL('./lib/corpus-generator.ts', import.meta.url));

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    jobs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string' },
  },
});
const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench/corpus: --${name} must be a positive integer, got "${value}"`);
    process.exit(2);
  }
  return n;
};
const articles = positive('articles', values.articles, 10_000);
const jobs = values.jobs === undefined ? undefined : positive('jobs', values.jobs, 1);
const seed = positive('seed', values.seed, 1);
// A 10k build takes minutes: once is enough there; small corpora are cheap to repeat for a steadier median.
const runs = positive('runs', values.runs, articles >= 5000 ? 1 : 3);

const log = (line: string) => console.log(line);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

requireBuiltDist('bench/corpus', log);

// --- The corpus: generated once per seed, size and generator version, then reused.
const base = join(tmpdir(), 'newsgraph-bench');
const corpusDir = join(base, `corpus-s${seed}-n${articles}`);
const marker = join(corpusDir, '.complete');
const generatorHash = createHash('sha256').update(readFileSync(generatorFile)).digest('hex').slice(0, 16);
const extraFile = join(corpusDir, articleFileName(articles));
let corpusBytes: number;
const previous = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { generator: string; bytes: number }) : undefined;
if (previous?.generator === generatorHash) {
  corpusBytes = previous.bytes;
  log(`corpus: reusing ${articles} articles (${(corpusBytes / 1e6).toFixed(1)} MB) in ${corpusDir}`);
} else {
  rmSync(corpusDir, { recursive: true, force: true });
  const started = performance.now();
  const corpus = generateCorpus({ dir: corpusDir, articles, seed });
  corpusBytes = corpus.bytes;
  // Written last and hidden (the CLI skips dot files): a half-written corpus is never reused.
  writeFileSync(marker, JSON.stringify({ generator: generatorHash, seed, articles, bytes: corpusBytes }));
  log(`corpus: generated ${articles} articles (${(corpusBytes / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s into ${corpusDir}`);
}

// --- Peak RSS of the build process: GNU time when it works here, else a preload that reports maxRSS at exit.
const workDir = join(base, `run-s${seed}-n${articles}`);
mkdirSync(workDir, { recursive: true });
const rssFile = join(workDir, 'max-rss.txt');
/** Peak RSS in KB, user and system CPU seconds. */
const TIME_FORMAT = '%M %U %S';
const gnuTime = probeGnuTime();
const rssHook = join(workDir, 'report-max-rss.mjs');
if (!gnuTime) {
  writeFileSync(rssHook, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(rssFile)}, \`\${u.maxRSS} \${u.userCPUTime / 1e6} \${u.systemCPUTime / 1e6}\`); });\n`);
}
log(`build: node ${cli} build <corpus>${jobs ? ` --jobs ${jobs}` : ''}; peak RSS via ${gnuTime ? '/usr/bin/time' : 'process.resourceUsage() at exit'}`);

interface BuildRun {
  seconds: number;
  /** User + system CPU seconds of the build process: less sensitive than wall time to a busy machine. */
  cpuSeconds: number;
  peakRssMb: number;
  articles: number;
  extracted: number;
  cached: number;
  summary: string;
  /** The build's phases, as `build --verbose` prints them. */
  phases: string;
  warnings: number;
}

function probeGnuTime(): boolean {
  if (!existsSync('/usr/bin/time')) return false;
  rmSync(rssFile, { force: true });
  const probe = spawnSync('/usr/bin/time', ['-f', TIME_FORMAT, '-o', rssFile, process.execPath, '-e', '0']);
  return probe.status === 0 && existsSync(rssFile) && /^\d+ [\d.]+ [\d.]+\s*$/.test(readFileSync(rssFile, 'utf8'));
}

async function runBuild(out: string): Promise<BuildRun> {
  rmSync(rssFile, { force: true });
  const args = [cli, 'build', corpusDir, '--out', out, '--verbose', ...(jobs ? ['--jobs', String(jobs)] : [])];
  const [command, argv] = gnuTime
    ? ['/usr/bin/time', ['-f', TIME_FORMAT, '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, ['--import', rssHook, ...args]];
  const run = await timeProcess(command, argv, { cwd: root });
  const { seconds, stdout, stderr } = run;
  if (run.code !== 0) throw new Error(`bench/corpus: build exited with ${run.code}:\n${stderr.slice(-2000)}`);
  // "<out>: N articles (X extracted, Y cached, …), …" — checked so a broken cache or a skipped file shows.
  const m = /: (\d+) articles \((\d+) extracted, (\d+) cached[^\n]*/.exec(stdout);
  if (!m) throw new Error(`bench/corpus: no build summary in the CLI output:\n${stdout.slice(-2000)}`);
  const [kb, user, system] = readFileSync(rssFile, 'utf8').trim().split(/\s+/).map(Number);
  return {
    seconds, cpuSeconds: user! + system!, peakRssMb: kb! / 1024, articles: Number(m[1]), extracted: Number(m[2]), cached: Number(m[3]),
    summary: m[0].slice(2), warnings: stderr.split('\n').filter((l) => l.includes('warning:')).length,
    phases: /newsgraph: timings: (.*)/.exec(stderr)?.[1] ?? '',
  };
}

const full: BuildRun[] = [];
const incremental: BuildRun[] = [];
for (let run = 1; run <= runs; run++) {
  rmSync(extraFile, { force: true });
  const outDir = join(workDir, 'out');
  // A cold build: no graph and no extraction cache from an earlier run.
  rmSync(outDir, { recursive: true, force: true });
  const out = join(outDir, 'graph.json');

  const first = await runBuild(out);
  if (first.extracted !== articles) throw new Error(`bench/corpus: full build extracted ${first.extracted} of ${articles} articles (${first.summary})`);
  full.push(first);
  log(`run ${run}/${runs} full: ${first.seconds.toFixed(2)} s (${first.cpuSeconds.toFixed(1)} CPU s), ${(articles / first.seconds).toFixed(0)} articles/s, ` +
    `peak RSS ${first.peakRssMb.toFixed(0)} MB — ${first.summary}${first.warnings ? ` (${first.warnings} warnings)` : ''}`);

  generateCorpus({ dir: corpusDir, articles: 1, seed, first: articles });
  const again = await runBuild(out);
  rmSync(extraFile, { force: true });
  if (again.extracted !== 1 || again.cached !== articles) throw new Error(`bench/corpus: incremental build was not incremental (${again.summary})`);
  // Said, not thrown: a rebuild that could not update the last graph is slower, and that is what this measures.
  if (!again.summary.endsWith('(updated the last graph)')) log(`note: the rebuild did not update the last graph (${again.summary})`);
  incremental.push(again);
  log(`run ${run}/${runs} incremental (+1 article): ${again.seconds.toFixed(2)} s (${again.cpuSeconds.toFixed(1)} CPU s), peak RSS ${again.peakRssMb.toFixed(0)} MB — ${again.summary}`);
  log(`  phases: full ${first.phases}; incremental ${again.phases}`);
}

const seconds = median(full.map((r) => r.seconds));
log(`medians over ${runs} run(s), ${jobs ? `${jobs} jobs` : 'default jobs'}: full ${seconds.toFixed(2)} s (target ≤ 15 s for 10k on 2 cores), ` +
  `peak RSS ${median(full.map((r) => r.peakRssMb)).toFixed(0)} MB (≤ 1024), incremental ${median(incremental.map((r) => r.seconds)).toFixed(2)} s (≤ 1 s)`);
console.log(JSON.stringify({
  articles,
  seconds: round(seconds),
  articlesPerSecond: round(articles / seconds, 1),
  mbPerSecond: round(corpusBytes / 1e6 / seconds, 3),
  peakRssMb: round(median(full.map((r) => r.peakRssMb)), 1),
  incrementalSeconds: round(median(incremental.map((r) => r.seconds))),
}));

/** Benchmarking an old dist/ measures old code: say so rather than report misleading numbers. */

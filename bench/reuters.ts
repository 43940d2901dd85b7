/**
 * Real news at scale: the 1,393 Reuters documents of CoNLL-2003 (../shared/data/conll2003) written as articles, then,
 * alternating for each run, (1) built by the compiled CLI in a child process (`build --no-cache --jobs 1`), and
 * (2) read by wink-nlp alone in a fresh child process (bench/lib/wink-read.mjs: sentences and POS as src/nlp/wink.ts
 * asks for them, model load included). Both are wall times of the whole process. Then counts, from the built graph,
 * what it says beyond names (bench/lib/graph-stats.ts), checked against ../shared/eval/tools/graph-stats.mjs.
 * Prints medians, then one JSON line.
 *
 *   npm run bench:reuters [-- --runs 3]
 *
 * Targets (issue 19): build ≤ 8 × wink alone; ≥ 2.5 content relations per article; < 45 % of entities without one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot, requireBuiltDist } from './lib/dist.js';
import { readContentStats } from './lib/graph-stats.js';
import { median } from './lib/median.js';
import { requireReutersData, sharedStatsTool, writeReutersArticles } from './lib/reuters-articles.js';
import { timeProcess, type ProcessRun } from './lib/time-process.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`bench/reuters: --runs must be a positive integer, got "${values.runs}"`);
  process.exit(2);
}
requireBuiltDist('bench/reuters');
requireReutersData('bench/reuters');

const cli = join(repoRoot, 'dist', 'cli', 'main.js');
const winkReader = fileURLToPath(new URL('./lib/wink-read.mjs', import.meta.url));
const distUrl = pathToFileURL(join(repoRoot, 'dist/')).href;
const usageHook = pathToFileURL(fileURLToPath(new URL('./lib/report-usage.mjs', import.meta.url))).href;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

interface ChildRun extends ProcessRun { cpuSeconds: number; peakRssMb: number }

/**
 * Wall time of a whole node process, its CPU time and peak RSS (report-usage.mjs); a failure is an error with the
 * end of its stderr.
 */
async function timeChild(args: string[], usageFile: string): Promise<ChildRun> {
  rmSync(usageFile, { force: true });
  const run = await timeProcess(process.execPath, ['--import', usageHook, ...args], { cwd: repoRoot, env: { ...process.env, NEWSGRAPH_BENCH_USAGE: usageFile } });
  if (run.code !== 0) throw new Error(`bench/reuters: \`node ${args.join(' ')}\` exited with ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return { ...run, ...(JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuSeconds: number; peakRssMb: number }) };
}

/** "read 0.09 s, extract 9.74 s, …" as `build --verbose` prints it; empty when it does not. */
function phasesOf(stderr: string): Record<string, number> {
  const line = /newsgraph: timings: (.*)/.exec(stderr)?.[1] ?? '';
  return Object.fromEntries([...line.matchAll(/(\w+) ([\d.]+) s/g)].map((m) => [m[1]!, Number(m[2])]));
}

const work = mkdtempSync(join(tmpdir(), 'newsgraph-reuters-'));
const cleanUp = () => rmSync(work, { recursive: true, force: true });
process.once('SIGINT', () => { cleanUp(); process.exit(130); });
try {
  const dir = join(work, 'articles');
  const written = writeReutersArticles(dir);
  const mb = written.bytes / 1e6;
  console.log(`input: ${written.articles} Reuters articles, ${mb.toFixed(2)} MB of files, in ${dir}`);
  const out = join(work, 'out', 'graph.json');

  const usageFile = join(work, 'usage.json');
  const builds: ChildRun[] = [];
  const winks: ChildRun[] = [];
  const phases: Array<Record<string, number>> = [];
  let bodyMb = 0;
  for (let run = 1; run <= runs; run++) {
    // Nothing from the last run: --no-cache keeps no extractions or state, and no graph is there to update.
    rmSync(join(work, 'out'), { recursive: true, force: true });
    const build = await timeChild([cli, 'build', dir, '--out', out, '--no-cache', '--jobs', '1', '--verbose'], usageFile);
    const summary = /: (\d+) articles \((\d+) extracted[^\n]*/.exec(build.stdout);
    if (!summary || Number(summary[2]) !== written.articles) {
      throw new Error(`bench/reuters: the build did not extract all ${written.articles} articles: ${summary?.[0].slice(2) ?? build.stdout.trim()}`);
    }
    const wink = await timeChild([winkReader, dir, distUrl], usageFile);
    const read = JSON.parse(wink.stdout.trim()) as { articles: number; bodyBytes: number; tokens: number; sentences: number; loadSeconds: number };
    if (read.articles !== written.articles) throw new Error(`bench/reuters: wink read ${read.articles} of ${written.articles} articles`);
    bodyMb = read.bodyBytes / 1e6;
    builds.push(build);
    winks.push(wink);
    phases.push(phasesOf(build.stderr));
    const phaseText = Object.entries(phases[phases.length - 1]!).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
    console.log(`run ${run}/${runs}: build ${build.seconds.toFixed(2)} s (CPU ${build.cpuSeconds.toFixed(2)} s${phaseText ? `; ${phaseText}` : ''}); ` +
      `wink alone ${wink.seconds.toFixed(2)} s (CPU ${wink.cpuSeconds.toFixed(2)} s, model ${read.loadSeconds.toFixed(2)} s; ${read.sentences} sentences, ${read.tokens} tokens); ` +
      `${(build.seconds / wink.seconds).toFixed(1)}×`);
  }

  const buildSeconds = median(builds.map((r) => r.seconds));
  const winkSeconds = median(winks.map((r) => r.seconds));
  const ratio = buildSeconds / winkSeconds;
  const ratios = builds.map((b, i) => b.seconds / winks[i]!.seconds);
  const buildCpuSeconds = median(builds.map((r) => r.cpuSeconds));
  const winkCpuSeconds = median(winks.map((r) => r.cpuSeconds));
  const buildPeakRssMb = median(builds.map((r) => r.peakRssMb));
  const phaseNames = [...new Set(phases.flatMap((p) => Object.keys(p)))];
  const phaseMedians = phaseNames.map((name) => `${name} ${median(phases.map((p) => p[name] ?? 0)).toFixed(2)} s`).join(', ');
  console.log(`medians of ${runs} run(s) over ${mb.toFixed(2)} MB (${bodyMb.toFixed(2)} MB of article bodies):`);
  console.log(`  build       ${buildSeconds.toFixed(2)} s  ${(mb / buildSeconds).toFixed(2)} MB/s  CPU ${buildCpuSeconds.toFixed(2)} s  peak RSS ${buildPeakRssMb.toFixed(0)} MB`);
  if (phaseMedians) console.log(`  phases      ${phaseMedians}`);
  console.log(`  wink alone  ${winkSeconds.toFixed(2)} s  ${(mb / winkSeconds).toFixed(2)} MB/s  CPU ${winkCpuSeconds.toFixed(2)} s`);
  console.log(`  ratio       ${ratio.toFixed(2)}× (target ≤ 8×; runs ${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}×); ` +
    `by CPU time ${(buildCpuSeconds / winkCpuSeconds).toFixed(2)}×`);
  // Other work on the machine stretches wall times unevenly; the load says how far to trust them.
  console.log(`  load        ${loadavg()[0]!.toFixed(1)} (1-minute average) on ${availableParallelism()} cores at the end`);

  const stats = readContentStats(out);
  console.log(`graph: ${stats.entities} entities, ${stats.contentRelations} content relations (${stats.openRelations} open)`);
  console.log(`  ${stats.relationsPerArticle.toFixed(2)} content relations per article (target ≥ 2.5), ` +
    `${(100 * stats.isolatedShare).toFixed(1)} % of entities without one (target < 45 %)`);
  if (stats.articles !== stats.articleCount) {
    console.log(`  note: ${stats.articles} nodes have category "article" but the graph holds ${stats.articleCount} articles ` +
      '(an entity was given the article category); counted as the shared tool counts them');
  }
  // The shared tool defines the issue's numbers: a disagreement means this bench's module is wrong.
  const shared = JSON.parse(execFileSync(process.execPath, [sharedStatsTool, out], { encoding: 'utf8' }).trim()) as
    { articles: number; entities: number; content: number; open: number; perArticle: number; isolatedShare: number };
  const mine = { articles: stats.articles, entities: stats.entities, content: stats.contentRelations, open: stats.openRelations,
    perArticle: round(stats.relationsPerArticle), isolatedShare: round(stats.isolatedShare, 3) };
  const differ = (Object.keys(mine) as Array<keyof typeof mine>).filter((k) => mine[k] !== shared[k]);
  console.log(differ.length
    ? `  cross-check: DISAGREES with ${sharedStatsTool} on ${differ.map((k) => `${k} (${mine[k]} here, ${shared[k]} there)`).join(', ')}`
    : `  cross-check: ${sharedStatsTool} agrees (${JSON.stringify(shared)})`);

  console.log(JSON.stringify({
    articles: written.articles,
    mb: round(mb),
    buildSeconds: round(buildSeconds),
    winkSeconds: round(winkSeconds),
    ratio: round(ratio),
    buildCpuSeconds: round(buildCpuSeconds),
    winkCpuSeconds: round(winkCpuSeconds),
    cpuRatio: round(buildCpuSeconds / winkCpuSeconds),
    buildPeakRssMb: Math.round(buildPeakRssMb),
    relationsPerArticle: round(stats.relationsPerArticle),
    isolatedShare: round(stats.isolatedShare, 3),
    openShare: round(stats.openShare, 3),
  }));
  if (differ.length) process.exitCode = 1;
} finally {
  cleanUp();
}

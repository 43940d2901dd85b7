import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import type { LaterPhase } from '../../corpus/build-corpus.js';
import { action, out } from '../run.js';
import { parsePositiveInt } from '../options.js';

interface BuildFlags {
  out: string;
  jobs?: number;
  cache: boolean;
  incremental: boolean;
  strict?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  config?: string;
}

export function register(program: Command): void {
  program
    .command('build')
    .description('build the graph from article files and folders (default: seeds/)')
    .argument('[paths...]', 'article files or folders (.txt, .md, .html, .jsonl)', ['seeds'])
    .option('-o, --out <file>', 'graph file to write', 'graph/graph.json')
    .option('-j, --jobs <n>', 'worker threads for extraction (default: one per core once there are a few thousand articles to extract)', parsePositiveInt)
    .option('--no-cache', 'extract every article again instead of reusing cached results')
    .option('--no-incremental', 'build the whole graph again (from cached extractions) instead of updating the last one')
    .option('--strict', 'stop at the first bad input file instead of skipping it')
    .option('-q, --quiet', 'print nothing but errors')
    .option('-v, --verbose', 'also print the seconds spent in each phase')
    .option('--config <file>', 'settings file', 'newsgraph.config.json')
    .action(action(async (paths: string[], flags: BuildFlags) => {
      const [{ SingleBar, Presets }, { buildCorpus }, { loadSettings }] = await Promise.all([
        import('cli-progress'), import('../../corpus/build-corpus.js'), import('../../config/settings.js'),
      ]);
      const settings = loadSettings(flags.config);
      const showBar = !flags.quiet && process.stderr.isTTY;
      const bar = showBar ? new SingleBar({ format: 'extracting |{bar}| {value}/{total} articles | {speed} articles/s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }, Presets.shades_classic) : undefined;
      const started = performance.now();
      const result = await buildCorpus({
        paths, out: flags.out, cache: flags.cache, incremental: flags.incremental, ...(flags.strict ? { strict: true } : {}),
        ...(flags.jobs ? { jobs: flags.jobs } : {}), settings,
        onPlan: ({ total, cached }) => bar?.start(total, cached, { speed: '0' }),
        onFullBuild: limitHeapGrowth,
        // After extraction the bar is full: each later phase says what the build is doing, on a terminal.
        onPhase: (phase) => {
          if (!showBar) return;
          bar?.stop();
          process.stderr.write(`${PHASES[phase]}…\n`);
        },
        onProgress: (done) => bar?.update(done, { speed: (done / Math.max(0.001, (performance.now() - started) / 1000)).toFixed(0) }),
      });
      bar?.stop();
      const s = result.summary;
      if (!flags.quiet) {
        for (const w of s.warnings) process.stderr.write(`newsgraph: warning: ${w}\n`);
        if (flags.verbose) {
          // Why a build that could have updated the last graph did not: the user can then fix what stopped it.
          if (s.fullBecause) process.stderr.write(`newsgraph: built whole: ${s.fullBecause}\n`);
          process.stderr.write(`newsgraph: files: ${s.files.read} read, ${s.files.unchanged} unchanged since the last build\n`);
          if (s.extracted) process.stderr.write(`newsgraph: extracted ${s.extracted} in ${s.workers ? `${s.workers} worker thread${s.workers > 1 ? 's' : ''}` : 'this thread'}\n`);
          const seconds = (entries: Array<[string, number]>) => entries.map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ');
          const steps = s.updateSteps ? ` (${seconds(Object.entries(s.updateSteps))})` : '';
          process.stderr.write(`newsgraph: timings: ${seconds(Object.entries(s.timings))}${steps}\n`);
        }
        const how = s.mode === 'incremental' ? ' (updated the last graph)' : s.mode === 'unchanged' ? ' (nothing changed)' : '';
        await out(`${flags.out}: ${s.articles} articles (${s.extracted} extracted, ${s.cached} cached${s.duplicates ? `, ${s.duplicates} duplicate` : ''}${s.skipped ? `, ${s.skipped} skipped` : ''}), ${s.nodes} nodes, ${s.edges} edges in ${s.seconds.toFixed(2)} s${how}\n`);
      }
    }));
}

const PHASES: Record<LaterPhase, string> = {
  resolve: 'merging identities across articles', graph: 'building the graph', layout: 'laying out the graph',
  write: 'writing the graph', update: 'updating the last graph',
};

/**
 * A build allocates far more than it keeps (extractions, then the graph), and V8 by default lets the heap grow to
 * several times what the last full collection kept before it collects again: a 10k corpus peaked at 1.05 GB. Growing
 * by half at a time holds it to 0.87–0.89 GB; the extra collections cost a cached 10k rebuild about 1.3 s (11 against
 * 12.4 s) and were not measurable in a full build. V8 reads the setting at each collection, so it applies from here
 * on, to the worker threads as well. Set only once a build turns out whole: an update holds the index, not the
 * corpus, and the extra collections cost a 10k update 0.2 s (2.45 against 2.66 s, medians of five).
 */
function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

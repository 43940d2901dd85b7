import { setFlagsFromString } from 'node:v8';
import { Option, type Command } from 'commander';
import type { LaterPhase } from '../../corpus/build-corpus.js';
import { action, out } from '../run.js';
import { parsePositiveInt } from '../options.js';
import type { ExtractorMode, LlmOptions } from '../../extract/llm/options.js';
import type { LlmSummary } from '../../corpus/llm-extraction.js';
import type { Settings } from '../../config/settings.js';
import { NewsgraphError } from '../../errors.js';
import type { DROP_REASONS } from '../../extract/llm/drop-reasons.js';

// Spelt here, type-checked against the back-ends: registering a command must not load the extractor's code.
const EXTRACTORS = ['offline', 'llm', 'hybrid'] satisfies ExtractorMode[];

interface BuildFlags {
  out: string;
  jobs?: number;
  cache: boolean;
  incremental: boolean;
  strict?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  config?: string;
  extractor: ExtractorMode;
  llmUrl?: string;
  llmModel?: string;
  llmConcurrency?: number;
  llmMaxTokens?: number;
  llmAnswers?: string;
  dryRun?: boolean;
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
    .addOption(new Option('--extractor <name>', 'offline (rules and the trained tagger), llm (a language model), hybrid (the model given the offline entities)').choices(EXTRACTORS).default('offline'))
    .option('--llm-url <url>', 'OpenAI-compatible server (default http://127.0.0.1:11434/v1, Ollama); the API key comes from NEWSGRAPH_LLM_API_KEY')
    .option('--llm-model <name>', 'model name the server knows')
    .option('--llm-concurrency <n>', 'requests in flight at once', parsePositiveInt)
    .option('--llm-max-tokens <n>', 'tokens one request may use (prompt, text and answer); longer articles are sent in parts', parsePositiveInt)
    .option('--llm-answers <dir>', 'ground saved answers (<article id>.json, see docs/llm.md) instead of asking a server')
    .option('--dry-run', 'print the requests for the first article and send nothing')
    .action(action(async (paths: string[], flags: BuildFlags) => {
      const [{ SingleBar, Presets }, { buildCorpus }, { loadSettings }, { checkLlmOptions }, { DROP_REASONS: reasons }] = await Promise.all([
        import('cli-progress'), import('../../corpus/build-corpus.js'), import('../../config/settings.js'), import('../../extract/llm/options.js'),
        import('../../extract/llm/drop-reasons.js'),
      ]);
      const settings = withLlmFlags(loadSettings(flags.config), flags, checkLlmOptions);
      if (flags.dryRun) return dryRun(paths, settings, flags);
      const showBar = !flags.quiet && process.stderr.isTTY;
      const bar = showBar ? new SingleBar({ format: 'extracting |{bar}| {value}/{total} articles | {speed} articles/s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }, Presets.shades_classic) : undefined;
      const started = performance.now();
      const result = await buildCorpus({
        paths, out: flags.out, cache: flags.cache, incremental: flags.incremental, ...(flags.strict ? { strict: true } : {}),
        ...(flags.jobs ? { jobs: flags.jobs } : {}), settings, extractor: flags.extractor, ...(flags.llmAnswers ? { llmAnswers: flags.llmAnswers } : {}),
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
          if (s.llm?.format) process.stderr.write(`newsgraph: language model: answers asked for as ${s.llm.format === 'prompt' ? 'the prompt says (the server took no response_format)' : s.llm.format}\n`);
          for (const { file, dropped } of s.llm?.droppedIn ?? []) process.stderr.write(`newsgraph: ${file}: dropped ${droppedText(dropped, reasons)}\n`);
        }
        const how = s.mode === 'incremental' ? ' (updated the last graph)' : s.mode === 'unchanged' ? ' (nothing changed)' : '';
        if (s.llm) await out(`${llmLine(s.llm, flags.llmAnswers ? `saved answers in ${flags.llmAnswers}` : `${settings.llm.model} at ${settings.llm.url}`, reasons)}\n`);
        await out(`${flags.out}: ${s.articles} articles (${s.extracted} extracted, ${s.cached} cached${s.duplicates ? `, ${s.duplicates} duplicate` : ''}${s.skipped ? `, ${s.skipped} skipped` : ''}), ${s.nodes} nodes, ${s.edges} edges in ${s.seconds.toFixed(2)} s${how}\n`);
      }
    }));
}

/** The command line's language-model flags over the settings file's `llm` section. */
function withLlmFlags(settings: Settings, flags: BuildFlags, check: (llm: LlmOptions) => string | undefined): Settings {
  const llm = {
    ...settings.llm, ...(flags.llmUrl !== undefined ? { url: flags.llmUrl } : {}), ...(flags.llmModel !== undefined ? { model: flags.llmModel } : {}),
    ...(flags.llmConcurrency ? { concurrency: flags.llmConcurrency } : {}), ...(flags.llmMaxTokens ? { maxTokens: flags.llmMaxTokens } : {}),
  };
  const problem = check(llm);
  if (problem) throw new NewsgraphError(`--llm-${problem.replace(/^maxTokens/, 'max-tokens')}`);
  return { ...settings, llm };
}

async function dryRun(paths: string[], settings: Settings, flags: BuildFlags): Promise<void> {
  if (flags.extractor === 'offline') throw new NewsgraphError('--dry-run shows what would be sent to a language model: add --extractor llm or hybrid');
  const [{ discoverArticleFiles }, { readArticleFile }, { describeRequests }] = await Promise.all([
    import('../../ingest/discover.js'), import('../../ingest/read-articles.js'), import('../../corpus/llm-extraction.js'),
  ]);
  const [first] = discoverArticleFiles(paths);
  const article = first ? readArticleFile(first).articles[0] : undefined;
  if (!article) throw new NewsgraphError(`${paths.join(', ')}: no article to show a request for`);
  await out(await describeRequests(article, flags.extractor, settings));
}

const thousands = (n: number) => n.toLocaleString('en-GB');

function droppedText(dropped: LlmSummary['dropped'], reasons: typeof DROP_REASONS): string {
  const entries = Object.entries(dropped) as Array<[keyof typeof DROP_REASONS, number]>;
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return `${total} (${entries.map(([reason, n]) => `${n} ${reasons[reason]}`).join(', ')})`;
}

/** The summary's language-model line: what it cost, what came from the cache, what grounding dropped. */
function llmLine(s: LlmSummary, source: string, reasons: typeof DROP_REASONS): string {
  const dropped = Object.keys(s.dropped).length ? `; dropped ${droppedText(s.dropped, reasons)}` : '; nothing dropped';
  return `language model (${source}): ${thousands(s.requests)} request${s.requests === 1 ? '' : 's'}, ${thousands(s.tokensIn)} tokens in, ${thousands(s.tokensOut)} out, ${s.answersCached} answer${s.answersCached === 1 ? '' : 's'} from the cache${dropped}`;
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

/**
 * `npm run bench:dev`: builds one graph from the development articles in ../shared/eval/articles and scores it
 * against the gold graphs with the shared scorer (../shared/eval/score.mjs). Prints the scorer's per-article lines
 * and the TOTAL line; `--verbose` lists every miss.
 *
 * `--extractor llm|hybrid` scores a language model instead: the server, model and budget of newsgraph.config.json's
 * `llm` section, or `--llm-url`, `--llm-model`, `--llm-max-tokens`, `--llm-concurrency`; `--llm-answers DIR` grounds
 * saved answers instead of asking. Answers are kept in graph/.cache/bench-dev-<extractor>/ between runs, so a second
 * run asks nothing; `--no-cache` asks again. `--gold-answers` grounds the gold graphs themselves, written as answers:
 * what grounding and the pipeline after it keep of a perfect model.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCorpus } from '../src/corpus/build-corpus.js';
import { DEFAULT_SETTINGS, loadSettings } from '../src/config/settings.js';
import { checkLlmOptions, EXTRACTORS, type ExtractorMode } from '../src/extract/llm/options.js';
import { NewsgraphError } from '../src/errors.js';

const { values: args } = parseArgs({
  options: {
    verbose: { type: 'boolean' }, extractor: { type: 'string', default: 'offline' }, 'no-cache': { type: 'boolean' },
    'llm-url': { type: 'string' }, 'llm-model': { type: 'string' }, 'llm-max-tokens': { type: 'string' }, 'llm-concurrency': { type: 'string' },
    'llm-answers': { type: 'string' }, 'gold-answers': { type: 'boolean' },
  },
});
const extractor = (args['gold-answers'] ? 'llm' : args.extractor) as ExtractorMode;
if (!EXTRACTORS.includes(extractor)) fail(`--extractor: one of ${EXTRACTORS.join(', ')}`);

const root = fileURLToPath(new URL('..', import.meta.url));
const evalDir = join(root, '..', 'shared', 'eval');
if (!existsSync(join(evalDir, 'score.mjs'))) fail(`${evalDir} not found (the development set lives beside the project, in ../shared/eval)`);

function fail(message: string): never {
  console.error(`bench:dev: ${message}`);
  process.exit(2);
}

// Only the llm section is read: the offline extractor is scored with its defaults, as always.
const llm = {
  ...loadSettings(join(root, 'newsgraph.config.json')).llm, ...(args['llm-url'] ? { url: args['llm-url'] } : {}), ...(args['llm-model'] ? { model: args['llm-model'] } : {}),
  ...(args['llm-max-tokens'] ? { maxTokens: Number(args['llm-max-tokens']) } : {}), ...(args['llm-concurrency'] ? { concurrency: Number(args['llm-concurrency']) } : {}),
};
const problem = checkLlmOptions(llm);
if (problem) fail(`--llm-${problem}`);
interface Gold {
  entities: Array<{ id: string; kind: string; names: string[] }>;
  relations: Array<{ source: string; relation: string; target: string; evidence?: string }>;
}

/** The gold graphs as answers in the public shape (docs/llm.md), one file per article in a new folder. */
function goldAnswers(): string {
  const out = mkdtempSync(join(tmpdir(), 'newsgraph-gold-answers-'));
  for (const file of readdirSync(join(evalDir, 'gold')).filter((f) => f.endsWith('.gold.json'))) {
    const gold = JSON.parse(readFileSync(join(evalDir, 'gold', file), 'utf8')) as Gold;
    const name = (id: string) => (id === 'article' ? 'article' : gold.entities.find((e) => e.id === id)!.names[0]!);
    const answer = {
      entities: gold.entities.filter((e) => e.id !== 'article').map((e) => ({ name: e.names[0], kind: e.kind, aliases: e.names.slice(1) })),
      // The header line is not sent to a model: its statement is the build's own.
      relations: gold.relations.filter((r) => !r.evidence?.startsWith('date ')).map((r) => ({ source: name(r.source), relation: r.relation, target: name(r.target), evidence: r.evidence ?? '' })),
    };
    writeFileSync(join(out, file.replace(/\.gold\.json$/, '.json')), JSON.stringify(answer));
  }
  return out;
}
const savedAnswers = args['gold-answers'] ? goldAnswers() : args['llm-answers'];
const model = extractor !== 'offline' && !savedAnswers;
if (model) await checkServer(llm.url);

/** A clear line when nothing answers at the configured address, before 23 articles each fail alike. */
async function checkServer(url: string): Promise<void> {
  try {
    await fetch(`${url.replace(/\/+$/, '')}/models`, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    fail(`no language model server answers at ${url} (${e.cause?.code ?? e.message}): start one (ollama serve) or set llm.url in newsgraph.config.json or --llm-url`);
  }
}

// A model's answers are worth keeping between runs; the offline extractor's are not.
const dir = model ? join(root, 'graph', '.cache', `bench-dev-${extractor}`) : mkdtempSync(join(tmpdir(), 'newsgraph-dev-'));
try {
  const out = join(dir, 'graph.json');
  const started = performance.now();
  const { summary } = await buildCorpus({
    paths: [join(evalDir, 'articles')], out, jobs: 1, cache: model && !args['no-cache'], incremental: false, extractor,
    settings: { ...DEFAULT_SETTINGS, llm }, ...(savedAnswers ? { llmAnswers: savedAnswers } : {}),
  });
  console.log(`built ${summary.articles} articles: ${summary.nodes} nodes, ${summary.edges} edges in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  for (const w of summary.warnings) console.log(`warning: ${w}`);
  if (summary.llm) {
    const s = summary.llm;
    const dropped = Object.entries(s.dropped).map(([reason, n]) => `${reason} ${n}`).join(', ') || 'none';
    console.log(`${extractor} (${savedAnswers ? `saved answers in ${savedAnswers}` : `${llm.model} at ${llm.url}`}): ${s.requests} requests, ${s.tokensIn} tokens in, ${s.tokensOut} out, ${s.answersCached} answers and ${summary.cached} extractions from the cache; dropped: ${dropped}`);
  }
  const golds = readdirSync(join(evalDir, 'gold')).filter((f) => f.endsWith('.gold.json')).sort().flatMap((f) => ['--gold', join(evalDir, 'gold', f)]);
  const scoreArgs = [join(evalDir, 'score.mjs'), '--graph', out, ...golds, ...(args.verbose ? ['--verbose'] : [])];
  process.stdout.write(execFileSync(process.execPath, scoreArgs, { encoding: 'utf8' }));
} catch (error) {
  if (error instanceof NewsgraphError) fail(error.message);
  throw error;
} finally {
  if (!model) rmSync(dir, { recursive: true, force: true });
  if (args['gold-answers']) rmSync(savedAnswers!, { recursive: true, force: true });
}

/**
 * The fuzzer's in-process half, in a worker thread so the main thread can time a case out and start a fresh worker:
 * reads and extracts one file, or builds one folder, and says whether the library handled it.
 *
 * Handled: returned normally (with its invariants intact), or threw a NewsgraphError with a one-line message naming
 * the input. Anything else is a crash.
 */
import { parentPort } from 'node:worker_threads';
import { readArticleFile } from '../../src/ingest/read-articles.js';
import { extractArticle } from '../../src/extract/extract-article.js';
import { buildCorpus } from '../../src/corpus/build-corpus.js';
import { contractProblems } from '../../src/graph/validate.js';
import { InputError, NewsgraphError } from '../../src/errors.js';
import type { Article, ArticleExtraction } from '../../src/schema/index.js';

export interface CheckRequest {
  id: number;
  kind: 'file' | 'folder';
  path: string;
  strict?: boolean;
}

export interface CheckReply {
  id: number;
  /** ok: returned normally; refused: a NewsgraphError as the contract says; crash: anything else. */
  outcome: 'ok' | 'refused' | 'crash';
  message?: string;
  stack?: string;
  ms: number;
}

class Broken extends Error {}

function oneLine(text: string, what: string): void {
  if (text.includes('\n') || text.includes('\r')) throw new Broken(`${what} spans more than one line: ${JSON.stringify(text.slice(0, 300))}`);
}

function checkWarnings(warnings: readonly string[], path: string): void {
  for (const w of warnings) {
    oneLine(w, 'warning');
    if (!w.startsWith(path)) throw new Broken(`warning does not name the input: ${JSON.stringify(w.slice(0, 300))}`);
  }
}

/** Every evidence span lies in its sentence, which is a slice of the body; every mention lies in the body. */
function checkExtraction(article: Article, x: ArticleExtraction): void {
  const { body } = article;
  for (const r of x.relations) {
    const e = r.evidence;
    if (e.source === 'header') continue;
    if (body.slice(e.sentenceStart, e.sentenceStart + e.sentence.length) !== e.sentence) throw new Broken(`evidence sentence is not the body at ${e.sentenceStart}`);
    if (!(e.sentenceStart <= e.start && e.start < e.end && e.end <= e.sentenceStart + e.sentence.length)) throw new Broken(`evidence span ${e.start}-${e.end} outside its sentence at ${e.sentenceStart}`);
  }
  for (const m of x.mentions) if (!(m.start >= 0 && m.start < m.end && m.end <= body.length)) throw new Broken(`mention span ${m.start}-${m.end} outside the body`);
  if (x.article.bodyLength !== body.length) throw new Broken('bodyLength differs from the body');
}

function checkFile(path: string): void {
  const { articles, warnings } = readArticleFile(path);
  checkWarnings(warnings, path);
  if (!articles.length) throw new Broken('no articles and no error');
  // A JSONL file may hold thousands; a few show whether its articles extract.
  for (const article of articles.slice(0, 5)) {
    if (!article.body.trim()) throw new Broken(`${article.file}: empty body returned`);
    checkExtraction(article, extractArticle(article));
  }
}

async function checkFolder(path: string, strict: boolean): Promise<void> {
  const result = await buildCorpus({ paths: [path], jobs: 1, cache: false, ...(strict ? { strict } : {}) });
  checkWarnings(result.summary.warnings, path);
  const problems = contractProblems(result.graph.export());
  if (problems.length) throw new Broken(`graph breaks the contract: ${problems.slice(0, 3).join('; ')}`);
}

parentPort!.on('message', async (request: CheckRequest) => {
  const started = performance.now();
  const reply = (outcome: CheckReply['outcome'], error?: unknown) => {
    const r: CheckReply = { id: request.id, outcome, ms: performance.now() - started };
    if (error instanceof Error) {
      r.message = error.message;
      if (outcome === 'crash' && error.stack) r.stack = error.stack;
    } else if (error !== undefined) r.message = String(error);
    parentPort!.postMessage(r);
  };
  try {
    if (request.kind === 'file') checkFile(request.path);
    else await checkFolder(request.path, request.strict ?? false);
    reply('ok');
  } catch (error) {
    if (error instanceof Broken) return reply('crash', error);
    if (error instanceof NewsgraphError) {
      const named = error instanceof InputError ? error.message.startsWith(`${request.path}`) : error.message.includes(request.path);
      if (!named) return reply('crash', new Broken(`error does not name the input: ${error.message.slice(0, 300)}`));
      if (/[\r\n]/.test(error.message)) return reply('crash', new Broken(`error spans more than one line: ${JSON.stringify(error.message.slice(0, 300))}`));
      return reply('refused', error);
    }
    reply('crash', error);
  }
});

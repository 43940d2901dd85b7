/**
 * Corpus extraction by a language model: asynchronous I/O, so it runs in this thread, several requests at a time,
 * rather than in the CPU worker threads. Each article's answers come from the answer cache, saved answers or the
 * server; they are grounded in the article (extract/llm/ground.ts), and the result is stored in the extraction cache
 * like the offline extractor's. A failure is reported for its article and the build goes on, unless no request of
 * the build could succeed (no server, the key refused, no such model).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Article, ArticleExtraction } from '../schema/index.js';
import { describeError } from '../errors.js';
import type { Settings } from '../config/settings.js';
import { API_KEY_VARIABLE, ChatClient, LlmError, apiKeyFromEnv, type ResponseFormat } from '../extract/llm/chat-client.js';
import { answerTokens } from '../extract/llm/parts.js';
import { askArticle, requestsFor } from '../extract/llm/ask.js';
import { groundAnswers, type PartAnswer } from '../extract/llm/ground.js';
import type { DropCounts, DropReason } from '../extract/llm/drop-reasons.js';
import { promptVersion, type Candidate } from '../extract/llm/prompt.js';
import type { ExtractorMode } from '../extract/llm/options.js';
import { llmCodeVersion } from '../extract/version.js';
import { AnswerCache, readSavedAnswer } from './answer-cache.js';
import { forCorpus } from './corpus-view.js';
import type { CacheTarget } from './corpus-extraction.js';
import type { WorkerReply } from './extract-worker.js';

export type ModelMode = Exclude<ExtractorMode, 'offline'>;

export interface LlmRunOptions {
  mode: ModelMode;
  settings: Settings;
  /** The offline extractor's cache version (with the extraction settings): a hybrid's answers depend on it. */
  offlineVersion: string;
  /** The build's cache folder: answers are kept in it between builds. */
  cacheDir?: string;
  /** A folder of saved answers (`<article id>.json`) to read instead of asking a server. */
  savedAnswers?: string;
}

/** What the language model cost and what grounding dropped, for the build summary. */
export interface LlmSummary {
  /** HTTP requests sent, retries included. */
  requests: number;
  tokensIn: number;
  tokensOut: number;
  /** Articles whose answers came from the answer cache, with no request. */
  answersCached: number;
  /** How the answer's shape was asked for, once a request succeeded. */
  format?: ResponseFormat;
  dropped: DropCounts;
  /** The same, article by article (file, counts), for those that lost anything. */
  droppedIn: Array<{ file: string; dropped: DropCounts }>;
}

/** What identifies one back-end's answers: another model, prompt or budget asks again. */
function answerVersion(options: LlmRunOptions): string {
  const { llm } = options.settings;
  return [options.mode, llm.model, promptVersion(), llm.maxTokens, ...(options.mode === 'hybrid' ? [options.offlineVersion] : [])].join('|');
}

/** The extraction cache's version for a model back-end: the code that grounds, and what the answers depend on. */
export function llmCacheVersion(options: LlmRunOptions): string {
  return `${llmCodeVersion()}+${options.mode}-${createHash('sha256').update(answerVersion(options)).digest('hex').slice(0, 12)}`;
}

/** One build's use of a language model: the client (and what it learnt of the server), the counts, the failures. */
export class LlmRun {
  readonly client: ChatClient;
  private readonly answers: AnswerCache | undefined;
  private readonly counts = { answersCached: 0, dropped: {} as DropCounts, droppedIn: [] as LlmSummary['droppedIn'] };
  /** Articles that failed, by cache key: a full build after a declined update does not ask about them again. */
  private readonly failed = new Map<string, string>();
  private offline: ((article: Article) => ArticleExtraction) | undefined;

  constructor(private readonly options: LlmRunOptions) {
    const { llm } = options.settings;
    this.client = new ChatClient({ url: llm.url, model: llm.model, apiKey: apiKeyFromEnv(), timeoutMs: llm.timeoutSeconds * 1000, retries: llm.retries });
    this.answers = options.cacheDir && !options.savedAnswers ? new AnswerCache(join(options.cacheDir, 'llm-answers'), answerVersion(options)) : undefined;
  }

  get summary(): LlmSummary {
    const { requests, tokensIn, tokensOut } = this.client.stats;
    const { answersCached, dropped, droppedIn } = this.counts;
    const byFile = [...droppedIn].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return { requests, tokensIn, tokensOut, answersCached, ...(requests ? { format: this.client.format } : {}), dropped: { ...dropped }, droppedIn: byFile };
  }

  /** Extracts `articles` (keys: their cache keys), `concurrency` at a time, storing each result in `cache`. */
  async extract(articles: readonly Article[], keys: readonly string[], cache: CacheTarget | undefined, tick: (n: number) => void): Promise<WorkerReply> {
    if (this.options.mode === 'hybrid' && articles.length) await this.loadOffline();
    const reply: WorkerReply = new Array(articles.length);
    let next = 0;
    let fatal: unknown;
    const work = async () => {
      while (next < articles.length && fatal === undefined) {
        const i = next++;
        try {
          reply[i] = await this.one(articles[i]!, keys[i]!, cache);
        } catch (error) {
          fatal ??= error;
        }
        tick(1);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.settings.llm.concurrency, articles.length) }, work));
    if (fatal !== undefined) throw fatal;
    return reply;
  }

  private async one(article: Article, key: string, cache: CacheTarget | undefined): Promise<WorkerReply[number]> {
    // Without a cache there are no keys, and no update to fall back from.
    const known = key ? this.failed.get(key) : undefined;
    if (known) return { ok: false, error: known };
    try {
      const base = this.offline?.(article);
      const answers = await this.answersFor(article, base);
      const { extraction, dropped } = groundAnswers(article, answers, { version: `${llmCodeVersion()}+${this.options.mode}:${this.options.settings.llm.model}`, ...(base ? { base } : {}) });
      for (const [reason, n] of Object.entries(dropped) as Array<[DropReason, number]>) this.counts.dropped[reason] = (this.counts.dropped[reason] ?? 0) + n;
      if (Object.keys(dropped).length) this.counts.droppedIn.push({ file: article.file, dropped });
      const kept = forCorpus(extraction, article);
      cache?.store.put(key, kept);
      return { ok: true, extraction: kept };
    } catch (error) {
      if (error instanceof LlmError && error.fatal) throw error;
      const message = `language model: ${describeError(error)}`;
      if (key) this.failed.set(key, message);
      return { ok: false, error: message };
    }
  }

  private async answersFor(article: Article, base: ArticleExtraction | undefined): Promise<PartAnswer[]> {
    if (this.options.savedAnswers) return readSavedAnswer(this.options.savedAnswers, article);
    const kept = this.answers?.get(article);
    if (kept) {
      this.counts.answersCached++;
      return kept;
    }
    const { maxTokens } = this.options.settings.llm;
    const asked = await askArticle(this.client, requestsFor(article, maxTokens, base && candidatesOf(base)), maxTokens);
    this.answers?.put(article, asked.map((a) => a.value));
    return asked;
  }

  private async loadOffline(): Promise<void> {
    this.offline ??= await offlineExtractor(this.options.settings);
  }
}

/** The offline extractor with the user's settings, loaded only for a hybrid build. */
async function offlineExtractor(settings: Settings): Promise<(article: Article) => ArticleExtraction> {
  const [{ extractArticle }, { buildCueTable }] = await Promise.all([import('../extract/extract-article.js'), import('../extract/relations/index.js')]);
  const options = { cues: buildCueTable(settings.extract.cues), keepUnlinkedPhrases: settings.extract.keepUnlinkedPhrases };
  return (article) => extractArticle(article, options);
}

/**
 * What a build would send about `article`, without sending it (`build --dry-run`): each request's address, headers
 * (the key shown as the variable it comes from) and body, in the structured-output mode tried first.
 */
export async function describeRequests(article: Article, mode: ModelMode, settings: Settings): Promise<string> {
  const { llm } = settings;
  const client = new ChatClient({ url: llm.url, model: llm.model, timeoutMs: llm.timeoutSeconds * 1000, retries: llm.retries });
  const base = mode === 'hybrid' ? (await offlineExtractor(settings))(article) : undefined;
  const requests = requestsFor(article, llm.maxTokens, base && candidatesOf(base));
  const headers = Object.entries(client.headers()).map(([k, v]) => `${k}: ${v}`);
  if (apiKeyFromEnv()) headers.push(`authorization: Bearer $${API_KEY_VARIABLE}`);
  return requests.map((r, i) => [
    `# ${article.file}: request ${i + 1} of ${requests.length}`, `POST ${client.endpoint}`, ...headers, '',
    JSON.stringify(client.body(r.messages, answerTokens(llm.maxTokens)), null, 2), '',
  ].join('\n')).join('\n');
}

/** The offline entities offered to the model in a hybrid build: every named or described thing but the article. */
export function candidatesOf(extraction: ArticleExtraction): Candidate[] {
  return extraction.entities.filter((e) => e.origin !== 'article').map((e) => ({ name: e.label, kind: e.kind }));
}

/**
 * The language-model back-end's settings (the `llm` section of newsgraph.config.json) and their defaults. The API key
 * is not among them: it is read from the environment only (api-key.ts), so it never reaches a file.
 */

/** Which back-end extracts: the offline extractor, a language model, or the model given the offline entities. */
export const EXTRACTORS = ['offline', 'llm', 'hybrid'] as const;
export type ExtractorMode = (typeof EXTRACTORS)[number];

export interface LlmOptions {
  /** Base URL of an OpenAI-compatible server; requests go to `{url}/chat/completions`. */
  url: string;
  model: string;
  /** Requests in flight at once. */
  concurrency: number;
  /** Tokens one request may use in all (prompt, article text and answer): longer articles are sent in parts. */
  maxTokens: number;
  /** Seconds to wait for one answer before giving up on that try. */
  timeoutSeconds: number;
  /** Further tries after a timeout, a refused connection, 429 or 5xx. */
  retries: number;
}

export const LLM_DEFAULTS: LlmOptions = {
  // Ollama's OpenAI-compatible endpoint, on this machine.
  url: 'http://127.0.0.1:11434/v1',
  model: 'qwen2.5:7b',
  concurrency: 2,
  // Room for a whole news article and an answer with a quote per relation (about 2,000 tokens for 25 relations);
  // Ollama's window must be as large (OLLAMA_CONTEXT_LENGTH=8192).
  maxTokens: 8192,
  timeoutSeconds: 300,
  retries: 3,
};

/** What is wrong with `options`, or undefined: one message per problem, naming the key. */
export function checkLlmOptions(options: LlmOptions): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(options.url);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return 'url: expected an http:// or https:// address';
  if (url.username || url.password) return 'url: must not hold a user name or password (the API key comes from NEWSGRAPH_LLM_API_KEY)';
  if (!options.model.trim()) return 'model: expected a model name';
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) return 'concurrency: expected a whole number of 1 or more';
  if (!Number.isInteger(options.maxTokens) || options.maxTokens < 1024) return 'maxTokens: expected a whole number of 1024 or more';
  if (!(options.timeoutSeconds > 0)) return 'timeoutSeconds: expected a number above 0';
  if (!Number.isInteger(options.retries) || options.retries < 0) return 'retries: expected a whole number of 0 or more';
  return undefined;
}

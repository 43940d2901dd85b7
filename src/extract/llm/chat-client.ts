/**
 * A small client for OpenAI-compatible chat completions (`POST {url}/chat/completions`) on Node's own fetch: a timeout
 * per try, retries with backoff on refused connections, timeouts, 429 and 5xx (a `Retry-After` is honoured), and the
 * structured-output mode the server accepts, found once and kept. Every error is one line, and never holds the key.
 */
import { NewsgraphError } from '../../errors.js';
import { ANSWER_SCHEMA } from './answer.js';
import type { ChatMessage } from './prompt.js';

export const API_KEY_VARIABLE = 'NEWSGRAPH_LLM_API_KEY';

/** The API key, from the environment only. */
export function apiKeyFromEnv(): string | undefined {
  return process.env[API_KEY_VARIABLE] || undefined;
}

/** How the answer's shape is asked for: a JSON Schema, plain JSON mode, or the prompt alone; tried in this order. */
export const RESPONSE_FORMATS = ['json_schema', 'json_object', 'prompt'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

export interface ChatClientOptions {
  url: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  retries: number;
  /** The first wait before a retry when the server names none; doubled each time. */
  backoffMs?: number;
}

export interface ChatReply {
  content: string;
  /** `length` when the answer was cut at max_tokens. */
  finishReason: string | undefined;
}

export interface ChatStats {
  requests: number;
  tokensIn: number;
  tokensOut: number;
}

/** A failed request. `fatal` when no request of this build can succeed (no server, the key refused, no such model). */
export class LlmError extends NewsgraphError {
  constructor(message: string, readonly fatal = false) {
    super(message);
    this.name = 'LlmError';
  }
}

/** A server that asks for a longer pause than this is not waited for. */
const MAX_WAIT_MS = 120_000;
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

type Outcome = { response: Response; text: string } | { failure: string; unreachable?: boolean };

export class ChatClient {
  /** The structured-output mode that works with this server: lowered when a server refuses one, for the rest of the build. */
  format: ResponseFormat = 'json_schema';
  readonly stats: ChatStats = { requests: 0, tokensIn: 0, tokensOut: 0 };
  readonly endpoint: string;

  constructor(private readonly options: ChatClientOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/chat/completions`;
  }

  /** The request body for `messages`, in `format`. */
  body(messages: readonly ChatMessage[], maxTokens: number, format: ResponseFormat = this.format): Record<string, unknown> {
    const responseFormat = format === 'json_schema' ? { type: 'json_schema', json_schema: { name: 'newsgraph_extraction', strict: true, schema: ANSWER_SCHEMA } }
      : format === 'json_object' ? { type: 'json_object' } : undefined;
    return {
      model: this.options.model, messages, temperature: 0, max_tokens: maxTokens, stream: false,
      ...(responseFormat ? { response_format: responseFormat } : {}),
    };
  }

  /** The headers sent; the key only as `Authorization`. */
  headers(): Record<string, string> {
    return { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) };
  }

  /** One chat completion. A 400 is asked again in the next structured-output mode; the one that worked is kept. */
  async complete(messages: readonly ChatMessage[], maxTokens: number): Promise<ChatReply> {
    let format = this.format;
    let refused: string | undefined;
    for (;;) {
      const { response, text } = await this.send(JSON.stringify(this.body(messages, maxTokens, format)));
      if (response.status === 400 && format !== 'prompt') {
        refused ??= this.problem(response, text);
        format = RESPONSE_FORMATS[RESPONSE_FORMATS.indexOf(format) + 1]!;
        continue;
      }
      if (!response.ok) throw this.failure(response, refused ?? this.problem(response, text));
      if (RESPONSE_FORMATS.indexOf(format) > RESPONSE_FORMATS.indexOf(this.format)) this.format = format;
      return this.reply(text);
    }
  }

  private reply(text: string): ChatReply {
    let data: { choices?: Array<{ message?: { content?: unknown }; finish_reason?: unknown }>; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      throw new LlmError(`${this.endpoint}: the reply is not JSON`);
    }
    const usage = data?.usage;
    if (typeof usage?.prompt_tokens === 'number') this.stats.tokensIn += usage.prompt_tokens;
    if (typeof usage?.completion_tokens === 'number') this.stats.tokensOut += usage.completion_tokens;
    const choice = Array.isArray(data?.choices) ? data.choices[0] : undefined;
    if (!choice) throw new LlmError(`${this.endpoint}: the reply holds no choice`);
    const content = choice.message?.content;
    return { content: typeof content === 'string' ? content : '', finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined };
  }

  /** Sends `body`, trying again after a refused connection, a timeout, 429 or 5xx while tries are left. */
  private async send(body: string): Promise<{ response: Response; text: string }> {
    const { retries, timeoutMs } = this.options;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.once(body, timeoutMs);
      const retryable = 'failure' in outcome || outcome.response.status === 429 || outcome.response.status >= 500;
      if (!retryable) return outcome as { response: Response; text: string };
      const tries = `${attempt + 1} ${attempt ? 'tries' : 'try'}`;
      if ('failure' in outcome) {
        // Nothing listening rarely changes within seconds: one more try, then the build stops.
        if (attempt >= retries || (outcome.unreachable && attempt >= 1)) {
          if (outcome.unreachable) throw new LlmError(`no language model server answers at ${this.options.url} (${outcome.failure}): start one, or set --llm-url`, true);
          throw new LlmError(`${this.endpoint}: ${outcome.failure} (${tries})`);
        }
        await sleep(this.backoff(attempt));
        continue;
      }
      const wait = retryAfter(outcome.response.headers.get('retry-after'));
      if (attempt >= retries) throw this.failure(outcome.response, `${this.problem(outcome.response, outcome.text)} (${tries})`);
      if (wait !== undefined && wait > MAX_WAIT_MS) {
        throw this.failure(outcome.response, `the server asks to wait ${Math.round(wait / 1000)} s before trying again (${tries})`);
      }
      await sleep(wait ?? this.backoff(attempt));
    }
  }

  private async once(body: string, timeoutMs: number): Promise<Outcome> {
    this.stats.requests++;
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      const response = await fetch(this.endpoint, { method: 'POST', headers: this.headers(), body, signal });
      return { response, text: await response.text() };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') return { failure: `no answer within ${seconds(timeoutMs)}` };
      const code = e.cause?.code;
      return { failure: this.redact(code ?? e.message), unreachable: code !== undefined && UNREACHABLE.has(code) };
    }
  }

  private backoff(attempt: number): number {
    return (this.options.backoffMs ?? 1000) * 2 ** attempt;
  }

  /** A failed status as an error: fatal for a refused key or an unknown model or address. */
  private failure(response: Response, problem: string): LlmError {
    const status = response.status;
    if (status === 401 || status === 403) {
      const key = this.options.apiKey ? `${API_KEY_VARIABLE} is set` : `${API_KEY_VARIABLE} is not set`;
      return new LlmError(`${this.endpoint}: ${problem} (the server refused the request: ${key})`, true);
    }
    if (status === 404) return new LlmError(`${this.endpoint}: ${problem} (is the model "${this.options.model}" installed, and the URL right?)`, true);
    return new LlmError(`${this.endpoint}: ${problem}`);
  }

  /** "HTTP 500: the server's own message", in one line, shortened, without the key. */
  private problem(response: Response, text: string): string {
    let message = text;
    try {
      const data = JSON.parse(text) as { error?: unknown; message?: unknown };
      const error = data.error as { message?: unknown } | string | undefined;
      const found = typeof error === 'string' ? error : typeof error?.message === 'string' ? error.message : typeof data.message === 'string' ? data.message : undefined;
      if (found) message = found;
    } catch {
      // not JSON: the text itself
    }
    const line = this.redact(message).replace(/\s+/g, ' ').trim();
    return `HTTP ${response.status}${line ? `: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}` : ''}`;
  }

  private redact(text: string): string {
    const key = this.options.apiKey;
    return key ? text.split(key).join('[key]') : text;
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date. */
function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

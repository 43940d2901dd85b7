/**
 * A real chat-completions server on 127.0.0.1 (port 0) inside the test process, answering from the recorded replies
 * in tests/fixtures/llm/: it finds the article a request is about by the text between <article> markers, and gives
 * that article's replies in order (the last one repeats). Every request is recorded, so tests can count them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LLM_FIXTURES = fileURLToPath(new URL('../fixtures/llm/', import.meta.url));
export const LLM_ARTICLES = join(LLM_FIXTURES, 'articles');

interface Step {
  answer?: unknown;
  content?: string;
  finishReason?: string;
  status?: number;
  headers?: Record<string, string>;
  error?: string;
  hang?: boolean;
}

export interface RecordedRequest {
  /** The fixture article the request was about (its file name without .txt), if any. */
  article: string | undefined;
  /** `json_schema`, `json_object`, or `prompt` when no response_format was sent. */
  format: string;
  authorization: string | undefined;
  body: { model: string; messages: Array<{ role: string; content: string }>; max_tokens: number; response_format?: { type: string } };
}

export interface ChatServerOptions {
  /** Refuse (401) a request without `Authorization: Bearer <key>`. */
  key?: string;
  /** Structured-output modes answered with 400, as servers without them do. */
  refuse?: string[];
}

export interface ChatServer {
  url: string;
  requests: RecordedRequest[];
  /** Requests about `article`. */
  about(article: string): RecordedRequest[];
  close(): Promise<void>;
}

function loadFixtures(): Map<string, { text: string; steps: Step[] }> {
  const fixtures = new Map<string, { text: string; steps: Step[] }>();
  for (const name of readdirSync(LLM_ARTICLES).filter((n) => n.endsWith('.txt'))) {
    const id = name.slice(0, -4);
    const steps = JSON.parse(readFileSync(join(LLM_FIXTURES, 'replies', `${id}.json`), 'utf8')) as Step[];
    fixtures.set(id, { text: readFileSync(join(LLM_ARTICLES, name), 'utf8'), steps });
  }
  return fixtures;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startChatServer(options: ChatServerOptions = {}): Promise<ChatServer> {
  const fixtures = loadFixtures();
  const requests: RecordedRequest[] = [];
  const served = new Map<string, number>();

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
    const body = JSON.parse(raw) as RecordedRequest['body'];
    const user = body.messages.filter((m) => m.role === 'user')[0]?.content ?? '';
    const part = /<article>\n([\s\S]*)\n<\/article>/.exec(user)?.[1];
    const article = part === undefined ? undefined : [...fixtures].find(([, f]) => f.text.includes(part))?.[0];
    const format = body.response_format?.type ?? 'prompt';
    requests.push({ article, format, authorization: req.headers.authorization, body });
    if (options.key && req.headers.authorization !== `Bearer ${options.key}`) return send(res, 401, { error: { message: 'invalid api key' } });
    if (options.refuse?.includes(format)) return send(res, 400, { error: { message: `response_format ${format} is not supported` } });
    if (!article) return send(res, 418, { error: { message: 'no fixture for this article' } });
    const { steps } = fixtures.get(article)!;
    const n = served.get(article) ?? 0;
    served.set(article, n + 1);
    const step = steps[Math.min(n, steps.length - 1)]!;
    if (step.hang) return; // the socket stays open until the client gives up or the server closes
    if (step.status) return send(res, step.status, { error: { message: step.error ?? 'error' } }, step.headers);
    const content = step.content ?? JSON.stringify(step.answer);
    send(res, 200, {
      id: `chatcmpl-${requests.length}`, object: 'chat.completion', model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: step.finishReason ?? 'stop' }],
      usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: 0 },
    });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    about: (article) => requests.filter((r) => r.article === article),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

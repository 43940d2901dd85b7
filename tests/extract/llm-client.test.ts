/**
 * The chat-completions client against real HTTP servers on 127.0.0.1: retries and Retry-After, timeouts, the
 * structured-output fallbacks, the errors that stop a build, and the key kept out of every message.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatClient, LlmError, type ChatClientOptions } from '../../src/extract/llm/chat-client.js';

type Handler = (body: { response_format?: { type: string } }, req: IncomingMessage, res: ServerResponse, n: number) => void;
const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A server answering each request with `handler`; `n` counts requests from 0. */
async function serve(handler: Handler): Promise<{ url: string; count: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => handler(JSON.parse(raw), req, res, n++));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, count: () => n };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const ok = (res: ServerResponse, content = '{"entities": [], "relations": []}') =>
  json(res, 200, { choices: [{ message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 120, completion_tokens: 30 } });
const client = (url: string, o: Partial<ChatClientOptions> = {}) => new ChatClient({ url, model: 'test-model', timeoutMs: 5000, retries: 2, backoffMs: 20, ...o });
const messages = [{ role: 'user' as const, content: 'hello' }];

async function failure(p: Promise<unknown>): Promise<LlmError> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

describe('chat client', () => {
  it('posts to {url}/chat/completions with the model, the key as a bearer token, and sums the tokens it is told of', async () => {
    let seen: IncomingMessage | undefined;
    let body: Record<string, unknown> = {};
    const s = await serve((b, req, res) => { seen = req; body = b; ok(res); });
    const c = client(`${s.url}/`, { apiKey: 'sk-abc' });
    expect(await c.complete(messages, 500)).toEqual({ content: '{"entities": [], "relations": []}', finishReason: 'stop' });
    await c.complete(messages, 500);
    expect(seen!.url).toBe('/v1/chat/completions');
    expect(seen!.headers.authorization).toBe('Bearer sk-abc');
    expect(body).toMatchObject({ model: 'test-model', messages, max_tokens: 500, temperature: 0, stream: false, response_format: { type: 'json_schema' } });
    expect(c.stats).toEqual({ requests: 2, tokensIn: 240, tokensOut: 60 });
    const anonymous = client(s.url);
    await anonymous.complete(messages, 500);
    expect(seen!.headers.authorization).toBeUndefined();
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    const s = await serve((_, __, res, n) => (n === 0 ? json(res, 429, { error: { message: 'slow down' } }, { 'retry-after': '1' }) : ok(res)));
    const started = performance.now();
    await client(s.url).complete(messages, 100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(s.count()).toBe(2);
  });

  it('a 500 is tried again, then reported in one line with the server\'s message and the tries', async () => {
    const s = await serve((_, __, res) => json(res, 500, { error: { message: 'model runner\nhas crashed' } }));
    const error = await failure(client(s.url, { retries: 2 }).complete(messages, 100));
    expect(error.message).toBe(`${s.url}/chat/completions: HTTP 500: model runner has crashed (3 tries)`);
    expect(error.fatal).toBe(false);
    expect(s.count()).toBe(3);
  });

  it('a server that never answers is given up on after the timeout, on each try', async () => {
    const s = await serve(() => undefined);
    const started = performance.now();
    const error = await failure(client(s.url, { timeoutMs: 300, retries: 1 }).complete(messages, 100));
    expect(error.message).toBe(`${s.url}/chat/completions: no answer within 0.3 s (2 tries)`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(590);
    expect(s.count()).toBe(2);
  });

  it('a 400 for the JSON Schema mode falls back to JSON mode, then to the prompt alone, and keeps what worked', async () => {
    const refused = new Set(['json_schema', 'json_object']);
    const formats: string[] = [];
    const s = await serve((b, _, res) => {
      const format = b.response_format?.type ?? 'prompt';
      formats.push(format);
      if (refused.has(format)) json(res, 400, { error: { message: `${format} is not supported` } });
      else ok(res);
    });
    const c = client(s.url);
    await c.complete(messages, 100);
    expect(c.format).toBe('prompt');
    await c.complete(messages, 100);
    expect(formats).toEqual(['json_schema', 'json_object', 'prompt', 'prompt']);
  });

  it('a 400 in every mode is that request\'s error: the mode is not lowered for the next', async () => {
    const s = await serve((_, __, res) => json(res, 400, { error: { message: 'the prompt is longer than the context' } }));
    const c = client(s.url);
    const error = await failure(c.complete(messages, 100));
    expect(error.message).toBe(`${s.url}/chat/completions: HTTP 400: the prompt is longer than the context`);
    expect(c.format).toBe('json_schema');
  });

  it('no server at the address stops the build: one line naming the address', async () => {
    const s = await serve(() => undefined);
    const url = s.url;
    for (const server of servers.splice(0)) await new Promise((r) => server.close(r));
    const error = await failure(client(url, { retries: 5 }).complete(messages, 100));
    expect(error.fatal).toBe(true);
    expect(error.message).toBe(`no language model server answers at ${url} (ECONNREFUSED): start one, or set --llm-url`);
  });

  it('a refused key or an unknown model stops the build; the key never appears, even when the server echoes it', async () => {
    const key = 'sk-secret-12345';
    const s = await serve((_, req, res) => json(res, 401, { error: { message: `invalid key ${req.headers.authorization}` } }));
    const error = await failure(client(s.url, { apiKey: key }).complete(messages, 100));
    expect(error.fatal).toBe(true);
    expect(error.message).toBe(`${s.url}/chat/completions: HTTP 401: invalid key Bearer [key] (the server refused the request: NEWSGRAPH_LLM_API_KEY is set)`);
    expect(error.message).not.toContain(key);
    const missing = await serve((_, __, res) => json(res, 404, { error: { message: 'model "test-model" not found, try pulling it first' } }));
    const unknown = await failure(client(missing.url).complete(messages, 100));
    expect(unknown.fatal).toBe(true);
    expect(unknown.message).toBe(`${missing.url}/chat/completions: HTTP 404: model "test-model" not found, try pulling it first (is the model "test-model" installed, and the URL right?)`);
  });

  it('a reply that is not a chat completion is an error for that request', async () => {
    const s = await serve((_, __, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>proxy login</html>'); });
    expect((await failure(client(s.url).complete(messages, 100))).message).toBe(`${s.url}/chat/completions: the reply is not JSON`);
  });
});

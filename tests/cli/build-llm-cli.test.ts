/**
 * `newsgraph build --extractor llm` as a user runs it: the built CLI in a child process against a chat-completions
 * server in this process (tests/helpers/chat-server.ts). The API key is set in the child's environment and must
 * appear nowhere: not on stdout or stderr, not in graph.json, merges.json or any file of the cache.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { LLM_ARTICLES, startChatServer, type ChatServer } from '../helpers/chat-server.js';
import { useTmp } from '../helpers/tmp.js';
import { loadGraph } from '../../src/graph/io.js';

const tmp = useTmp();
const KEY = 'sk-cli-test-93be0d51aa';
const env = { NEWSGRAPH_LLM_API_KEY: KEY };

let server: ChatServer;
beforeEach(async () => { server = await startChatServer({ key: KEY }); });
afterEach(async () => { await server.close(); });

/** A working folder with `in/` holding the named fixture articles and a settings file with short waits. */
function workspace(names: readonly string[]): { dir: string; input: string; out: string; config: string } {
  const dir = tmp();
  const input = join(dir, 'in');
  mkdirSync(input);
  for (const n of names) copyFileSync(join(LLM_ARTICLES, `${n}.txt`), join(input, `${n}.txt`));
  const config = join(dir, 'newsgraph.config.json');
  writeFileSync(config, JSON.stringify({ llm: { timeoutSeconds: 1, retries: 1 } }));
  return { dir, input, out: join(dir, 'graph', 'graph.json'), config };
}

const build = (w: ReturnType<typeof workspace>, ...flags: string[]) =>
  runCliAsync(['build', w.input, '--out', w.out, '--config', w.config, '--extractor', 'llm', '--llm-url', server.url, '--llm-model', 'fixture-model', ...flags], { env });

/** Every file below `dir`, with its text. */
function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [[path, readFileSync(path, 'latin1')] as [string, string]];
  });
}

function expectNoKey(r: CliResult, dir?: string): void {
  expect(r.stdout).not.toContain(KEY);
  expect(r.stderr).not.toContain(KEY);
  for (const [path, text] of dir ? filesUnder(dir) : []) expect(text.includes(KEY), path).toBe(false);
}

const GOOD = ['harbour-strike', 'museum-loan', 'library-petition'];

describe('newsgraph build --extractor llm', () => {
  it('builds the graph the answers describe, prints what the model cost, and a second build asks nothing and writes the same bytes', async () => {
    const w = workspace(GOOD);
    const first = await build(w);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [llmLine, summary, ...rest] = first.stdout.split('\n');
    expect(rest).toEqual(['']);
    expect(llmLine).toMatch(new RegExp(`^language model \\(fixture-model at ${server.url.replace(/[.]/g, '\\.')}\\): 3 requests, [\\d,]+ tokens in, [\\d,]+ out, 0 answers from the cache; nothing dropped$`));
    expect(summary).toMatch(/: 3 articles \(3 extracted, 0 cached\), \d+ nodes, \d+ edges in \d+\.\d\d s$/);
    expect(server.requests.every((r) => r.body.model === 'fixture-model' && r.authorization === `Bearer ${KEY}`)).toBe(true);

    const graph = loadGraph(w.out);
    const body = readFileSync(join(LLM_ARTICLES, 'harbour-strike.txt'), 'utf8');
    // The article file has a date line before the body: evidence offsets index the body after it.
    const text = body.slice(body.indexOf('\n\n') + 2);
    const called = graph.findEdge((_, a) => a.relation === 'called_for')!;
    const ev = graph.getEdgeAttribute(called, 'evidence')[0]!;
    expect(text.slice(ev.start, ev.end)).toBe('Ana Lima called for an independent review of the automation plan');
    expect(ev.sentence).toBe('Union leader Ana Lima called for an independent review of the automation plan.');
    const bytes = readFileSync(w.out, 'utf8');
    expectNoKey(first, w.dir);

    server.requests.length = 0;
    const unchanged = await build(w);
    expect(unchanged.stdout).toMatch(/^language model \([^)]*\): 0 requests, 0 tokens in, 0 out, 0 answers from the cache; nothing dropped\n.*\(nothing changed\)\n$/);
    const whole = await build(w, '--no-incremental');
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain(': 3 articles (0 extracted, 3 cached)');
    expect(server.requests).toHaveLength(0);
    expect(readFileSync(w.out, 'utf8')).toBe(bytes);
    expectNoKey(whole, w.dir);
  });

  it('a failing article is one warning line and the rest is built; --strict stops with that line and keeps the last graph', async () => {
    const w = workspace([...GOOD, 'school-meals', 'flood-barrier']);
    const r = await build(w, '--verbose');
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toEqual([`newsgraph: warning: ${join(w.input, 'school-meals.txt')}: extraction failed: language model: ${server.url}/chat/completions: HTTP 500: model runner has crashed (2 tries); skipped`]);
    // --verbose: how the answer's shape was asked for, and what grounding dropped in which article.
    expect(r.stderr).toContain('newsgraph: language model: answers asked for as json_schema\n');
    expect(r.stderr).toContain(`newsgraph: ${join(w.input, 'flood-barrier.txt')}: dropped 9 (1 malformed item, 1 unknown kind, 1 name not in the article, 1 quote not in the article, 1 unknown relation, 1 kinds do not fit the relation, 1 end not a kept entity, 1 same entity at both ends, 1 no evidence quote)\n`);
    expect(r.stdout).toMatch(/; dropped 9 \(1 malformed item, .*\)\n.*: 4 articles \(4 extracted, 0 cached, 1 skipped\)/);
    expect(loadGraph(w.out).order).toBeGreaterThan(10);
    const bytes = readFileSync(w.out);

    copyFileSync(join(LLM_ARTICLES, 'canal-cleanup.txt'), join(w.input, 'canal-cleanup.txt'));
    const strict = await build(w, '--strict');
    expect(strict.code).toBe(2);
    expect(strict.stderr).toBe(`newsgraph: ${join(w.input, 'canal-cleanup.txt')}: extraction failed: language model: ${server.url}/chat/completions: no answer within 1 s (2 tries)\n`);
    expect(readFileSync(w.out)).toEqual(bytes);
    expectNoKey(strict, w.dir);
  });

  it('with no server at the address: one line naming it, exit 2, nothing written', async () => {
    const w = workspace(GOOD);
    const closed = await startChatServer();
    await closed.close();
    const r = await runCliAsync(['build', w.input, '--out', w.out, '--config', w.config, '--extractor', 'llm', '--llm-url', closed.url], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`newsgraph: no language model server answers at ${closed.url} (ECONNREFUSED): start one, or set --llm-url\n`);
    expect(r.stdout).toBe('');
    expectNoKey(r);
  });

  it('--dry-run prints the first article\'s request, key hidden, and sends nothing', async () => {
    const w = workspace(['harbour-strike']);
    const r = await build(w, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [comment, post, type, auth, blank, ...json] = r.stdout.split('\n');
    expect([comment, post, type, auth, blank]).toEqual([
      `# ${join(w.input, 'harbour-strike.txt')}: request 1 of 1`, `POST ${server.url}/chat/completions`,
      'content-type: application/json', 'authorization: Bearer $NEWSGRAPH_LLM_API_KEY', '',
    ]);
    const request = JSON.parse(json.join('\n')) as { model: string; messages: Array<{ role: string; content: string }>; response_format: { type: string } };
    expect(request.model).toBe('fixture-model');
    expect(request.response_format.type).toBe('json_schema');
    // The headline opens the body of a text article: it is not sent twice.
    expect(request.messages[1]!.content).toMatch(/^<article>\nDockworkers strike over port automation\n\nMembers of the Harbour Workers Union[^]*\n<\/article>$/);
    expect(server.requests).toHaveLength(0);
    expectNoKey(r, w.dir);
  });

  it('usage errors are one line: a bad flag value, a key in the settings file, --dry-run without a model', async () => {
    const w = workspace(GOOD);
    const url = await runCliAsync(['build', w.input, '--out', w.out, '--extractor', 'llm', '--llm-url', 'ftp://models.example'], { env });
    expect([url.code, url.stderr]).toEqual([2, 'newsgraph: --llm-url: expected an http:// or https:// address\n']);
    const kind = await runCliAsync(['build', w.input, '--extractor', 'gpt'], { env });
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/^newsgraph: option '--extractor <name>' argument 'gpt' is invalid\. Allowed choices are offline, llm, hybrid\.\n$/);
    writeFileSync(w.config, JSON.stringify({ llm: { apiKey: KEY } }));
    const keyed = await build(w);
    expect([keyed.code, keyed.stderr]).toEqual([2, `newsgraph: ${w.config}: llm.apiKey: the API key is read from NEWSGRAPH_LLM_API_KEY only, never from a file\n`]);
    const dry = await runCliAsync(['build', w.input, '--dry-run'], { env });
    expect([dry.code, dry.stderr]).toEqual([2, 'newsgraph: --dry-run shows what would be sent to a language model: add --extractor llm or hybrid\n']);
    expect(server.requests).toHaveLength(0);
  });
});

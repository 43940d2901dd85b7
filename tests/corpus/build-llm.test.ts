/**
 * Corpus builds with a language model, against a real chat-completions server on 127.0.0.1 answering from the
 * recorded replies in tests/fixtures/llm/: the graph the answers describe, every failure reported for its article,
 * answers cached, hybrid builds, saved answers, and the structured-output fallback.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus, type BuildOptions } from '../../src/corpus/build-corpus.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/config/settings.js';
import { readArticleFile } from '../../src/ingest/read-articles.js';
import type { NewsGraph } from '../../src/graph/io.js';
import { NewsgraphError } from '../../src/errors.js';
import { LLM_ARTICLES, LLM_FIXTURES, startChatServer, type ChatServer } from '../helpers/chat-server.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();
const KEY = 'sk-test-4f9a1c77e2';
const GOOD = ['flood-barrier', 'harbour-strike', 'library-petition', 'museum-loan', 'tram-line', 'wind-farm'];
/** Articles whose replies fail: malformed twice, cut twice, a hang, a 500. */
const FAILING = ['bridge-inquiry', 'bus-fares', 'canal-cleanup', 'school-meals'];

// A server per test: each plays its replies from the first.
let server: ChatServer;
beforeAll(() => { process.env.NEWSGRAPH_LLM_API_KEY = KEY; });
afterAll(() => { delete process.env.NEWSGRAPH_LLM_API_KEY; });
beforeEach(async () => { server = await startChatServer({ key: KEY }); });
afterEach(async () => { await server.close(); });

const settingsFor = (url: string, llm: Partial<Settings['llm']> = {}): Settings =>
  ({ ...DEFAULT_SETTINGS, llm: { ...DEFAULT_SETTINGS.llm, url, timeoutSeconds: 1, retries: 1, ...llm } });

/** A folder holding copies of the named fixture articles. */
function corpus(names: readonly string[]): string {
  const dir = join(tmp(), 'in');
  mkdirSync(dir);
  for (const n of names) copyFileSync(join(LLM_ARTICLES, `${n}.txt`), join(dir, `${n}.txt`));
  return dir;
}

const build = (paths: string[], out: string | undefined, options: Partial<BuildOptions> = {}) =>
  buildCorpus({ paths, ...(out ? { out } : {}), extractor: 'llm', settings: settingsFor(server.url), ...options });

/** Every edge as "source —relation→ target". */
function statements(graph: NewsGraph): string[] {
  return graph.mapEdges((_, a, s, t) => `${graph.getNodeAttribute(s, 'label')} —${a.relation}→ ${graph.getNodeAttribute(t, 'label')}`).sort();
}

describe('building with a language model', () => {
  it('gives the graph the answers describe, with evidence offsets on the quoted text, and reports every failed article in one line', async () => {
    const input = corpus([...GOOD, ...FAILING]);
    const { graph, summary } = await build([input], undefined);
    expect(statements(graph)).toEqual([
      'Ana Lima —called_for→ independent review of the automation plan',
      'Ana Lima —leads→ Harbour Workers Union',
      'Ana Lima —opposes→ automation plan',
      'Council backs new flood barrier —reported_by→ Valley Gazette',
      'Dockworkers strike over port automation —reported_by→ Coastal Herald',
      'Farmers in Ostrava Valley —participated_in→ meeting',
      'Farmers in Ostrava Valley —supports→ Greenridge wind farm',
      'Grace Okafor —called_on→ regional government',
      'Grace Okafor —supports→ vote',
      'Harbour Workers Union —located_in→ Valmora',
      'Harlow Museum —related_to→ National Archive of Vessa',
      'Leila Haddad —related_to→ Brenna airport',
      'Museum agrees loan of ancient map —reported_by→ Delta Times',
      'National Archive of Vessa —located_in→ Vessa',
      'Port Authority —authored→ statement',
      'Residents petition to save library —reported_by→ Northfield Post',
      'Tomas Brandt —leads→ Port Authority',
      'Tram line opens to the airport —reported_by→ City Ledger',
      'Wind farm plan draws support —reported_by→ Upland Courier',
      'petition —related_to→ Friends of Carrow Library',
      'residents of Northfield —signed→ petition',
      'union representatives —met_with→ Tomas Brandt',
    ]);
    // Every cited span is the quoted text in the article, inside the evidence sentence.
    const bodies = new Map(GOOD.map((n) => [n, readArticleFile(join(LLM_ARTICLES, `${n}.txt`)).articles[0]!.body]));
    let checked = 0;
    graph.forEachEdge((_, a) => {
      for (const e of a.evidence) {
        if (e.source === 'header') continue;
        const body = bodies.get(e.article)!;
        const at = e.sentenceStart!;
        expect(body.slice(at, at + e.sentence.length)).toBe(e.sentence);
        expect(e.sentence.slice(e.start - at, e.end - at)).toBe(body.slice(e.start, e.end));
        checked++;
      }
    });
    expect(checked).toBe(16);
    const brandt = graph.findEdge((_, a) => a.relation === 'leads' && a.evidence[0]!.article === 'harbour-strike' && a.evidence[0]!.sentence.includes('Brandt'))!;
    const ev = graph.getEdgeAttribute(brandt, 'evidence')[0]!;
    // Quoted with one space where the article has three: found all the same, and the offsets are the article's.
    expect(bodies.get('harbour-strike')!.slice(ev.start, ev.end)).toBe('issued on Tuesday.   Port director Tomas Brandt');

    expect(summary).toMatchObject({ articles: 6, extracted: 6, skipped: 4 });
    const at = (n: string) => join(input, `${n}.txt`);
    expect(summary.warnings).toEqual([
      `${at('bridge-inquiry')}: extraction failed: language model: the answer was not the JSON asked for: not JSON (Unexpected token 'I', "I cannot h"... is not valid JSON), twice; skipped`,
      `${at('bus-fares')}: extraction failed: language model: the answer was cut off at 3276 tokens (raise --llm-max-tokens), twice; skipped`,
      `${at('canal-cleanup')}: extraction failed: language model: ${server.url}/chat/completions: no answer within 1 s (2 tries); skipped`,
      `${at('school-meals')}: extraction failed: language model: ${server.url}/chat/completions: HTTP 500: model runner has crashed (2 tries); skipped`,
    ]);
    expect(summary.llm!.dropped).toEqual({ malformed: 1, kind: 1, name: 1, quote: 1, relation: 1, kinds: 1, end: 1, self: 1, evidence: 1 });
    expect(summary.llm!.droppedIn).toEqual([{ file: at('flood-barrier'), dropped: summary.llm!.dropped }]);
    // 429 then an answer; a malformed answer asked again with what was wrong; a 500 and a hang tried twice.
    expect(server.about('tram-line')).toHaveLength(2);
    const wind = server.about('wind-farm');
    expect(wind.map((r) => r.body.messages.map((m) => m.role))).toEqual([['system', 'user'], ['system', 'user', 'assistant', 'user']]);
    expect(wind[1]!.body.messages[3]!.content).toMatch(/^That answer was not the JSON object asked for \(not JSON/);
    expect(server.about('school-meals')).toHaveLength(2);
    expect(server.about('canal-cleanup')).toHaveLength(2);
    expect(summary.llm).toMatchObject({ requests: server.requests.length, answersCached: 0, format: 'json_schema' });
    expect(summary.llm!.tokensIn).toBeGreaterThan(1000);
    expect(summary.llm!.tokensOut).toBeGreaterThan(100);
    // The key went to the server in every request, and nowhere into what the build returns.
    expect(server.requests.every((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(JSON.stringify(summary)).not.toContain(KEY);
  });

  it('a rebuild asks only about new articles; a whole rebuild from the cache asks nothing and writes the same bytes', async () => {
    const input = corpus(GOOD);
    const out = join(tmp(), 'graph.json');
    await build([input], out);
    // One request per article, and one more after the 429 and after the malformed answer.
    expect(server.requests).toHaveLength(8);
    const bytes = readFileSync(out, 'utf8');
    server.requests.length = 0;

    const again = await build([input], out, { incremental: false });
    expect(server.requests).toHaveLength(0);
    expect(again.summary).toMatchObject({ extracted: 0, cached: 6 });
    expect(readFileSync(out, 'utf8')).toBe(bytes);

    // Without the extraction cache (as after an upgrade of newsgraph), the kept answers are grounded again.
    rmSync(join(out, '..', '.cache', 'extractions'), { recursive: true, force: true });
    const regrounded = await build([input], out, { incremental: false });
    expect(server.requests).toHaveLength(0);
    expect(regrounded.summary.llm).toMatchObject({ requests: 0, answersCached: 6 });
    expect(readFileSync(out, 'utf8')).toBe(bytes);

    copyFileSync(join(LLM_ARTICLES, 'school-meals.txt'), join(input, 'school-meals.txt'));
    const added = await build([input], out);
    // The one new article failed: a whole build reports it, without asking again.
    expect(server.requests.map((r) => r.article)).toEqual(['school-meals', 'school-meals']);
    expect(added.summary).toMatchObject({ mode: 'full', articles: 6, skipped: 1 });

    // Another model's answers are other answers: asked for again.
    server.requests.length = 0;
    await build([input], out, { settings: settingsFor(server.url, { model: 'another-model' }) });
    // (The server's 429 and malformed answer were given the first time: one request per article now.)
    expect(server.requests.filter((r) => r.article !== 'school-meals').map((r) => r.article).sort()).toEqual(GOOD);
  });

  it('a long article is sent in parts, and their answers are merged by name', async () => {
    const { graph, summary } = await build([corpus(['ferry-dispute'])], undefined, { settings: settingsFor(server.url, { maxTokens: 3000 }) });
    const parts = server.about('ferry-dispute').map((r) => /^Part (\d) of (\d) of the article\.$/m.exec(r.body.messages[1]!.content)?.slice(1).join('/'));
    expect(parts).toEqual(['1/2', '2/2']);
    const text = readArticleFile(join(LLM_ARTICLES, 'ferry-dispute.txt')).articles[0]!.body;
    for (const r of server.about('ferry-dispute')) {
      const sent = /<article>\n([^]*)\n<\/article>/.exec(r.body.messages[1]!.content)![1]!;
      expect(text).toContain(sent);
      expect(r.body.max_tokens).toBe(1200);
    }
    expect(summary.llm!.dropped).toEqual({});
    // "Linton" in the second part is the "Morag Linton" of the first: one person, whose relations from both parts
    // hold, and a relation both parts state is one edge.
    const people = graph.filterNodes((_, a) => a.kind === 'person').map((n) => graph.getNodeAttribute(n, 'label')).sort();
    expect(people).toEqual(['Duncan Reyes', 'Ewan Baird', 'Morag Linton']);
    expect(statements(graph).filter((s) => s.startsWith('Morag Linton'))).toEqual([
      'Morag Linton —called_for→ emergency charter of a replacement vessel',
      'Morag Linton —leads→ Maritime Crews Association',
      'Morag Linton —participated_in→ meeting with residents',
    ]);
  });

  it('a build after adding an article asks only about that one', async () => {
    const input = corpus(GOOD.slice(0, 5));
    const out = join(tmp(), 'graph.json');
    await build([input], out);
    server.requests.length = 0;
    copyFileSync(join(LLM_ARTICLES, 'wind-farm.txt'), join(input, 'wind-farm.txt'));
    const { summary } = await build([input], out);
    expect(summary).toMatchObject({ extracted: 1, cached: 5 });
    expect(server.requests.map((r) => r.article)).toEqual(['wind-farm', 'wind-farm']);
  });

  it('--strict: a failed article stops the build with its one-line reason, and the last graph stays as it was', async () => {
    const input = corpus(['museum-loan']);
    const out = join(tmp(), 'graph.json');
    await build([input], out);
    const bytes = readFileSync(out);
    copyFileSync(join(LLM_ARTICLES, 'school-meals.txt'), join(input, 'school-meals.txt'));
    const error = await build([input], out, { strict: true, incremental: false }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(NewsgraphError);
    expect((error as Error).message).toBe(`${join(input, 'school-meals.txt')}: extraction failed: language model: ${server.url}/chat/completions: HTTP 500: model runner has crashed (2 tries)`);
    expect(readFileSync(out)).toEqual(bytes);
  });

  it('with no server at the address the build stops at once with one line, and writes nothing', async () => {
    const out = join(tmp(), 'graph.json');
    const closed = await startChatServer();
    await closed.close();
    const started = performance.now();
    const error = await build([corpus(GOOD)], out, { settings: settingsFor(closed.url, { retries: 3 }) }).then(() => undefined, (e: unknown) => e);
    expect((error as Error).message).toBe(`no language model server answers at ${closed.url} (ECONNREFUSED): start one, or set --llm-url`);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(existsSync(out)).toBe(false);
  });

  it('a server that refuses the JSON Schema mode is asked in JSON mode, and that is kept for the rest of the build', async () => {
    const strict = await startChatServer({ refuse: ['json_schema'] });
    try {
      const { summary } = await build([corpus(['harbour-strike', 'museum-loan', 'flood-barrier'])], undefined,
        { settings: settingsFor(strict.url, { concurrency: 1 }) });
      expect(strict.requests.map((r) => r.format)).toEqual(['json_schema', 'json_object', 'json_object', 'json_object']);
      expect(summary.llm!.format).toBe('json_object');
      expect(summary.nodes).toBeGreaterThan(10);
    } finally {
      await strict.close();
    }
  });

  it('hybrid: the offline entities are offered to the model, and its relations are added to the offline ones', async () => {
    const input = corpus(['harbour-strike']);
    const offline = await buildCorpus({ paths: [input], cache: false });
    const { graph } = await build([input], undefined, { extractor: 'hybrid', cache: false });
    const user = server.requests[0]!.body.messages[1]!.content;
    expect(user).toMatch(/^Entities already found in this article[^\n]*\n(- .+ \((person|organisation|group|place|event|document)\)\n)+\n/);
    expect(user).toContain('- Ana Lima (person)\n');
    const hybrid = statements(graph);
    for (const s of statements(offline.graph)) expect(hybrid).toContain(s);
    expect(hybrid.length).toBeGreaterThan(statements(offline.graph).length);
    expect(graph.getAttribute('extractorVersion')).toMatch(/\+hybrid:qwen2\.5:7b$/);
  });

  it('saved answers are grounded as a model\'s would be, with no server; an article without one is reported', async () => {
    const answers = join(tmp(), 'answers');
    mkdirSync(answers);
    const steps = JSON.parse(readFileSync(join(LLM_FIXTURES, 'replies', 'museum-loan.json'), 'utf8')) as Array<{ answer: unknown }>;
    writeFileSync(join(answers, 'museum-loan.json'), JSON.stringify(steps[0]!.answer));
    writeFileSync(join(answers, 'tram-line.json'), '{"entities": "none"}');
    const input = corpus(['museum-loan', 'tram-line', 'wind-farm']);
    const { graph, summary } = await build([input], join(tmp(), 'graph.json'), { llmAnswers: answers, settings: settingsFor('http://127.0.0.1:9/v1') });
    expect(statements(graph)).toContain('National Archive of Vessa —located_in→ Vessa');
    expect(summary.warnings).toEqual([
      `${join(input, 'tram-line.txt')}: extraction failed: language model: ${join(answers, 'tram-line.json')}: answer 1: expected an object with "entities" and "relations" lists; skipped`,
      `${join(input, 'wind-farm.txt')}: extraction failed: language model: ${join(answers, 'wind-farm.json')}: no saved answer for this article; skipped`,
    ]);
    expect(summary.llm).toMatchObject({ requests: 0 });
    expect(server.requests).toHaveLength(0);
  });
});

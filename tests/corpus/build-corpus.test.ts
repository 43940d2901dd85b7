import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus } from '../../src/corpus/build-corpus.js';
import { serializeGraph } from '../../src/graph/io.js';
import { generateCorpus } from '../../bench/lib/corpus-generator.js';
import { DEFAULT_SETTINGS } from '../../src/config/settings.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

function write(dir: string, name: string, text: string): void {
  writeFileSync(join(dir, name), text);
}

/** A new folder holding `in/`, a generated corpus of `articles` articles, and where its graph goes. */
function generated(articles: number, seed: number): { dir: string; input: string; out: string } {
  const dir = tmp();
  const input = join(dir, 'in');
  mkdirSync(input);
  generateCorpus({ dir: input, articles, seed });
  return { dir, input, out: join(dir, 'graph.json') };
}

describe('corpus builds', () => {
  it('one node for "Maryam Rajavi" and "Mrs Rajavi" in two articles, with both articles', async () => {
    const dir = tmp();
    write(dir, 'a.txt', ' date 2020-01-01 Wire\n\nMaryam Rajavi called for an inquiry into the killings.');
    write(dir, 'b.txt', ' date 2020-01-02 Wire\n\nMrs Rajavi welcomed the report by the United Nations.');
    const { graph } = await buildCorpus({ paths: [dir], jobs: 1, cache: false });
    const people = graph.filterNodes((_, a) => a.kind === 'person');
    expect(people).toHaveLength(1);
    expect(graph.getNodeAttributes(people[0]!)).toMatchObject({ label: 'Maryam Rajavi', articles: ['a', 'b'] });
    expect(graph.getNodeAttribute(people[0]!, 'aliases')).toEqual(expect.arrayContaining(['Maryam Rajavi', 'Rajavi']));
  });

  it('"UN" and "United Nations" in different articles are one organisation', async () => {
    const dir = tmp();
    write(dir, 'a.txt', 'The United Nations condemned the attack on the convoy.');
    write(dir, 'b.txt', 'The UN called for a ceasefire in the region.');
    const { graph } = await buildCorpus({ paths: [dir], jobs: 1, cache: false });
    const un = graph.filterNodes((_, a) => a.kind === 'organisation' && a.aliases.includes('UN'));
    expect(un).toHaveLength(1);
    expect(graph.getNodeAttributes(un[0]!)).toMatchObject({ label: 'United Nations', articles: ['a', 'b'] });
  });

  it('two different people who share a surname stay two nodes', async () => {
    const dir = tmp();
    write(dir, 'a.txt', 'John Carver signed the petition in Leeds.');
    write(dir, 'b.txt', 'Helen Carver criticised the budget in York.');
    const { graph } = await buildCorpus({ paths: [dir], jobs: 1, cache: false });
    expect(graph.filterNodes((_, a) => a.kind === 'person').map((k) => graph.getNodeAttribute(k, 'label')).sort()).toEqual(['Helen Carver', 'John Carver']);
  });

  it('writes the same bytes whatever the number of worker threads, for extraction and for the layout', async () => {
    const { dir, input } = generated(30, 7);
    await buildCorpus({ paths: [input], out: join(dir, 'one', 'graph.json'), jobs: 1, cache: false });
    // The layout in a worker thread too, while the edge lines are written ahead (graph/layout-thread.ts).
    const settings = { ...DEFAULT_SETTINGS, layout: { ...DEFAULT_SETTINGS.layout, threadMinNodes: 0 } };
    await buildCorpus({ paths: [input], out: join(dir, 'two', 'graph.json'), jobs: 2, cache: false, settings });
    expect(readdirSync(join(dir, 'two')).sort()).toEqual(['co-mentions.json', 'graph.json', 'merges.json']);
    for (const file of ['graph.json', 'merges.json', 'co-mentions.json']) {
      expect(readFileSync(join(dir, 'two', file), 'utf8'), file).toBe(readFileSync(join(dir, 'one', file), 'utf8'));
    }
  }, 180_000);

  it('a build without an output gives the graph a build with one writes, and one with an output reads it back when asked', async () => {
    const { input, out } = generated(12, 3);
    const written = await buildCorpus({ paths: [input], out, jobs: 1, cache: false });
    const inMemory = await buildCorpus({ paths: [input], jobs: 1, cache: false });
    expect(serializeGraph(inMemory.graph)).toBe(readFileSync(out, 'utf8'));
    expect(serializeGraph(written.graph)).toBe(readFileSync(out, 'utf8'));
    expect(written.merges).toEqual(inMemory.merges);
    expect(written.summary.nodes).toBe(inMemory.graph.order);
    expect(written.summary.edges).toBe(inMemory.graph.size);
  }, 60_000);

  it('caches what worker threads extract, and a cached rebuild writes the same bytes', async () => {
    const { input, out } = generated(30, 8);
    const first = await buildCorpus({ paths: [input], out, jobs: 2 });
    expect(first.summary).toMatchObject({ extracted: 30, cached: 0 });
    const bytes = readFileSync(out, 'utf8');
    const again = await buildCorpus({ paths: [input], out, jobs: 2 });
    expect(again.summary).toMatchObject({ extracted: 0, cached: 30 });
    expect(readFileSync(out, 'utf8')).toBe(bytes);
  }, 180_000);

  it('re-extracts only what changed, and forgets what only a deleted article supported', async () => {
    const dir = tmp();
    const input = join(dir, 'in');
    mkdirSync(input);
    write(input, 'a.txt', 'The Green Alliance signed the climate pledge.');
    write(input, 'b.txt', 'Mayor Lena Holm criticised the Harbour Authority over the spill.');
    const out = join(dir, 'graph.json');
    const first = await buildCorpus({ paths: [input], out, jobs: 1 });
    expect(first.summary).toMatchObject({ extracted: 2, cached: 0 });
    expect(first.graph.filterNodes((_, a) => a.label === 'Lena Holm')).toHaveLength(1);

    write(input, 'c.txt', 'The Green Alliance met the Harbour Authority.');
    const second = await buildCorpus({ paths: [input], out, jobs: 1 });
    expect(second.summary).toMatchObject({ extracted: 1, cached: 2 });

    rmSync(join(input, 'b.txt'));
    const third = await buildCorpus({ paths: [input], out, jobs: 1 });
    expect(third.summary).toMatchObject({ articles: 2, extracted: 0, cached: 2 });
    const labels = third.graph.mapNodes((_, a) => a.label);
    expect(labels).not.toContain('Lena Holm');
    expect(labels).toContain('Harbour Authority');
    third.graph.forEachEdge((_, a) => { for (const ev of a.evidence) expect(ev.article).not.toBe('b'); });
    third.graph.forEachNode((_, a) => expect(a.articles).not.toContain('b'));
  });

  it('builds identical articles once and says so', async () => {
    const dir = tmp();
    write(dir, 'a.txt', 'The Green Alliance signed the climate pledge.');
    write(dir, 'copy.txt', 'The Green Alliance signed the climate pledge.');
    const { summary } = await buildCorpus({ paths: [dir], jobs: 1, cache: false });
    expect(summary).toMatchObject({ articles: 1, duplicates: 1 });
    expect(summary.warnings).toEqual([`${join(dir, 'copy.txt')}: same text as ${join(dir, 'a.txt')}; built once`]);
  });

  it('reads HTML and JSONL articles into the same graph', async () => {
    const dir = tmp();
    write(dir, 'page.html', '<html><head><meta property="og:site_name" content="The Courier"><meta property="article:published_time" content="2021-06-01"></head><body><article><p>The Port Workers Union called for a strike in Rotterdam.</p></article></body></html>');
    write(dir, 'feed.jsonl', `${JSON.stringify({ id: 'j1', title: 'Strike looms', date: '2021-06-02', publisher: 'Wire', text: 'The Port Workers Union called on the Dutch government to act.' })}\n`);
    const { graph } = await buildCorpus({ paths: [dir], jobs: 1, cache: false });
    const union = graph.filterNodes((_, a) => a.label === 'Port Workers Union');
    expect(union).toHaveLength(1);
    expect(graph.getNodeAttribute(union[0]!, 'articles')).toEqual(['j1', 'page']);
    const page = graph.getNodeAttributes('article:page');
    expect(page).toMatchObject({ date: '2021-06-01', publisher: 'The Courier' });
  });
});

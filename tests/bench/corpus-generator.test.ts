import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleFileName, generateArticleText, generateArticleTexts, generateCorpus, personNames } from '../../bench/lib/corpus-generator.js';
import { readArticleFile } from '../../src/ingest/read-articles.js';
import { buildCorpus } from '../../src/corpus/build-corpus.js';

const scratch = mkdtempSync(join(tmpdir(), 'newsgraph-corpus-generator-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generateCorpus', () => {
  it('writes the same bytes for the same seed, and other bytes for another seed', () => {
    const a = generateCorpus({ dir: join(scratch, 'a'), articles: 12, seed: 7 });
    const b = generateCorpus({ dir: join(scratch, 'b'), articles: 12, seed: 7 });
    const c = generateCorpus({ dir: join(scratch, 'c'), articles: 12, seed: 8 });
    expect(a.files).toHaveLength(12);
    expect(a.bytes).toBe(b.bytes);
    a.files.forEach((file, i) => expect(readFileSync(file)).toEqual(readFileSync(b.files[i]!)));
    expect(a.files.filter((file, i) => readFileSync(file).equals(readFileSync(c.files[i]!)))).toEqual([]);
    expect(a.bytes).toBe(a.files.reduce((sum, f) => sum + readFileSync(f).length, 0));
  });

  it('makes article i the same whether written alone, after others, or in memory', () => {
    const dir = join(scratch, 'extend');
    generateCorpus({ dir, articles: 3, seed: 5 });
    const [added] = generateCorpus({ dir, articles: 1, seed: 5, first: 3 }).files;
    expect(added).toBe(join(dir, articleFileName(3)));
    expect(readdirSync(dir).sort()).toEqual([0, 1, 2, 3].map(articleFileName));
    expect(readFileSync(added!, 'utf8')).toBe(generateArticleText(3, 5));
    const inMemory = [...generateArticleTexts({ articles: 4, seed: 5 })];
    expect(inMemory.map((a) => a.id)).toEqual([0, 1, 2, 3].map((i) => articleFileName(i).replace('.txt', '')));
    expect(inMemory[3]!.text).toBe(generateArticleText(3, 5));
  });

  it('writes files the reader takes without warnings: date line, publisher, 4–12 paragraphs, 2–4 KB', () => {
    const { files } = generateCorpus({ dir: join(scratch, 'read'), articles: 60, seed: 3 });
    for (const file of files) {
      const { articles, warnings } = readArticleFile(file);
      expect(warnings, file).toEqual([]);
      expect(articles).toHaveLength(1);
      const [article] = articles;
      expect(article!.date).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(article!.publisher).toBeTruthy();
      expect(article!.body).not.toMatch(/[{}]|undefined|\bdate 20/);
      const paragraphs = article!.body.split('\n\n').length - (article!.title ? 1 : 0);
      expect(paragraphs, file).toBeGreaterThanOrEqual(4);
      expect(paragraphs, file).toBeLessThanOrEqual(12);
      const size = readFileSync(file).length;
      expect(size, file).toBeGreaterThanOrEqual(2000);
      expect(size, file).toBeLessThanOrEqual(4096);
    }
    // Headlines are optional: some articles have one, some do not.
    const titled = files.filter((f) => readArticleFile(f).articles[0]!.title).length;
    expect(titled).toBeGreaterThan(0);
    expect(titled).toBeLessThan(files.length);
  });

  it('reuses names Zipf-like: a few people in many articles, most in few', () => {
    const texts = [...generateArticleTexts({ articles: 400, seed: 11 })].map((a) => a.text);
    const counts = personNames(11)
      .map((name) => texts.filter((t) => t.includes(name)).length)
      .filter((n) => n > 0)
      .sort((a, b) => b - a);
    expect(counts[0]).toBeGreaterThanOrEqual(60);
    const rare = counts.filter((n) => n <= 2).length;
    const common = counts.filter((n) => n >= 10).length;
    expect(common).toBeGreaterThan(0);
    expect(rare).toBeGreaterThan(common * 5);
    // Organisations known by acronyms are introduced as "Name (ACR)" and recur too.
    const acronyms = texts.flatMap((t) => [...t.matchAll(/ \(([A-Z]{2,5})\)/g)].map((m) => m[1]!));
    expect(new Set(acronyms).size).toBeLessThan(acronyms.length);
  });

  it('builds into a graph where people are merged across articles', async () => {
    const dir = join(scratch, 'build');
    generateCorpus({ dir, articles: 30, seed: 2 });
    const { graph, summary } = await buildCorpus({ paths: [dir], jobs: 1, cache: false });
    expect(summary).toMatchObject({ articles: 30, duplicates: 0, skipped: 0 });
    expect(summary.warnings).toEqual([]);
    const shared = graph.filterNodes((_, attrs) => attrs.kind === 'person' && attrs.articles.length >= 2);
    expect(shared.length).toBeGreaterThan(0);
    const names = new Set(personNames(2));
    // The merged nodes are the generator's people, not fragments of sentences.
    expect(shared.filter((key) => names.has(graph.getNodeAttribute(key, 'label'))).length).toBeGreaterThan(0);
    const orgs = graph.filterNodes((_, attrs) => attrs.kind === 'organisation' && attrs.articles.length >= 2);
    expect(orgs.length).toBeGreaterThan(0);
  }, 120_000);
});

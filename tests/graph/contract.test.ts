import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus, type BuildResult } from '../../src/corpus/build-corpus.js';
import { readArticleFile } from '../../src/ingest/read-articles.js';
import { discoverArticleFiles } from '../../src/ingest/discover.js';
import { contractProblems } from '../../src/graph/validate.js';
import { serializeGraph, parseGraph } from '../../src/graph/io.js';
import { ENTITY_KINDS, RELATION_IDS, RELATIONS, ARTICLE_CATEGORY, type Article } from '../../src/schema/index.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

/**
 * Articles of our own whose headlines and text name documents of the kind an article is ("editorial", "op-ed",
 * "article"), with and without a publisher line, in a text file and in a JSONL feed.
 */
const invented = mkdtempSync(join(tmpdir(), 'newsgraph-contract-'));
afterAll(() => rmSync(invented, { recursive: true, force: true }));
writeFileSync(join(invented, 'harbour.txt'), 'Harbour editorial\n\nThe Harbour editorial criticised the Port Authority of Velmar on Monday. '
  + 'The editorial said the Port Authority had failed the dockworkers of Velmar.\n');
writeFileSync(join(invented, 'opinion.txt'), ' date 2024-01-02   Coast  Daily\n\nVelmar op-ed\n\nAn op-ed by Mara Lind called for new elections in Velmar. '
  + 'The op-ed was signed by Mara Lind and Tomas Ek.\n');
writeFileSync(join(invented, 'feed.jsonl'), `${[
  { id: 'wire-7', title: 'Quay article', date: '2024-02-03', publisher: 'Harbour Wire', text: 'Quay article\n\nThe article by Tomas Ek supports the strike in Marlon. The Dockworkers Federation of Velmar signed the appeal.' },
  { id: 'wire-8', title: 'Strike editorial', text: 'The Strike editorial of the Marlon Times opposes the Port Authority of Velmar.' },
].map((a) => JSON.stringify(a)).join('\n')}\n`);

describe.each([
  ['the seeds graph', 'seeds'],
  ['a graph of invented articles that name editorials, op-eds and articles', invented],
])('%s keeps the contract (docs/graph-format.md)', (_, folder) => {
  let result: BuildResult;
  let articles: Map<string, Article>;

  beforeAll(async () => {
    result = await buildCorpus({ paths: [folder], jobs: 1, cache: false });
    articles = new Map(discoverArticleFiles([folder]).flatMap((f) => readArticleFile(f).articles).map((a) => [a.id, a]));
  });

  it('has no contract problems', () => {
    const data = JSON.parse(serializeGraph(result.graph));
    expect(contractProblems(data)).toEqual([]);
    expect(result.graph.order).toBeGreaterThan(5);
    expect(result.graph.size).toBeGreaterThan(3);
  });

  it('uses only the schema kinds and relations, with the relation labels, and never `type`', () => {
    result.graph.forEachNode((_, a) => {
      expect(ENTITY_KINDS).toContain(a.kind);
      expect(a).not.toHaveProperty('type');
    });
    result.graph.forEachEdge((_, a) => {
      expect(RELATION_IDS).toContain(a.relation);
      expect(a.label).toBe(RELATIONS[a.relation].label);
      expect(a.weight).toBe(a.evidence.length);
      expect(a).not.toHaveProperty('type');
    });
  });

  it('every evidence cites a non-empty span of its text: the body inside its sentence, or the publisher in the header line', () => {
    const checked = { body: 0, header: 0 };
    result.graph.forEachEdge((key, a) => {
      for (const ev of a.evidence) {
        expect(ev.end, key).toBeGreaterThan(ev.start);
        const article = articles.get(ev.article)!;
        if (ev.source === 'header') {
          // The header line with its spacing made plain: `date YYYY-MM-DD Publisher`, the publisher cited.
          const publisher = article.publisher!.replace(/\s+/g, ' ').trim();
          expect(ev.sentence).toBe(article.date ? `date ${article.date} ${publisher}` : `date ${publisher}`);
          expect(ev.sentenceStart).toBe(0);
          expect(ev.sentence.slice(ev.start, ev.end)).toBe(publisher);
          expect(a.relation).toBe('reported_by');
          checked.header++;
          continue;
        }
        const body = article.body;
        const sentenceStart = body.indexOf(ev.sentence);
        expect(sentenceStart, ev.sentence).toBeGreaterThanOrEqual(0);
        expect(ev.sentenceStart).toBe(sentenceStart);
        expect(ev.start).toBeGreaterThanOrEqual(sentenceStart);
        expect(ev.end).toBeLessThanOrEqual(sentenceStart + ev.sentence.length);
        expect(ev.sentence.slice(ev.start - sentenceStart, ev.end - sentenceStart)).toBe(body.slice(ev.start, ev.end));
        checked.body++;
      }
    });
    expect(checked.body).toBeGreaterThan(2);
    expect(checked.header).toBe([...articles.values()].filter((a) => a.publisher).length);
  });

  it('has exactly one article node per article, its own, with its file; no other node is an article or has a file', () => {
    const articleNodes = result.graph.filterNodes((_, a) => a.category === ARTICLE_CATEGORY);
    expect(articleNodes.sort()).toEqual([...articles.keys()].map((id) => `article:${id}`).sort());
    for (const key of articleNodes) {
      const a = result.graph.getNodeAttributes(key);
      const article = articles.get(key.slice('article:'.length))!;
      expect(a).toMatchObject({ kind: 'document', file: article.file, articles: [article.id] });
      for (const field of ['title', 'date', 'publisher'] as const) expect(a[field]).toBe(article[field]);
    }
    result.graph.forEachNode((key, a) => {
      if (key.startsWith('article:')) return;
      expect(a.category, key).not.toBe(ARTICLE_CATEGORY);
      expect(a, key).not.toHaveProperty('file');
    });
  });

  it('round-trips through graph.json', () => {
    const text = serializeGraph(result.graph);
    expect(serializeGraph(parseGraph(text, 'x.json'))).toBe(text);
  });
});

describe('the seeds graph', () => {
  it('has an article node with its metadata and a reported_by edge to its publisher', async () => {
    const { graph } = await buildCorpus({ paths: ['seeds'], jobs: 1, cache: false });
    const a = graph.getNodeAttributes('article:000_cb9582c4912ebefe');
    expect(a).toMatchObject({ kind: 'document', file: join('seeds', '000_cb9582c4912ebefe.txt'), date: '2017-10-04', publisher: 'Iran Focus' });
    const out = graph.outEdges('article:000_cb9582c4912ebefe').map((e) => [graph.getEdgeAttribute(e, 'relation'), graph.getNodeAttributes(graph.target(e))]);
    expect(out).toContainEqual(['reported_by', expect.objectContaining({ label: 'Iran Focus', kind: 'organisation' })]);
  });
});

describe('determinism', () => {
  it('two builds of the same inputs write byte-identical files', async () => {
    const dir = tmp();
    await buildCorpus({ paths: ['seeds'], out: join(dir, 'a.json'), jobs: 1, cache: false });
    await buildCorpus({ paths: ['seeds'], out: join(dir, 'b.json'), jobs: 1, cache: false });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });
});

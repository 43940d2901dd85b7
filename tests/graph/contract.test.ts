import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus, type BuildResult } from '../../src/corpus/build-corpus.js';
import { readArticleFile } from '../../src/ingest/read-articles.js';
import { discoverArticleFiles } from '../../src/ingest/discover.js';
import { contractProblems } from '../../src/graph/validate.js';
import { serializeGraph, parseGraph } from '../../src/graph/io.js';
import { ENTITY_KINDS, RELATION_IDS, RELATIONS, ARTICLE_CATEGORY } from '../../src/schema/index.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();
let result: BuildResult;
let bodies: Map<string, string>;

beforeAll(async () => {
  result = await buildCorpus({ paths: ['seeds'], jobs: 1, cache: false });
  bodies = new Map(discoverArticleFiles(['seeds']).flatMap((f) => readArticleFile(f).articles).map((a) => [a.id, a.body]));
});

describe('the seeds graph keeps the contract (docs/graph-format.md)', () => {
  it('has no contract problems', () => {
    const data = JSON.parse(serializeGraph(result.graph));
    expect(contractProblems(data)).toEqual([]);
    expect(result.graph.order).toBeGreaterThan(10);
    expect(result.graph.size).toBeGreaterThan(5);
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

  it('every evidence cites a span of the article body that lies inside its sentence', () => {
    let checked = 0;
    result.graph.forEachEdge((_, a) => {
      for (const ev of a.evidence) {
        if (ev.source === 'header') continue;
        const body = bodies.get(ev.article)!;
        const sentenceStart = body.indexOf(ev.sentence);
        expect(sentenceStart, ev.sentence).toBeGreaterThanOrEqual(0);
        expect(ev.sentenceStart).toBe(sentenceStart);
        expect(ev.start).toBeGreaterThanOrEqual(sentenceStart);
        expect(ev.end).toBeLessThanOrEqual(sentenceStart + ev.sentence.length);
        expect(ev.end).toBeGreaterThan(ev.start);
        expect(ev.sentence).toContain(body.slice(ev.start, ev.end));
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(5);
  });

  it('has an article node with its metadata and a reported_by edge to its publisher', () => {
    const articles = result.graph.filterNodes((_, a) => a.category === ARTICLE_CATEGORY);
    expect(articles).toHaveLength(1);
    const a = result.graph.getNodeAttributes(articles[0]!);
    expect(a).toMatchObject({ kind: 'document', file: join('seeds', '000_cb9582c4912ebefe.txt'), date: '2017-10-04', publisher: 'Iran Focus' });
    const out = result.graph.outEdges(articles[0]!).map((e) => [result.graph.getEdgeAttribute(e, 'relation'), result.graph.getNodeAttributes(result.graph.target(e))]);
    expect(out).toContainEqual(['reported_by', expect.objectContaining({ label: 'Iran Focus', kind: 'organisation' })]);
  });

  it('round-trips through graph.json', () => {
    const text = serializeGraph(result.graph);
    expect(serializeGraph(parseGraph(text, 'x.json'))).toBe(text);
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

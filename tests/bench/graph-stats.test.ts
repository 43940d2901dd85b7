import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readContentStats } from '../../bench/lib/graph-stats.js';
import { sharedFile } from '../helpers/required-tools.js';

const scratch = mkdtempSync(join(tmpdir(), 'newsgraph-graph-stats-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));


type Kind = 'person' | 'organisation' | 'group' | 'place' | 'event' | 'document';
const node = (key: string, kind: Kind, extra: Record<string, unknown> = {}) => ({
  key, attributes: { label: key.split(':')[1], kind, aliases: [], articles: ['a1'], mentions: 1, x: 0, y: 0, size: 1, color: '#000', ...extra },
});
const edge = (source: string, relation: string, target: string, extra: Record<string, unknown> = {}) => ({
  key: `${source}->${relation}->${target}`, source, target,
  attributes: { relation, label: relation.replace('_', ' '), evidence: [], weight: 0, confidence: 0.5, ...extra },
});

/** Writes a graph.json of these nodes and edges, as graphology exports one. */
function graphFile(name: string, nodes: unknown[], edges: unknown[], articleCount: number): string {
  const file = join(scratch, name);
  writeFileSync(file, JSON.stringify({
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    attributes: { schemaVersion: 1, generator: 'test', extractorVersion: 'test', articleCount },
    nodes, edges,
  }));
  return file;
}

// Two articles from one publisher. Content: Ana Lima leads the Harbour Union, and the union is related to the dock
// strike by an open predicate ("voted to back"). Article a1 mentions Tom Hale (an article's edge: provenance), so he
// and the publisher have no content edge: 2 isolated of 6 entities.
const tinyGraph = () => graphFile('tiny.json', [
  node('article:a1', 'document', { category: 'article' }),
  node('article:a2', 'document', { category: 'article' }),
  node('organisation:daily courier', 'organisation', { category: 'publisher' }),
  node('person:ana lima', 'person'),
  node('organisation:harbour union', 'organisation'),
  node('event:dock strike', 'event'),
  node('person:tom hale', 'person'),
  node('place:port vell', 'place'),
], [
  edge('article:a1', 'reported_by', 'organisation:daily courier'),
  edge('article:a2', 'reported_by', 'organisation:daily courier'),
  edge('article:a1', 'mentions', 'person:tom hale'),
  edge('person:ana lima', 'leads', 'organisation:harbour union'),
  edge('event:dock strike', 'related_to', 'organisation:harbour union', { label: 'voted to back', open: true }),
  edge('event:dock strike', 'located_in', 'place:port vell'),
], 2);

describe('readContentStats', () => {
  it('counts content relations per article, isolated entities and open relations as the issue defines them', () => {
    expect(readContentStats(tinyGraph())).toEqual({
      articles: 2,
      articleCount: 2,
      entities: 6,
      contentRelations: 3,
      openRelations: 1,
      isolatedEntities: 2,
      relationsPerArticle: 1.5,
      isolatedShare: 2 / 6,
      openShare: 1 / 3,
    });
  });

  it('gives zeros, not NaN, for a graph without articles or edges', () => {
    const stats = readContentStats(graphFile('empty.json', [node('person:rita moss', 'person')], [], 0));
    expect(stats).toMatchObject({ articles: 0, entities: 1, contentRelations: 0, relationsPerArticle: 0, isolatedShare: 1, openShare: 0 });
  });

  it('names the file in a one-line error when it is missing or not a graph', () => {
    const missing = join(scratch, 'nowhere.json');
    expect(() => readContentStats(missing)).toThrow(new RegExp(`^${missing}: cannot read the graph \\(ENOENT`));
    const notGraph = join(scratch, 'not-a-graph.json');
    writeFileSync(notGraph, '{"nodes": []}');
    expect(() => readContentStats(notGraph)).toThrow(`${notGraph}: not a newsgraph graph: missing edges`);
  });

  it('agrees with ../shared/eval/tools/graph-stats.mjs, which defines the targets', () => {
    const file = tinyGraph();
    const shared = JSON.parse(execFileSync(process.execPath, [sharedFile('eval/tools/graph-stats.mjs'), file], { encoding: 'utf8' })) as Record<string, number>;
    const mine = readContentStats(file);
    expect(shared).toEqual({
      articles: mine.articles, entities: mine.entities, content: mine.contentRelations, open: mine.openRelations,
      perArticle: Number(mine.relationsPerArticle.toFixed(2)), isolatedShare: Number(mine.isolatedShare.toFixed(3)),
    });
  });
});

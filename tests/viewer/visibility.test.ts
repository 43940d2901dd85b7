import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { activeLayer, displaySet, rankNodes, type CoMentionPair, type DisplayOptions } from '../../viewer/src/logic/visibility.js';
import { syncDisplay } from '../../viewer/src/logic/display-sync.js';
import { allowedArticles, buildCorpus } from '../../viewer/src/logic/corpus.js';
import { buildArticleIndex } from '../../viewer/src/logic/articles.js';
import type { DisplayGraph } from '../../viewer/src/logic/model.js';
import { buildGraph } from './helpers.js';
import { EdgeTable } from '../../viewer/src/logic/edge-table.js';

const ev = (article: string) => ({ article, sentence: `In ${article}.`, start: 0, end: 3 });
const graph = buildGraph(
  [
    { key: 'article:a1', kind: 'document', category: 'article', articles: ['a1'], date: '2024-01-05', publisher: 'North Post', title: 'One' },
    { key: 'article:a2', kind: 'document', category: 'article', articles: ['a2'], date: '2024-02-05', publisher: 'South Post', title: 'Two' },
    { key: 'ana', articles: ['a1', 'a2'] },
    { key: 'ben', articles: ['a1'] },
    { key: 'cy', articles: ['a1', 'a2'] },
    { key: 'dee', articles: ['a2'] },
    { key: 'lone', articles: ['a1'] },
  ],
  [
    { key: 'ana-ben', source: 'ana', target: 'ben', relation: 'supports', evidence: [ev('a1')] },
    { key: 'ana-cy', source: 'ana', target: 'cy', relation: 'opposes', evidence: [ev('a1'), ev('a2'), ev('a2')] },
    { key: 'cy-dee', source: 'cy', target: 'dee', relation: 'met_with', evidence: [ev('a2')] },
  ],
);
const corpus = buildCorpus(buildArticleIndex(graph));
const table = EdgeTable.of(graph);
const pair = (source: string, target: string, articles: string[], counts: number[]): CoMentionPair =>
  ({ key: `${source}->co_mentioned->${target}`, source, target, articles, counts, count: counts.reduce((a, b) => a + b, 0) });
const options = (patch: Partial<DisplayOptions> = {}): DisplayOptions =>
  ({ hideUnconnected: false, story: null, pinned: [], expanded: [], expandLimit: 10, score: () => 0, ...patch });

describe('what the view keeps', () => {
  it('keeps everything when nothing narrows it', () => {
    const active = activeLayer(graph, table, allowedArticles(corpus, null, null), null);
    expect(active.candidates.size).toBe(graph.order);
    expect(active.edges).toEqual(new Map([['ana-ben', 1], ['ana-cy', 3], ['cy-dee', 1]]));
  });

  it('keeps in a range the nodes its articles mention and the edges they state, weighed by their sentences there', () => {
    const active = activeLayer(graph, table, allowedArticles(corpus, { from: '2024-02-01', to: '2024-02-28' }, null), null);
    expect([...active.candidates].sort()).toEqual(['ana', 'article:a2', 'cy', 'dee']);
    expect(active.edges).toEqual(new Map([['ana-cy', 2], ['cy-dee', 1]]));
    expect(active.degrees.get('ana')).toBe(1);
  });

  it("keeps a picked article's or publisher's statements only", () => {
    const article = activeLayer(graph, table, allowedArticles(corpus, null, { type: 'article', id: 'a1' }), null);
    expect([...article.candidates].sort()).toEqual(['ana', 'article:a1', 'ben', 'cy', 'lone']);
    expect(article.edges).toEqual(new Map([['ana-ben', 1], ['ana-cy', 1]]));
    const south = activeLayer(graph, table, allowedArticles(corpus, null, { type: 'publisher', name: 'South Post' }), null);
    expect([...south.edges.keys()].sort()).toEqual(['ana-cy', 'cy-dee']);
  });

  it('hides nodes with no edge left, counting them, and counts co-mention links as edges', () => {
    const active = activeLayer(graph, table, null, null);
    const shown = displaySet(graph, table, active, options({ hideUnconnected: true }));
    expect(shown.nodes.has('lone')).toBe(false);
    expect(shown.hiddenUnconnected).toBe(3); // lone and the two article nodes
    const linked = activeLayer(graph, table, null, [pair('ben', 'lone', ['a1'], [2])]);
    const withLinks = displaySet(graph, table, linked, options({ hideUnconnected: true }));
    expect(withLinks.nodes.has('lone')).toBe(true);
    expect(withLinks.links.get('ben->co_mentioned->lone')!.shown).toBe(2);
    // A pinned node shows whatever its edges.
    expect(displaySet(graph, table, active, options({ hideUnconnected: true, pinned: ['lone'] })).nodes.has('lone')).toBe(true);
  });

  it('counts co-mention sentences in the kept articles only', () => {
    const active = activeLayer(graph, table, allowedArticles(corpus, { from: '2024-02-01', to: '2024-02-28' }, null), [pair('ana', 'cy', ['a1', 'a2'], [1, 4]), pair('ana', 'ben', ['a1'], [1])]);
    expect([...active.links.keys()]).toEqual(['ana->co_mentioned->cy']);
    expect(active.links.get('ana->co_mentioned->cy')!.shown).toBe(4);
  });

  it('cuts to the best-ranked nodes, more of them inside a zoomed-in viewport, plus expanded neighbours', () => {
    const active = activeLayer(graph, table, null, null);
    const ranked = rankNodes(active.candidates, (k) => active.degrees.get(k) ?? 0);
    expect(ranked.slice(0, 2)).toEqual(['ana', 'cy']);
    const cut = displaySet(graph, table, active, options({ story: { top: 2, ranked, viewport: null } }));
    expect([...cut.nodes].sort()).toEqual(['ana', 'cy']);
    expect([...cut.edges.keys()]).toEqual(['ana-cy']);
    expect(cut.cutByStory).toBe(graph.order - 2);
    // Zoomed in on a fifth of the layout: five times as many ranked nodes may show inside it.
    const at = (k: string) => graph.getNodeAttributes(k);
    const dee = at('dee');
    const zoomed = displaySet(graph, table, active, options({ story: { top: 1, ranked, viewport: { x0: dee.x - 0.5, x1: dee.x + 0.5, y0: dee.y - 0.5, y1: dee.y + 0.5, share: 0.2 } } }));
    expect(zoomed.nodes.has('dee')).toBe(ranked.indexOf('dee') < 5);
    const expanded = displaySet(graph, table, active, options({ story: { top: 1, ranked, viewport: null }, expanded: ['cy'], score: (k) => ranked.indexOf(k) }));
    expect([...expanded.nodes].sort()).toEqual(['ana', 'cy', 'dee']);
  });
});

describe('the display graph', () => {
  it('follows what the view keeps, adding and dropping only what changed', () => {
    const display: DisplayGraph = new MultiDirectedGraph({ allowSelfLoops: true });
    const all = displaySet(graph, table, activeLayer(graph, table, null, [pair('ben', 'lone', ['a1'], [1])]), options());
    syncDisplay(display, graph, table, all);
    expect(display.order).toBe(graph.order);
    expect(display.size).toBe(graph.size + 1);
    // Nodes share the graph's attribute objects: a layout moving one moves the other.
    expect(display.getNodeAttributes('ana')).toBe(graph.getNodeAttributes('ana'));
    const narrow = displaySet(graph, table, activeLayer(graph, table, allowedArticles(corpus, null, { type: 'article', id: 'a2' }), null), options());
    const change = syncDisplay(display, graph, table, narrow);
    expect(display.nodes().sort()).toEqual(['ana', 'article:a2', 'cy', 'dee']);
    expect(display.edges().sort()).toEqual(['ana-cy', 'cy-dee']);
    expect(change.added).toBe(0);
    expect(syncDisplay(display, graph, table, narrow)).toEqual({ added: 0, dropped: 0 });
  });
});

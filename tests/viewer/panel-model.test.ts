import { describe, expect, it } from 'vitest';
import { buildArticleIndex, safeUrl } from '../../viewer/src/logic/articles.js';
import { NO_FILTERS, toggleKind } from '../../viewer/src/logic/filters.js';
import { edgePanel, nodePanel } from '../../viewer/src/logic/panel-model.js';
import { buildGraph } from './helpers.js';

const body = 'Mayor Okafor met the Harbour Trust on Friday. The Harbour Trust criticised Mayor Okafor.';
const s1 = 'Mayor Okafor met the Harbour Trust on Friday.';
const s2 = 'The Harbour Trust criticised Mayor Okafor.';
const at = (sentence: string, cited: string) => {
  const sentenceStart = body.indexOf(sentence);
  const start = body.indexOf(cited, sentenceStart);
  return { article: 'story-1', sentence, sentenceStart, start, end: start + cited.length };
};

const graph = buildGraph(
  [
    { key: 'p:okafor', label: 'Okafor', kind: 'person', aliases: ['Okafor', 'Mayor Okafor'], articles: ['story-1', 'story-2', 'lost'], title: 'Mayor' },
    { key: 'o:trust', label: 'Harbour Trust', kind: 'organisation', aliases: ['Harbour Trust', 'the Trust'], articles: ['story-1'] },
    { key: 'pl:port', label: 'Port Ilha', kind: 'place' },
    { key: 'doc:story-1', label: 'Storm over the harbour', kind: 'document', category: 'article', file: 'seeds/story-1.txt', title: 'Storm over the harbour', date: '2024-03-02', publisher: 'Coast Daily', url: 'javascript:alert(1)' },
    { key: 'doc:story-2', label: 'Harbour vote', kind: 'document', category: 'article', file: 'story-2.html', date: '2024-01-10', publisher: 'Port News', url: 'https://example.org/vote' },
  ],
  [
    { key: 'met', source: 'p:okafor', target: 'o:trust', relation: 'met_with', evidence: [at(s1, 'Mayor Okafor met the Harbour Trust')] },
    { key: 'crit', source: 'o:trust', target: 'p:okafor', relation: 'opposes', evidence: [at(s2, 'Harbour Trust criticised Mayor Okafor')] },
    { key: 'lead', source: 'p:okafor', target: 'pl:port', relation: 'leads', evidence: [{ article: 'story-2', sentence: 'Okafor runs Port Ilha.', start: 900, end: 922 }] },
  ],
);
const articles = buildArticleIndex(graph);

describe('node panel', () => {
  const panel = nodePanel(graph, 'p:okafor', NO_FILTERS, articles);

  it('shows kind, aliases other than the label, and facts', () => {
    expect(panel.kindLabel).toBe('Person');
    expect(panel.aliases).toEqual(['Mayor Okafor']);
    expect(panel.facts).toContainEqual(['Role', 'Mayor']);
  });

  it('lists articles with title, date and publisher from the article nodes, oldest first', () => {
    expect(panel.articles.map((a) => [a.id, a.title, a.date, a.publisher])).toEqual([
      ['story-2', 'Harbour vote', '2024-01-10', 'Port News'],
      ['story-1', 'Storm over the harbour', '2024-03-02', 'Coast Daily'],
      ['lost', 'lost', null, null],
    ]);
    expect(panel.articles[0]!.url).toBe('https://example.org/vote');
    expect(panel.articles[1]!.url).toBeNull();
  });

  it('groups relations outgoing and incoming; symmetric ones read from the selected node', () => {
    expect(panel.outgoing.map((g) => [g.relation, g.items.map((i) => i.other.key)])).toEqual([
      ['leads', ['pl:port']], ['met_with', ['o:trust']],
    ]);
    expect(panel.incoming.map((g) => [g.relation, g.items.map((i) => i.other.key)])).toEqual([['opposes', ['o:trust']]]);
    const trust = nodePanel(graph, 'o:trust', NO_FILTERS, articles);
    expect(trust.outgoing.map((g) => g.relation)).toEqual(['opposes', 'met_with']);
  });

  it('gives each relation its evidence with the cited span cut out', () => {
    const crit = panel.incoming[0]!.items[0]!;
    expect(crit.evidence).toHaveLength(1);
    expect(crit.evidence[0]!.pieces).toEqual({ before: 'The ', mark: 'Harbour Trust criticised Mayor Okafor', after: '.' });
    expect(crit.evidence[0]!.article.title).toBe('Storm over the harbour');
    // No sentenceStart and a span as long as the sentence: the whole sentence.
    const lead = panel.outgoing[0]!.items[0]!.evidence[0]!;
    expect(lead.method).toBe('whole');
    expect(lead.pieces.mark).toBe('Okafor runs Port Ilha.');
  });

  it('leaves out relations the filters hide and counts them', () => {
    const filtered = nodePanel(graph, 'p:okafor', toggleKind(NO_FILTERS, 'place', false), articles);
    expect(filtered.outgoing.map((g) => g.relation)).toEqual(['met_with']);
    expect(filtered.hiddenEdges).toBe(1);
  });
});

describe('edge panel', () => {
  it('shows both ends, the relation and why it exists', () => {
    const panel = edgePanel(graph, 'crit', articles);
    expect(panel.source.label).toBe('Harbour Trust');
    expect(panel.target.label).toBe('Okafor');
    expect(panel.label).toBe('opposes');
    expect(panel.symmetric).toBe(false);
    expect(panel.evidence[0]!.pieces.mark).toBe('Harbour Trust criticised Mayor Okafor');
    expect(edgePanel(graph, 'met', articles).symmetric).toBe(true);
  });
});

describe('open relations', () => {
  // "The Harbour Trust acquired Port Ilha": related_to with the article's phrase, directed although related_to is not.
  const withOpen = buildGraph(
    [{ key: 'o:trust', label: 'Harbour Trust', kind: 'organisation' }, { key: 'pl:port', label: 'Port Ilha', kind: 'place' }],
    [
      { key: 'bought', source: 'o:trust', target: 'pl:port', relation: 'related_to', label: 'acquired', open: true, evidence: [at(s2, 'Harbour Trust')] },
      // As a GEXF or GraphML reader may give the attribute: text.
      { key: 'ran', source: 'o:trust', target: 'pl:port', relation: 'related_to', label: 'ran', open: 'true' },
      { key: 'near', source: 'pl:port', target: 'o:trust', relation: 'related_to' },
    ],
  );
  const index = buildArticleIndex(withOpen);

  it('show their phrase in the edge panel, with a direction', () => {
    const panel = edgePanel(withOpen, 'bought', index);
    expect([panel.source.label, panel.label, panel.target.label]).toEqual(['Harbour Trust', 'acquired', 'Port Ilha']);
    expect(panel).toMatchObject({ relation: 'other', open: true, symmetric: false });
    expect(edgePanel(withOpen, 'near', index)).toMatchObject({ relation: 'related_to', label: 'related to', open: false, symmetric: true });
  });

  it('are listed under "other (open)" with their phrase, outgoing at the source and incoming at the target', () => {
    const trust = nodePanel(withOpen, 'o:trust', NO_FILTERS, index);
    const other = trust.outgoing.find((g) => g.relation === 'other')!;
    expect(other.label).toBe('other (open)');
    expect(other.items.map((i) => [i.edge, i.phrase])).toEqual([['bought', 'acquired'], ['ran', 'ran']]);
    const port = nodePanel(withOpen, 'pl:port', NO_FILTERS, index);
    expect(port.incoming.map((g) => [g.relation, g.items.map((i) => i.phrase)])).toEqual([['other', ['acquired', 'ran']]]);
    // The symmetric related_to reads from either end, and has no phrase of its own.
    expect(port.outgoing.map((g) => [g.relation, g.items.map((i) => i.phrase)])).toEqual([['related_to', [null]]]);
  });
});

describe('article links', () => {
  it('only offers http(s) links', () => {
    expect(safeUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<script>')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl(42)).toBeNull();
  });
});

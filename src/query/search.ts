/**
 * Free-text search over labels, aliases and evidence sentences. A field matches when every word of the query
 * starts a word of the field (after normalisation), so "fact find" finds "fact-finding investigation".
 */
import { NewsgraphError } from '../errors.js';
import type { EntityKind, Evidence } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { checkKinds } from './find-entity.js';
import { graphCache } from './graph-cache.js';
import { nameIndex } from './name-index.js';
import { normalise, tokens } from './text.js';
import type { EdgeView, NodeSummary } from './types.js';
import { edgeView, nodeSummary } from './views.js';

export interface SearchOptions {
  /** Only nodes of these kinds, and evidence of edges touching one (empty: all). */
  kinds: readonly EntityKind[];
  /** Most node hits and most evidence hits returned (each). */
  limit: number;
}

export const SEARCH_DEFAULTS: SearchOptions = { kinds: [], limit: 20 };

export interface NodeHit {
  node: NodeSummary;
  field: 'label' | 'alias';
  /** The label or alias that matched. */
  matched: string;
  score: number;
}

export type EdgeRef = Omit<EdgeView, 'evidence'>;

export interface EvidenceHit {
  edge: EdgeRef;
  /** The evidence item whose sentence matched. */
  evidence: Evidence;
  score: number;
}

export interface SearchResult {
  query: string;
  nodes: NodeHit[];
  evidence: EvidenceHit[];
  /** Hits before `limit`. */
  total: { nodes: number; evidence: number };
}

/** How well normalised `field` contains the query: 1 equal, 0.9 starts with it, 0.8 contains it, 0.7 all its words. */
function fieldScore(field: string, query: string, words: string[]): number {
  if (field === query) return 1;
  return paddedScore(` ${field}`, ` ${query}`, words.map((w) => ` ${w}`));
}

/** `fieldScore` on text with a leading space, so word starts are found with one `includes` each. */
function paddedScore(padded: string, query: string, words: string[]): number {
  const at = padded.indexOf(query);
  if (at === 0) return 0.9;
  if (at > 0) return 0.8;
  for (const w of words) if (!padded.includes(w)) return 0;
  return 0.7;
}

const evidenceIndex = graphCache('edges', (graph: NewsGraph) => {
  const items: Array<{ edge: string; item: number; text: string }> = [];
  graph.forEachEdge((edge, a) => a.evidence.forEach((e, item) => items.push({ edge, item, text: ` ${normalise(e.sentence)}` })));
  return items;
});

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function search(graph: NewsGraph, text: string, options: Partial<SearchOptions> = {}): SearchResult {
  const o: SearchOptions = { ...SEARCH_DEFAULTS, ...options };
  checkKinds(o.kinds, 'search');
  if (!Number.isInteger(o.limit) || o.limit < 1) throw new NewsgraphError(`search: limit must be a whole number of 1 or more, not ${String(o.limit)}`);
  const query = normalise(text);
  if (!query) throw new NewsgraphError('search: the text has no letters or digits to search for');
  const words = tokens(query);
  const kinds = new Set(o.kinds);
  const kindOk = (key: string) => !kinds.size || kinds.has(graph.getNodeAttribute(key, 'kind'));

  const nodeHits: Array<{ key: string; field: 'label' | 'alias'; form: number; score: number; mentions: number; label: string }> = [];
  for (const entry of nameIndex(graph).nodes) {
    let best = 0;
    let form = 0;
    entry.forms.forEach((f, i) => {
      // Aliases rank a little below the label with the same fit.
      const s = fieldScore(f, query, words) - (i === 0 ? 0 : 0.05);
      if (s > best) [best, form] = [s, i];
    });
    if (best <= 0 || !kindOk(entry.key)) continue;
    const a = graph.getNodeAttributes(entry.key);
    nodeHits.push({ key: entry.key, field: form === 0 ? 'label' : 'alias', form, score: Math.round(best * 100) / 100, mentions: a.mentions, label: a.label });
  }
  nodeHits.sort((a, b) => b.score - a.score || b.mentions - a.mentions || cmp(a.label, b.label) || cmp(a.key, b.key));

  const evidenceHits: Array<{ edge: string; item: number; score: number; weight: number }> = [];
  const paddedQuery = ` ${query}`;
  const paddedWords = words.map((w) => ` ${w}`);
  for (const { edge, item, text: sentence } of evidenceIndex(graph)) {
    const fit = paddedScore(sentence, paddedQuery, paddedWords);
    if (fit <= 0) continue;
    if (kinds.size && !kindOk(graph.source(edge)) && !kindOk(graph.target(edge))) continue;
    // A sentence is weaker evidence of a name than a label: evidence scores sit below node scores.
    evidenceHits.push({ edge, item, score: Math.round((fit >= 0.8 ? 0.6 : 0.5) * 100) / 100, weight: graph.getEdgeAttribute(edge, 'weight') });
  }
  evidenceHits.sort((a, b) => b.score - a.score || b.weight - a.weight || cmp(a.edge, b.edge) || a.item - b.item);

  const index = nameIndex(graph);
  return {
    query: text,
    nodes: nodeHits.slice(0, o.limit).map((h) => ({ node: nodeSummary(graph, h.key), field: h.field, matched: index.byKey.get(h.key)!.originals[h.form]!, score: h.score })),
    evidence: evidenceHits.slice(0, o.limit).map((h) => {
      const { evidence, ...edge } = edgeView(graph, h.edge);
      return { edge, evidence: evidence[h.item]!, score: h.score };
    }),
    total: { nodes: nodeHits.length, evidence: evidenceHits.length },
  };
}

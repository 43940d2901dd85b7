/**
 * Extractions + identity decisions → the graphology graph of the contract (docs/graph-format.md). Positions and
 * colours come later (layout.ts, style.ts); this module decides what the nodes and edges are.
 */
import { ARTICLE_CATEGORY, KINDS, RELATIONS, SCHEMA_VERSION, type CorpusExtraction, type Evidence, type NodeAttrs, type RelationId } from '../schema/index.js';
import type { CorpusResolution } from '../resolve/corpus.js';
import { VERSION } from '../version.js';
import { createNewsGraph, type NewsGraph } from './io.js';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Several independent sentences make an edge more certain than any one of them (noisy-or). */
function combineConfidence(values: number[]): number {
  const miss = values.reduce((p, c) => p * (1 - Math.min(0.99, Math.max(0, c))), 1);
  return Math.round((1 - miss) * 1000) / 1000;
}

const citation = (ev: Evidence) => `${ev.article}\u0000${ev.start}\u0000${ev.end}`;

/**
 * Whether the edge already cites this span, noting it if not. A set, not a scan: an edge such as "X located_in
 * <country>" can gather thousands of sentences in a corpus; but most edges have one sentence, and only an edge's
 * second sentence makes its set, which spares the build a set per edge.
 */
function isCited(edge: { evidence: Evidence[]; cited?: Set<string> }, ev: Evidence): boolean {
  if (edge.evidence.length === 0) return false;
  edge.cited ??= new Set(edge.evidence.map(citation));
  const cite = citation(ev);
  if (edge.cited.has(cite)) return true;
  edge.cited.add(cite);
  return false;
}

export function buildGraph(extractions: readonly CorpusExtraction[], resolution: CorpusResolution): NewsGraph {
  const graph = createNewsGraph();
  const versions = [...new Set(extractions.map((x) => x.extractorVersion))].sort();
  graph.replaceAttributes({
    schemaVersion: SCHEMA_VERSION,
    generator: `newsgraph ${VERSION}`,
    extractorVersion: versions.join(', '),
    articleCount: extractions.length,
  });
  const articles = new Map(extractions.map((x) => [x.article.id, x.article]));

  for (const e of resolution.entities) {
    const attrs: NodeAttrs = {
      label: e.label, kind: e.kind, aliases: e.aliases, articles: e.articles, mentions: e.mentions,
      x: 0, y: 0, size: 1, color: KINDS[e.kind].color,
      ...(e.category ? { category: e.category } : {}),
      ...(e.kindVotes ? { kindVotes: e.kindVotes } : {}),
    };
    for (const field of ['title', 'nationality', 'date'] as const) {
      const v = e.attrs[field];
      if (typeof v === 'string') attrs[field] = v;
    }
    if (typeof e.attrs.count === 'number') attrs.count = e.attrs.count;
    if (typeof e.attrs.approx === 'boolean') attrs.approx = e.attrs.approx;
    if (e.category === ARTICLE_CATEGORY) {
      const meta = articles.get(e.articles[0]!);
      if (meta) {
        attrs.file = meta.file;
        if (meta.title) attrs.title = meta.title;
        if (meta.date) attrs.date = meta.date;
        if (meta.publisher) attrs.publisher = meta.publisher;
        if (meta.url) attrs.url = meta.url;
        if (meta.otherNames) attrs.otherNames = meta.otherNames;
      }
    }
    graph.addNode(e.key, attrs);
  }

  // One edge per (source, relation, target); its evidence lists every sentence that states it.
  const edges = new Map<string, { source: string; target: string; relation: RelationId; evidence: Evidence[]; confidences: number[]; cited?: Set<string> }>();
  for (const x of extractions) {
    for (const r of x.relations) {
      const source = resolution.keyOf.get(`${x.article.id}#${r.source}`);
      const target = resolution.keyOf.get(`${x.article.id}#${r.target}`);
      if (!source || !target || source === target) continue;
      let [s, t] = [source, target];
      if (RELATIONS[r.relation].symmetric && s > t) [s, t] = [t, s];
      const key = `${s}->${r.relation}->${t}`;
      let edge = edges.get(key);
      if (!edge) {
        edge = { source: s, target: t, relation: r.relation, evidence: [], confidences: [] };
        edges.set(key, edge);
      }
      const ev: Evidence = { article: x.article.id, sentence: r.evidence.sentence, start: r.evidence.start, end: r.evidence.end, sentenceStart: r.evidence.sentenceStart };
      if (r.evidence.source) ev.source = r.evidence.source;
      if (!isCited(edge, ev)) {
        edge.evidence.push(ev);
        edge.confidences.push(r.confidence);
      }
    }
  }
  for (const key of [...edges.keys()].sort(byString)) {
    const e = edges.get(key)!;
    e.evidence.sort((a, b) => byString(a.article, b.article) || a.start - b.start || a.end - b.end);
    graph.addDirectedEdgeWithKey(key, e.source, e.target, {
      relation: e.relation, label: RELATIONS[e.relation].label, evidence: e.evidence, weight: e.evidence.length,
      confidence: combineConfidence(e.confidences),
    });
  }
  return graph;
}

/**
 * Extractions + identity decisions → the graphology graph of the contract (docs/graph-format.md). Positions and
 * colours come later (layout.ts, style.ts); this module decides what the nodes and edges are.
 */
import { ARTICLE_CATEGORY, KINDS, RELATIONS, SCHEMA_VERSION, type ArticleMeta, type CorpusExtraction, type EdgeAttrs, type Evidence, type GraphAttrs, type LocalRelation, type NodeAttrs, type RelationId } from '../schema/index.js';
import type { CorpusResolution, MergedEntity } from '../resolve/corpus.js';
import { VERSION } from '../version.js';
import { createNewsGraph, type NewsGraph } from './io.js';
import type { GraphDraft } from './draft.js';

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

/** An edge while its sentences are being gathered. */
export interface EdgeDraft {
  source: string;
  target: string;
  relation: RelationId;
  /** An open relation's predicate phrase (docs/graph-format.md): part of the edge's key and its label. */
  phrase?: string;
  evidence: Evidence[];
  confidences: number[];
  cited?: Set<string>;
}

/** What edges are made of: each article's relations, with its local entity ids. */
export interface EdgeInput {
  article: { id: string };
  relations: readonly LocalRelation[];
}

/** The node of an article's local entity. */
export type NodeOf = (articleId: string, localId: string) => string | undefined;

/** NodeOf from an `articleId#localId` → node map. */
export const nodeOfMap = (keyOf: ReadonlyMap<string, string>): NodeOf => (articleId, localId) => keyOf.get(`${articleId}#${localId}`);

/** The predicate phrase of an open relation, or undefined for a relation of the table. */
export function openPhrase(r: Pick<LocalRelation, 'open' | 'label'>): string | undefined {
  return r.open && r.label ? r.label : undefined;
}

/**
 * An edge's key: `source->relation->target`, and `source->related_to:<phrase>->target` for an open relation, so open
 * relations with other words between the same two nodes are other statements, other edges.
 */
export function edgeKey(source: string, relation: RelationId, target: string, phrase?: string): string {
  return phrase === undefined ? `${source}->${relation}->${target}` : `${source}->${relation}:${phrase}->${target}`;
}

/**
 * One edge per (source, relation, target), and per phrase for open relations, gathering every sentence that states
 * it, in the order the articles and their relations come. A sentence cited twice counts once.
 */
export function collectEdges(extractions: readonly EdgeInput[], nodeOf: NodeOf, edges = new Map<string, EdgeDraft>()): Map<string, EdgeDraft> {
  for (const x of extractions) {
    for (const r of x.relations) {
      const source = nodeOf(x.article.id, r.source);
      const target = nodeOf(x.article.id, r.target);
      if (!source || !target || source === target) continue;
      const phrase = openPhrase(r);
      let [s, t] = [source, target];
      // An open relation keeps the text's direction ("X acquired Y" is not "Y acquired X"), though related_to is symmetric.
      if (phrase === undefined && RELATIONS[r.relation].symmetric && s > t) [s, t] = [t, s];
      const key = edgeKey(s, r.relation, t, phrase);
      let edge = edges.get(key);
      if (!edge) {
        edge = { source: s, target: t, relation: r.relation, evidence: [], confidences: [] };
        if (phrase !== undefined) edge.phrase = phrase;
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
  return edges;
}

/** Evidence in reading order: by article, then by place in it. */
export function sortEvidence(evidence: Evidence[]): Evidence[] {
  return evidence.sort((a, b) => byString(a.article, b.article) || a.start - b.start || a.end - b.end);
}

/** An edge's attributes, before style gives it a size. */
export function edgeAttributes(edge: EdgeDraft): EdgeAttrs {
  const attrs: EdgeAttrs = {
    relation: edge.relation, label: edge.phrase ?? RELATIONS[edge.relation].label, evidence: sortEvidence(edge.evidence), weight: edge.evidence.length,
    confidence: combineConfidence(edge.confidences),
  };
  if (edge.phrase !== undefined) attrs.open = true;
  return attrs;
}

/** A node's attributes, before style and layout give it a size and a place; `meta` is the article of an article node. */
export function nodeAttributes(e: MergedEntity, meta: ArticleMeta | undefined): NodeAttrs {
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
  if (e.category === ARTICLE_CATEGORY && meta) {
    attrs.file = meta.file;
    if (meta.title) attrs.title = meta.title;
    if (meta.date) attrs.date = meta.date;
    if (meta.publisher) attrs.publisher = meta.publisher;
    if (meta.url) attrs.url = meta.url;
    if (meta.otherNames) attrs.otherNames = meta.otherNames;
  }
  return attrs;
}

/** The graph's own attributes: what made it and from how many articles. */
export function graphAttributes(extractorVersions: Iterable<string>, articleCount: number): GraphAttrs {
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: `newsgraph ${VERSION}`,
    extractorVersion: [...new Set(extractorVersions)].sort().join(', '),
    articleCount,
  };
}

/** The draft of the graph: nodes and edges in key order, before a graphology graph is made of them (draft.ts). */
export function draftGraph(extractions: readonly CorpusExtraction[], resolution: CorpusResolution): GraphDraft {
  const attributes = graphAttributes(extractions.map((x) => x.extractorVersion), extractions.length);
  const articles = new Map(extractions.map((x) => [x.article.id, x.article]));
  // Resolution gives its entities in key order.
  const nodes = resolution.entities.map((e) => ({ key: e.key, attributes: nodeAttributes(e, articles.get(e.articles[0]!)) }));
  const drafts = collectEdges(extractions, resolution.nodeOf);
  const edges = [...drafts.keys()].sort(byString).map((key) => {
    const e = drafts.get(key)!;
    return { key, source: e.source, target: e.target, attributes: edgeAttributes(e) };
  });
  return { attributes, nodes, edges };
}

/** The graphology graph of a draft: nodes and edges added in key order. */
export function graphOfDraft(draft: GraphDraft): NewsGraph {
  const graph = createNewsGraph();
  graph.replaceAttributes(draft.attributes);
  for (const { key, attributes } of draft.nodes) graph.addNode(key, attributes);
  for (const { key, source, target, attributes } of draft.edges) graph.addDirectedEdgeWithKey(key, source, target, attributes);
  return graph;
}

/**
 * View-models for the side panel: what a node or an edge is and why each edge exists. Pure data; the UI turns it
 * into DOM with textContent only.
 */
import { ARTICLE_CATEGORY } from '../../../src/schema/index.js';
import { articleRef, type ArticleIndex, type ArticleRef } from './articles.js';
import { citedSpan, splitSentence, type SentencePieces, type SpanMethod } from './evidence.js';
import type { FilterState } from './filters.js';
import {
  RELATION_KEYS, isSymmetric, kindColor, kindLabel, relationColor, relationKeyOf, relationLabel,
  type KindKey, type RelationKey, type ViewerGraph,
} from './model.js';

export interface NodeRef {
  key: string;
  label: string;
  kind: KindKey;
  color: string;
}

export interface EvidenceView {
  article: ArticleRef;
  sentence: string;
  pieces: SentencePieces;
  method: SpanMethod;
}

export interface RelationItem {
  edge: string;
  relation: RelationKey;
  label: string;
  /** An open relation's own words ("acquired"), which its group's name ("other (open)") does not say; else null. */
  phrase: string | null;
  /** The node at the other end. */
  other: NodeRef;
  confidence: number;
  /** Sentences stating it in the articles the view keeps. */
  count: number;
  /** Its sentences, when they are loaded (read when first shown: a hub has thousands). */
  readonly evidence: EvidenceView[];
}

export interface RelationGroup {
  relation: RelationKey;
  label: string;
  color: string;
  items: RelationItem[];
}

export interface NodePanel {
  type: 'node';
  node: NodeRef;
  kindLabel: string;
  category: string | null;
  /** Short facts shown under the title: [name, value]. */
  facts: [string, string][];
  aliases: string[];
  articles: ArticleRef[];
  /** Edges read from this node ("X supports Y"); symmetric relations are listed here whichever end is stored first. */
  outgoing: RelationGroup[];
  incoming: RelationGroup[];
  /** Edges the filters hide, left out of the groups. */
  hiddenEdges: number;
  /** Edges no kept article states (a time range, a picked article or publisher), left out of the groups. */
  outsideEdges: number;
  /** For an article: the entities it names and the relations it states. */
  contents: ArticleContents | null;
}

export interface ArticleContents {
  entities: NodeRef[];
  relations: Array<{ edge: string; label: string; source: NodeRef; target: NodeRef }>;
}

export interface EdgePanel {
  type: 'edge';
  edge: string;
  relation: RelationKey;
  label: string;
  color: string;
  symmetric: boolean;
  /** An open relation: `label` is the article's predicate phrase, not a row of the relation table. */
  open: boolean;
  source: NodeRef;
  target: NodeRef;
  confidence: number;
  weight: number;
  evidence: EvidenceView[];
}

export function nodeRef(graph: ViewerGraph, key: string): NodeRef {
  const a = graph.getNodeAttributes(key);
  return { key, label: a.label, kind: a.kind, color: kindColor(a.kind) };
}

function namesOf(graph: ViewerGraph, key: string): string[] {
  const a = graph.getNodeAttributes(key);
  return [a.label, ...a.aliases];
}

/** The edge's evidence (those from articles `allowed` passes, when given), with the cited spans placed. */
export function evidenceViews(graph: ViewerGraph, edge: string, articles: ArticleIndex, allowed: ((id: string) => boolean) | null = null): EvidenceView[] {
  const [source, target] = graph.extremities(edge);
  const terms = [...namesOf(graph, source), ...namesOf(graph, target)];
  const evidence = graph.getEdgeAttribute(edge, 'evidence');
  return (allowed ? evidence.filter((ev) => allowed(ev.article)) : evidence).map((ev) => {
    const { span, method } = citedSpan(ev, terms);
    return { article: articleRef(articles, ev.article), sentence: ev.sentence, pieces: splitSentence(ev.sentence, span), method };
  });
}

/** One collator for every comparison: localeCompare makes one per call, which shows on a hub's thousands of relations. */
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function groupItems(items: RelationItem[]): RelationGroup[] {
  const byRelation = new Map<RelationKey, RelationItem[]>();
  for (const item of items) {
    const list = byRelation.get(item.relation) ?? [];
    list.push(item);
    byRelation.set(item.relation, list);
  }
  return RELATION_KEYS.filter((r) => byRelation.has(r)).map((relation) => ({
    relation,
    label: relationLabel(relation),
    color: relationColor(relation),
    items: byRelation.get(relation)!.sort((a, b) => compareText(a.other.label, b.other.label) || compareText(a.edge, b.edge)),
  }));
}

function sortArticles(list: ArticleRef[]): ArticleRef[] {
  // Dated articles first, oldest first; undated ones after, by title.
  return list.sort((a, b) => {
    if (a.date && b.date && a.date !== b.date) return a.date < b.date ? -1 : 1;
    if (!!a.date !== !!b.date) return a.date ? -1 : 1;
    return compareText(a.title, b.title);
  });
}

/** What the view keeps of the corpus: edges stated in kept articles with their sentence counts there (visibility.ts). */
export interface KeptArticles {
  allowed: ((id: string) => boolean) | null;
  edges: ReadonlyMap<string, number>;
}

/** The entities an article names and the relations it states. */
export function articleContents(graph: ViewerGraph, ids: ReadonlySet<string>, self: string): ArticleContents {
  const entities = graph.filterNodes((key, a) => key !== self && a.articles.some((id) => ids.has(id))).map((key) => nodeRef(graph, key))
    .sort((a, b) => compareText(a.label, b.label));
  const relations = graph.filterEdges((_e, a) => a.evidenceArticles.some((id) => ids.has(id))).map((edge) => {
    const [source, target] = graph.extremities(edge);
    return { edge, label: graph.getEdgeAttribute(edge, 'label'), source: nodeRef(graph, source), target: nodeRef(graph, target) };
  }).sort((a, b) => compareText(a.source.label, b.source.label) || compareText(a.label, b.label) || compareText(a.target.label, b.target.label));
  return { entities, relations };
}

export function nodePanel(graph: ViewerGraph, key: string, filters: FilterState, articles: ArticleIndex, kept: KeptArticles | null = null): NodePanel {
  const a = graph.getNodeAttributes(key);
  const outgoing: RelationItem[] = [];
  const incoming: RelationItem[] = [];
  let hiddenEdges = 0;
  let outsideEdges = 0;
  graph.forEachEdge(key, (edge, e, source, target) => {
    const other = source === key ? target : source;
    if (filters.hiddenRelations.has(relationKeyOf(e)) || filters.hiddenKinds.has(graph.getNodeAttribute(other, 'kind'))) {
      hiddenEdges++;
      return;
    }
    const count = kept?.allowed ? kept.edges.get(edge) : e.evidenceArticles.length;
    if (count === undefined) {
      outsideEdges++;
      return;
    }
    const item: RelationItem = {
      edge, relation: relationKeyOf(e), label: e.label, phrase: e.open ? e.label : null, other: nodeRef(graph, other), confidence: e.confidence, count,
      get evidence() { return evidenceViews(graph, edge, articles, kept?.allowed ?? null); },
    };
    if (source === key || isSymmetric(relationKeyOf(e)) || !e.directed) outgoing.push(item);
    else incoming.push(item);
  });
  const facts: [string, string][] = [];
  if (a.title) facts.push([a.category === ARTICLE_CATEGORY ? 'Title' : 'Role', a.title]);
  if (a.nationality) facts.push(['Nationality', a.nationality]);
  if (a.date) facts.push(['Date', a.date]);
  if (a.publisher) facts.push(['Publisher', a.publisher]);
  if (typeof a.count === 'number') facts.push(['Count', `${a.approx ? 'about ' : ''}${a.count}`]);
  if (a.mentions) facts.push(['Mentions', String(a.mentions)]);
  if (Array.isArray(a.otherNames) && a.otherNames.length) facts.push(['Other names', a.otherNames.join(', ')]);
  const label = a.label;
  return {
    type: 'node',
    node: nodeRef(graph, key),
    kindLabel: kindLabel(a.kind),
    category: a.category && a.category !== ARTICLE_CATEGORY ? a.category : a.category === ARTICLE_CATEGORY ? 'article' : null,
    facts,
    aliases: a.aliases.filter((x) => x !== label),
    articles: sortArticles([...new Set(a.articles)].map((id) => articleRef(articles, id))),
    outgoing: groupItems(outgoing),
    incoming: groupItems(incoming),
    hiddenEdges,
    outsideEdges,
    contents: a.category === ARTICLE_CATEGORY ? articleContents(graph, new Set([key, ...a.articles]), key) : null,
  };
}

export function edgePanel(graph: ViewerGraph, edge: string, articles: ArticleIndex, allowed: ((id: string) => boolean) | null = null): EdgePanel {
  const e = graph.getEdgeAttributes(edge);
  const [source, target] = graph.extremities(edge);
  return {
    type: 'edge',
    edge,
    relation: relationKeyOf(e),
    label: e.label,
    color: relationColor(relationKeyOf(e)),
    symmetric: isSymmetric(relationKeyOf(e)) || !e.directed,
    open: e.open === true,
    source: nodeRef(graph, source),
    target: nodeRef(graph, target),
    confidence: e.confidence,
    weight: e.weight,
    evidence: evidenceViews(graph, edge, articles, allowed),
  };
}

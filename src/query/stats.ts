/** Counts that describe a graph at a glance: kinds, relations, best-connected entities, articles. */
import { ARTICLE_CATEGORY, ENTITY_KINDS, RELATION_IDS, type EntityKind, type RelationId } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { NewsgraphError } from '../errors.js';
import type { NodeSummary } from './types.js';
import { nodeSummary } from './views.js';

export interface StatsOptions {
  /** Length of the best-connected list. */
  top: number;
}

export const STATS_DEFAULTS: StatsOptions = { top: 10 };

export interface DegreeEntry {
  node: NodeSummary;
  degree: number;
  inDegree: number;
  outDegree: number;
}

export interface GraphStats {
  /** Every node, articles included. */
  nodes: number;
  edges: number;
  /** Nodes that are not articles. */
  entities: number;
  /** Evidence items over all edges. */
  evidence: number;
  articles: {
    count: number;
    /** Earliest and latest article date, when any is known. */
    firstDate?: string;
    lastDate?: string;
    /** Articles per publisher, most first. */
    publishers: Array<{ publisher: string; articles: number }>;
  };
  /** Entities (articles excluded) per kind; every kind is present. */
  byKind: Record<EntityKind, number>;
  /** Edges per relation; every relation is present. */
  byRelation: Record<RelationId, number>;
  /** Edges that are open relations (counted under related_to in `byRelation` too). */
  openRelations: number;
  /** Entities with the most edges. */
  topByDegree: DegreeEntry[];
  /** graph.json's own attributes (generator, extractor version, schema version, article count). */
  graph: Record<string, unknown>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function stats(graph: NewsGraph, options: Partial<StatsOptions> = {}): GraphStats {
  const o: StatsOptions = { ...STATS_DEFAULTS, ...options };
  if (!Number.isInteger(o.top) || o.top < 0) throw new NewsgraphError(`stats: top must be a whole number, not ${String(o.top)}`);
  const byKind = Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as Record<EntityKind, number>;
  const byRelation = Object.fromEntries(RELATION_IDS.map((r) => [r, 0])) as Record<RelationId, number>;
  const publishers = new Map<string, number>();
  let articles = 0;
  let firstDate: string | undefined;
  let lastDate: string | undefined;
  const degrees: Array<{ key: string; degree: number; label: string }> = [];

  graph.forEachNode((key, a) => {
    if (a.category === ARTICLE_CATEGORY) {
      articles++;
      if (a.publisher) publishers.set(a.publisher, (publishers.get(a.publisher) ?? 0) + 1);
      if (a.date) {
        if (firstDate === undefined || a.date < firstDate) firstDate = a.date;
        if (lastDate === undefined || a.date > lastDate) lastDate = a.date;
      }
      return;
    }
    if (a.kind in byKind) byKind[a.kind]++;
    degrees.push({ key, degree: graph.degree(key), label: a.label });
  });
  let evidence = 0;
  let openRelations = 0;
  graph.forEachEdge((_e, a) => {
    if (a.relation in byRelation) byRelation[a.relation]++;
    if (a.open) openRelations++;
    evidence += a.evidence.length;
  });

  degrees.sort((a, b) => b.degree - a.degree || cmp(a.label, b.label) || cmp(a.key, b.key));
  const topByDegree = degrees.slice(0, o.top).map(({ key, degree }) => ({
    node: nodeSummary(graph, key), degree, inDegree: graph.inDegree(key), outDegree: graph.outDegree(key),
  }));

  return {
    nodes: graph.order, edges: graph.size, entities: graph.order - articles, evidence,
    articles: {
      count: articles,
      ...(firstDate !== undefined ? { firstDate } : {}),
      ...(lastDate !== undefined ? { lastDate } : {}),
      publishers: [...publishers].map(([publisher, n]) => ({ publisher, articles: n })).sort((a, b) => b.articles - a.articles || cmp(a.publisher, b.publisher)),
    },
    byKind, byRelation, openRelations, topByDegree,
    graph: { ...graph.getAttributes() },
  };
}

/**
 * How much a built graph says beyond names: content relations per article, and the share of entities that no content
 * relation touches. The definitions are those of ../shared/eval/tools/graph-stats.mjs, which the targets use:
 * article nodes and `reported_by` edges are provenance, not content.
 */
import { readFileSync } from 'node:fs';
import { ARTICLE_CATEGORY } from '../../src/schema/index.js';
import type { SerializedNewsGraph } from '../../src/graph/io.js';
import { structuralProblem } from '../../src/graph/validate.js';

export interface ContentStats {
  /** Nodes with `category: "article"`, as the shared tool counts them. */
  articles: number;
  /** The graph's own `articleCount`: differs from `articles` when an entity was given the article category. */
  articleCount: number;
  /** Nodes other than article nodes. */
  entities: number;
  /** Edges other than `reported_by` whose source is not an article node. */
  contentRelations: number;
  /** Content relations marked `open: true` (a predicate that fits no row of the relation table). */
  openRelations: number;
  /** Entities that are the source or target of no content relation. */
  isolatedEntities: number;
  relationsPerArticle: number;
  isolatedShare: number;
  openShare: number;
}

/** `open` is read whatever the schema's edge type says, so graphs from before open relations count zero of them. */
const isOpen = (attributes: object | undefined) => (attributes as { open?: unknown } | undefined)?.open === true;

export function contentStats(graph: SerializedNewsGraph): ContentStats {
  const articleKeys = new Set(graph.nodes.filter((n) => n.attributes?.category === ARTICLE_CATEGORY).map((n) => n.key));
  const touched = new Set<string>();
  let contentRelations = 0;
  let openRelations = 0;
  for (const e of graph.edges) {
    if (e.attributes?.relation === 'reported_by' || articleKeys.has(e.source)) continue;
    contentRelations++;
    if (isOpen(e.attributes)) openRelations++;
    touched.add(e.source);
    touched.add(e.target);
  }
  const entityKeys = graph.nodes.map((n) => n.key).filter((key) => !articleKeys.has(key));
  const isolatedEntities = entityKeys.filter((key) => !touched.has(key)).length;
  const share = (part: number, whole: number) => part / Math.max(1, whole);
  return {
    articles: articleKeys.size,
    articleCount: graph.attributes?.articleCount ?? 0,
    entities: entityKeys.length,
    contentRelations,
    openRelations,
    isolatedEntities,
    relationsPerArticle: share(contentRelations, articleKeys.size),
    isolatedShare: share(isolatedEntities, entityKeys.length),
    openShare: share(openRelations, contentRelations),
  };
}

/** Reads graph.json and counts; a missing or foreign file is one line naming it. */
export function readContentStats(file: string): ContentStats {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the graph (${(error as Error).message.split('\n')[0]})`);
  }
  const problem = structuralProblem(data);
  if (problem) throw new Error(`${file}: not a newsgraph graph: ${problem}`);
  return contentStats(data as SerializedNewsGraph);
}

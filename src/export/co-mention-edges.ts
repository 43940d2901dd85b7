/**
 * Co-mentions in an export, only when asked for (`export --co-mentions`): each pair of co-mentions.json becomes an
 * edge of relation `co_mentioned`, weighted by its sentences and carrying no evidence, beside the typed relations.
 */
import { CO_MENTIONED, type CoMention, type RelationId } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { coMentionKey } from '../graph/co-mention-file.js';

/** Grey, as the viewer draws them: they are context, not statements. */
export const CO_MENTION_COLOR = '#a1a1aa';

/** Adds the pairs whose two nodes the graph has as `co_mentioned` edges; returns how many it added. */
export function addCoMentionEdges(graph: NewsGraph, pairs: readonly CoMention[]): number {
  let added = 0;
  for (const p of pairs) {
    const key = coMentionKey(p.source, p.target);
    if (!graph.hasNode(p.source) || !graph.hasNode(p.target) || graph.hasEdge(key)) continue;
    // Not one of the relations, by design: exporters write the id as they find it.
    graph.addDirectedEdgeWithKey(key, p.source, p.target, {
      relation: CO_MENTIONED as RelationId, label: 'co-mentioned', evidence: [], weight: p.count, confidence: 1, color: CO_MENTION_COLOR,
    });
    added++;
  }
  return added;
}

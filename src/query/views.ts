/**
 * Graph attributes → the plain result objects of types.ts. Lists are copied, so changing a result never changes the
 * graph; evidence items themselves are shared and must be treated as read-only.
 */
import type { NewsGraph } from '../graph/io.js';
import type { EdgeView, NodeSummary } from './types.js';

export function nodeSummary(graph: NewsGraph, key: string): NodeSummary {
  const a = graph.getNodeAttributes(key);
  const s: NodeSummary = { key, label: a.label, kind: a.kind, aliases: [...a.aliases], articles: [...a.articles], mentions: a.mentions };
  if (a.category !== undefined) s.category = a.category;
  if (a.date !== undefined) s.date = a.date;
  if (a.title !== undefined) s.title = a.title;
  return s;
}

export function edgeView(graph: NewsGraph, key: string): EdgeView {
  const a = graph.getEdgeAttributes(key);
  const source = graph.source(key);
  const target = graph.target(key);
  return {
    key, source, target,
    sourceLabel: graph.getNodeAttribute(source, 'label'),
    targetLabel: graph.getNodeAttribute(target, 'label'),
    relation: a.relation, label: a.label, ...(a.open ? { open: true as const } : {}), weight: a.weight, confidence: a.confidence, evidence: [...a.evidence],
  };
}

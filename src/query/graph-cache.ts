/**
 * Per-graph memo for the query indexes: built on first use, dropped as soon as the graph changes in a way that
 * could make it stale, so callers never see old answers and never pay twice for an unchanged graph.
 */
import type { NewsGraph } from '../graph/io.js';

const NODE_EVENTS = ['nodeAdded', 'nodeDropped', 'nodeAttributesUpdated', 'cleared'] as const;
const EDGE_EVENTS = ['nodeDropped', 'edgeAdded', 'edgeDropped', 'edgeAttributesUpdated', 'edgesCleared', 'cleared'] as const;

export type CacheScope = 'nodes' | 'edges';

export function graphCache<T>(scope: CacheScope, build: (graph: NewsGraph) => T): (graph: NewsGraph) => T {
  const cache = new WeakMap<NewsGraph, T>();
  const events = scope === 'nodes' ? NODE_EVENTS : EDGE_EVENTS;
  return (graph) => {
    let value = cache.get(graph);
    if (value === undefined) {
      value = build(graph);
      cache.set(graph, value);
      const forget = () => {
        cache.delete(graph);
        for (const e of events) graph.removeListener(e, forget);
      };
      for (const e of events) graph.on(e, forget);
    }
    return value;
  };
}

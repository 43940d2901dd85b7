/**
 * The compact form of a graph that the server and a static export hand the viewer instead of graph.json (the full
 * contract, still served beside it): every node and edge without evidence sentences, which come per edge on demand
 * from evidence shards (docs/graph-format.md, "Compact form"). Article ids are numbered once.
 */
import type { GraphAttrs, NodeAttrs } from './attributes.js';
import type { RelationId } from './relations.js';

export const COMPACT_FORMAT = 'newsgraph-compact';
export const COMPACT_VERSION = 1;

/**
 * A node as graph.json has it, but its articles as indices into `CompactGraph.articles`, without `color` when it is
 * its kind's and without `aliases` when they are only the label.
 */
export interface CompactNode {
  key: string;
  attributes: Omit<NodeAttrs, 'articles' | 'color' | 'aliases'> & { articles: number[]; color?: string; aliases?: string[] };
}

/** What an edge keeps beyond its ends, relation and counts: only where it differs from what the rest implies. */
export interface CompactEdgeExtra {
  /** Present when not `<source>-><relation>-><target>`. */
  key?: string;
  /** Present when not the relation's own words (an open relation's phrase). */
  label?: string;
  open?: boolean;
}

/**
 * [source index, target index, relation, weight, confidence, size, article index of each evidence in order, extra?]
 */
export type CompactEdge = [number, number, RelationId, number, number, number, number[], CompactEdgeExtra?];

export interface CompactGraph {
  format: typeof COMPACT_FORMAT;
  version: number;
  attributes: Partial<GraphAttrs>;
  /** Article ids, sorted. */
  articles: string[];
  nodes: CompactNode[];
  edges: CompactEdge[];
  /** Edge i's evidence is item i % shardSize of shard floor(i / shardSize): `<base>/evidence/<shard>.json`. */
  evidence: { shardSize: number; shards: number };
  /** Whether co-mentions.json lies beside it. */
  coMentions: boolean;
}

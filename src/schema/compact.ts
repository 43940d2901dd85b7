/**
 * The compact form of a graph that the server and a static export hand the viewer instead of graph.json (the full
 * contract, still served beside it): every node and edge without evidence sentences, which come per edge on demand
 * from evidence shards (docs/graph-format.md, "Compact form"). Columns rather than an object per record: far fewer
 * objects for the browser to parse and collect.
 */
import type { NodeAttrs } from './attributes.js';
import type { GraphAttrs } from './attributes.js';

export const COMPACT_FORMAT = 'newsgraph-compact';
export const COMPACT_VERSION = 2;

/** A node's attributes beyond the columns, only where it has them (`aliases` when not just `[label]`, `color` when not its kind's). */
export type CompactNodeExtra = Partial<Omit<NodeAttrs, 'label' | 'kind' | 'articles' | 'mentions' | 'x' | 'y' | 'size' | 'category'>>;

/**
 * A node's key as the `key` column holds it: `""` for `<kind>:<label in lower case>`, `"@"` for that and
 * `@<first article>`, `"#"` for `article:<first article>`, the key itself otherwise.
 */
export function compactKey(key: string, kind: string, label: string, firstArticle: string | undefined): string {
  const plain = `${kind}:${label.toLowerCase()}`;
  if (key === plain) return '';
  if (firstArticle !== undefined && key === `${plain}@${firstArticle}`) return '@';
  if (firstArticle !== undefined && key === `article:${firstArticle}`) return '#';
  return key;
}

export function expandKey(code: string, kind: string, label: string, firstArticle: string | undefined): string {
  if (code === '') return `${kind}:${label.toLowerCase()}`;
  if (code === '@') return `${kind}:${label.toLowerCase()}@${firstArticle}`;
  if (code === '#') return `article:${firstArticle}`;
  return code;
}

/** What an edge keeps beyond the columns, only where it differs from what the rest implies. */
export interface CompactEdgeExtra {
  /** Present when not `<source>-><relation>-><target>`. */
  key?: string;
  /** Present when not the relation's own words (an open relation's phrase). */
  label?: string;
  open?: boolean;
}

export interface CompactGraph {
  format: typeof COMPACT_FORMAT;
  version: number;
  attributes: Partial<GraphAttrs>;
  /** Article ids, sorted; `articles` and `evidence` columns index it. */
  articles: string[];
  /** Names the `kind`, `category` and `relation` columns index. */
  kinds: string[];
  categories: string[];
  relations: string[];
  /**
   * One entry per node in each column, in key order; a node's articles are `articles[articleStart[i] .. articleStart[i + 1])`.
   * `key` holds what the label and articles do not tell (compactKey).
   */
  nodes: {
    key: string[]; label: string[]; kind: number[]; category: number[]; mentions: number[]; x: number[]; y: number[]; size: number[];
    articleStart: number[]; articles: number[];
    extra: Record<string, CompactNodeExtra>;
  };
  /** One entry per edge in each column, in key order; an edge's evidence articles are `evidence[evidenceStart[i] .. evidenceStart[i + 1])`. */
  edges: {
    source: number[]; target: number[]; relation: number[]; weight: number[]; confidence: number[]; size: number[];
    evidenceStart: number[]; evidence: number[];
    extra: Record<string, CompactEdgeExtra>;
  };
  /** Edge i's evidence is item i % shardSize of shard floor(i / shardSize): `<base>/evidence/<shard>.json`. */
  shards: { size: number; count: number };
  /** Whether co-mentions.json lies beside it. */
  coMentions: boolean;
}

/**
 * A graph in the viewer's compact form (src/schema/compact.ts): nodes and edges without evidence sentences, and the
 * sentences in shards the viewer fetches when a panel needs them. At 10k articles graph.json is 125 MB, of which the
 * viewer needs 10–15 MB to draw; the server serves this form, and a static export writes it as files.
 */
import { COMPACT_FORMAT, COMPACT_VERSION, KINDS, RELATIONS, type CompactEdge, type CompactEdgeExtra, type CompactGraph, type CompactNode } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';

export interface CompactOptions {
  /** Edges per evidence shard: a panel fetches one shard for a few hundred kilobytes at 10k articles. */
  shardSize: number;
  /** Whether co-mentions.json is served beside it. */
  coMentions: boolean;
}

export const COMPACT_DEFAULTS: CompactOptions = { shardSize: 500, coMentions: false };

export interface CompactFiles {
  /** The compact graph, as JSON text. */
  graph: string;
  /** Each shard's JSON text: an array holding each of its edges' evidence list. */
  shards: string[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compactGraph(graph: NewsGraph, options: Partial<CompactOptions> = {}): CompactFiles {
  const o = { ...COMPACT_DEFAULTS, ...options };
  const articleSet = new Set<string>();
  graph.forEachNode((_k, a) => { for (const id of a.articles) articleSet.add(id); });
  graph.forEachEdge((_k, a) => { for (const ev of a.evidence) articleSet.add(ev.article); });
  const articles = [...articleSet].sort(byString);
  const articleAt = new Map(articles.map((id, i) => [id, i]));

  const keys = graph.nodes().sort(byString);
  const nodeAt = new Map(keys.map((key, i) => [key, i]));
  const nodes: CompactNode[] = keys.map((key) => {
    const { color, aliases, ...a } = graph.getNodeAttributes(key);
    // What the viewer can tell by itself is left out: the kind's own colour, aliases that are only the label.
    const attributes: CompactNode['attributes'] = { ...a, articles: a.articles.map((id) => articleAt.get(id)!) };
    if (color !== KINDS[a.kind]?.color) attributes.color = color;
    if (aliases.length !== 1 || aliases[0] !== a.label) attributes.aliases = aliases;
    return { key, attributes };
  });

  const edgeKeys = graph.edges().sort(byString);
  const edges: CompactEdge[] = [];
  const shards: string[] = [];
  let shard: string[] = [];
  for (const key of edgeKeys) {
    const a = graph.getEdgeAttributes(key);
    const [source, target] = graph.extremities(key);
    const extra: CompactEdgeExtra = {};
    if (key !== `${source}->${a.relation}->${target}`) extra.key = key;
    if (a.label !== RELATIONS[a.relation]?.label) extra.label = a.label;
    if (a.open) extra.open = true;
    const edge: CompactEdge = [nodeAt.get(source)!, nodeAt.get(target)!, a.relation, a.weight, a.confidence, a.size ?? 1, a.evidence.map((ev) => articleAt.get(ev.article)!)];
    if (Object.keys(extra).length) edge.push(extra);
    edges.push(edge);
    shard.push(JSON.stringify(a.evidence));
    if (shard.length === o.shardSize) {
      shards.push(`[${shard.join(',\n')}]`);
      shard = [];
    }
  }
  if (shard.length) shards.push(`[${shard.join(',\n')}]`);

  const compact: CompactGraph = {
    format: COMPACT_FORMAT, version: COMPACT_VERSION, attributes: graph.getAttributes(), articles, nodes, edges,
    evidence: { shardSize: o.shardSize, shards: shards.length }, coMentions: o.coMentions,
  };
  return { graph: JSON.stringify(compact), shards };
}

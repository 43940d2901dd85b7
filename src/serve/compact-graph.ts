/**
 * A graph in the viewer's compact form (src/schema/compact.ts): nodes and edges in columns, without evidence
 * sentences, and the sentences in shards the viewer fetches when a panel needs them: a large graph.json is mostly
 * sentences, which a first frame does not draw. The server serves this form, and a static export writes it.
 */
import { COMPACT_FORMAT, COMPACT_VERSION, KINDS, compactKey, RELATIONS, type CompactEdgeExtra, type CompactGraph, type CompactNodeExtra } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';

export interface CompactOptions {
  /** Edges per evidence shard: a panel fetches a shard of a few hundred kilobytes, not every sentence. */
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

/** Numbers the distinct values it is given, in the order first seen. */
function numbering(): { names: string[]; of(name: string): number } {
  const names: string[] = [];
  const at = new Map<string, number>();
  return {
    names,
    of(name) {
      let i = at.get(name);
      if (i === undefined) { i = names.length; names.push(name); at.set(name, i); }
      return i;
    },
  };
}

export function compactGraph(graph: NewsGraph, options: Partial<CompactOptions> = {}): CompactFiles {
  const o = { ...COMPACT_DEFAULTS, ...options };
  const articleSet = new Set<string>();
  graph.forEachNode((_k, a) => { for (const id of a.articles) articleSet.add(id); });
  graph.forEachEdge((_k, a) => { for (const ev of a.evidence) articleSet.add(ev.article); });
  const articles = [...articleSet].sort(byString);
  const articleAt = new Map(articles.map((id, i) => [id, i]));
  const kinds = numbering();
  const categories = numbering();
  const relations = numbering();

  const keys = graph.nodes().sort(byString);
  const nodeAt = new Map(keys.map((key, i) => [key, i]));
  const nodes: CompactGraph['nodes'] = { key: [], label: [], kind: [], category: [], mentions: [], x: [], y: [], size: [], articleStart: [0], articles: [], extra: {} };
  keys.forEach((key, i) => {
    const { label, kind, category, mentions, x, y, size, articles: ids, color, aliases, ...rest } = graph.getNodeAttributes(key);
    nodes.key.push(compactKey(key, kind, label, ids[0]));
    nodes.label.push(label);
    nodes.kind.push(kinds.of(kind));
    nodes.category.push(category === undefined ? -1 : categories.of(category));
    nodes.mentions.push(mentions);
    nodes.x.push(x);
    nodes.y.push(y);
    nodes.size.push(size);
    for (const id of ids) nodes.articles.push(articleAt.get(id)!);
    nodes.articleStart.push(nodes.articles.length);
    // What the viewer can tell by itself is left out: the kind's own colour, aliases that are only the label.
    const extra: CompactNodeExtra = { ...rest };
    if (color !== KINDS[kind]?.color) extra.color = color;
    if (aliases.length !== 1 || aliases[0] !== label) extra.aliases = aliases;
    if (Object.keys(extra).length) nodes.extra[i] = extra;
  });

  const edges: CompactGraph['edges'] = { source: [], target: [], relation: [], weight: [], confidence: [], size: [], evidenceStart: [0], evidence: [], extra: {} };
  const shards: string[] = [];
  let shard: string[] = [];
  graph.edges().sort(byString).forEach((key, i) => {
    const a = graph.getEdgeAttributes(key);
    const [source, target] = graph.extremities(key);
    edges.source.push(nodeAt.get(source)!);
    edges.target.push(nodeAt.get(target)!);
    edges.relation.push(relations.of(a.relation));
    edges.weight.push(a.weight);
    edges.confidence.push(a.confidence);
    edges.size.push(a.size ?? 1);
    for (const ev of a.evidence) edges.evidence.push(articleAt.get(ev.article)!);
    edges.evidenceStart.push(edges.evidence.length);
    const extra: CompactEdgeExtra = {};
    if (key !== `${source}->${a.relation}->${target}`) extra.key = key;
    if (a.label !== RELATIONS[a.relation]?.label) extra.label = a.label;
    if (a.open) extra.open = true;
    if (Object.keys(extra).length) edges.extra[i] = extra;
    shard.push(JSON.stringify(a.evidence));
    if (shard.length === o.shardSize) {
      shards.push(`[${shard.join(',\n')}]`);
      shard = [];
    }
  });
  if (shard.length) shards.push(`[${shard.join(',\n')}]`);

  const compact: CompactGraph = {
    format: COMPACT_FORMAT, version: COMPACT_VERSION, attributes: graph.getAttributes(), articles,
    kinds: kinds.names, categories: categories.names, relations: relations.names, nodes, edges,
    shards: { size: o.shardSize, count: shards.length }, coMentions: o.coMentions,
  };
  return { graph: JSON.stringify(compact), shards };
}

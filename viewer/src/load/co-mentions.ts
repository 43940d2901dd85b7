/**
 * co-mentions.json (docs/graph-format.md), fetched the first time the user asks for co-mentions: the pairs whose
 * nodes the graph has.
 */
import type { ViewerGraph } from '../logic/model.js';
import type { CoMentionPair } from '../logic/visibility.js';

export async function fetchCoMentions(url: string, graph: ViewerGraph): Promise<CoMentionPair[]> {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(response.status === 404 ? 'this graph has no co-mentions (build it again to write co-mentions.json)' : `co-mentions.json: HTTP ${response.status}`);
  const data = (await response.json()) as { pairs?: unknown };
  if (!Array.isArray(data.pairs)) throw new Error('co-mentions.json: not a co-mentions file');
  const pairs: CoMentionPair[] = [];
  for (const p of data.pairs as Array<Partial<CoMentionPair>>) {
    if (typeof p.source !== 'string' || typeof p.target !== 'string' || !graph.hasNode(p.source) || !graph.hasNode(p.target)) continue;
    if (!Array.isArray(p.articles) || !Array.isArray(p.counts) || typeof p.count !== 'number') continue;
    pairs.push({ key: typeof p.key === 'string' ? p.key : `${p.source}->co_mentioned->${p.target}`, source: p.source, target: p.target, count: p.count, articles: p.articles, counts: p.counts });
  }
  return pairs;
}

/**
 * Evidence sentences of a compact graph, fetched a shard at a time when a panel needs them (src/schema/compact.ts)
 * and written into the edges' attributes, so the panels read them as from graph.json.
 */
import type { Evidence } from '../../../src/schema/index.js';
import type { ViewerGraph } from '../logic/model.js';

export class EvidenceStore {
  private readonly pending = new Map<number, Promise<void>>();

  /** `edgeKeys[i]`: the key of the compact graph's edge i. */
  constructor(private readonly graph: ViewerGraph, private readonly edgeKeys: readonly string[], private readonly baseUrl: string,
    private readonly shardSize: number) {}

  /** Resolves once every one of `edges` has its sentences. */
  async load(edges: readonly string[]): Promise<void> {
    const shards = new Set<number>();
    for (const key of edges) {
      if (!this.graph.hasEdge(key)) continue;
      const at = this.graph.getEdgeAttribute(key, 'evidenceAt');
      if (at !== null) shards.add(Math.floor(at / this.shardSize));
    }
    await Promise.all([...shards].map((shard) => this.fetchShard(shard)));
  }

  private fetchShard(shard: number): Promise<void> {
    let promise = this.pending.get(shard);
    if (!promise) {
      promise = (async () => {
        const response = await fetch(`${this.baseUrl}${shard}.json`);
        if (!response.ok) throw new Error(`evidence shard ${shard}: HTTP ${response.status}`);
        const lists = (await response.json()) as unknown;
        if (!Array.isArray(lists)) throw new Error(`evidence shard ${shard}: not a list`);
        lists.forEach((list, i) => {
          const key = this.edgeKeys[shard * this.shardSize + i];
          if (key === undefined || !this.graph.hasEdge(key) || !Array.isArray(list)) return;
          const attrs = this.graph.getEdgeAttributes(key);
          attrs.evidence = (list as Evidence[]).filter((ev) => typeof ev?.sentence === 'string');
          attrs.evidenceAt = null;
        });
      })();
      // A failed fetch may be tried again on the next click.
      promise.catch(() => this.pending.delete(shard));
      this.pending.set(shard, promise);
    }
    return promise;
  }
}

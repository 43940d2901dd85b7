/**
 * What the build-time layout pulls on: the typed edges and, beside them, the co-mentions (co-mention-file.ts), so
 * entities named together sit together even where no relation joins them. Sizes still follow typed edges alone
 * (style.ts reads the draft, not this view).
 */
import type { LayoutTarget } from './layout.js';
import { undirectedAdjacency } from './draft.js';
import type { CoMentionDraft } from './co-mention-file.js';

/** A co-mention pulls as hard as this many sentences of a typed edge, per sentence that names the pair. */
export const CO_MENTION_LAYOUT_WEIGHT = 0.5;

/** A pair's pull in the layout: grows with its sentences, more slowly than a typed edge's. */
export function coMentionPull(sentences: number): number {
  return CO_MENTION_LAYOUT_WEIGHT * Math.sqrt(sentences);
}

export interface Link {
  key: string;
  source: string;
  target: string;
  weight: number;
}

/** Links of the co-mention pairs, in key order (the order a layout reads them in fixes its result). */
export function coMentionLinks(pairs: ReadonlyMap<string, CoMentionDraft>): Link[] {
  const keys = [...pairs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key) => {
    const p = pairs.get(key)!;
    let sentences = 0;
    for (const n of p.counts) sentences += n;
    return { key, source: p.source, target: p.target, weight: coMentionPull(sentences) };
  });
}

/** A layout target's nodes and edges, with `links` after its edges. */
export class LinkedView implements LayoutTarget {
  readonly order: number;
  readonly size: number;
  private adjacency?: Map<string, Set<string>>;

  constructor(private readonly base: LayoutTarget, private readonly links: readonly Link[]) {
    this.order = base.order;
    this.size = base.size + links.length;
  }

  forEachNode(callback: Parameters<LayoutTarget['forEachNode']>[0]): void {
    this.base.forEachNode(callback);
  }

  forEachEdge(callback: Parameters<LayoutTarget['forEachEdge']>[0]): void {
    this.base.forEachEdge(callback);
    for (const { key, source, target, weight } of this.links) callback(key, { weight }, source, target);
  }

  updateEachNodeAttributes(updater: Parameters<LayoutTarget['updateEachNodeAttributes']>[0]): void {
    this.base.updateEachNodeAttributes(updater);
  }

  /** Each neighbour once, by a typed edge or a link. */
  neighbors(key: string): string[] {
    this.adjacency ??= undirectedAdjacency(this.links);
    const extra = this.adjacency.get(key);
    const base = this.base.neighbors(key);
    if (!extra) return base;
    return [...new Set([...base, ...extra])];
  }
}

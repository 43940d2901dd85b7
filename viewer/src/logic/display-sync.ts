/**
 * Keeps the display graph (what sigma draws) equal to a Display (visibility.ts): nodes and edges share their
 * attribute objects with the viewer's graph, co-mention links get their own. Only what changed is added or dropped,
 * so sigma indexes a few nodes on a brush move, not the whole view.
 */
import { isCoMentionLink, type DisplayGraph, type ViewerGraph } from './model.js';
import type { Display } from './visibility.js';
import type { EdgeTable } from './edge-table.js';

export function syncDisplay(display: DisplayGraph, graph: ViewerGraph, table: EdgeTable, want: Display): { added: number; dropped: number } {
  let added = 0;
  let dropped = 0;
  for (const key of display.nodes()) {
    if (!want.nodes.has(key)) { display.dropNode(key); dropped++; }
  }
  display.forEachEdge((key, a) => {
    if (isCoMentionLink(a) ? !want.links.has(key) : !want.edges.has(key)) { display.dropEdge(key); dropped++; }
  });
  for (const key of want.nodes) {
    if (!display.hasNode(key)) { display.addNode(key, graph.getNodeAttributes(key)); added++; }
  }
  for (const [key, i] of want.edgeAt) {
    if (display.hasEdge(key)) continue;
    display.addDirectedEdgeWithKey(key, table.sources[i]!, table.targets[i]!, table.attributes[i]!);
    added++;
  }
  for (const [key, link] of want.links) {
    const attrs = display.hasEdge(key) ? display.getEdgeAttributes(key) : null;
    if (attrs && isCoMentionLink(attrs) && attrs.count === link.shown) continue;
    // A count that changed with the range: the link is made again, which sigma sees as a change.
    if (attrs) display.dropEdge(key);
    display.addDirectedEdgeWithKey(key, link.source, link.target, { coMention: true, count: link.shown });
    added++;
  }
  return { added, dropped };
}

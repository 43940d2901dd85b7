/**
 * The neighbourhood of one entity: nodes up to `depth` steps away and the edges walked to reach them, with their
 * evidence. Breadth-first, so each node's `depth` is its shortest distance.
 */
import { NewsgraphError } from '../errors.js';
import { RELATION_IDS, type EntityKind, type RelationId } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { checkKinds } from './find-entity.js';
import { requireEntity, type Resolution } from './resolve.js';
import { checkDirection, checkRelations, forEachStep } from './traverse.js';
import type { Direction, EdgeView, NodeSummary } from './types.js';
import { edgeView, nodeSummary } from './views.js';

export interface NeighboursOptions {
  /** Steps from the entity; 1 = direct neighbours. */
  depth: number;
  /** Follow only these relations (empty: all). */
  relations: readonly RelationId[];
  /** `out`: edges from the entity (what it did); `in`: edges to it (what was done to it); `both`. */
  direction: Direction;
  /** Reach only nodes of these kinds (empty: all). Nodes of other kinds are neither listed nor walked through. */
  kinds: readonly EntityKind[];
}

export const NEIGHBOURS_DEFAULTS: NeighboursOptions = { depth: 1, relations: [], direction: 'both', kinds: [] };

export interface NeighbourNode extends NodeSummary {
  /** Steps from the entity. */
  depth: number;
}

export interface NeighboursResult {
  entity: NodeSummary;
  /** How the entity was found from the name given. */
  resolution: Resolution;
  /** Nearest first, then by label. The entity itself is not listed. */
  nodes: NeighbourNode[];
  /** Every edge walked, nearest first, then in relation-table order. */
  edges: EdgeView[];
}

const RELATION_ORDER = new Map(RELATION_IDS.map((r, i) => [r, i]));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `entity` is a node key or a name (resolved with `resolveEntity`; throws `EntityLookupError` unless one node fits). */
export function neighbours(graph: NewsGraph, entity: string, options: Partial<NeighboursOptions> = {}): NeighboursResult {
  const o: NeighboursOptions = { ...NEIGHBOURS_DEFAULTS, ...options };
  if (!Number.isInteger(o.depth) || o.depth < 1) throw new NewsgraphError(`neighbours: depth must be a whole number of 1 or more, not ${String(o.depth)}`);
  checkRelations(o.relations, 'neighbours');
  checkKinds(o.kinds, 'neighbours');
  checkDirection(o.direction, 'neighbours');
  const { key: start, resolution } = requireEntity(graph, entity);

  const kinds = new Set(o.kinds);
  const filter = { direction: o.direction, relations: new Set(o.relations) };
  const depthOf = new Map<string, number>([[start, 0]]);
  const edges = new Set<string>();
  let frontier = [start];
  for (let d = 1; d <= o.depth && frontier.length; d++) {
    const next: string[] = [];
    for (const node of frontier) {
      forEachStep(graph, node, filter, (edge, other) => {
        if (other !== start && kinds.size && !kinds.has(graph.getNodeAttribute(other, 'kind'))) return;
        edges.add(edge);
        if (!depthOf.has(other)) {
          depthOf.set(other, d);
          next.push(other);
        }
      });
    }
    frontier = next;
  }

  const nodes: NeighbourNode[] = [];
  for (const [key, depth] of depthOf) if (key !== start) nodes.push({ ...nodeSummary(graph, key), depth });
  nodes.sort((a, b) => a.depth - b.depth || cmp(a.label, b.label) || cmp(a.key, b.key));

  const views = [...edges].map((e) => edgeView(graph, e));
  const near = (e: EdgeView) => Math.max(depthOf.get(e.source)!, depthOf.get(e.target)!);
  views.sort((a, b) => near(a) - near(b) || RELATION_ORDER.get(a.relation)! - RELATION_ORDER.get(b.relation)! ||
    cmp(a.sourceLabel, b.sourceLabel) || cmp(a.targetLabel, b.targetLabel) || cmp(a.key, b.key));

  return { entity: nodeSummary(graph, start), resolution, nodes, edges: views };
}

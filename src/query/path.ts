/**
 * The shortest chain of edges between two entities. Edges are walked both ways by default (`direction: 'both'`),
 * because "how are A and B connected" rarely cares which way each statement points; `out` follows edges from
 * source to target only, `in` only backwards. Bidirectional breadth-first search, so hubs stay cheap.
 */
import { NewsgraphError } from '../errors.js';
import type { RelationId } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { requireEntity, type Resolution } from './resolve.js';
import { checkDirection, checkRelations, forEachStep, reverse, type StepFilter } from './traverse.js';
import type { Direction, EdgeView, NodeSummary } from './types.js';
import { edgeView, nodeSummary } from './views.js';

export interface PathOptions {
  /** Longest path searched, in edges. */
  maxDepth: number;
  /** Walk only these relations (empty: all). */
  relations: readonly RelationId[];
  direction: Direction;
}

export const PATH_DEFAULTS: PathOptions = { maxDepth: 6, relations: [], direction: 'both' };

export interface PathHop {
  from: string;
  to: string;
  /** True when the edge points from `to` to `from`, i.e. was walked against its direction. */
  reversed: boolean;
  edge: EdgeView;
}

export interface PathResult {
  from: NodeSummary;
  to: NodeSummary;
  resolution: { from: Resolution; to: Resolution };
  /** Number of edges. */
  length: number;
  /** `from`, the nodes in between, `to`. */
  nodes: NodeSummary[];
  hops: PathHop[];
}

interface Visit {
  depth: number;
  prev?: string;
  edge?: string;
  reversed?: boolean;
}

/** The shortest path between two entities (keys or names), or null when none exists within `maxDepth`. */
export function path(graph: NewsGraph, a: string, b: string, options: Partial<PathOptions> = {}): PathResult | null {
  const o: PathOptions = { ...PATH_DEFAULTS, ...options };
  if (!Number.isInteger(o.maxDepth) || o.maxDepth < 1) throw new NewsgraphError(`path: maxDepth must be a whole number of 1 or more, not ${String(o.maxDepth)}`);
  checkRelations(o.relations, 'path');
  checkDirection(o.direction, 'path');
  const from = requireEntity(graph, a);
  const to = requireEntity(graph, b);
  const s = from.key;
  const t = to.key;

  const relations = new Set(o.relations);
  const forward: StepFilter = { direction: o.direction, relations };
  const backward: StepFilter = { direction: reverse(o.direction), relations };
  const seenF = new Map<string, Visit>([[s, { depth: 0 }]]);
  const seenB = new Map<string, Visit>([[t, { depth: 0 }]]);
  let frontF = [s];
  let frontB = [t];
  let depthF = 0;
  let depthB = 0;
  let meet: string | undefined = s === t ? s : undefined;

  while (meet === undefined && frontF.length && frontB.length && depthF + depthB < o.maxDepth) {
    // Grow the smaller side by one full layer, then keep the best meeting point of that layer.
    const growForward = frontF.length <= frontB.length;
    const [front, seen, other, filter] = growForward ? [frontF, seenF, seenB, forward] : [frontB, seenB, seenF, backward];
    const depth = (growForward ? depthF : depthB) + 1;
    const next: string[] = [];
    let best = Infinity;
    for (const node of front) {
      forEachStep(graph, node, filter, (edge, neighbour, reversed) => {
        if (seen.has(neighbour)) return;
        seen.set(neighbour, { depth, prev: node, edge, reversed });
        next.push(neighbour);
        const there = other.get(neighbour);
        if (there && depth + there.depth < best) {
          best = depth + there.depth;
          meet = neighbour;
        }
      });
    }
    if (growForward) {
      frontF = next;
      depthF = depth;
    } else {
      frontB = next;
      depthB = depth;
    }
  }
  if (meet === undefined) return null;

  const hops: PathHop[] = [];
  const left: PathHop[] = [];
  for (let node = meet; node !== s;) {
    const v = seenF.get(node)!;
    left.push({ from: v.prev!, to: node, reversed: v.reversed!, edge: edgeView(graph, v.edge!) });
    node = v.prev!;
  }
  hops.push(...left.reverse());
  for (let node = meet; node !== t;) {
    const v = seenB.get(node)!;
    // The backward search walked t → meet; seen from s the hop runs the other way.
    hops.push({ from: node, to: v.prev!, reversed: !v.reversed!, edge: edgeView(graph, v.edge!) });
    node = v.prev!;
  }
  if (hops.length > o.maxDepth) return null;
  const nodes = [nodeSummary(graph, s), ...hops.map((h) => nodeSummary(graph, h.to))];
  return { from: nodes[0]!, to: nodeSummary(graph, t), resolution: { from: from.resolution, to: to.resolution }, length: hops.length, nodes, hops };
}

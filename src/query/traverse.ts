/**
 * One step of a walk: the edges leaving a node in a direction, with relation filters. Symmetric relations (met
 * with, related to) are stored once in a canonical order, so they are followed both ways whatever the direction;
 * an open relation keeps the text's direction ("X acquired Y"), so it is followed as stored.
 */
import { NewsgraphError } from '../errors.js';
import { isRelationId, RELATION_IDS, RELATIONS, type EdgeAttrs, type RelationId } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { DIRECTIONS, type Direction } from './types.js';

const SYMMETRIC: ReadonlySet<string> = new Set(RELATION_IDS.filter((r) => RELATIONS[r].symmetric));

export type Step = (edge: string, neighbour: string, reversed: boolean) => void;

const eitherWay = (a: EdgeAttrs) => SYMMETRIC.has(a.relation) && !a.open;

export interface StepFilter {
  direction: Direction;
  /** Empty: every relation. */
  relations: ReadonlySet<RelationId>;
}

export function checkRelations(relations: readonly string[], where: string): void {
  for (const r of relations) if (!isRelationId(r)) throw new NewsgraphError(`${where}: unknown relation ${JSON.stringify(r)}`);
}

export function checkDirection(direction: string, where: string): asserts direction is Direction {
  if (!DIRECTIONS.includes(direction as Direction)) throw new NewsgraphError(`${where}: direction must be one of ${DIRECTIONS.join(', ')}, not ${JSON.stringify(direction)}`);
}

export function reverse(direction: Direction): Direction {
  return direction === 'out' ? 'in' : direction === 'in' ? 'out' : 'both';
}

/** Calls `step` for every edge at `node` that the filter lets through; `reversed` means walked target → source. */
export function forEachStep(graph: NewsGraph, node: string, filter: StepFilter, step: Step): void {
  const { direction, relations } = filter;
  const all = relations.size === 0;
  if (direction !== 'in') {
    graph.forEachOutEdge(node, (edge, a, _s, target) => {
      if (all || relations.has(a.relation)) step(edge, target, false);
    });
  }
  if (direction !== 'out') {
    graph.forEachInEdge(node, (edge, a, source) => {
      if (all || relations.has(a.relation)) step(edge, source, true);
    });
  }
  if (direction === 'out') {
    graph.forEachInEdge(node, (edge, a, source) => {
      if (eitherWay(a) && (all || relations.has(a.relation))) step(edge, source, true);
    });
  } else if (direction === 'in') {
    graph.forEachOutEdge(node, (edge, a, _s, target) => {
      if (eitherWay(a) && (all || relations.has(a.relation))) step(edge, target, false);
    });
  }
}

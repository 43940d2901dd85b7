/**
 * One node for a name, or a clear refusal: the step between `findEntity`'s ranked candidates and the queries that
 * need a single starting point.
 */
import { NewsgraphError } from '../errors.js';
import type { NewsGraph } from '../graph/io.js';
import { findEntity, type EntityMatch, type FindEntityOptions } from './find-entity.js';

export type ResolveStatus = 'found' | 'ambiguous' | 'not_found';

export interface Resolution {
  status: ResolveStatus;
  /** The chosen node when `status` is `found`. */
  match?: EntityMatch;
  /** Every candidate, ranked (the chosen one first). */
  candidates: EntityMatch[];
}

/** A fuzzy best match is taken alone only when it leads the runner-up by this much. */
export const FUZZY_LEAD = 0.15;

/**
 * `found` when the name is a node key, names exactly one node by label or alias, or has a single fuzzy candidate
 * or one that leads the next by `FUZZY_LEAD`; `ambiguous` when several fit about equally; else `not_found`.
 */
export function resolveEntity(graph: NewsGraph, name: string, options: Partial<FindEntityOptions> = {}): Resolution {
  const candidates = findEntity(graph, name, options);
  const [first, second] = candidates;
  if (!first) return { status: 'not_found', candidates };
  if (!second) return { status: 'found', match: first, candidates };
  if (first.match === 'fuzzy' && first.score - second.score >= FUZZY_LEAD) return { status: 'found', match: first, candidates };
  return { status: 'ambiguous', candidates };
}

/** Thrown when a query names no node or several: exit code 1, with the candidates for the caller to show. */
export class EntityLookupError extends NewsgraphError {
  constructor(readonly query: string, readonly resolution: Resolution) {
    super(
      resolution.status === 'ambiguous'
        ? `${JSON.stringify(query)} matches ${resolution.candidates.length} entities: ${resolution.candidates.map((c) => `${c.node.label} (${c.node.kind})`).join(', ')}`
        : `no entity matches ${JSON.stringify(query)}`,
      1,
    );
    this.name = 'EntityLookupError';
  }
}

/** The node key for `entity` (a key or a name); throws `EntityLookupError` unless exactly one node fits. */
export function requireEntity(graph: NewsGraph, entity: string): { key: string; resolution: Resolution } {
  if (graph.hasNode(entity)) {
    const candidates = findEntity(graph, entity);
    return { key: entity, resolution: { status: 'found', match: candidates[0]!, candidates } };
  }
  const resolution = resolveEntity(graph, entity);
  if (resolution.status !== 'found') throw new EntityLookupError(entity, resolution);
  return { key: resolution.match!.node.key, resolution };
}

/**
 * The viewer's in-memory graph: graph.json's contract (src/schema) plus the few things a foreign file (GEXF, an
 * older export) may lack. Kinds and relations outside the schema are kept under `other` rather than guessed.
 */
import { MultiDirectedGraph } from 'graphology';
import {
  ENTITY_KINDS, KINDS, RELATION_IDS, RELATIONS, isEntityKind, isRelationId,
  type EntityKind, type RelationId, type NodeAttrs, type EdgeAttrs, type GraphAttrs,
} from '../../../src/schema/index.js';

export const OTHER = 'other';
export type KindKey = EntityKind | typeof OTHER;
export type RelationKey = RelationId | typeof OTHER;

export const KIND_KEYS: readonly KindKey[] = [...ENTITY_KINDS, OTHER];
export const RELATION_KEYS: readonly RelationKey[] = [...RELATION_IDS, OTHER];

export const OTHER_COLOR = '#a1a1aa';

export function kindLabel(kind: KindKey, plural = false): string {
  if (kind === OTHER) return plural ? 'Other' : 'Other';
  return plural ? KINDS[kind].plural : KINDS[kind].label;
}

export function kindColor(kind: KindKey): string {
  return kind === OTHER ? OTHER_COLOR : KINDS[kind].color;
}

export function relationLabel(relation: RelationKey): string {
  return relation === OTHER ? 'other' : RELATIONS[relation].label;
}

export function relationColor(relation: RelationKey): string {
  return relation === OTHER ? OTHER_COLOR : RELATIONS[relation].color;
}

/** Symmetric relations (and undirected foreign edges) are drawn without an arrow head. */
export function isSymmetric(relation: RelationKey): boolean {
  return relation === OTHER ? false : RELATIONS[relation].symmetric;
}

export interface ViewerNodeAttrs extends Omit<NodeAttrs, 'kind'> {
  kind: KindKey;
}

export interface ViewerEdgeAttrs extends Omit<EdgeAttrs, 'relation'> {
  relation: RelationKey;
  /** False for undirected edges of a foreign file. */
  directed: boolean;
}

export type ViewerGraph = MultiDirectedGraph<ViewerNodeAttrs, ViewerEdgeAttrs, Partial<GraphAttrs>>;

export { isEntityKind, isRelationId };

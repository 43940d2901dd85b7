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

/** Open relations (no row of the relation table: `related_to` with `open`) and relations outside the schema share one row. */
export function relationLabel(relation: RelationKey): string {
  return relation === OTHER ? 'other (open)' : RELATIONS[relation].label;
}

/** The filter row an edge belongs to: its relation, or `other` for an open relation. */
export function relationKeyOf(attrs: { relation: RelationKey; open?: boolean }): RelationKey {
  return attrs.open ? OTHER : attrs.relation;
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
  /** The article of each evidence, in order: what time and article filters count, loaded or not. */
  evidenceArticles: string[];
  /** Where the evidence sentences are to be fetched (the edge's index in a compact graph); null once they are here. */
  evidenceAt: number | null;
}

/** A co-mention drawn in the view (never part of the graph itself): two nodes named in the same sentences. */
export interface CoMentionLinkAttrs {
  coMention: true;
  /** Sentences naming both, in the articles the view keeps. */
  count: number;
}

export const isCoMentionLink = (attrs: ViewerEdgeAttrs | CoMentionLinkAttrs): attrs is CoMentionLinkAttrs => 'coMention' in attrs;

/** What sigma draws: the nodes and edges the view keeps, and co-mention links when asked for. */
export type DisplayGraph = MultiDirectedGraph<ViewerNodeAttrs, ViewerEdgeAttrs | CoMentionLinkAttrs, Partial<GraphAttrs>>;

export type ViewerGraph = MultiDirectedGraph<ViewerNodeAttrs, ViewerEdgeAttrs, Partial<GraphAttrs>>;

export { isEntityKind, isRelationId };

/**
 * Kind and relation filters. Hiding is a view concern: the reducers read this state, the graph is never edited.
 */
import { KIND_KEYS, RELATION_KEYS, relationKeyOf, type KindKey, type RelationKey, type ViewerGraph } from './model.js';

export interface FilterState {
  hiddenKinds: ReadonlySet<KindKey>;
  hiddenRelations: ReadonlySet<RelationKey>;
}

export const NO_FILTERS: FilterState = Object.freeze({ hiddenKinds: new Set<KindKey>(), hiddenRelations: new Set<RelationKey>() });

export function toggleKind(state: FilterState, kind: KindKey, visible: boolean): FilterState {
  const hiddenKinds = new Set(state.hiddenKinds);
  if (visible) hiddenKinds.delete(kind);
  else hiddenKinds.add(kind);
  return { ...state, hiddenKinds };
}

export function toggleRelation(state: FilterState, relation: RelationKey, visible: boolean): FilterState {
  const hiddenRelations = new Set(state.hiddenRelations);
  if (visible) hiddenRelations.delete(relation);
  else hiddenRelations.add(relation);
  return { ...state, hiddenRelations };
}

export function isKindVisible(state: FilterState, kind: KindKey): boolean {
  return !state.hiddenKinds.has(kind);
}

export function isNodeVisible(graph: ViewerGraph, state: FilterState, node: string): boolean {
  return !state.hiddenKinds.has(graph.getNodeAttribute(node, 'kind'));
}

/** An edge shows when its relation is shown and both its ends are. */
export function isEdgeVisible(graph: ViewerGraph, state: FilterState, edge: string): boolean {
  if (state.hiddenRelations.has(relationKeyOf(graph.getEdgeAttributes(edge)))) return false;
  const [source, target] = graph.extremities(edge);
  return isNodeVisible(graph, state, source) && isNodeVisible(graph, state, target);
}

export interface FilterCount<K> {
  key: K;
  /** Items of this kind/relation in the graph. */
  total: number;
}

/** Node counts per kind and edge counts per relation, in schema order, leaving out empty groups. */
export function filterCounts(graph: ViewerGraph): { kinds: FilterCount<KindKey>[]; relations: FilterCount<RelationKey>[] } {
  const kinds = new Map<KindKey, number>();
  const relations = new Map<RelationKey, number>();
  graph.forEachNode((_k, a) => kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1));
  graph.forEachEdge((_k, a) => relations.set(relationKeyOf(a), (relations.get(relationKeyOf(a)) ?? 0) + 1));
  return {
    kinds: KIND_KEYS.filter((k) => kinds.has(k)).map((key) => ({ key, total: kinds.get(key)! })),
    relations: RELATION_KEYS.filter((r) => relations.has(r)).map((key) => ({ key, total: relations.get(key)! })),
  };
}

/** Keys of the nodes the filters leave visible. */
export function visibleNodes(graph: ViewerGraph, state: FilterState): string[] {
  return graph.filterNodes((_k, a) => !state.hiddenKinds.has(a.kind));
}

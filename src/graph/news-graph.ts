/**
 * The graph type every stage shares. Apart from io.ts so that the modules io.ts uses (the draft, migrations) can
 * name it without importing io.ts back.
 */
import { MultiDirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import type { EdgeAttrs, GraphAttrs, NodeAttrs } from '../schema/index.js';

export type NewsGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;
export type SerializedNewsGraph = SerializedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;

export function createNewsGraph(): NewsGraph {
  return new MultiDirectedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>({ allowSelfLoops: false });
}

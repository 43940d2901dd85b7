/**
 * Result shapes of the query API. They are the `--json` output of the CLI too, so fields are only ever added, never
 * renamed or removed (docs/query-json.md).
 */
import type { EntityKind, Evidence, RelationId } from '../schema/index.js';

/** What a result says about a node. Optional fields are absent, never null. */
export interface NodeSummary {
  key: string;
  label: string;
  kind: EntityKind;
  category?: string;
  aliases: string[];
  articles: string[];
  mentions: number;
  date?: string;
  title?: string;
}

/** An edge with its evidence. `source` and `target` are node keys; the labels save a lookup. */
export interface EdgeView {
  key: string;
  source: string;
  target: string;
  sourceLabel: string;
  targetLabel: string;
  relation: RelationId;
  /** The relation's words, or an open relation's phrase. */
  label: string;
  /** An open relation (docs/graph-format.md): `relation` is related_to, `label` the text's phrase. Absent otherwise. */
  open?: true;
  weight: number;
  confidence: number;
  evidence: Evidence[];
}

/** Which way edges may be followed from a node: `out` from source to target, `in` backwards, `both` either. */
export type Direction = 'out' | 'in' | 'both';
export const DIRECTIONS: readonly Direction[] = ['out', 'in', 'both'];

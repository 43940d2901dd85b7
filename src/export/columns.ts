/**
 * The node and edge attributes the tabular and XML exporters write, in one place so every format names and types
 * them alike. Viewer-only fields (x, y, size, colour) are handled by each format its own way.
 */
import type { EdgeAttrs, NodeAttrs } from '../schema/index.js';
import { evidenceArticles, evidenceText } from './evidence-text.js';

export type ColumnValue = string | number | boolean | readonly string[] | undefined;
export type ColumnType = 'string' | 'integer' | 'double' | 'boolean' | 'list';

export interface Column<A> {
  /** The attribute name in the exported file. */
  readonly id: string;
  /** `integer` columns fall back to `double` when a value is not whole. */
  readonly type: ColumnType;
  readonly value: (attributes: A) => ColumnValue;
  /** Whether `value` would give something, when that is much cheaper to tell than computing it. */
  readonly has?: (attributes: A) => boolean;
}

/** "person: 2, group: 1", the votes an entity's kind lost. */
export function kindVotesText(votes: NodeAttrs['kindVotes']): string | undefined {
  if (!votes) return undefined;
  const parts = Object.entries(votes).filter(([, n]) => typeof n === 'number').map(([k, n]) => `${k}: ${n}`);
  return parts.length ? parts.join(', ') : undefined;
}

export const NODE_COLUMNS: readonly Column<NodeAttrs>[] = [
  { id: 'kind', type: 'string', value: (a) => a.kind },
  { id: 'category', type: 'string', value: (a) => a.category },
  { id: 'aliases', type: 'list', value: (a) => a.aliases },
  { id: 'articles', type: 'list', value: (a) => a.articles },
  { id: 'mentions', type: 'integer', value: (a) => a.mentions },
  { id: 'title', type: 'string', value: (a) => a.title },
  { id: 'date', type: 'string', value: (a) => a.date },
  { id: 'nationality', type: 'string', value: (a) => a.nationality },
  { id: 'count', type: 'integer', value: (a) => a.count },
  { id: 'approx', type: 'boolean', value: (a) => a.approx },
  { id: 'kindVotes', type: 'string', value: (a) => kindVotesText(a.kindVotes) },
  { id: 'publisher', type: 'string', value: (a) => a.publisher },
  { id: 'file', type: 'string', value: (a) => a.file },
  { id: 'url', type: 'string', value: (a) => a.url },
];

export const EDGE_COLUMNS: readonly Column<EdgeAttrs>[] = [
  { id: 'relation', type: 'string', value: (a) => a.relation },
  // An open relation: its phrase is the edge's label.
  { id: 'open', type: 'boolean', value: (a) => (a.open ? true : undefined) },
  { id: 'confidence', type: 'double', value: (a) => a.confidence },
  { id: 'articles', type: 'list', value: (a) => evidenceArticles(a.evidence), has: (a) => a.evidence.length > 0 },
  { id: 'evidence', type: 'string', value: (a) => (a.evidence.length ? evidenceText(a.evidence) : undefined), has: (a) => a.evidence.length > 0 },
];

/** The columns some element actually fills, with `integer` widened to `double` where a value is fractional. */
export function usedColumns<A>(columns: readonly Column<A>[], each: (visit: (attributes: A) => void) => void): Column<A>[] {
  const used = new Set<string>();
  const fractional = new Set<string>();
  each((attributes) => {
    for (const c of columns) {
      if (c.has) {
        if (c.has(attributes)) used.add(c.id);
        continue;
      }
      const v = c.value(attributes);
      if (v === undefined || v === '') continue;
      used.add(c.id);
      if (c.type === 'integer' && typeof v === 'number' && !Number.isInteger(v)) fractional.add(c.id);
    }
  });
  return columns
    .filter((c) => used.has(c.id))
    .map((c) => (fractional.has(c.id) ? { ...c, type: 'double' as const } : c));
}

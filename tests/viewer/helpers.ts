/**
 * Small hand-made graphs for the viewer's logic tests, built through the same normalisation the viewer uses.
 */
import { normaliseGraph } from '../../viewer/src/logic/normalise.js';
import type { ViewerGraph } from '../../viewer/src/logic/model.js';
import { RELATIONS, type Evidence, type RelationId } from '../../src/schema/index.js';

export interface NodeSpec {
  key: string;
  label?: string;
  kind?: string;
  aliases?: string[];
  articles?: string[];
  category?: string;
  title?: string;
  date?: string;
  publisher?: string;
  file?: string;
  url?: string;
  size?: number;
}

export interface EdgeSpec {
  key?: string;
  source: string;
  target: string;
  relation: RelationId | string;
  /** Defaults to the relation's words; an open relation's phrase with `open`. */
  label?: string;
  open?: boolean | string;
  evidence?: Evidence[];
  weight?: number;
}

export function buildGraph(nodes: NodeSpec[], edges: EdgeSpec[]): ViewerGraph {
  const data = {
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    attributes: { schemaVersion: 1 },
    nodes: nodes.map((n, i) => ({
      key: n.key,
      attributes: {
        label: n.label ?? n.key, kind: n.kind ?? 'person', aliases: n.aliases ?? [n.label ?? n.key], articles: n.articles ?? [],
        mentions: 1, x: i, y: i % 3, size: n.size ?? 5, color: '#000000',
        ...(n.category ? { category: n.category } : {}), ...(n.title ? { title: n.title } : {}), ...(n.date ? { date: n.date } : {}),
        ...(n.publisher ? { publisher: n.publisher } : {}), ...(n.file ? { file: n.file } : {}), ...(n.url ? { url: n.url } : {}),
      },
    })),
    edges: edges.map((e, i) => {
      const evidence = e.evidence ?? [];
      return {
        key: e.key ?? `e${i}`,
        source: e.source,
        target: e.target,
        attributes: {
          relation: e.relation, label: e.label ?? (RELATIONS as Record<string, { label: string }>)[e.relation]?.label ?? String(e.relation),
          ...(e.open === undefined ? {} : { open: e.open }),
          evidence, weight: e.weight ?? Math.max(1, evidence.length), confidence: 0.9,
        },
      };
    }),
  };
  return normaliseGraph(data, 'test.json').graph;
}

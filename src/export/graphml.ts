/**
 * GraphML (http://graphml.graphdrawing.org) for yEd, Cytoscape, networkx and graph databases. graphology-graphml
 * only parses, so this is a small writer with declared, typed keys.
 *
 * GraphML has no list or record type, so lists (aliases, articles) and the evidence are JSON text: lossless, and
 * `JSON.parse` gives them back. Colours are written both as `color` and as Gephi's r/g/b integers.
 */
import type { EdgeAttrs, NodeAttrs } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { parseColor } from './color.js';
import { XmlWriter, xmlIds } from './xml.js';

export interface GraphmlOptions {
  /** Indent the output. */
  pretty: boolean;
  /** Write `xsi:schemaLocation` pointing at the GraphML XSD. */
  schemaLocation: boolean;
}

export const GRAPHML_DEFAULTS: GraphmlOptions = { pretty: true, schemaLocation: true };

export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

type GraphmlType = 'string' | 'int' | 'double' | 'boolean';
type Value = string | number | boolean | undefined;

interface Key<A> {
  name: string;
  type: GraphmlType;
  value: (a: A) => Value;
}

// JSON already escapes control characters and lone surrogates; U+FFFE/FFFF are escaped too, so that no character
// XML would drop is left and the JSON fields stay lossless.
const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`));
const channel = (c: 'r' | 'g' | 'b') => (a: { color?: string }) => parseColor(a.color)?.[c];

const NODE_KEYS: Key<NodeAttrs>[] = [
  { name: 'label', type: 'string', value: (a) => a.label },
  { name: 'kind', type: 'string', value: (a) => a.kind },
  { name: 'category', type: 'string', value: (a) => a.category },
  { name: 'aliases', type: 'string', value: (a) => json(a.aliases) },
  { name: 'articles', type: 'string', value: (a) => json(a.articles) },
  { name: 'mentions', type: 'int', value: (a) => a.mentions },
  { name: 'title', type: 'string', value: (a) => a.title },
  { name: 'date', type: 'string', value: (a) => a.date },
  { name: 'nationality', type: 'string', value: (a) => a.nationality },
  { name: 'count', type: 'double', value: (a) => a.count },
  { name: 'approx', type: 'boolean', value: (a) => a.approx },
  { name: 'kindVotes', type: 'string', value: (a) => json(a.kindVotes) },
  { name: 'publisher', type: 'string', value: (a) => a.publisher },
  { name: 'file', type: 'string', value: (a) => a.file },
  { name: 'url', type: 'string', value: (a) => a.url },
  { name: 'x', type: 'double', value: (a) => a.x },
  { name: 'y', type: 'double', value: (a) => a.y },
  { name: 'size', type: 'double', value: (a) => a.size },
  { name: 'color', type: 'string', value: (a) => a.color },
  { name: 'r', type: 'int', value: channel('r') },
  { name: 'g', type: 'int', value: channel('g') },
  { name: 'b', type: 'int', value: channel('b') },
];

const EDGE_KEYS: Key<EdgeAttrs>[] = [
  { name: 'relation', type: 'string', value: (a) => a.relation },
  { name: 'label', type: 'string', value: (a) => a.label },
  { name: 'open', type: 'boolean', value: (a) => (a.open ? true : undefined) },
  { name: 'weight', type: 'double', value: (a) => a.weight },
  { name: 'confidence', type: 'double', value: (a) => a.confidence },
  { name: 'evidence', type: 'string', value: (a) => json(a.evidence) },
];

const GRAPH_KEYS: Key<Record<string, unknown>>[] = [
  { name: 'schemaVersion', type: 'int', value: (a) => (typeof a.schemaVersion === 'number' ? a.schemaVersion : undefined) },
  { name: 'generator', type: 'string', value: (a) => (typeof a.generator === 'string' ? a.generator : undefined) },
  { name: 'extractorVersion', type: 'string', value: (a) => (typeof a.extractorVersion === 'string' ? a.extractorVersion : undefined) },
  { name: 'articleCount', type: 'int', value: (a) => (typeof a.articleCount === 'number' ? a.articleCount : undefined) },
];

function used<A>(keys: Key<A>[], each: (visit: (a: A) => void) => void): Key<A>[] {
  const seen = new Set<string>();
  each((a) => {
    for (const k of keys) if (!seen.has(k.name) && valid(k.value(a))) seen.add(k.name);
  });
  return keys.filter((k) => seen.has(k.name));
}

const valid = (v: Value): v is string | number | boolean => v !== undefined && (typeof v !== 'number' || Number.isFinite(v));

function writeData<A>(xml: XmlWriter, prefix: string, keys: Key<A>[], a: A): void {
  for (const k of keys) {
    const v = k.value(a);
    if (valid(v)) xml.text('data', String(v), [['key', `${prefix}_${k.name}`]]);
  }
}

export function exportGraphml(graph: NewsGraph, options: Partial<GraphmlOptions> = {}): string {
  const o: GraphmlOptions = { ...GRAPHML_DEFAULTS, ...options };
  const graphAttrs = graph.getAttributes() as unknown as Record<string, unknown>;
  const graphKeys = GRAPH_KEYS.filter((k) => valid(k.value(graphAttrs)));
  const nodeKeys = used(NODE_KEYS, (visit) => graph.forEachNode((_k, a) => visit(a)));
  const edgeKeys = used(EDGE_KEYS, (visit) => graph.forEachEdge((_k, a) => visit(a)));
  const nodeIds = xmlIds(graph.nodes(), 'graphml');
  const edgeIds = xmlIds(graph.edges(), 'graphml');

  const xml = new XmlWriter(o.pretty ? '  ' : '');
  xml.open('graphml', [
    ['xmlns', GRAPHML_NAMESPACE],
    ...(o.schemaLocation
      ? ([['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'], ['xsi:schemaLocation', `${GRAPHML_NAMESPACE} ${GRAPHML_NAMESPACE}/1.0/graphml.xsd`]] as Array<[string, string]>)
      : []),
  ]);
  // Key ids carry their domain so a node `label` and an edge `label` never share an id.
  const declare = <A>(domain: 'graph' | 'node' | 'edge', prefix: string, keys: Key<A>[]) => {
    for (const k of keys) xml.empty('key', [['id', `${prefix}_${k.name}`], ['for', domain], ['attr.name', k.name], ['attr.type', k.type]]);
  };
  declare('graph', 'g', graphKeys);
  declare('node', 'n', nodeKeys);
  declare('edge', 'e', edgeKeys);

  xml.open('graph', [['id', 'newsgraph'], ['edgedefault', 'directed']]);
  writeData(xml, 'g', graphKeys, graphAttrs);
  graph.forEachNode((key, a) => {
    xml.open('node', [['id', nodeIds.get(key)]]);
    writeData(xml, 'n', nodeKeys, a);
    xml.close();
  });
  graph.forEachEdge((key, a, source, target) => {
    xml.open('edge', [['id', edgeIds.get(key)], ['source', nodeIds.get(source)], ['target', nodeIds.get(target)]]);
    writeData(xml, 'e', edgeKeys, a);
    xml.close();
  });
  xml.close().close();
  return xml.toString();
}

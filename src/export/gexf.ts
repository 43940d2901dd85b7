/**
 * GEXF 1.3 (https://gexf.net) for Gephi and other readers. Written by hand rather than with graphology-gexf, whose
 * writer cannot date nodes and edges (no `start`, no dynamic mode, so no Gephi timeline) and writes 1.3 colours as
 * `hex`, which networkx cannot read. The output validates against the official RELAX NG schema.
 *
 * Nodes: `label`, typed attributes (see columns.ts; lists as GEXF 1.3 `liststring`), viz colour as r/g/b, size and
 * position. Edges: `label` = the relation's words, `kind` = the relation id (GEXF's own field for parallel edge
 * types), `weight` = evidence count, attributes relation/confidence/articles/evidence (one `[article] sentence` line
 * per item). Nodes and edges start on the earliest date of their articles when article nodes carry dates.
 */
import { RELATIONS } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { VERSION } from '../version.js';
import { articleDates, earliestDate } from './article-dates.js';
import { parseColor } from './color.js';
import { EDGE_COLUMNS, NODE_COLUMNS, usedColumns, type Column, type ColumnValue } from './columns.js';
import { dropForbiddenXmlChars, XmlWriter, xmlIds, type XmlAttributeValue } from './xml.js';
import { evidenceArticles } from './evidence-text.js';

export const GEXF_NAMESPACE = 'http://gexf.net/1.3';
export const GEXF_VIZ_NAMESPACE = 'http://gexf.net/1.3/viz';

export interface GexfOptions {
  /** `<meta><creator>`. */
  creator: string;
  /** `<meta><description>`; undefined writes a summary of the graph. */
  description: string | undefined;
  /** Date nodes and edges from their articles (mode="dynamic"), when any article has a date. */
  dynamic: boolean;
  /** Indent the output. */
  pretty: boolean;
  /** Write `xsi:schemaLocation`, as Gephi does (validators using the RELAX NG schema must strip it). */
  schemaLocation: boolean;
}

export const GEXF_DEFAULTS: GexfOptions = {
  creator: `newsgraph ${VERSION}`,
  description: undefined,
  dynamic: true,
  pretty: true,
  schemaLocation: true,
};

const GEXF_TYPES = { string: 'string', integer: 'integer', double: 'double', boolean: 'boolean', list: 'liststring' } as const;

/** GEXF 1.3 list syntax, `["a", "b"]`, with JSON string escapes (what Gephi and graphology-gexf read back). */
function listValue(items: readonly string[]): string {
  return `[${items.map((s) => JSON.stringify(dropForbiddenXmlChars(s))).join(', ')}]`;
}

function attvalue(value: ColumnValue): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return listValue(value);
  return String(value);
}

function writeModel<A>(xml: XmlWriter, cls: 'node' | 'edge', columns: Column<A>[]): void {
  if (!columns.length) return;
  xml.open('attributes', [['class', cls]]);
  for (const c of columns) xml.empty('attribute', [['id', c.id], ['title', c.id], ['type', GEXF_TYPES[c.type]]]);
  xml.close();
}

function writeValues<A>(xml: XmlWriter, columns: Column<A>[], attributes: A): void {
  const values: Array<[string, string]> = [];
  for (const c of columns) {
    const v = attvalue(c.value(attributes));
    if (v !== undefined) values.push([c.id, v]);
  }
  if (!values.length) return;
  xml.open('attvalues');
  for (const [id, value] of values) xml.empty('attvalue', [['for', id], ['value', value]]);
  xml.close();
}

function colorAttributes(color: string | undefined): Array<[string, XmlAttributeValue]> | undefined {
  const rgba = parseColor(color);
  if (!rgba) return undefined;
  return [['r', rgba.r], ['g', rgba.g], ['b', rgba.b], ['a', rgba.a]];
}

function describe(graph: NewsGraph): string {
  const a = graph.getAttributes();
  const from = a.articleCount !== undefined ? ` from ${a.articleCount} news article${a.articleCount === 1 ? '' : 's'}` : '';
  return `Knowledge graph of who did what${from} (${graph.order} nodes, ${graph.size} edges), built by ${a.generator ?? 'newsgraph'}` +
    `${a.extractorVersion ? ` with extractor ${a.extractorVersion}` : ''}. Edge label: the relation; edge kind: the relation id; ` +
    'weight: the number of evidence sentences, listed in the edge attribute "evidence".';
}

export function exportGexf(graph: NewsGraph, options: Partial<GexfOptions> = {}): string {
  const o: GexfOptions = { ...GEXF_DEFAULTS, ...options };
  const dates = o.dynamic ? articleDates(graph) : new Map<string, string>();
  const dynamic = dates.size > 0;
  const nodeColumns = usedColumns(NODE_COLUMNS, (visit) => graph.forEachNode((_k, a) => visit(a)));
  const edgeColumns = usedColumns(EDGE_COLUMNS, (visit) => graph.forEachEdge((_k, a) => visit(a)));
  const nodeIds = xmlIds(graph.nodes(), 'gexf');
  const edgeIds = xmlIds(graph.edges(), 'gexf');

  const xml = new XmlWriter(o.pretty ? '  ' : '');
  xml.open('gexf', [
    ['xmlns', GEXF_NAMESPACE],
    ['xmlns:viz', GEXF_VIZ_NAMESPACE],
    ...(o.schemaLocation
      ? ([['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'], ['xsi:schemaLocation', `${GEXF_NAMESPACE} ${GEXF_NAMESPACE}/gexf.xsd`]] as Array<[string, string]>)
      : []),
    ['version', '1.3'],
  ]);
  xml.open('meta').text('creator', o.creator).text('description', o.description ?? describe(graph)).close();
  xml.open('graph', [['defaultedgetype', 'directed'], ['mode', dynamic ? 'dynamic' : 'static'], ['timeformat', dynamic ? 'date' : undefined]]);
  writeModel(xml, 'node', nodeColumns);
  writeModel(xml, 'edge', edgeColumns);

  xml.open('nodes', [['count', graph.order]]);
  graph.forEachNode((key, a) => {
    const start = dynamic ? earliestDate(a.articles, dates) : undefined;
    xml.open('node', [['id', nodeIds.get(key)], ['label', a.label], ['start', start]]);
    writeValues(xml, nodeColumns, a);
    const color = colorAttributes(a.color);
    if (color) xml.empty('viz:color', color);
    if (Number.isFinite(a.size) && a.size >= 0) xml.empty('viz:size', [['value', a.size]]);
    if (Number.isFinite(a.x) && Number.isFinite(a.y)) xml.empty('viz:position', [['x', a.x], ['y', a.y], ['z', 0]]);
    xml.close();
  });
  xml.close();

  xml.open('edges', [['count', graph.size]]);
  graph.forEachEdge((key, a, source, target) => {
    const start = dynamic ? earliestDate(evidenceArticles(a.evidence), dates) : undefined;
    xml.open('edge', [
      ['id', edgeIds.get(key)], ['source', nodeIds.get(source)], ['target', nodeIds.get(target)],
      ['label', a.label], ['kind', a.relation], ['weight', Number.isFinite(a.weight) ? a.weight : undefined], ['start', start],
    ]);
    writeValues(xml, edgeColumns, a);
    const color = colorAttributes(RELATIONS[a.relation]?.color ?? a.color);
    if (color) xml.empty('viz:color', color);
    xml.close();
  });
  xml.close();

  xml.close().close();
  return xml.toString();
}

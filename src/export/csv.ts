/**
 * Two CSV tables for spreadsheets and Gephi's import: `nodes.csv` (one row per node) and `edges.csv` (one row per
 * edge, with its evidence count and first evidence sentence). RFC 4180: comma-separated, CRLF line ends, fields
 * with commas, quotes or line breaks quoted, quotes doubled.
 *
 * Spreadsheet formulas are neutralised: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 * gets a leading `'`, so Excel, LibreOffice and Google Sheets show it as text instead of running it (CSV injection).
 * A text that already starts with apostrophes followed by one of those six gets one more, so the guard can always be
 * undone. Numeric columns are written as numbers and never prefixed. To get the original text back, drop one leading
 * `'` from a text cell whose next characters are apostrophes and then one of those six. Lists are joined with " | ";
 * unpaired surrogates (not encodable as UTF-8) become U+FFFD.
 */
import { stringify } from 'csv-stringify/sync';
import type { EdgeAttrs, NodeAttrs } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { kindVotesText } from './columns.js';
import { evidenceArticles, oneLine } from './evidence-text.js';

export interface CsvOptions {
  /** Joins list cells (aliases, articles). */
  listSeparator: string;
  /** Start each file with a UTF-8 byte order mark, which old Excel versions need to detect UTF-8. */
  bom: boolean;
}

export const CSV_DEFAULTS: CsvOptions = { listSeparator: ' | ', bom: false };

export interface CsvTables {
  nodes: string;
  edges: string;
}

const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Makes a text cell inert in spreadsheets (see the module comment). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes `neutraliseFormula`. */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

type Cell = string | number | boolean | undefined;

interface CsvColumn<A> {
  header: string;
  value: (a: A, key: string, extra: EdgeEnds) => Cell;
}

interface EdgeEnds {
  source: string;
  target: string;
  sourceLabel: string;
  targetLabel: string;
}

export const NODE_HEADERS = ['id', 'label', 'kind', 'category', 'aliases', 'articles', 'mentions', 'title', 'date', 'nationality', 'count', 'approx', 'kindVotes', 'publisher', 'file', 'url', 'x', 'y', 'size', 'color'] as const;
export const EDGE_HEADERS = ['id', 'source', 'target', 'source_label', 'target_label', 'relation', 'label', 'open', 'weight', 'confidence', 'evidence_count', 'first_sentence', 'first_article', 'articles'] as const;

function nodeColumns(o: CsvOptions): CsvColumn<NodeAttrs>[] {
  const list = (items: readonly string[]) => items.join(o.listSeparator);
  const cells: Record<(typeof NODE_HEADERS)[number], CsvColumn<NodeAttrs>['value']> = {
    id: (_a, key) => key,
    label: (a) => a.label,
    kind: (a) => a.kind,
    category: (a) => a.category,
    aliases: (a) => list(a.aliases),
    articles: (a) => list(a.articles),
    mentions: (a) => a.mentions,
    title: (a) => a.title,
    date: (a) => a.date,
    nationality: (a) => a.nationality,
    count: (a) => a.count,
    approx: (a) => a.approx,
    kindVotes: (a) => kindVotesText(a.kindVotes),
    publisher: (a) => a.publisher,
    file: (a) => a.file,
    url: (a) => a.url,
    x: (a) => a.x,
    y: (a) => a.y,
    size: (a) => a.size,
    color: (a) => a.color,
  };
  return NODE_HEADERS.map((header) => ({ header, value: cells[header] }));
}

function edgeColumns(o: CsvOptions): CsvColumn<EdgeAttrs>[] {
  const cells: Record<(typeof EDGE_HEADERS)[number], CsvColumn<EdgeAttrs>['value']> = {
    id: (_a, key) => key,
    source: (_a, _k, e) => e.source,
    target: (_a, _k, e) => e.target,
    source_label: (_a, _k, e) => e.sourceLabel,
    target_label: (_a, _k, e) => e.targetLabel,
    relation: (a) => a.relation,
    label: (a) => a.label,
    open: (a) => (a.open ? true : undefined),
    weight: (a) => a.weight,
    confidence: (a) => a.confidence,
    evidence_count: (a) => a.evidence.length,
    first_sentence: (a) => (a.evidence[0] ? oneLine(a.evidence[0].sentence) : undefined),
    first_article: (a) => a.evidence[0]?.article,
    articles: (a) => evidenceArticles(a.evidence).join(o.listSeparator),
  };
  return EDGE_HEADERS.map((header) => ({ header, value: cells[header] }));
}

function cell(value: Cell): string | number | boolean | undefined {
  // Unpaired surrogates cannot be written as UTF-8; they become U+FFFD here rather than silently in the file.
  if (typeof value === 'string') return neutraliseFormula(value.toWellFormed());
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  return value;
}

function table(header: readonly string[], rows: Array<Array<string | number | boolean | undefined>>, o: CsvOptions): string {
  return stringify([header as string[], ...rows], {
    record_delimiter: 'windows',
    // csv-stringify quotes on the record delimiter (CRLF) only; RFC 4180 wants any CR or LF quoted.
    quoted_match: /[\r\n]/,
    cast: { boolean: (v) => (v ? 'true' : 'false') },
    bom: o.bom,
  });
}

export function exportCsv(graph: NewsGraph, options: Partial<CsvOptions> = {}): CsvTables {
  const o: CsvOptions = { ...CSV_DEFAULTS, ...options };
  const nodeCols = nodeColumns(o);
  const edgeCols = edgeColumns(o);
  const noEnds: EdgeEnds = { source: '', target: '', sourceLabel: '', targetLabel: '' };
  const nodeRows = graph.mapNodes((key, a) => nodeCols.map((c) => cell(c.value(a, key, noEnds))));
  const edgeRows = graph.mapEdges((key, a, source, target, sa, ta) => {
    const ends: EdgeEnds = { source, target, sourceLabel: sa.label, targetLabel: ta.label };
    return edgeCols.map((c) => cell(c.value(a, key, ends)));
  });
  return { nodes: table(NODE_HEADERS, nodeRows, o), edges: table(EDGE_HEADERS, edgeRows, o) };
}

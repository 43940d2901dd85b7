/**
 * The exporters: one module per format, each `exportX(graph, options)` returning text, with its defaults beside it.
 */
import type { NewsGraph } from '../graph/io.js';
import type { ExportFormat } from './formats.js';
import { exportCsv, type CsvOptions, type CsvTables } from './csv.js';
import { exportCypher, type CypherOptions } from './cypher.js';
import { exportGexf, type GexfOptions } from './gexf.js';
import { exportGraphml, type GraphmlOptions } from './graphml.js';

export { exportGexf, GEXF_DEFAULTS, GEXF_NAMESPACE, GEXF_VIZ_NAMESPACE, type GexfOptions } from './gexf.js';
export { exportGraphml, GRAPHML_DEFAULTS, GRAPHML_NAMESPACE, type GraphmlOptions } from './graphml.js';
export { exportCsv, CSV_DEFAULTS, NODE_HEADERS, EDGE_HEADERS, neutraliseFormula, restoreFormula, type CsvOptions, type CsvTables } from './csv.js';
export { exportCypher, CYPHER_DEFAULTS, cypherString, cypherValue, cypherName, relationshipType, type CypherOptions, type CypherValue } from './cypher.js';
export { dropForbiddenXmlChars, escapeXmlAttribute, escapeXmlText } from './xml.js';

export { EXPORT_FORMATS, type ExportFormat } from './formats.js';

export interface ExportOptionsByFormat {
  gexf: GexfOptions;
  graphml: GraphmlOptions;
  csv: CsvOptions;
  cypher: CypherOptions;
}

/** The files a format produces: one unnamed text for the single-file formats, named tables for CSV. */
export type ExportedFiles = { kind: 'single'; text: string } | { kind: 'tables'; files: Record<keyof CsvTables, string> };

/** Conventional file name extension of each single-file format. */
export const EXPORT_EXTENSIONS: Record<Exclude<ExportFormat, 'csv'>, string> = { gexf: '.gexf', graphml: '.graphml', cypher: '.cypher' };

export function exportGraph<F extends ExportFormat>(graph: NewsGraph, format: F, options: Partial<ExportOptionsByFormat[F]> = {}): ExportedFiles {
  switch (format) {
    case 'gexf': return { kind: 'single', text: exportGexf(graph, options as Partial<GexfOptions>) };
    case 'graphml': return { kind: 'single', text: exportGraphml(graph, options as Partial<GraphmlOptions>) };
    case 'cypher': return { kind: 'single', text: exportCypher(graph, options as Partial<CypherOptions>) };
    case 'csv': return { kind: 'tables', files: exportCsv(graph, options as Partial<CsvOptions>) };
    default: throw new Error(`export: unknown format ${JSON.stringify(format)}`);
  }
}

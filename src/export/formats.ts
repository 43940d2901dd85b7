/**
 * The export formats by name: what `newsgraph export --format` accepts. Apart from the exporters, so the command line
 * can list them without loading every exporter.
 */
export const EXPORT_FORMATS = ['gexf', 'graphml', 'csv', 'cypher'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

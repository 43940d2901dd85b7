/**
 * How the query commands print: readable lines for people, one JSON document for programs (docs/query-json.md).
 * Article text is printed, so control characters are replaced first: a sentence must never be able to drive the
 * terminal (escape sequences) or break the line layout.
 */
import type { EdgeView, EntityMatch, NodeSummary } from '../query/index.js';
import type { Evidence } from '../schema/index.js';
import { out } from './run.js';

/** Version of the `--json` envelope; bumped only if a field changes meaning or disappears. */
export const QUERY_JSON_SCHEMA = 'newsgraph-query/1';

export type QueryStatus = 'found' | 'empty' | 'ambiguous' | 'not_found';

/** Exit code of a query outcome: 0 when something was found, 1 otherwise. */
export function exitCodeOf(status: QueryStatus): number {
  return status === 'found' ? 0 : 1;
}

export function printJson(command: string, query: Record<string, unknown>, status: QueryStatus, rest: Record<string, unknown>): Promise<void> {
  return out(`${JSON.stringify({ schema: QUERY_JSON_SCHEMA, command, query, status, ...rest }, null, 2)}\n`);
}

/** One printable line: C0/C1 controls and line separators become spaces, runs of whitespace one space. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function nodeName(node: Pick<NodeSummary, 'label' | 'kind'>): string {
  return `${printable(node.label)} (${node.kind})`;
}

/**
 * "A —called for→ B", or "B ←called for— A" when the edge is read from its target; an open relation's phrase, the
 * article's words, is followed by "(open)".
 */
export function edgeLine(edge: Pick<EdgeView, 'sourceLabel' | 'targetLabel' | 'label' | 'open'>, fromTarget = false): string {
  const label = printable(edge.label);
  const line = fromTarget
    ? `${printable(edge.targetLabel)} ←${label}— ${printable(edge.sourceLabel)}`
    : `${printable(edge.sourceLabel)} —${label}→ ${printable(edge.targetLabel)}`;
  return edge.open ? `${line} (open)` : line;
}

export function evidenceLine(e: Evidence, indent = '    '): string {
  return `${indent}“${printable(e.sentence)}” [${printable(e.article)}]`;
}

/** The evidence of an edge, at most `max` sentences and a count of the rest. */
export function evidenceLines(evidence: readonly Evidence[], max: number, indent = '    '): string[] {
  const lines = evidence.slice(0, max).map((e) => evidenceLine(e, indent));
  if (evidence.length > max) lines.push(`${indent}… and ${evidence.length - max} more (see --json)`);
  return lines;
}

export function candidateLines(name: string, candidates: readonly EntityMatch[]): string[] {
  if (!candidates.length) return [`No entity matches "${printable(name)}".`];
  return [
    `"${printable(name)}" matches ${candidates.length} entities; name one by its label or key:`,
    ...candidates.map((c) => `  ${nodeName(c.node)}  key: ${printable(c.node.key)}  score ${c.score.toFixed(2)}: ${printable(c.why)}`),
  ];
}

/** The line that says how a name was understood, when it was not the exact label or key. */
export function matchNote(match: EntityMatch | undefined): string | undefined {
  if (!match || match.match === 'label' || match.match === 'key') return undefined;
  return `(matched ${match.match === 'alias' ? 'by alias' : 'approximately'}: ${printable(match.why)})`;
}

export function printLines(lines: readonly string[]): Promise<void> {
  return out(lines.length ? `${lines.join('\n')}\n` : '');
}

/** Columns padded to their widest cell, for small tables. */
export function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  ').trimEnd());
}

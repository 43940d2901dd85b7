/**
 * A Cypher script that loads the graph into Neo4j as is (`cypher-shell -f graph.cypher`, or paste into Neo4j
 * Browser). Idempotent: a uniqueness constraint on `Entity.key`, then `MERGE` by key, so running it twice changes
 * nothing. Rows go in batches through `UNWIND` (one statement per batch), which Neo4j imports far faster than one
 * statement per node.
 *
 * Nodes get the label `Entity` plus one from their kind (`Person`, `Organisation`, …) and `Article` for article
 * nodes. Relationships are typed from the relation id in UPPER_SNAKE case (`called_for` → `CALLED_FOR`). Properties
 * keep lists as lists; Neo4j cannot store maps, so evidence becomes parallel lists (`evidenceArticles[i]`,
 * `evidenceSentences[i]`, …) and `kindVotes` JSON text.
 *
 * Every literal is produced by `cypherString`/`cypherValue`; no text is pasted into the script unescaped.
 */
import { ARTICLE_CATEGORY, KINDS, type EdgeAttrs, type NodeAttrs, type RelationId } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { VERSION } from '../version.js';

export interface CypherOptions {
  /** Rows per UNWIND statement. */
  batchSize: number;
  /** Name of the uniqueness constraint on `Entity.key`. */
  constraintName: string;
}

export const CYPHER_DEFAULTS: CypherOptions = { batchSize: 500, constraintName: 'newsgraph_entity_key' };

export type CypherValue = string | number | boolean | null | readonly CypherValue[] | { readonly [key: string]: CypherValue | undefined };

const STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f',
};

/**
 * A single-quoted Cypher string literal. Backslashes, quotes and line breaks get their escapes; other control and
 * invisible line-separator characters become `\uXXXX`. Unpaired surrogates cannot be stored as UTF-8 and are
 * dropped, as in the XML exports.
 */
export function cypherString(text: string): string {
  const wellFormed = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  const body = wellFormed.replace(/[\\'"\u0000-\u001F\u007F-\u009F\u2028\u2029]/g,
    (c) => STRING_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `'${body}'`;
}

/** A name usable as a label, relationship type or property key: bare when it is a plain identifier, else backquoted. */
export function cypherName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

function cypherNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cypher: cannot write the number ${n}`);
  // JavaScript writes 1e+21; Cypher's exponent takes no plus sign.
  return String(n).replace('e+', 'e');
}

export function cypherValue(value: CypherValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return cypherString(value);
  if (typeof value === 'number') return cypherNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${(value as readonly CypherValue[]).map(cypherValue).join(', ')}]`;
  const entries = Object.entries(value as Record<string, CypherValue | undefined>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${cypherName(k)}: ${cypherValue(v!)}`).join(', ')}}`;
}

/** `called_for` → `CALLED_FOR`. */
export function relationshipType(relation: RelationId): string {
  return relation.toUpperCase();
}

const articleLabel = ARTICLE_CATEGORY.charAt(0).toUpperCase() + ARTICLE_CATEGORY.slice(1);

/** Neo4j labels of a node besides `Entity`. */
export function nodeLabels(a: NodeAttrs): string[] {
  const labels = [KINDS[a.kind]?.label ?? 'Unknown'];
  if (a.category === ARTICLE_CATEGORY) labels.push(articleLabel);
  return labels;
}

const finite = (n: number | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : undefined);

export function nodeProperties(key: string, a: NodeAttrs): Record<string, CypherValue | undefined> {
  return {
    key, label: a.label, kind: a.kind, category: a.category, aliases: a.aliases, articles: a.articles,
    mentions: finite(a.mentions), title: a.title, date: a.date, nationality: a.nationality, count: finite(a.count),
    approx: a.approx, kindVotes: a.kindVotes ? JSON.stringify(a.kindVotes) : undefined,
    publisher: a.publisher, file: a.file, url: a.url,
    x: finite(a.x), y: finite(a.y), size: finite(a.size), color: a.color,
  };
}

export function relationshipProperties(key: string, a: EdgeAttrs): Record<string, CypherValue | undefined> {
  const ev = a.evidence;
  // Lists must not hold nulls in Neo4j, so optional evidence fields are written only when every item has them.
  const sentenceStarts = ev.every((e) => typeof e.sentenceStart === 'number') ? ev.map((e) => e.sentenceStart!) : undefined;
  const sources = ev.some((e) => e.source) ? ev.map((e) => e.source ?? 'body') : undefined;
  return {
    key, relation: a.relation, label: a.label, open: a.open ? true : undefined, weight: finite(a.weight), confidence: finite(a.confidence),
    evidenceArticles: ev.map((e) => e.article), evidenceSentences: ev.map((e) => e.sentence),
    evidenceStarts: ev.map((e) => e.start), evidenceEnds: ev.map((e) => e.end),
    evidenceSentenceStarts: sentenceStarts, evidenceSources: sources,
  };
}

/** A list literal with one row per line, so the script reads (and diffs) row by row. */
function rowList(rows: ReadonlyArray<Record<string, CypherValue | undefined>>): string {
  return `[\n${rows.map((r) => `  ${cypherValue(r)}`).join(',\n')}\n]`;
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(item);
  }
  return groups;
}

export function exportCypher(graph: NewsGraph, options: Partial<CypherOptions> = {}): string {
  const o: CypherOptions = { ...CYPHER_DEFAULTS, ...options };
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new Error('cypher: batchSize must be a whole number of 1 or more');
  const lines: string[] = [
    `// newsgraph ${VERSION}: ${graph.order} nodes, ${graph.size} relationships.`,
    '// Run with: cypher-shell -f graph.cypher (or paste into Neo4j Browser). Safe to run again: everything is MERGEd by key.',
    `CREATE CONSTRAINT ${cypherName(o.constraintName)} IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE;`,
    '',
  ];

  const nodes = graph.mapNodes((key, a) => ({ labels: nodeLabels(a), props: nodeProperties(key, a) }));
  for (const [labelKey, group] of groupBy(nodes, (n) => n.labels.join(':'))) {
    const setLabels = labelKey.split(':').map((l) => `n:${cypherName(l)}`).join(', ');
    for (const batch of batches(group, o.batchSize)) {
      lines.push(`UNWIND ${rowList(batch.map((n) => n.props))} AS row`);
      lines.push(`MERGE (n:Entity {key: row.key}) SET n += row, ${setLabels};`);
      lines.push('');
    }
  }

  const edges = graph.mapEdges((key, a, source, target) => ({ relation: a.relation, source, target, props: relationshipProperties(key, a) }));
  for (const [relation, group] of groupBy(edges, (e) => e.relation)) {
    const type = cypherName(relationshipType(relation as RelationId));
    for (const batch of batches(group, o.batchSize)) {
      lines.push(`UNWIND ${rowList(batch.map((e) => ({ source: e.source, target: e.target, props: e.props })))} AS row`);
      lines.push('MATCH (a:Entity {key: row.source}), (b:Entity {key: row.target})');
      lines.push(`MERGE (a)-[r:${type} {key: row.props.key}]->(b) SET r += row.props;`);
      lines.push('');
    }
  }
  return `${lines.join('\n')}`;
}

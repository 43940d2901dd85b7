/**
 * Checks that a parsed graph.json keeps the contract of docs/graph-format.md. Used when loading foreign files and
 * by the tests; returns problems rather than throwing so callers choose how loud to be.
 */
import { isEntityKind, isRelationId, RELATIONS, ARTICLE_CATEGORY, OPEN_RELATION } from '../schema/index.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The first structural problem that makes `data` not a newsgraph graph at all, or null. */
export function structuralProblem(data: unknown): string | null {
  if (!isObject(data)) return 'not a JSON object';
  if (!Array.isArray(data.nodes)) return 'missing nodes';
  if (!Array.isArray(data.edges)) return 'missing edges';
  const attrs = data.attributes;
  if (!isObject(attrs) || typeof attrs.schemaVersion !== 'number') return 'missing attributes.schemaVersion';
  return null;
}

/** Every way `data` breaks the contract, at most `limit` of them. */
export function contractProblems(data: unknown, limit = 50): string[] {
  const problems: string[] = [];
  const structural = structuralProblem(data);
  if (structural) return [structural];
  const graph = data as { nodes: unknown[]; edges: unknown[] };
  const keys = new Set<string>();
  const add = (p: string) => problems.length < limit && problems.push(p);

  for (const node of graph.nodes) {
    if (!isObject(node) || typeof node.key !== 'string') { add('node without a string key'); continue; }
    keys.add(node.key);
    const a = node.attributes;
    if (!isObject(a)) { add(`node ${node.key}: missing attributes`); continue; }
    if (typeof a.label !== 'string' || !a.label) add(`node ${node.key}: missing label`);
    if (!isEntityKind(a.kind)) add(`node ${node.key}: unknown kind ${JSON.stringify(a.kind)}`);
    if (!isStringArray(a.aliases)) add(`node ${node.key}: aliases is not a list of strings`);
    if (!isStringArray(a.articles)) add(`node ${node.key}: articles is not a list of strings`);
    if (typeof a.mentions !== 'number') add(`node ${node.key}: mentions is not a number`);
    for (const f of ['x', 'y', 'size'] as const) if (typeof a[f] !== 'number' || !Number.isFinite(a[f])) add(`node ${node.key}: ${f} is not a finite number`);
    if (typeof a.color !== 'string') add(`node ${node.key}: missing color`);
    if ('type' in a) add(`node ${node.key}: has a "type" attribute (reserved for sigma's render programs)`);
    if (a.category === ARTICLE_CATEGORY && a.kind !== 'document') add(`node ${node.key}: article node is not a document`);
  }

  for (const edge of graph.edges) {
    if (!isObject(edge) || typeof edge.source !== 'string' || typeof edge.target !== 'string') { add('edge without source and target'); continue; }
    const name = `edge ${edge.source} -> ${edge.target}`;
    if (!keys.has(edge.source) || !keys.has(edge.target)) add(`${name}: end is not a node`);
    const a = edge.attributes;
    if (!isObject(a)) { add(`${name}: missing attributes`); continue; }
    if (!isRelationId(a.relation)) { add(`${name}: unknown relation ${JSON.stringify(a.relation)}`); continue; }
    if ('open' in a && a.open !== true) add(`${name}: open is ${JSON.stringify(a.open)}, not true`);
    if (a.open === true) {
      // An open relation's label is the text's own predicate phrase, and it is stored as related_to.
      if (a.relation !== OPEN_RELATION) add(`${name}: an open relation is stored as ${OPEN_RELATION}, not ${a.relation}`);
      if (typeof a.label !== 'string' || !a.label.trim()) add(`${name}: an open relation has no phrase in label`);
    } else if (a.label !== RELATIONS[a.relation].label) {
      add(`${name}: label is not the relation's label`);
    }
    if ('type' in a) add(`${name}: has a "type" attribute (reserved for sigma's render programs)`);
    if (!Array.isArray(a.evidence)) { add(`${name}: evidence is not a list`); continue; }
    if (a.weight !== a.evidence.length) add(`${name}: weight ${String(a.weight)} is not the evidence count ${a.evidence.length}`);
    if (typeof a.confidence !== 'number' || a.confidence < 0 || a.confidence > 1) add(`${name}: confidence outside 0-1`);
    for (const ev of a.evidence) {
      if (!isObject(ev) || typeof ev.article !== 'string' || typeof ev.sentence !== 'string' ||
        typeof ev.start !== 'number' || typeof ev.end !== 'number' || ev.start > ev.end) {
        add(`${name}: malformed evidence`);
      }
    }
  }
  return problems;
}

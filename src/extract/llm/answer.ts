/**
 * The answer a language model gives for one article (or one part of it): the public contract of docs/llm.md, which
 * saved answers follow too. Parsing is lenient about the wrapping (a markdown code fence, words around the object)
 * and strict about the shape: items of the wrong shape are dropped and counted, never guessed at.
 */
import { ENTITY_KINDS, RELATION_IDS } from '../../schema/index.js';

export interface AnswerEntity {
  name: string;
  kind: string;
  aliases?: string[];
}

export interface AnswerRelation {
  source: string;
  relation: string;
  target: string;
  evidence: string;
}

export interface LlmAnswer {
  entities: AnswerEntity[];
  relations: AnswerRelation[];
}

/** The JSON Schema sent as `response_format` where the server takes one; `strict` needs every key required. */
export const ANSWER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['entities', 'relations'],
  properties: {
    entities: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['name', 'kind', 'aliases'],
        properties: { name: { type: 'string' }, kind: { type: 'string', enum: [...ENTITY_KINDS] }, aliases: { type: 'array', items: { type: 'string' } } },
      },
    },
    relations: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['source', 'relation', 'target', 'evidence'],
        properties: {
          source: { type: 'string' }, relation: { type: 'string', enum: [...RELATION_IDS] }, target: { type: 'string' }, evidence: { type: 'string' },
        },
      },
    },
  },
} as const;

/** A readable answer: `value` is the JSON as given (what the cache keeps), `answer` the items of the right shape. */
export type ParsedAnswer = { ok: true; value: unknown; answer: LlmAnswer; malformedItems: number } | { ok: false; error: string };

const FENCE = /^```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/;

/** The JSON text of an answer: inside a code fence if there is one, else from the first `{` to the last `}`. */
function jsonText(content: string): string {
  const text = content.trim();
  const fenced = FENCE.exec(text);
  if (fenced) return fenced[1]!.trim();
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  return open >= 0 && close > open ? text.slice(open, close + 1) : text;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Reads an answer object (parsed JSON); items of the wrong shape are counted in `malformedItems`. */
export function readAnswer(value: unknown): ParsedAnswer {
  if (!isObject(value) || (!Array.isArray(value.entities) && !Array.isArray(value.relations))) {
    return { ok: false, error: 'expected an object with "entities" and "relations" lists' };
  }
  let malformedItems = 0;
  const entities: AnswerEntity[] = [];
  for (const e of Array.isArray(value.entities) ? value.entities : []) {
    if (!isObject(e) || !isText(e.name) || typeof e.kind !== 'string') { malformedItems++; continue; }
    const aliases = Array.isArray(e.aliases) ? e.aliases.filter(isText) : [];
    entities.push({ name: e.name, kind: e.kind, aliases });
  }
  const relations: AnswerRelation[] = [];
  for (const r of Array.isArray(value.relations) ? value.relations : []) {
    if (!isObject(r) || !isText(r.source) || typeof r.relation !== 'string' || !isText(r.target) || typeof r.evidence !== 'string') { malformedItems++; continue; }
    relations.push({ source: r.source, relation: r.relation, target: r.target, evidence: r.evidence });
  }
  return { ok: true, value, answer: { entities, relations }, malformedItems };
}

/** Parses a model's reply text. */
export function parseAnswer(content: string): ParsedAnswer {
  let value: unknown;
  try {
    value = JSON.parse(jsonText(content));
  } catch (error) {
    return { ok: false, error: `not JSON (${(error as Error).message.split('\n')[0]})` };
  }
  return readAnswer(value);
}

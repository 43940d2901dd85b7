/**
 * newsgraph's settings: one typed object with defaults, and one function that merges the user's
 * `newsgraph.config.json` over them and says clearly what is wrong with it.
 */
import { readFileSync } from 'node:fs';
import { isRelationId, RELATIONS, type RelationCue, type RelationId } from '../schema/index.js';
import { NewsgraphError } from '../errors.js';
import { LAYOUT_DEFAULTS, type LayoutOptions } from '../graph/layout.js';
import { STYLE_DEFAULTS, type StyleOptions } from '../graph/style.js';
import { LLM_DEFAULTS, checkLlmOptions, type LlmOptions } from '../extract/llm/options.js';

export interface Settings {
  extract: {
    /** Extra relation cues: `{ "relation": "supports", "lemmas": "rally behind" }`. */
    cues: Array<{ relation: RelationId; cue: RelationCue }>;
    keepUnlinkedPhrases: boolean;
  };
  resolve: {
    sameAs: Array<[string, string]>;
    notSameAs: Array<[string, string]>;
  };
  layout: LayoutOptions;
  style: StyleOptions;
  /** The language-model back-end (`build --extractor llm|hybrid`); the API key is never here, only in the environment. */
  llm: LlmOptions;
}

export const DEFAULT_SETTINGS: Settings = {
  extract: { cues: [], keepUnlinkedPhrases: false },
  resolve: { sameAs: [], notSameAs: [] },
  layout: LAYOUT_DEFAULTS,
  style: STYLE_DEFAULTS,
  llm: LLM_DEFAULTS,
};

export const CONFIG_FILE = 'newsgraph.config.json';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function pairs(value: unknown, where: string): Array<[string, string]> {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string'))) {
    throw new NewsgraphError(`${where}: expected a list of ["name", "name"] pairs`);
  }
  return value as Array<[string, string]>;
}

function numbers<T extends object>(defaults: T, value: unknown, where: string): T {
  if (value === undefined) return defaults;
  if (!isObject(value)) throw new NewsgraphError(`${where}: expected an object`);
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [k, v] of Object.entries(value)) {
    if (!(k in defaults)) throw new NewsgraphError(`${where}.${k}: unknown setting (known: ${Object.keys(defaults).join(', ')})`);
    const d = (defaults as Record<string, unknown>)[k];
    if (typeof v !== typeof d && !(k === 'iterations' && (v === 'auto' || typeof v === 'number'))) {
      throw new NewsgraphError(`${where}.${k}: expected a ${typeof d}`);
    }
    out[k] = v;
  }
  return out as T;
}

/** Merges user settings over the defaults; `source` names the file in error messages. */
export function resolveSettings(user: unknown, source = CONFIG_FILE): Settings {
  if (user === undefined || user === null) return DEFAULT_SETTINGS;
  if (!isObject(user)) throw new NewsgraphError(`${source}: expected a JSON object`);
  for (const k of Object.keys(user)) {
    if (!(k in DEFAULT_SETTINGS) && k !== '$schema') throw new NewsgraphError(`${source}: unknown section "${k}" (known: ${Object.keys(DEFAULT_SETTINGS).join(', ')})`);
  }
  const extract = isObject(user.extract) ? user.extract : {};
  const cues = (Array.isArray(extract.cues) ? extract.cues : extract.cues === undefined ? [] : null);
  if (!cues) throw new NewsgraphError(`${source}: extract.cues: expected a list`);
  const parsedCues = cues.map((c, i) => {
    if (!isObject(c) || !isRelationId(c.relation) || typeof c.lemmas !== 'string' || !c.lemmas.trim()) {
      throw new NewsgraphError(`${source}: extract.cues[${i}]: expected { "relation": one of ${Object.keys(RELATIONS).join('|')}, "lemmas": "words" }`);
    }
    const voice = c.voice === 'active' || c.voice === 'passive' ? c.voice : undefined;
    const cue: RelationCue = { lemmas: c.lemmas.toLowerCase(), ...(voice ? { voice } : {}), ...(c.patientIsSource === true ? { patientIsSource: true } : {}) };
    return { relation: c.relation, cue };
  });
  const resolve = isObject(user.resolve) ? user.resolve : {};
  return {
    extract: { cues: parsedCues, keepUnlinkedPhrases: extract.keepUnlinkedPhrases === true },
    resolve: { sameAs: pairs(resolve.sameAs, `${source}: resolve.sameAs`), notSameAs: pairs(resolve.notSameAs, `${source}: resolve.notSameAs`) },
    layout: numbers(LAYOUT_DEFAULTS, user.layout, `${source}: layout`),
    style: numbers(STYLE_DEFAULTS, user.style, `${source}: style`),
    llm: llmSettings(user.llm, `${source}: llm`),
  };
}

function llmSettings(value: unknown, where: string): LlmOptions {
  if (isObject(value) && 'apiKey' in value) throw new NewsgraphError(`${where}.apiKey: the API key is read from NEWSGRAPH_LLM_API_KEY only, never from a file`);
  const llm = numbers(LLM_DEFAULTS, value, where);
  const problem = checkLlmOptions(llm);
  if (problem) throw new NewsgraphError(`${where}.${problem}`);
  return llm;
}

/** Reads `path` when it exists; a missing file means defaults, a broken one is an error. */
export function loadSettings(path = CONFIG_FILE): Settings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_SETTINGS;
    throw new NewsgraphError(`${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new NewsgraphError(`${path}: invalid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  return resolveSettings(data, path);
}

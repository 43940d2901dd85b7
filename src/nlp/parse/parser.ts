/**
 * Public API: part-of-speech tags and a labelled dependency tree for each sentence of tokens, from the shipped
 * model, read on first use and kept.
 */
import { readFileSync } from 'node:fs';
import { NewsgraphError } from '../../errors.js';
import { CompiledParser } from './model.js';
import { decodeParseModel } from './model-file.js';
import { tokenCues } from './pos-features.js';
import { winkTagsOfTokens } from './wink-tags.js';
import { WordCache } from './word-atoms.js';
import type { NameSpan } from '../../schema/index.js';

export const MODEL_FILE = 'parser-ud-ewt.bin.gz';

export interface ParsedSentence {
  /** Penn Treebank tag of each token (VBN, VBD, NNP, ...). */
  xpos: string[];
  /** Universal POS tag of each token. */
  upos: string[];
  /** Index of each token's head in the sentence, -1 for the root. */
  heads: number[];
  /** Universal Dependencies label of each token's arc, with subtypes (nsubj:pass, obl:agent, ...); `root` for the root. */
  deprels: string[];
}

let compiled: CompiledParser | undefined;
let loads = 0;
const words = new WordCache();

/** The shipped model, compiled on first use. */
export function defaultParser(): CompiledParser {
  if (!compiled) {
    const url = new URL(`./data/${MODEL_FILE}`, import.meta.url);
    let bytes: Buffer;
    try {
      bytes = readFileSync(url);
    } catch (error) {
      throw new NewsgraphError(`parse: cannot read the parser weights ${url.pathname} (${(error as NodeJS.ErrnoException).code ?? 'error'}); rebuild them with npm run train:parse`);
    }
    compiled = new CompiledParser(decodeParseModel(bytes, url.pathname));
    loads++;
  }
  return compiled;
}

/** How many times the weights were read from disk (for tests of lazy, load-once behaviour). */
export function parserLoadCount(): number {
  return loads;
}

/** What the tagger reads besides the tokens' texts. */
export interface ParseCues {
  /** The name tagger's spans in the sentence: evidence for proper nouns. */
  names?: readonly NameSpan[];
  /** wink's universal tag of each token, as tokenise() gives it; when absent, wink reads the tokens joined by spaces. */
  pos?: readonly string[];
  /** The model (the shipped one by default). */
  parser?: CompiledParser;
}

/** Tags and parses one sentence of token texts. */
export function parseTokens(tokens: readonly string[], cues: ParseCues = {}): ParsedSentence {
  const parser = cues.parser ?? defaultParser();
  const n = tokens.length;
  const infos = tokens.map((t) => words.get(t));
  const tags = new Int32Array(n);
  const heads = new Int32Array(n);
  const labels = new Int32Array(n);
  parser.tag(infos, tokenCues(n, cues.names, cues.pos ?? winkTagsOfTokens(tokens)), tags);
  parser.parse(infos, tags, heads, labels);
  const pairs = Array.from(tags, (t) => parser.tags.tags[t]!);
  return {
    xpos: pairs.map((p) => p.xpos),
    upos: pairs.map((p) => p.upos),
    heads: Array.from(heads),
    deprels: Array.from(labels, (l) => parser.labels[l]!),
  };
}

/**
 * Public tagging API: two passes of a linear BILOU model over a document (the second sees what the first said about
 * the same words elsewhere), Viterbi over valid transitions, and span confidence from forward-backward marginals.
 */
import { readFileSync } from 'node:fs';
import { NewsgraphError } from '../../errors.js';
import { lexicon } from '../lexicon/index.js';
import { bilouToSpans, type NameSpan, type NameType, type Span } from './bilou.js';
import { concatRows, emissions, forwardBackward, resolveRows, spanProbability, viterbi, type FeatureRows, type LinearModel } from './decode.js';
import { compileModel } from './compiled-model.js';
import { tagCompiled } from './fast-tagger.js';
import { decodeModel, type NerModel } from './model-file.js';
import type { TokenInfo } from './features.js';
import { prepareDocument, secondPassExtras } from './pipeline.js';

export type { NameSpan, NameType } from './bilou.js';

export const MODEL_FILE = 'ner-conll2003.bin.gz';

let loaded: NerModel | undefined;
let loads = 0;

/** The shipped model, read on first use and kept. */
export function defaultModel(): NerModel {
  if (!loaded) {
    const url = new URL(`./data/${MODEL_FILE}`, import.meta.url);
    let bytes: Buffer;
    try {
      bytes = readFileSync(url);
    } catch (error) {
      throw new NewsgraphError(`ner: cannot read the tagger weights ${url.pathname} (${(error as NodeJS.ErrnoException).code ?? 'error'}); rebuild them with npm run train:ner`);
    }
    loaded = decodeModel(bytes, url.pathname);
    loads++;
  }
  return loaded;
}

/** How many times the weights were read from disk (for tests of lazy, load-once behaviour). */
export function modelLoadCount(): number {
  return loads;
}

/**
 * The 1996 training text spells roles out ("chief executive"), so a modern acronym title reads to the model like an
 * organisation's acronym: "CEO of Acme" comes out as one ORG and a lone "CEO" as another. A leading all-caps title
 * and its "of"/"at" are cut off, and a span that is only such a title is dropped.
 */
function trimAcronymTitle(span: Span, tokens: readonly TokenInfo[]): Span | undefined {
  const first = tokens[span.start]!;
  if (!first.allCaps || !lexicon().titles.has(first.lower)) return span;
  if (span.end - span.start === 1) return undefined;
  const link = tokens[span.start + 1]!.lower;
  if (span.end - span.start < 3 || (link !== 'of' && link !== 'at')) return span;
  return { ...span, start: span.start + 2 };
}

function decode(model: LinearModel, rows: FeatureRows): Int32Array {
  return viterbi(emissions(model, rows), model.transitions, rows.offsets.length - 1);
}

/**
 * Both passes over one document; returns the second pass's labels with span confidences. A shipped (hashed, int8)
 * model runs on the fast path, which gives the same result as the reference.
 */
export function tagWithModel(model: NerModel, sentences: readonly (readonly string[])[]): NameSpan[][] {
  const compiled = compileModel(model);
  return compiled ? tagCompiled(compiled, sentences) : tagWithModelReference(model, sentences);
}

/** The tagger spelled out with feature strings: the definition the fast path must match, and training's path. */
export function tagWithModelReference(model: NerModel, sentences: readonly (readonly string[])[]): NameSpan[][] {
  const doc = prepareDocument(sentences);
  const firstRows = doc.first.map((f) => resolveRows(model.first.index, f));
  const firstPass = firstRows.map((rows) => decode(model.first, rows));
  const extras = secondPassExtras(doc, firstPass);
  // A shipped model shares one feature table between passes, so the first pass's lookups are reused.
  const shared = model.first.index === model.second.index;
  return extras.map((extra, s) => {
    const n = extra.length;
    if (n === 0) return [];
    const base = shared ? firstRows[s]! : resolveRows(model.second.index, doc.first[s]!);
    const rows = concatRows(base, resolveRows(model.second.index, extra));
    const emit = emissions(model.second, rows);
    const labels = viterbi(emit, model.second.transitions, n);
    const spans = bilouToSpans(labels);
    if (!spans.length) return [];
    const lattice = forwardBackward(emit, model.second.transitions, n, model.temperature);
    const named: NameSpan[] = [];
    for (const span of spans) {
      const trimmed = trimAcronymTitle(span, doc.infos[s]!);
      if (trimmed) named.push({ ...trimmed, confidence: spanProbability(lattice, labels, span.start, span.end) });
    }
    return named;
  });
}

/**
 * Tags one document: all its sentences, in order (the second pass looks across sentences). Tokens are surface strings
 * as a tokenizer gives them; whitespace tokens should be dropped beforehand.
 */
export function tagDocument(sentences: readonly (readonly string[])[]): NameSpan[][] {
  if (sentences.every((s) => s.length === 0)) return sentences.map(() => []);
  return tagWithModel(defaultModel(), sentences);
}

/**
 * The seam between the analysis and the name tagger, so a better back-end can replace the default one without the
 * rest of the pipeline noticing.
 */
import type { NameSpan } from '../schema/index.js';
import { tagDocument } from './ner/index.js';

export type NameTagger = (sentences: readonly (readonly string[])[]) => NameSpan[][];

/** The default back-end: the averaged-perceptron tagger trained on CoNLL-2003, shipped with its weights. */
let tagger: NameTagger = tagDocument;

export function tagNames(sentences: readonly (readonly string[])[]): NameSpan[][] {
  return tagger(sentences);
}

/** Replaces the name tagger (for alternative back-ends and tests). Returns the previous one. */
export function setNameTagger(next: NameTagger): NameTagger {
  const previous = tagger;
  tagger = next;
  return previous;
}

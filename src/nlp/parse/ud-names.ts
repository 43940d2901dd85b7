/**
 * The name tagger's spans over treebank sentences, document by document as the pipeline runs it (its second pass
 * reads across a document's sentences), so that training and scoring see the name evidence run time sees.
 */
import { tagDocument, type NameSpan } from '../ner/index.js';
import type { UdSentence } from './conllu.js';

export function treebankNames(sentences: readonly UdSentence[]): NameSpan[][] {
  const out: NameSpan[][] = [];
  let doc: UdSentence[] = [];
  const flush = (): void => {
    if (!doc.length) return;
    const spans = tagDocument(doc.map((s) => s.tokens.map((t) => t.form)));
    doc.forEach((_, i) => out.push(spans[i] ?? []));
    doc = [];
  };
  for (const s of sentences) {
    if (s.comments.some((c) => c.startsWith('newdoc'))) flush();
    doc.push(s);
  }
  flush();
  return out;
}

/**
 * Training-data augmentation for the run-time tokenizer: CoNLL keeps hyphenated words whole ("Jean-Paul",
 * "Anglo-Dutch"), wink splits many of them ("Jean", "-", "Paul"). Half of the training documents are re-tokenised
 * the run-time way so the model learns names across a split hyphen as well as whole.
 */
import { iobToSpans, spansToIob, type Span } from './bilou.js';
import type { ConllDocument, ConllSentence } from './conll.js';

/** Splits one token the way the run-time tokenizer would; returns [token] when it keeps it whole. */
export type TokenSplitter = (token: string) => string[];

const HYPHENATED = /\p{L}-\p{L}/u;
const LOWER_START = /^\p{Ll}/u;

function splitSentence(sentence: ConllSentence, split: TokenSplitter): ConllSentence {
  const spans = iobToSpans(sentence.tags);
  const tokens: string[] = [];
  const newIndex: number[] = [];
  const pieces: number[] = [];
  const spanOf = new Map<number, Span>();
  for (const s of spans) for (let i = s.start; i < s.end; i++) spanOf.set(i, s);
  sentence.tokens.forEach((token, i) => {
    newIndex.push(tokens.length);
    let parts = HYPHENATED.test(token) ? split(token) : [token];
    if (parts.join('') !== token || parts.length < 2) parts = [token];
    // "Toronto-based" is one MISC name in CoNLL; split, its gold labels would be guesses, so it stays whole.
    else if (spanOf.has(i) && parts.some((p) => LOWER_START.test(p))) parts = [token];
    tokens.push(...parts);
    pieces.push(parts.length);
  });
  const moved = spans.map((s) => ({ start: newIndex[s.start]!, end: newIndex[s.end - 1]! + pieces[s.end - 1]!, type: s.type }));
  return { tokens, tags: spansToIob(moved, tokens.length) };
}

/** Re-tokenises every other document (odd positions) with `split`; the rest stay as they are. */
export function augmentHyphens(docs: readonly ConllDocument[], split: TokenSplitter): ConllDocument[] {
  return docs.map((doc, d) => (d % 2 === 1 ? doc.map((s) => splitSentence(s, split)) : doc));
}

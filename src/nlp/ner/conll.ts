/**
 * Reader for CoNLL-2003 files (token POS chunk NER per line, blank line between sentences, -DOCSTART- between
 * documents). Used by training and the benchmark only; the data never ships with the project.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.js';

export interface ConllSentence {
  tokens: string[];
  /** IOB tags from the last column. */
  tags: string[];
}

export type ConllDocument = ConllSentence[];

export function parseConll(text: string, file = '<conll>'): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument = [];
  let sentence: ConllSentence = { tokens: [], tags: [] };
  const endSentence = (): void => {
    if (sentence.tokens.length) doc.push(sentence);
    sentence = { tokens: [], tags: [] };
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((line, n) => {
    if (line.trim() === '') return endSentence();
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      endSentence();
      if (doc.length) docs.push(doc);
      doc = [];
      return;
    }
    if (cols.length < 2) throw new InputError(file, `line ${n + 1}: expected "token ... tag", got "${line.slice(0, 60)}"`);
    sentence.tokens.push(cols[0]!);
    sentence.tags.push(cols[cols.length - 1]!);
  });
  endSentence();
  if (doc.length) docs.push(doc);
  return docs;
}

export function readConll(file: string): ConllDocument[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read CoNLL file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseConll(text, file);
}

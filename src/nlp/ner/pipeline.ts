/**
 * Feature building for a whole document, shared by training and the tagger so that both see the same features.
 */
import { caseEvidence, sentenceFeatures, tokenInfo, type TokenInfo } from './features.js';
import { documentFeatures } from './document-features.js';
import { headlineForm } from './headline.js';
import { normaliseToken } from './normalise.js';

export interface PreparedDocument {
  infos: TokenInfo[][];
  /** First-pass features, per sentence, per token. */
  first: string[][][];
}

export function prepareDocument(sentences: readonly (readonly string[])[]): PreparedDocument {
  const infos = sentences.map((tokens) => headlineForm(tokens.map((t) => normaliseToken(String(t)))).map(tokenInfo));
  const evidence = caseEvidence(infos);
  return { infos, first: infos.map((s) => sentenceFeatures(s, evidence)) };
}

/** The features the second pass adds to the first pass's: what the first pass said across the document. */
export function secondPassExtras(doc: PreparedDocument, firstPass: readonly ArrayLike<number>[]): string[][][] {
  return documentFeatures(doc.infos, firstPass);
}

/** All second-pass features (first-pass features plus the extras). */
export function secondPassFeatures(doc: PreparedDocument, firstPass: readonly ArrayLike<number>[]): string[][][] {
  const extra = secondPassExtras(doc, firstPass);
  return doc.first.map((sentence, s) => sentence.map((fs, i) => fs.concat(extra[s]![i]!)));
}

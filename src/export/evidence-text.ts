/** Evidence as plain text for formats whose cells hold strings (GEXF attributes, CSV). */
import type { Evidence } from '../schema/index.js';

/** One line per evidence item: `[article] sentence`, whitespace inside the sentence collapsed. */
export function evidenceText(evidence: readonly Evidence[]): string {
  return evidence.map((e) => `[${e.article}] ${oneLine(e.sentence)}`).join('\n');
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The distinct article ids of the evidence, in first-seen order. */
export function evidenceArticles(evidence: readonly Evidence[]): string[] {
  return [...new Set(evidence.map((e) => e.article))];
}

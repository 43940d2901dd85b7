import { extractArticle } from '../../src/extract/extract-article.js';
import type { ArticleExtraction } from '../../src/schema/index.js';

export interface Readable {
  extraction: ArticleExtraction;
  /** "label —relation→ label" for every relation. */
  triples: string[];
  /** "kind:label" for every entity. */
  entities: string[];
  labelOf(id: string): string;
}

/** Extracts a text written for a test and gives its result in readable strings. */
export function extractText(body: string, meta: { id?: string; title?: string; publisher?: string; date?: string } = {}): Readable {
  const extraction = extractArticle({ id: meta.id ?? 'test', file: `${meta.id ?? 'test'}.txt`, body, ...meta });
  const labels = new Map(extraction.entities.map((e) => [e.id, e.label]));
  const labelOf = (id: string) => labels.get(id) ?? id;
  return {
    extraction,
    labelOf,
    triples: extraction.relations.map((r) => `${labelOf(r.source)} —${r.relation}→ ${labelOf(r.target)}`),
    entities: extraction.entities.filter((e) => e.id !== 'article').map((e) => `${e.kind}:${e.label}`),
  };
}

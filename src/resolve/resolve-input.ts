/**
 * What resolution reads of the articles' extractions. Apart from corpus.ts so that the identity table, which
 * corpus.ts decides on, can name them without importing corpus.ts back.
 */
import type { LocalEntity } from '../schema/index.js';

/**
 * What resolution reads of a local entity: everything but the mention list, of which only the length counts (so an
 * incremental rebuild can give the count alone).
 */
export type ResolveEntity = Omit<LocalEntity, 'mentions'> & { mentions: { readonly length: number } };

/** What resolution reads of an article's extraction; a CorpusExtraction is one. */
export interface ResolveInput {
  article: { id: string };
  entities: readonly ResolveEntity[];
}

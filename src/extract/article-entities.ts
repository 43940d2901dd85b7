/**
 * What every extraction back-end takes from the article's metadata: what the graph keeps of it, an entity for the
 * article itself, its publisher (named in the header, maybe in the text too) and the `reported_by` statement between
 * them.
 */
import type { Article, ArticleMeta, LocalEntity, LocalRelation } from '../schema/index.js';
import { ARTICLE_CATEGORY } from '../schema/index.js';
import { mayNormaliseTo, normalName } from '../resolve/name-forms.js';
import { bodyHash } from '../ingest/body-hash.js';

/** What the graph keeps of the article: its metadata and the body's hash and length. */
export function articleMeta(article: Article): ArticleMeta {
  return {
    id: article.id, file: article.file, bodyHash: bodyHash(article.body), bodyLength: article.body.length,
    ...(article.title ? { title: article.title } : {}), ...(article.date ? { date: article.date } : {}),
    ...(article.publisher ? { publisher: article.publisher } : {}), ...(article.url ? { url: article.url } : {}),
  };
}

export function articleEntity(article: Article): LocalEntity {
  return { id: 'article', kind: 'document', label: article.title ?? article.id, aliases: [], mentions: [], category: ARTICLE_CATEGORY, origin: 'article', attrs: {} };
}

/** Whether the entity is named `key` (a normal name) by its label or an alias. */
function isNamed(e: LocalEntity, key: string): boolean {
  // Most names are ruled out without normalising them; the label is mostly one of the aliases, checked once.
  const is = (text: string) => mayNormaliseTo(text, key) && normalName(text) === key;
  return e.aliases.some(is) || (!e.aliases.includes(e.label) && is(e.label));
}

/**
 * The publisher the header names: the entity of `entities` so named (made an organisation), else a new entity, which
 * `added` says the caller must keep. Undefined when the article names no publisher.
 */
export function findPublisher(article: Article, entities: readonly LocalEntity[]): { publisher: LocalEntity; added: boolean } | undefined {
  if (!article.publisher) return undefined;
  const key = normalName(article.publisher);
  const named = entities.find((e) => e.kind !== 'person' && isNamed(e, key));
  if (named) {
    named.kind = 'organisation';
    return { publisher: named, added: false };
  }
  return {
    publisher: { id: 'publisher', kind: 'organisation', label: article.publisher, aliases: [article.publisher], mentions: [], category: 'publisher', origin: 'name', attrs: {} },
    added: true,
  };
}

/** The article `reported_by` its publisher, with the header line as evidence (an empty span: it is not in the body). */
export function publisherRelation(article: Article, articleId: string, publisherId: string): LocalRelation {
  // The header line is not part of the body: its evidence cites the publisher's span in the line itself.
  const name = article.publisher!.replace(/\s+/g, ' ').trim();
  const line = `date ${article.date ? `${article.date} ` : ''}${name}`;
  return {
    source: articleId, relation: 'reported_by', target: publisherId, confidence: 1,
    evidence: { sentence: line, sentenceStart: 0, start: line.length - name.length, end: line.length, source: 'header' },
  };
}

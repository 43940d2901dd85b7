/**
 * One article → its ArticleExtraction: the unit a worker returns and the cache stores. Pure: no I/O beyond the
 * lazily loaded models and word lists.
 */
import { createHash } from 'node:crypto';
import type { Article, ArticleExtraction, LocalEntity, Mention, Sentence } from '../schema/index.js';
import { ARTICLE_CATEGORY } from '../schema/index.js';
import { analyse } from '../nlp/analyse.js';
import { findMentions } from './mentions/index.js';
import { toMention, type DraftMention } from './mentions/draft.js';
import { resolveLocal } from '../resolve/local.js';
import { normalName, isAcronym } from '../resolve/name-forms.js';
import { findRelations, buildCueTable, type CueTable } from './relations/index.js';
import { extractorVersion } from './version.js';

export interface ExtractOptions {
  /** Cue table (the schema's cues plus the user's); built once and shared. */
  cues?: CueTable;
  /**
   * Keep descriptive entities (groups, events, documents, described organisations) that no relation uses and that
   * are mentioned once. Off by default: they are mostly incidental ("children", "the ocean").
   */
  keepUnlinkedPhrases?: boolean;
}

let defaultCues: CueTable | undefined;

/** "Union of Coastal Fishermen (UCF)": a name and the acronym in brackets after it. */
function acronymPairs(bySentence: DraftMention[][], sentences: Sentence[]): Array<[DraftMention, DraftMention]> {
  const pairs: Array<[DraftMention, DraftMention]> = [];
  bySentence.forEach((mentions, s) => {
    const tokens = sentences[s]!.tokens;
    for (const m of mentions) {
      if (m.origin !== 'name' || tokens[m.coreEnd]?.text !== '(') continue;
      const inner = mentions.find((x) => x.origin === 'name' && x.coreStart === m.coreEnd + 1 && tokens[x.coreEnd]?.text === ')');
      if (inner && isAcronym(inner.text) && !isAcronym(m.text)) pairs.push([m, inner]);
    }
  });
  return pairs;
}

/** MISC names that no kept entity carries, once each, in order of first appearance. */
function otherNames(misc: ReadonlyArray<{ text: string }>, entities: readonly LocalEntity[]): { otherNames?: string[] } {
  if (!misc.length) return {};
  const seen = new Set(entities.flatMap((e) => [e.label, ...e.aliases]).map(normalName));
  const names: string[] = [];
  for (const { text } of misc) {
    const key = normalName(text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    names.push(text);
  }
  return names.length ? { otherNames: names } : {};
}

export function bodyHash(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

export function extractArticle(article: Article, options: ExtractOptions = {}): ArticleExtraction {
  const cues = options.cues ?? (defaultCues ??= buildCueTable());
  const { body } = article;
  const analysed = analyse(body);
  const { bySentence, misc } = findMentions(analysed, body);
  const coreWords = (m: DraftMention) => analysed.sentences[m.sentence]!.tokens.slice(m.coreStart, m.coreEnd).map((t) => t.lemma.toLowerCase());
  const headline = article.title && analysed.sentences[0] && body.slice(analysed.sentences[0].start, analysed.sentences[0].end) === article.title ? 0 : undefined;
  const resolution = resolveLocal(bySentence, coreWords, { acronymPairs: acronymPairs(bySentence, analysed.sentences), ...(headline !== undefined ? { headline } : {}) });
  const { entityOf } = resolution;
  let entities = resolution.entities;

  const articleEntity: LocalEntity = {
    id: 'article', kind: 'document', label: article.title ?? article.id, aliases: [], mentions: [], category: ARTICLE_CATEGORY, origin: 'article', attrs: {},
  };
  // The publisher from the header is an organisation; it may also be named in the text.
  let publisher: LocalEntity | undefined;
  if (article.publisher) {
    const key = normalName(article.publisher);
    publisher = entities.find((e) => e.kind !== 'person' && [e.label, ...e.aliases].some((a) => normalName(a) === key));
    if (publisher) publisher.kind = 'organisation';
    else {
      publisher = { id: 'publisher', kind: 'organisation', label: article.publisher, aliases: [article.publisher], mentions: [], category: 'publisher', origin: 'name', attrs: {} };
      entities = [...entities, publisher];
    }
  }

  const nameCounts = new Map<LocalEntity, number>();
  for (const m of resolution.mentions) {
    const e = entityOf.get(m)!;
    if (m.origin === 'name' && e.kind === 'organisation' && e !== publisher) nameCounts.set(e, (nameCounts.get(e) ?? 0) + 1);
  }
  const ranked = [...nameCounts.entries()].sort((a, b) => b[1] - a[1]);
  const mainOrganisation = ranked[0] && ranked[0][1] >= 3 && (!ranked[1] || ranked[0][1] > ranked[1][1]) ? ranked[0][0] : undefined;

  const { relations } = findRelations({
    sentences: analysed.sentences, body, bySentence, entityOf, article: articleEntity, cues,
    ...(mainOrganisation ? { mainOrganisation } : {}),
  });
  if (publisher) {
    relations.unshift({
      source: articleEntity.id, relation: 'reported_by', target: publisher.id, confidence: 1,
      evidence: { sentence: `date ${article.date ?? ''} ${article.publisher}`.replace(/\s+/g, ' '), sentenceStart: 0, start: 0, end: 0, source: 'header' },
    });
  }

  // Descriptions that nothing relates to and that appear once are incidental; names always stay.
  const linked = new Set(relations.flatMap((r) => [r.source, r.target]));
  const isName = new Set(resolution.mentions.filter((m) => m.origin === 'name').map((m) => entityOf.get(m)!.id));
  entities = entities.filter((e) => options.keepUnlinkedPhrases || isName.has(e.id) || linked.has(e.id) || e === publisher ||
    e.mentions.length > 1 || (e.kind === 'group' && typeof e.attrs.count === 'number'));

  const mentionIndex = new Map<DraftMention, number>();
  const mentions: Mention[] = [];
  const keptIds = new Set(entities.map((e) => e.id));
  resolution.mentions.forEach((m) => {
    if (!keptIds.has(entityOf.get(m)!.id)) return;
    mentionIndex.set(m, mentions.length);
    const sentence = analysed.sentences[m.sentence]!;
    mentions.push(toMention(m, sentence, sentence.tokens[m.head]!.lemma.toLowerCase()));
  });
  const finalEntities = [articleEntity, ...entities].map((e) => ({
    ...e,
    mentions: e.mentions.map((i) => mentionIndex.get(resolution.mentions[i]!)).filter((i): i is number => i !== undefined),
  }));

  return {
    article: {
      id: article.id, file: article.file, bodyHash: bodyHash(body), bodyLength: body.length,
      ...(article.title ? { title: article.title } : {}), ...(article.date ? { date: article.date } : {}),
      ...(article.publisher ? { publisher: article.publisher } : {}), ...(article.url ? { url: article.url } : {}),
      ...otherNames(misc, entities),
    },
    mentions,
    entities: finalEntities,
    relations: relations.filter((r) => keptIds.has(r.source) || r.source === 'article').filter((r) => keptIds.has(r.target) || r.target === 'article'),
    extractorVersion: extractorVersion(),
  };
}

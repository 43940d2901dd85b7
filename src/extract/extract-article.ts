/**
 * One article → its ArticleExtraction: the unit a worker returns and the cache stores. Pure: no I/O beyond the
 * lazily loaded models and word lists.
 */
import type { Article, ArticleExtraction, LocalEntity, Mention, Sentence } from '../schema/index.js';
import { analyse } from '../nlp/analyse.js';
import { findMentions } from './mentions/index.js';
import { toMention, type DraftMention } from './mentions/draft.js';
import { resolveLocal, clearLeader } from '../resolve/local.js';
import { normalName, isAcronym } from '../resolve/name-forms.js';
import { findRelations, buildCueTable, type CueTable } from './relations/index.js';
import { extractorVersion } from './version.js';
import { articleEntity as entityOfArticle, articleMeta, findPublisher, publisherRelation } from './article-entities.js';
import { coMentions } from './co-mentions.js';

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
  for (let s = 0; s < bySentence.length; s++) {
    const mentions = bySentence[s]!;
    const tokens = sentences[s]!.tokens;
    for (const m of mentions) {
      if (m.origin !== 'name' || tokens[m.coreEnd]?.text !== '(') continue;
      const inner = mentions.find((x) => x.origin === 'name' && x.coreStart === m.coreEnd + 1 && tokens[x.coreEnd]?.text === ')');
      if (inner && isAcronym(inner.text) && !isAcronym(m.text)) pairs.push([m, inner]);
    }
  }
  return pairs;
}

/** MISC names that no kept entity carries, once each, in order of first appearance. */
function otherNames(misc: ReadonlyArray<{ text: string }>, entities: readonly LocalEntity[]): { otherNames?: string[] } {
  if (!misc.length) return {};
  const seen = new Set<string>();
  for (const e of entities) {
    seen.add(normalName(e.label));
    for (const a of e.aliases) seen.add(normalName(a));
  }
  const names: string[] = [];
  for (const { text } of misc) {
    const key = normalName(text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    names.push(text);
  }
  return names.length ? { otherNames: names } : {};
}

export function extractArticle(article: Article, options: ExtractOptions = {}): ArticleExtraction {
  const cues = options.cues ?? (defaultCues ??= buildCueTable());
  const { body } = article;
  const analysed = analyse(body);
  const { bySentence, misc } = findMentions(analysed, body);
  const coreWords = (m: DraftMention) => {
    const tokens = analysed.sentences[m.sentence]!.tokens;
    const end = Math.min(m.coreEnd, tokens.length);
    const lemmas: string[] = [];
    for (let k = m.coreStart; k < end; k++) lemmas.push(tokens[k]!.lemma.toLowerCase());
    return lemmas;
  };
  const headline = article.title && analysed.sentences[0] && body.slice(analysed.sentences[0].start, analysed.sentences[0].end) === article.title ? 0 : undefined;
  const pairs = acronymPairs(bySentence, analysed.sentences);
  const resolution = resolveLocal(bySentence, coreWords, headline !== undefined ? { acronymPairs: pairs, headline } : { acronymPairs: pairs });
  const { entityOf } = resolution;
  let entities = resolution.entities;

  const articleEntity = entityOfArticle(article);
  // The publisher from the header is an organisation; it may also be named in the text.
  const found = findPublisher(article, entities);
  const publisher = found?.publisher;
  if (found?.added) entities = [...entities, found.publisher];

  // The entity of each resolved mention by position, as entityOf gives it by object (the mentions are distinct).
  const entityAt: LocalEntity[] = new Array(resolution.mentions.length);
  for (const e of resolution.entities) for (const i of e.mentions) entityAt[i] = e;

  const nameCounts = new Map<LocalEntity, number>();
  /** Ids of the entities with a name among their mentions. */
  const isName = new Set<string>();
  resolution.mentions.forEach((m, i) => {
    if (m.origin !== 'name') return;
    const e = entityAt[i]!;
    // An entity known only from nationality adjectives is kept when a relation needs it.
    if (!m.attrs.demonym) isName.add(e.id);
    if (e.kind === 'organisation' && e !== publisher) nameCounts.set(e, (nameCounts.get(e) ?? 0) + 1);
  });
  const mainOrganisation = clearLeader(nameCounts, 3);

  const { relations, anchored } = findRelations({
    sentences: analysed.sentences, body, bySentence, entityOf, article: articleEntity, cues,
    ...(mainOrganisation ? { mainOrganisation } : {}),
  });
  if (publisher) relations.unshift(publisherRelation(article, articleEntity.id, publisher.id));

  // Descriptions that nothing relates to and that appear once are incidental; names always stay.
  const linked = new Set<string>();
  for (const r of relations) { linked.add(r.source); linked.add(r.target); }
  // A country known only from nationality adjectives ("Spanish football") needs a relation, however often it recurs.
  const onlyDemonyms = (e: LocalEntity) => e.mentions.every((i) => resolution.mentions[i]!.attrs.demonym === true);
  entities = entities.filter((e) => options.keepUnlinkedPhrases || isName.has(e.id) || linked.has(e.id) || anchored.has(e) || e === publisher ||
    (!onlyDemonyms(e) && (e.mentions.length > 1 || (e.kind === 'group' && typeof e.attrs.count === 'number'))));

  // Where each resolved mention went among the kept ones (-1: dropped with its entity).
  const keptAt: number[] = new Array(resolution.mentions.length).fill(-1);
  const mentions: Mention[] = [];
  const keptIds = new Set(entities.map((e) => e.id));
  resolution.mentions.forEach((m, i) => {
    if (!keptIds.has(entityAt[i]!.id)) return;
    keptAt[i] = mentions.length;
    const sentence = analysed.sentences[m.sentence]!;
    mentions.push(toMention(m, sentence, sentence.tokens[m.head]!.lemma.toLowerCase()));
  });
  const keptMentions = (indices: readonly number[]): number[] => {
    const kept: number[] = [];
    for (const i of indices) if (keptAt[i]! >= 0) kept.push(keptAt[i]!);
    return kept;
  };
  const finalEntities = [articleEntity, ...entities].map((e) => ({ ...e, mentions: keptMentions(e.mentions) }));

  return {
    article: { ...articleMeta(article), ...otherNames(misc, entities) },
    mentions,
    entities: finalEntities,
    relations: relations.filter((r) => (keptIds.has(r.source) || r.source === 'article') && (keptIds.has(r.target) || r.target === 'article')),
    coMentions: coMentions(mentions, finalEntities),
    extractorVersion: extractorVersion(),
  };
}

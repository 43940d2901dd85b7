/**
 * Typed, JSON-serialisable hand-offs between the pipeline stages (see docs/architecture.md).
 */
import type { EntityKind } from './kinds.js';
import type { RelationId } from './relations.js';

/** What `ingest` yields: one article, its metadata and its body text. Offsets elsewhere index into `body`. */
export interface Article {
  id: string;
  file: string;
  title?: string;
  date?: string;
  publisher?: string;
  url?: string;
  body: string;
}

/** A token as the tokenizer gives it, before tagging and parsing. */
export interface RawToken {
  text: string;
  start: number;
  end: number;
  /** Universal POS tag from wink. */
  pos: string;
  lemma: string;
  /** `text` in lower case with typographic apostrophes made plain ("’s" → "'s"): computed once, read by every rule. */
  lower: string;
}

export interface Token extends RawToken {
  /** Penn Treebank tag from the project's tagger (NN, NNP, VBD, VBN, VBG, ...): tells a passive participle from a past tense. */
  tag: string;
  /** Universal POS tag from the project's tagger (trained on UD English EWT; `pos` is wink's and stays as it was). */
  upos: string;
  /** Index of the token's head within its sentence, -1 for the sentence's root. */
  head: number;
  /** Universal Dependencies label of the arc from the head, with subtypes (nsubj:pass, obl:agent, acl:relcl, ...); `root` for the root. */
  deprel: string;
}

/** A name the tagger found: token indices [start, end) within the sentence. */
export interface NameSpan {
  start: number;
  end: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
  confidence: number;
}

/** A sentence as the tokenizer gives it. */
export interface RawSentence {
  start: number;
  end: number;
  tokens: RawToken[];
}

export interface Sentence {
  start: number;
  end: number;
  tokens: Token[];
  /** Names found by the tagger, in order, not overlapping. */
  names: NameSpan[];
}

/** What `nlp` yields. */
export interface AnalysedText {
  sentences: Sentence[];
}

export type AttrValue = string | number | boolean;

/** A span of text that names or describes a thing. */
export interface Mention {
  kind: EntityKind;
  text: string;
  start: number;
  end: number;
  /** Index of the sentence in `AnalysedText.sentences`. */
  sentence: number;
  /** The head word (lower case lemma), e.g. "statement" for "a recent statement". */
  head: string;
  attrs: Record<string, AttrValue>;
}

/** One thing in one article, after in-article resolution. */
export interface LocalEntity {
  id: string;
  kind: EntityKind;
  label: string;
  aliases: string[];
  /** Indices into `ArticleExtraction.mentions`. */
  mentions: number[];
  category?: string;
  /** `name` when the article names it; `description` for groups, events, documents and organisations it only describes. */
  origin: 'name' | 'description' | 'article';
  attrs: Record<string, AttrValue>;
}

export interface LocalEvidence {
  /** The sentence's text. */
  sentence: string;
  /** Offset of the sentence in the article body. */
  sentenceStart: number;
  /** `header` when the statement comes from the article's metadata (the date line), not its body: offsets are then in `sentence`, the header line. */
  source?: 'header';
  /** Offsets of the cited span in the article body. */
  start: number;
  end: number;
}

export interface LocalRelation {
  source: string;
  relation: RelationId;
  target: string;
  /** Open relations: `related_to` where the text names a link no other relation fits, with its predicate phrase. */
  label?: string;
  open?: true;
  evidence: LocalEvidence;
  confidence: number;
}

/** Two local entity ids (the first sorts first) and the number of sentences that name both (extract/co-mentions.ts). */
export type LocalCoMention = [a: string, b: string, sentences: number];

/** Article metadata without the body: what the graph keeps of an article. */
export type ArticleMeta = Omit<Article, 'body'> & {
  bodyHash: string;
  bodyLength: number;
  /**
   * Names the tagger found that became neither a node nor an attribute ("Christian", "World Cup", "English"), in order
   * of first appearance: kept so they are visible, not dropped silently.
   */
  otherNames?: string[];
};

/** The unit a worker returns and the cache stores. */
export interface ArticleExtraction {
  article: ArticleMeta;
  mentions: Mention[];
  entities: LocalEntity[];
  relations: LocalRelation[];
  /** Entities named in the same sentence; apart from the relations, never a relation. */
  coMentions?: LocalCoMention[];
  extractorVersion: string;
}

/**
 * What a corpus build holds of each article: the extraction without its mention list, which nothing after
 * extraction reads (entities keep their mention index lists, whose lengths are the counts the graph reports).
 */
export type CorpusExtraction = Omit<ArticleExtraction, 'mentions'>;

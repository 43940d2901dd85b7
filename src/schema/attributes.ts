/**
 * Graph attribute types, passed as generics to graphology (and sigma in the viewer). This is the contract of
 * graph/graph.json, documented in docs/graph-format.md.
 */
import type { EntityKind } from './kinds.js';
import type { RelationId } from './relations.js';

/**
 * Bumped when graph.json changes shape; `migrateGraphData` (graph/migrate.ts) upgrades older files. 2: open relations
 * (`open`, the text's phrase in `label`, a key of their own).
 */
export const SCHEMA_VERSION = 2;

export interface Evidence {
  /** Article id (file name without extension). */
  article: string;
  /** The sentence's text, as it stands in the article body. */
  sentence: string;
  /** Character offsets of the cited span in the article body; the span lies inside the sentence. */
  start: number;
  end: number;
  /** Offset of the sentence in the article body, so a reader can place the cited span inside `sentence`. */
  sentenceStart?: number;
  /** `header` when the evidence is the article's metadata (its date line), not body text: offsets are then in `sentence`, the header line. */
  source?: 'header';
}

export interface NodeAttrs {
  label: string;
  kind: EntityKind;
  /** Every surface form seen, sorted. */
  aliases: string[];
  /** Ids of the articles that mention the node, sorted. */
  articles: string[];
  mentions: number;
  /** `"article"` on article nodes; a finer class such as `statement`, `conference` elsewhere. */
  category?: string;
  x: number;
  y: number;
  size: number;
  color: string;
  /** Honorific or role stripped from a person's name ("Mrs", "Prime Minister"). */
  title?: string;
  /** Size of a group when the text gives one ("more than thirty" → count 30, approx true). */
  count?: number;
  approx?: boolean;
  /** ISO date: an article's date, or an event's or document's date when the text gives it. */
  date?: string;
  /** Nationality or other adjectival attribute ("British"). */
  nationality?: string;
  /** Kinds other articles voted for, when they disagreed with the chosen kind. */
  kindVotes?: Partial<Record<EntityKind, number>>;
  // Article nodes only:
  file?: string;
  publisher?: string;
  url?: string;
  /** Names in the article that are neither nodes nor attributes (the tagger's miscellaneous names). */
  otherNames?: string[];
}

/** The relation an open relation is stored as: a statement no other row of the table names, its words in `label`. */
export const OPEN_RELATION: RelationId = 'related_to';

export interface EdgeAttrs {
  relation: RelationId;
  /** The relation's words, or for an open relation (`related_to` with `open`) the predicate phrase of the text. */
  label: string;
  /** A relation the text states that no row of the relation table names: stored as `related_to`, its words in `label`. */
  open?: boolean;
  evidence: Evidence[];
  weight: number;
  confidence: number;
  /** Viewer-only rendering hints; never the relation (sigma reads `type` to choose a program). */
  size?: number;
  color?: string;
}

export interface GraphAttrs {
  schemaVersion: number;
  generator: string;
  extractorVersion: string;
  articleCount: number;
}

/** The link between two entities named in the same sentence: not one of the relations, and never in graph.json. */
export const CO_MENTIONED = 'co_mentioned';

/**
 * One pair of co-mentions.json (docs/graph-format.md): two nodes named in the same sentences, `count` sentences over
 * `articles`, each article's own number in `counts`. Symmetric: `source` sorts before `target`.
 */
export interface CoMention {
  source: string;
  target: string;
  count: number;
  /** Article ids, sorted. */
  articles: string[];
  /** Sentences per article, in the order of `articles`. */
  counts: number[];
}

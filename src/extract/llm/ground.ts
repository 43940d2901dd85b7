/**
 * A model's answers for one article → the same ArticleExtraction the offline extractor gives. Nothing is taken on
 * trust: every entity must be named in the article, every relation's quote must be found in it (which gives its
 * evidence offsets and sentence), and kinds and relation ends must fit the schema. What fails is dropped and counted
 * by reason. Answers for several parts of an article are merged by name. The result depends on the answers alone, not
 * on which part each came from, so answers read back from the cache ground as they did when new.
 */
import {
  RELATION_IDS, RELATIONS, allowsKinds, isEntityKind, isRelationId,
  type Article, type ArticleExtraction, type EntityKind, type LocalEntity, type LocalEvidence, type LocalRelation, type Mention, type RelationId, type RawToken,
} from '../../schema/index.js';
import { tokenise } from '../../nlp/wink.js';
import { normalName } from '../../resolve/name-forms.js';
import { articleEntity, articleMeta, findPublisher, publisherRelation } from '../article-entities.js';
import type { LlmAnswer } from './answer.js';
import { ArticleText } from './locate.js';
import type { Span } from './parts.js';
import type { DropCounts, DropReason } from './drop-reasons.js';


/** One answer (about the whole article or a part of it). */
export interface PartAnswer {
  answer: LlmAnswer;
  /** Items the parser could not read. */
  malformedItems?: number;
}

export interface GroundOptions {
  /** The offline extraction to add to (`--extractor hybrid`): its entities and relations are kept as they are. */
  base?: ArticleExtraction;
  /** What the extraction's `extractorVersion` says. */
  version: string;
}

export interface Grounded {
  extraction: ArticleExtraction;
  dropped: DropCounts;
}

/** Relations the model states: below the offline rules' certainty, which are checked against the grammar. */
const MODEL_CONFIDENCE = 0.7;
/** Kinds whose capitalised members are names (merged across articles by name); the rest are descriptions. */
const NAMED_KINDS: ReadonlySet<EntityKind> = new Set(['person', 'organisation', 'place']);
const RELATION_BY_LABEL = new Map<string, RelationId>(RELATION_IDS.flatMap((id) => [[id, id], [RELATIONS[id].label, id]]));

function kindOf(kind: string): EntityKind | undefined {
  const k = kind.trim().toLowerCase();
  // The American spelling names the same kind.
  const spelled = k === 'organization' ? 'organisation' : k;
  return isEntityKind(spelled) ? spelled : undefined;
}

function relationOf(relation: string): RelationId | undefined {
  const r = relation.trim().toLowerCase();
  return isRelationId(r) ? r : RELATION_BY_LABEL.get(r.replace(/_/g, ' '));
}

/** "the United Nations" → "United Nations": a name keeps no article; "the 1988 massacre" keeps it. */
function nameOf(name: string): string {
  return name.trim().replace(/^[Tt]he\s+(?=\p{Lu})/u, '');
}

interface Draft {
  entity: LocalEntity;
  /** The model's forms found in the text, whose mentions are to be found; none for an offline entity (it has them). */
  forms: string[];
}

type Drop = (reason: DropReason, n?: number) => void;

/** What an article's answers name, and by which names: the offline entities first, in a hybrid build. */
class Entities {
  readonly drafts: Draft[];
  private readonly offline: Set<Draft>;
  /** Normal name → the draft so named. */
  private readonly named = new Map<string, Draft>();
  private next = 1;

  constructor(base: readonly LocalEntity[]) {
    this.drafts = base.map((entity) => ({ entity: { ...entity, aliases: [...entity.aliases] }, forms: [] }));
    this.offline = new Set(this.drafts);
    for (const d of this.drafts) if (d.entity.origin !== 'article') for (const form of [d.entity.label, ...d.entity.aliases]) this.register(normalName(form), d);
  }

  private register(key: string, d: Draft): void {
    if (key && !this.named.has(key)) this.named.set(key, d);
  }

  /** Adds the model's entity, or its forms to the entity of the same name; `found`: its forms that are in the text. */
  add(kind: EntityKind, forms: readonly string[], found: readonly string[]): void {
    const keys = forms.map((f) => normalName(f));
    let d = keys.map((k) => this.named.get(k)).find(Boolean);
    if (d) {
      for (const f of found) if (!d.entity.aliases.includes(f)) d.entity.aliases.push(f);
      if (!this.offline.has(d)) for (const f of found) if (!d.forms.includes(f)) d.forms.push(f);
    } else {
      const label = found[0]!;
      const origin = NAMED_KINDS.has(kind) && /\p{Lu}/u.test(label) ? 'name' : 'description';
      d = { entity: { id: `m${this.next++}`, kind, label, aliases: [...found], mentions: [], origin, attrs: {} }, forms: [...found] };
      this.drafts.push(d);
    }
    for (const k of keys) this.register(k, d);
  }

  /** The entity named `name` (by a normal form of its name or an alias). */
  find(name: string): LocalEntity | undefined {
    return this.named.get(normalName(nameOf(name)))?.entity;
  }
}

/** Grounds the answers for `article`. */
export function groundAnswers(article: Article, answers: readonly PartAnswer[], options: GroundOptions): Grounded {
  const { body } = article;
  const text = new ArticleText(body);
  const sentences = tokenise(body);
  const dropped: DropCounts = {};
  const drop: Drop = (reason, n = 1) => { if (n) dropped[reason] = (dropped[reason] ?? 0) + n; };
  for (const a of answers) drop('malformed', a.malformedItems ?? 0);
  const base = options.base;

  const known = new Entities(base?.entities ?? []);
  const publisher = article.publisher ? normalName(article.publisher) : undefined;
  for (const { answer } of answers) {
    for (const e of answer.entities) {
      const kind = kindOf(e.kind);
      if (!kind) { drop('kind'); continue; }
      const forms = [...new Set([nameOf(e.name), ...(e.aliases ?? []).map(nameOf)])].filter(Boolean);
      // The publisher is named in the header, not the body: its name is grounded there.
      const found = forms.filter((f) => text.occurrences(f, true).length || (publisher !== undefined && normalName(f) === publisher));
      if (found.length) known.add(kind, forms, found);
      else drop('name');
    }
  }
  const sentenceAt = (offset: number) => {
    const i = sentences.findIndex((s) => offset < s.end);
    return i < 0 ? sentences.length - 1 : i;
  };
  const mentions = findMentions(known.drafts, base?.mentions ?? [], text, sentences, sentenceAt);

  // The article and its publisher, as the offline extractor gives them (a hybrid's base has them already).
  let entities = known.drafts.map((d) => d.entity);
  const relations: LocalRelation[] = [...(base?.relations ?? [])];
  if (!base) {
    const found = findPublisher(article, entities);
    if (found?.added) entities = [...entities, found.publisher];
    entities = [articleEntity(article), ...entities];
    if (found) relations.push(publisherRelation(article, 'article', found.publisher.id));
  }
  // The article itself is "article" (or its title) in an answer: a wire credit, "according to X".
  const self = entities.find((e) => e.origin === 'article')!;
  const titleKey = article.title === undefined ? undefined : normalName(article.title);
  const entityNamed = (name: string): LocalEntity | undefined => {
    const entity = known.find(name);
    if (entity) return entity;
    const key = normalName(nameOf(name));
    return key === 'article' || key === titleKey ? self : undefined;
  };
  const evidenceOf = (span: Span): LocalEvidence => {
    const first = sentences[sentenceAt(span.start)];
    const last = sentences[sentenceAt(Math.max(span.start, span.end - 1))];
    const start = Math.min(first?.start ?? span.start, span.start);
    const end = Math.max(last?.end ?? span.end, span.end);
    return { sentence: body.slice(start, end), sentenceStart: start, start: span.start, end: span.end };
  };

  const seen = new Set(relations.map((r) => `${r.source}|${r.relation}|${r.target}`));
  for (const { answer } of answers) {
    for (const r of answer.relations) {
      const relation = relationOf(r.relation);
      if (!relation) { drop('relation'); continue; }
      let source = entityNamed(r.source);
      let target = entityNamed(r.target);
      if (!source || !target) { drop('end'); continue; }
      if (source === target) { drop('self'); continue; }
      const symmetric = RELATIONS[relation].symmetric;
      if (!allowsKinds(relation, source.kind, target.kind) && !(symmetric && allowsKinds(relation, target.kind, source.kind))) { drop('kinds'); continue; }
      if (!isEvidence(r.evidence, [source, target])) { drop('evidence'); continue; }
      // Of a quote found more than once, the place whose sentence names an end of the relation.
      const ends = [...formsOf(source), ...formsOf(target)];
      const span = text.quote(r.evidence, (s) => {
        const sentence = evidenceOf(s).sentence.toLowerCase();
        return ends.some((f) => sentence.includes(f));
      });
      if (!span) { drop('quote'); continue; }
      if (symmetric && source.id > target.id) [source, target] = [target, source];
      const key = `${source.id}|${relation}|${target.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      relations.push({ source: source.id, relation, target: target.id, evidence: evidenceOf(span), confidence: MODEL_CONFIDENCE });
    }
  }

  return {
    extraction: { article: base?.article ?? articleMeta(article), mentions, entities, relations, extractorVersion: options.version },
    dropped,
  };
}

const formsOf = (e: LocalEntity) => [e.label, ...e.aliases].map((f) => f.toLowerCase());

/** A quote of two words or more; of one word only when it names an end ("Reuters" in a credit line). */
function isEvidence(quote: string, ends: readonly LocalEntity[]): boolean {
  const q = quote.trim().toLowerCase();
  if (q.split(/\s+/).length >= 2) return true;
  const word = q.replace(/[^\p{L}\p{N}]+$/u, '');
  return word !== '' && ends.some((e) => formsOf(e).includes(word));
}

/**
 * The mentions of the model's entities, after `offline` ones: every whole-word occurrence of their forms, longest
 * first, none overlapping another. Each entity gets its mention indices, and a description its head word as category.
 */
function findMentions(drafts: readonly Draft[], offline: readonly Mention[], text: ArticleText, sentences: ReadonlyArray<{ tokens: RawToken[] }>,
  sentenceAt: (offset: number) => number): Mention[] {
  const mentions: Mention[] = [...offline];
  const taken: Span[] = mentions.map((m) => ({ start: m.start, end: m.end }));
  const overlaps = (s: Span) => taken.some((t) => s.start < t.end && t.start < s.end);
  const found: Array<{ d: Draft; span: Span }> = [];
  const byLength = drafts.flatMap((d) => d.forms.map((form) => ({ d, form }))).sort((a, b) => b.form.length - a.form.length);
  for (const { d, form } of byLength) {
    for (const span of text.occurrences(form, true)) {
      if (overlaps(span)) continue;
      taken.push(span);
      found.push({ d, span });
    }
  }
  found.sort((a, b) => a.span.start - b.span.start);
  for (const { d, span } of found) {
    const sentence = sentenceAt(span.start);
    const head = headOf(sentences[sentence]?.tokens ?? [], span);
    d.entity.mentions.push(mentions.length);
    mentions.push({ kind: d.entity.kind, text: text.body.slice(span.start, span.end), start: span.start, end: span.end, sentence, head, attrs: {} });
    if (d.entity.origin === 'description' && d.entity.category === undefined && head) d.entity.category = head;
  }
  return mentions;
}

/**
 * The head word of a mention, lower-case lemma: the last noun before any preposition ("investigation" in
 * "investigation by the UN"), else its last word.
 */
function headOf(tokens: readonly RawToken[], span: Span): string {
  const inside = tokens.filter((t) => t.start >= span.start && t.end <= span.end);
  const cut = inside.findIndex((t, i) => i > 0 && t.pos === 'ADP');
  const core = cut > 0 ? inside.slice(0, cut) : inside;
  const noun = [...core].reverse().find((t) => t.pos === 'NOUN' || t.pos === 'PROPN') ?? core[core.length - 1];
  return noun ? noun.lemma.toLowerCase() : '';
}

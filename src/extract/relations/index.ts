/**
 * Runs every relation rule over every sentence and keeps what the relation table allows: the kinds must fit, an
 * edge needs a sentence that states it, and one sentence gives one edge per (source, relation, target).
 */
import { allowsKinds, RELATIONS, type LocalEntity, type LocalRelation, type RelationId, type Sentence, type Token } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';
import { lexicon } from '../../nlp/lexicon/index.js';
import { SentenceContext, type Candidate, type Discourse } from './context.js';
import { sentenceSubject } from './clauses.js';
import type { CueTable } from './user-cues.js';
import { phraseRelations } from './phrase-rules.js';
import { roleRelations } from './role-rules.js';
import { attributionRelations } from './attribution-rules.js';
import { frameRelations } from './frame-relations.js';
import { nounPhraseRelations } from './np-relations.js';
import { findFrames } from '../frames/frames.js';
import { SentenceTree, type NameUnit } from '../tree/sentence-tree.js';

export interface RelationInput {
  sentences: Sentence[];
  body: string;
  bySentence: DraftMention[][];
  entityOf: Map<DraftMention, LocalEntity>;
  article: LocalEntity;
  mainOrganisation?: LocalEntity;
  cues: CueTable;
}

export function findRelations(input: RelationInput): { relations: LocalRelation[]; candidates: Candidate[]; anchored: ReadonlySet<LocalEntity> } {
  const { article, mainOrganisation } = input;
  const entities = [...new Set(input.entityOf.values())];
  const anchored = new Set<LocalEntity>();
  const discourse: Discourse = mainOrganisation ? { subjects: [], article, entities, mainOrganisation, anchored } : { subjects: [], article, entities, anchored };
  const kept: Candidate[] = [];
  const relations: LocalRelation[] = [];
  const all: Candidate[] = [];
  let quoteOpen = false;
  const previous: Array<{ mentions: DraftMention[]; subject?: DraftMention }> = [];
  // One buffer for every sentence: the rules of a sentence all run before its candidates are kept.
  const emitted: Candidate[] = [];
  const emit = (c: Candidate): void => { emitted.push(c); };
  let previousEnd = 0;
  for (let index = 0; index < input.sentences.length; index++) {
    const sentence = input.sentences[index]!;
    emitted.length = 0;
    const { start, end } = sentence;
    // Quotations do not run across paragraphs.
    if (index > 0 && startsParagraph(input.body, previousEnd, start)) quoteOpen = false;
    previousEnd = end;
    const ctx: SentenceContext = new SentenceContext(index, sentence, input.bySentence[index] ?? [], input.entityOf, discourse, emit, previous, quoteOpen);
    quoteOpen = ctx.quoteOpenAtEnd;
    const subject = ctx.inQuote(0) ? undefined : sentenceSubject(ctx);
    const tree = new SentenceTree(sentence, nameUnits(sentence.tokens, ctx.mentions));
    frameRelations(ctx, tree, findFrames(tree), input.cues);
    nounPhraseRelations(ctx, tree);
    phraseRelations(ctx);
    roleRelations(ctx);
    attributionRelations(ctx);
    // One edge per (source, relation, target) and sentence: this sentence's edges are the tail of `kept`.
    const firstOfSentence = kept.length;
    let seen: Set<string> | undefined;
    let text: string | undefined;
    for (const c of emitted) {
      all.push(c);
      let relation = c.relation;
      if (!allowsKinds(relation, c.source.kind, c.target.kind)) {
        if (!c.fallback) continue;
        relation = 'related_to';
      }
      // Symmetric relations are stored in one direction only; an open relation keeps the text's ("X acquired Y").
      let { source, target } = c;
      if (RELATIONS[relation].symmetric && c.label === undefined && source.id > target.id) [source, target] = [target, source];
      // Most sentences keep a handful of edges, quicker scanned than keyed; a long list gets a set.
      if (kept.length - firstOfSentence <= SCAN_LIMIT) {
        if (keptBefore(kept, firstOfSentence, source.id, relation, target.id)) continue;
      } else {
        seen ??= new Set(kept.slice(firstOfSentence).map((k) => edgeKey(k.source.id, k.relation, k.target.id)));
        const key = edgeKey(source.id, relation, target.id);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      kept.push(relation === c.relation && source === c.source && target === c.target ? c : { ...c, relation, source, target });
      text ??= input.body.slice(start, end);
      const from = ctx.tokens[c.from]!;
      const to = ctx.tokens[Math.max(c.from, c.to - 1)]!;
      const r: LocalRelation = {
        source: source.id, relation, target: target.id, confidence: c.confidence,
        evidence: { sentence: text, sentenceStart: start, start: from.start, end: to.end },
      };
      if (c.label !== undefined && relation === 'related_to') { r.label = c.label; r.open = true; }
      // Which rule made it, for debugging; not enumerable, so never serialised or cached.
      Object.defineProperty(r, 'rule', { value: c.rule, enumerable: false });
      relations.push(r);
      if ((c.rule.startsWith('verb') || c.rule.startsWith('frame-v')) && !ctx.inQuote(c.from)) {
        const at = discourse.subjects.indexOf(c.source);
        if (at >= 0) discourse.subjects.splice(at, 1);
        discourse.subjects.push(c.source);
      }
    }
    // Object literals rather than a spread: spreads build a new hidden class each time, and these are read often.
    previous.push(subject ? { mentions: ctx.mentions, subject } : { mentions: ctx.mentions });
  }
  return { relations, candidates: all, anchored };
}

/** The names of a sentence, as token ranges the tree keeps whole. */
function nameUnits(tokens: readonly Token[], mentions: readonly DraftMention[]): NameUnit[] {
  const out: NameUnit[] = [];
  for (const m of mentions) {
    if (m.origin !== 'name' || m.charStart !== undefined) continue;
    // A person's title before the name, with a nationality before it ("Yemeni President Sheikh").
    let lead = m.coreStart;
    if (m.kind === 'person' && typeof m.attrs.title === 'string') {
      const words = m.attrs.title.split(/\s+/).length;
      if (tokens.slice(m.coreStart - words, m.coreStart).map((t) => t.text).join(' ') === m.attrs.title) lead -= words;
      if (lead > 0 && lead < m.coreStart && lexicon().demonyms.has(tokens[lead - 1]!.text.toLowerCase())) lead--;
    }
    if (m.coreEnd - m.coreStart > 1 || lead < m.coreStart) out.push({ start: m.coreStart, end: m.coreEnd, lead });
  }
  return out;
}

/** Up to this many edges kept for a sentence, a new one is checked against them one by one. */
const SCAN_LIMIT = 16;

const edgeKey = (source: string, relation: RelationId, target: string): string => `${source}|${relation}|${target}`;

/** Whether `kept[from..]` already holds an edge (source, relation, target); a sentence keeps only a handful. */
function keptBefore(kept: readonly Candidate[], from: number, source: string, relation: RelationId, target: string): boolean {
  for (let k = from; k < kept.length; k++) {
    const c = kept[k]!;
    if (c.relation === relation && c.source.id === source && c.target.id === target) return true;
  }
  return false;
}

/** Whether the text between two sentences, body[from, to), holds a blank line (a newline, spaces, a newline). */
function startsParagraph(body: string, from: number, to: number): boolean {
  // Most gaps are a single space: look for a newline before trying the pattern.
  for (let i = from; i < to; i++) if (body.charCodeAt(i) === 10) return /\n\s*\n/.test(body.slice(from, to));
  return false;
}

export { buildCueTable, type CueTable } from './user-cues.js';

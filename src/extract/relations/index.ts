/**
 * Runs every relation rule over every sentence and keeps what the relation table allows: the kinds must fit, an
 * edge needs a sentence that states it, and one sentence gives one edge per (source, relation, target).
 */
import { allowsKinds, RELATIONS, type LocalEntity, type LocalRelation, type Sentence } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';
import { SentenceContext, type Candidate, type Discourse } from './context.js';
import { sentenceSubject } from './clauses.js';
import { verbRelations, type CueTable } from './verb-rules.js';
import { phraseRelations } from './phrase-rules.js';
import { roleRelations } from './role-rules.js';
import { attributionRelations } from './attribution-rules.js';

export interface RelationInput {
  sentences: Sentence[];
  body: string;
  bySentence: DraftMention[][];
  entityOf: Map<DraftMention, LocalEntity>;
  article: LocalEntity;
  mainOrganisation?: LocalEntity;
  cues: CueTable;
}

export function findRelations(input: RelationInput): { relations: LocalRelation[]; candidates: Candidate[] } {
  const discourse: Discourse = {
    subjects: [], article: input.article, entities: [...new Set(input.entityOf.values())],
    ...(input.mainOrganisation ? { mainOrganisation: input.mainOrganisation } : {}),
  };
  const kept: Candidate[] = [];
  const all: Candidate[] = [];
  const seen = new Set<string>();
  let quoteOpen = false;
  const previous: Array<{ mentions: DraftMention[]; subject?: DraftMention }> = [];
  input.sentences.forEach((sentence, index) => {
    const emitted: Candidate[] = [];
    // Quotations do not run across paragraphs.
    const prev = input.sentences[index - 1];
    if (prev && /\n\s*\n/.test(input.body.slice(prev.end, sentence.start))) quoteOpen = false;
    const ctx = new SentenceContext(index, sentence, input.bySentence[index] ?? [], input.entityOf, discourse,
      (c) => emitted.push({ ...c, sentence: index }), previous, quoteOpen);
    quoteOpen = ctx.quoteOpenAtEnd;
    const subject = ctx.inQuote(0) ? undefined : sentenceSubject(ctx);
    verbRelations(ctx, input.cues);
    phraseRelations(ctx);
    roleRelations(ctx);
    attributionRelations(ctx);
    for (const c of emitted) {
      all.push(c);
      let relation = c.relation;
      if (!allowsKinds(relation, c.source.kind, c.target.kind)) {
        if (!c.fallback) continue;
        relation = 'related_to';
      }
      // Symmetric relations are stored in one direction only.
      let { source, target } = c;
      if (RELATIONS[relation].symmetric && source.id > target.id) [source, target] = [target, source];
      const key = `${source.id}|${relation}|${target.id}|${index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push({ ...c, relation, source, target });
      if (c.rule.startsWith('verb') && !ctx.inQuote(c.from)) {
        const at = discourse.subjects.indexOf(c.source);
        if (at >= 0) discourse.subjects.splice(at, 1);
        discourse.subjects.push(c.source);
      }
    }
    previous.push({ mentions: ctx.mentions, ...(subject ? { subject } : {}) });
  });
  const relations = kept.map((c): LocalRelation => {
    const sentence = input.sentences[c.sentence]!;
    const from = sentence.tokens[c.from]!;
    const to = sentence.tokens[Math.max(c.from, c.to - 1)]!;
    return {
      source: c.source.id, relation: c.relation, target: c.target.id, confidence: c.confidence,
      evidence: { sentence: input.body.slice(sentence.start, sentence.end), sentenceStart: sentence.start, start: from.start, end: to.end },
    };
  });
  return { relations, candidates: all };
}

export { buildCueTable, type CueTable } from './verb-rules.js';

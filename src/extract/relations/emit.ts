/**
 * How a rule states a relation: a candidate whose evidence runs from the source's nearest mention through the words
 * that state it to the target's.
 */
import type { LocalEntity, RelationId } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';
import type { Candidate, SentenceContext } from './context.js';

/** Tokens between the cue and an end beyond which the end is left out of the cited span. */
const MAX_CITATION_REACH = 15;

/** Emits a candidate; the evidence runs from the source's nearest mention through the cue to the target's. */
export function emitChecked(ctx: SentenceContext, source: LocalEntity, relation: RelationId, target: LocalEntity, from: number, to: number, confidence: number, rule: string, fallback = false, label?: string): void {
  if (source === target) return;
  let lo = from;
  let hi = to;
  for (const e of [source, target]) {
    const nearest = nearestMention(ctx, e, from);
    // An end named far away (a pronoun's antecedent at the start of a long sentence) is not part of the citation:
    // the span stays on the words that state the relation.
    if (nearest && Math.abs(nearest.coreStart - from) <= MAX_CITATION_REACH) { lo = Math.min(lo, nearest.coreStart); hi = Math.max(hi, nearest.coreEnd - 1); }
  }
  const sentence = ctx.index;
  const c: Candidate = { source, relation, target, from: lo, to: hi + 1, confidence, rule, sentence };
  if (fallback) c.fallback = true;
  if (label !== undefined) c.label = label;
  ctx.emit(c);
}

/** The mention of `e` whose core starts closest to token `from`; the first of equally close ones. */
function nearestMention(ctx: SentenceContext, e: LocalEntity, from: number): DraftMention | undefined {
  let nearest: DraftMention | undefined;
  let distance = Infinity;
  for (const m of ctx.mentions) {
    if (ctx.entity(m) !== e) continue;
    const d = Math.abs(m.coreStart - from);
    if (d < distance) { nearest = m; distance = d; }
  }
  return nearest;
}

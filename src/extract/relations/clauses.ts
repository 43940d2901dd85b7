/**
 * Mentions read off the token sequence where no tree is needed: what a pronoun stands for, a sentence's subject,
 * names coordinated after a word, the mention after a title.
 */
import { ACTOR_KINDS, type EntityKind, type LocalEntity } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';
import { isComma, isPreposition, isVerb, DETERMINERS } from '../tokens.js';
import type { SentenceContext } from './context.js';

const POSSESSIVE_ENDINGS = new Set(["'s", '’s', "'", '’']);
const IT_KINDS: ReadonlySet<EntityKind> = new Set(['organisation', 'document', 'event']);

/** `isCoordinator(tokens[i])` from the sentence's lower-cased words. */
function isCoordinatorAt(ctx: SentenceContext, i: number): boolean {
  const w = ctx.word(i);
  return w === 'and' || w === '&' || w === 'or';
}

/** The most recent entity in `list` (most recent last) that passes `test`. */
function latest(list: readonly LocalEntity[], test: (e: LocalEntity) => boolean): LocalEntity | undefined {
  for (let k = list.length - 1; k >= 0; k--) if (test(list[k]!)) return list[k];
  return undefined;
}

/**
 * Index of the mention that starts at or after token k once determiners, "then", honorifics and a title before a
 * name are skipped ("the then Prime Minister, X", "President X", "Chancellor X"); k itself when none.
 */
export function skipToMention(ctx: SentenceContext, k: number): number {
  let j = k;
  // Determiners, "then", and lower-case adjectives before a name ("the parliamentary Treasury Committee").
  while (j < ctx.tokens.length && !ctx.startingAt(j).length && (DETERMINERS.has(ctx.word(j)) || ctx.word(j) === 'then' ||
    (ctx.tokens[j]!.pos === 'ADJ' && !/^\p{Lu}/u.test(ctx.tokens[j]!.text) && ctx.startingAt(j + 1).some((m) => m.origin === 'name')))) j++;
  if (ctx.startingAt(j).length) return j;
  // A title only matters before a person's name: skip looking for one when no person is named further on.
  if (!ctx.personStartsAfter(j)) return j;
  const title = ctx.titleLengthAt(j);
  if (title) {
    let t = j + title;
    if (isComma(ctx.tokens[t])) t++;
    while (t < ctx.tokens.length && /^(?:mr|mrs|ms|dr|sir)\.?$/i.test(ctx.tokens[t]!.text)) t++;
    if (ctx.startingAt(t).some((m) => m.kind === 'person')) return t;
  }
  return j;
}

/** The mention starting at token i and the ones coordinated after it ("X and Y", "X, Y and Z"). */
export function coordinatedFrom(ctx: SentenceContext, i: number): DraftMention[] {
  const first = ctx.startingAt(skipToMention(ctx, i))[0];
  if (!first) return [];
  const out = [first];
  let end = first.end;
  for (;;) {
    let j = end;
    if (isComma(ctx.tokens[j])) j++;
    if (isCoordinatorAt(ctx, j)) j++;
    if (j === end) break;
    j = skipToMention(ctx, j);
    const next = ctx.startingAt(j)[0];
    if (!next || (next.kind !== first.kind && !(ACTOR_KINDS.has(next.kind) && ACTOR_KINDS.has(first.kind)))) break;
    // "X and Y signed": stop when the next mention is a new clause's subject.
    if (isVerb(ctx.tokens[next.end]) && ctx.tokens[next.end]!.pos === 'VERB' && out.length && isCoordinatorAt(ctx, j - 1)) {
      out.push(next);
      break;
    }
    out.push(next);
    end = next.end;
  }
  return out;
}

function isInPrepositionalPhrase(ctx: SentenceContext, m: DraftMention): boolean {
  let i = m.start - 1;
  // "in central Minsk", "by the then minister": modifiers between the preposition and the name.
  while (i >= 0 && (DETERMINERS.has(ctx.word(i)) || ctx.tokens[i]!.pos === 'ADJ' || ctx.tokens[i]!.pos === 'NUM')) i--;
  const before = ctx.tokens[i];
  return !!before && isPreposition(before);
}

/** Organisations that take "they": plural names ("the Social Democrats", "the Greens"). */
const isPluralName = (label: string): boolean => /s$/i.test(label.split(/\s+/).at(-1) ?? '') && !/(?:ss|us|is)$/i.test(label);

/** The subject of a whole sentence: its first mention outside prepositional phrases, before the first verb. */
export function sentenceSubject(ctx: SentenceContext): DraftMention | undefined {
  const firstVerb = ctx.tokens.findIndex((t) => t.pos === 'VERB' || t.pos === 'AUX');
  const limit = firstVerb < 0 ? ctx.tokens.length : firstVerb;
  return ctx.mentions.find((m) => m.end <= limit && m.start >= ctx.datelineEnd && !isInPrepositionalPhrase(ctx, m) && !POSSESSIVE(ctx, m));
}

const POSSESSIVE = (ctx: SentenceContext, m: DraftMention): boolean => POSSESSIVE_ENDINGS.has(ctx.word(m.end));

/**
 * "they" → the latest plural actor that was a subject; "he"/"she" → the latest person; "we" inside a quotation →
 * whoever the sentence says is speaking.
 */
export function resolvePronoun(ctx: SentenceContext, pronoun: string, at: number, role: 'subject' | 'object' = 'subject'): LocalEntity | undefined {
  const recent = ctx.discourse.subjects;
  if (pronoun === 'he' || pronoun === 'she') {
    for (let k = ctx.mentions.length - 1; k >= 0; k--) {
      const m = ctx.mentions[k]!;
      if (m.end <= at && ctx.entity(m).kind === 'person') return ctx.entity(m);
    }
    const subject = latest(recent, (e) => e.kind === 'person');
    if (subject) return subject;
    // The latest person named in the last few sentences (looking further back would be a guess, and slow).
    for (let k = ctx.previous.length - 1; k >= Math.max(0, ctx.previous.length - 5); k--) {
      const mentions = ctx.previous[k]!.mentions;
      for (let j = mentions.length - 1; j >= 0; j--) if (mentions[j]!.kind === 'person') return ctx.entityOfPrevious(mentions[j]!);
    }
    return undefined;
  }
  if (pronoun === 'they') {
    // The subject of one of the last sentences, when it was plural; then whoever did something lately.
    for (let k = ctx.previous.length - 1; k >= Math.max(0, ctx.previous.length - 3); k--) {
      const subject = ctx.previous[k]!.subject;
      const entity = subject && ctx.entityOfPrevious(subject);
      if (entity && (entity.kind === 'group' || (entity.kind === 'organisation' && isPluralName(entity.label)))) return entity;
    }
    return latest(recent, (e) => e.kind === 'group') ?? latest(recent, (e) => e.kind === 'organisation' && isPluralName(e.label));
  }
  if (pronoun === 'it') {
    // An object "it" is mostly a text or an event just named ("one MP opposed it"): the latest in this sentence or
    // the one before.
    if (role === 'object') {
      for (let k = ctx.mentions.length - 1; k >= 0; k--) {
        const m = ctx.mentions[k]!;
        if (m.end <= at && (m.kind === 'document' || m.kind === 'event')) return ctx.entity(m);
      }
      const before = ctx.previous[ctx.previous.length - 1]?.mentions ?? [];
      for (let k = before.length - 1; k >= 0; k--) {
        const m = before[k]!;
        if (m.kind === 'document' || m.kind === 'event') return ctx.entityOfPrevious(m);
      }
    }
    // The organisation, text or event a recent sentence was about; then one named earlier in this sentence.
    for (let k = ctx.previous.length - 1; k >= Math.max(0, ctx.previous.length - 2); k--) {
      const subject = ctx.previous[k]!.subject;
      const entity = subject && ctx.entityOfPrevious(subject);
      if (entity && IT_KINDS.has(entity.kind)) return entity;
    }
    for (let k = ctx.mentions.length - 1; k >= 0; k--) {
      const m = ctx.mentions[k]!;
      if (m.end <= at && m.kind === 'organisation') return ctx.entity(m);
    }
    return latest(recent, (e) => e.kind === 'organisation');
  }
  if (pronoun === 'we' || pronoun === 'i') {
    // "The statement read: “We …”": the speaker is the subject before the colon or quote.
    for (let j = at - 1; j >= 0; j--) {
      if (ctx.tokens[j]!.text === ':' || /^[“"„]$/.test(ctx.tokens[j]!.text)) {
        for (let k = ctx.mentions.length - 1; k >= 0; k--) if (ctx.mentions[k]!.end <= j) return ctx.entity(ctx.mentions[k]!);
        return undefined;
      }
    }
    return undefined;
  }
  return undefined;
}


/**
 * Shallow clause structure: who is the subject of a verb, what is its object, what a pronoun stands for. Heuristics
 * over tokens and mentions, in place of a parser; each one is pinned by tests with plain English sentences.
 */
import type { EntityKind, LocalEntity, Token } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';
import {
  lower, isComma, isPreposition, isVerb, isClausePunct, RELATIVE_PRONOUNS, SUBORDINATORS, DETERMINERS,
} from '../tokens.js';
import type { SentenceContext } from './context.js';

const BE = new Set(['be', 'get']);
const PERSONAL = new Set(['he', 'she', 'they', 'it', 'we', 'i']);
/** Governors that negate the infinitive after them: "refused to sign", "declined to back". */
const REFUSALS = new Set(['refuse', 'decline', 'fail', 'reject']);
/** Prepositions whose phrase modifies the noun before it ("the leader of X", "a delegation from Y"). */
const NOUN_PREPOSITIONS = new Set(['of', 'for', 'from', 'in', 'at', 'with', 'on']);
const POSSESSIVE_ENDINGS = new Set(["'s", '’s', "'", '’']);
const ING = /ing$/i;
const QUOTE_MARKS = new Set(['“', '”', '"', '„', '«', '»']);
const ACTORS: ReadonlySet<EntityKind> = new Set(['person', 'organisation', 'group', 'place']);
const IT_KINDS: ReadonlySet<EntityKind> = new Set(['organisation', 'document', 'event']);

/** `isCoordinator(tokens[i])` from the sentence's lower-cased words. */
function isCoordinatorAt(ctx: SentenceContext, i: number): boolean {
  const w = ctx.word(i);
  return w === 'and' || w === '&' || w === 'or';
}

/** `isNegation(tokens[i])` from the sentence's lower-cased words. */
function isNegationAt(ctx: SentenceContext, i: number): boolean {
  const w = ctx.word(i);
  return w === 'not' || w === "n't" || w === 'never';
}

/** The most recent entity in `list` (most recent last) that passes `test`. */
function latest(list: readonly LocalEntity[], test: (e: LocalEntity) => boolean): LocalEntity | undefined {
  for (let k = list.length - 1; k >= 0; k--) if (test(list[k]!)) return list[k];
  return undefined;
}

/** Index of the first token of the verb group ending at v (auxiliaries, adverbs, "not", infinitive "to"). */
export function verbGroupStart(ctx: SentenceContext, v: number): number {
  let a = v;
  while (a > 0) {
    const t = ctx.tokens[a - 1]!;
    if (t.pos === 'AUX' || t.pos === 'ADV' || t.pos === 'PART' || ctx.word(a - 1) === 'to') a--;
    else break;
  }
  return a;
}

export function isNegated(ctx: SentenceContext, v: number): boolean {
  const a = verbGroupStart(ctx, v);
  for (let i = a; i < v; i++) if (isNegationAt(ctx, i)) return true;
  // "refused to sign", "declined to back", "failed to condemn"
  if (ctx.word(a) === 'to' || ctx.word(v - 1) === 'to') {
    const gov = ctx.tokens[Math.min(a, v - 1) - 1];
    if (gov && REFUSALS.has(gov.lemma)) return true;
  }
  return false;
}

/** A past participle: "-ed", "-en", or an irregular form whose lemma differs ("held", "led", "met"). */
export function isPastParticiple(t: Token): boolean {
  const w = lower(t);
  if (/ing$/.test(w) || (/s$/.test(w) && w !== t.lemma && !/ss$/.test(w))) return false;
  return /(?:ed|en|wn|ne)$/.test(w) || w !== t.lemma;
}

/** Passive: a form of "be"/"get" in the verb group, or a participle clause hanging on a noun. */
export function isPassive(ctx: SentenceContext, v: number): boolean {
  const t = ctx.tokens[v]!;
  if (!isPastParticiple(t)) return false;
  for (let i = verbGroupStart(ctx, v); i < v; i++) if (BE.has(ctx.tokens[i]!.lemma)) return true;
  return reducedRelativeHost(ctx, v) !== undefined;
}

/** A copula in the verb group before token v ("were responsible for"). */
export function hasCopula(ctx: SentenceContext, v: number): boolean {
  for (let i = verbGroupStart(ctx, v); i < v; i++) if (ctx.tokens[i]!.lemma === 'be') return true;
  return false;
}

/**
 * The noun a participle clause hangs on: "a fatwa issued by X", "the statement supporting the call",
 * "the conference, held in Y". Only when the participle has no auxiliary of its own.
 */
export function reducedRelativeHost(ctx: SentenceContext, v: number): DraftMention | undefined {
  const t = ctx.tokens[v]!;
  const ing = ING.test(t.text);
  if (!ing && !isPastParticiple(t)) return undefined;
  if (verbGroupStart(ctx, v) !== v) return undefined;
  let i = v;
  if (isComma(ctx.tokens[i - 1])) i--;
  const host = ctx.endingAt(i)[0];
  if (!host) return undefined;
  const next = ctx.word(v + 1);
  // A bare past form right after a noun is usually the main verb ("China voted"), unless an agent or a comma says
  // otherwise, or it is an -ing form.
  // "a report published in March by the committee": an agent close behind makes it a participle clause.
  if (ing || next === 'by' || (ctx.tokens[v + 1]?.pos === 'ADP' && agentSoon(ctx, v))) return host;
  // "the conference, held in Y": after a comma only when a prepositional phrase follows; "X, attended the summit"
  // is X's own verb.
  if (i < v && ctx.tokens[v + 1]?.pos === 'ADP' && !closesRelativeClause(ctx, i)) return host;
  return undefined;
}

/** "by" within the four tokens after v, with no comma or verb among them. */
function agentSoon(ctx: SentenceContext, v: number): boolean {
  const stop = Math.min(ctx.tokens.length, v + 5);
  let by = false;
  for (let k = v + 1; k < stop; k++) {
    const x = ctx.tokens[k]!;
    if (isComma(x) || x.pos === 'VERB') return false;
    if (ctx.word(k) === 'by') by = true;
  }
  return by;
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

/** Whether the comma at `comma` ends ", who/which …," (then the verb after it is the main verb). */
function closesRelativeClause(ctx: SentenceContext, comma: number): boolean {
  for (let k = comma - 1; k > 0; k--) {
    if (isComma(ctx.tokens[k]) || isClausePunct(ctx.tokens[k])) return false;
    if (RELATIVE_PRONOUNS.has(ctx.word(k)) && ctx.word(k) !== 'that') return isComma(ctx.tokens[k - 1]);
  }
  return false;
}

/** The mention and the coordinated ones before it ("X, Y and Z"), ending just before token `end`. */
function coordinatedBefore(ctx: SentenceContext, end: number): DraftMention[] {
  const first = ctx.endingAt(end)[0];
  if (!first) return [];
  const out = [first];
  let i = first.start;
  for (;;) {
    const sep = ctx.tokens[i - 1];
    if (!sep || !(isCoordinatorAt(ctx, i - 1) || isComma(sep))) break;
    let j = i - 1;
    if (isComma(ctx.tokens[j - 1]) || isCoordinatorAt(ctx, j - 1)) j--;
    const prev = ctx.endingAt(j)[0];
    if (!prev || prev.kind !== first.kind && !(ACTORS.has(prev.kind) && ACTORS.has(first.kind))) break;
    out.unshift(prev);
    i = prev.start;
  }
  return out;
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
    if (!next || (next.kind !== first.kind && !(ACTORS.has(next.kind) && ACTORS.has(first.kind)))) break;
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

/** A mention in a prepositional phrase or a possessor is not a subject: climb to the noun it modifies. */
function climbToHead(ctx: SentenceContext, m: DraftMention): DraftMention {
  let current = m;
  for (let k = 0; k < 4; k++) {
    const before = ctx.tokens[current.start - 1];
    if (!before || !isPreposition(before) || !NOUN_PREPOSITIONS.has(ctx.word(current.start - 1))) break;
    const host = ctx.endingAt(current.start - 1)[0];
    if (!host) break;
    current = host;
  }
  // A phrase mention that spans the PP already ("members of the party") wins over the inner name: the longest, the
  // first of equally long ones.
  let outer: DraftMention | undefined;
  for (const o of ctx.mentions) {
    if (o === current || o.start > current.start || o.end < current.end || o.origin !== 'phrase' || o.kind === 'event' || o.kind === 'document') continue;
    if (!outer || o.end - o.start > outer.end - outer.start) outer = o;
  }
  return outer ?? current;
}

function isInPrepositionalPhrase(ctx: SentenceContext, m: DraftMention): boolean {
  let i = m.start - 1;
  // "in central Minsk", "by the then minister": modifiers between the preposition and the name.
  while (i >= 0 && (DETERMINERS.has(ctx.word(i)) || ctx.tokens[i]!.pos === 'ADJ' || ctx.tokens[i]!.pos === 'NUM')) i--;
  const before = ctx.tokens[i];
  return !!before && isPreposition(before);
}

/** Start of the clause that contains token i. */
export function clauseStart(ctx: SentenceContext, i: number): number {
  // "X, who lives in exile in Y, called on …": a relative clause between commas belongs to X, not to the verb's
  // clause; step over it.
  let skipFrom = -1;
  if (isComma(ctx.tokens[i - 1])) {
    for (let k = i - 2; k > 0; k--) {
      if (isComma(ctx.tokens[k]) || isClausePunct(ctx.tokens[k])) break;
      if (RELATIVE_PRONOUNS.has(ctx.word(k)) && ctx.word(k) !== 'that' && isComma(ctx.tokens[k - 1])) { skipFrom = k - 1; break; }
    }
  }
  for (let j = (skipFrom >= 0 ? skipFrom : i) - 1; j >= 0; j--) {
    const t = ctx.tokens[j]!;
    // A bracketed aside "(UCF)", "[1]" is not a boundary: step over it.
    if (t.text === ')' || t.text === ']') {
      const open = t.text === ')' ? '(' : '[';
      let k = j - 1;
      while (k >= 0 && ctx.tokens[k]!.text !== open) k--;
      if (k >= 0) { j = k; continue; }
    }
    // Quotation marks open a clause only when they open speech (after ":" or "," or at the start); elsewhere they
    // just mark a quoted phrase ("concerns over “the crisis” and calls for").
    if (QUOTE_MARKS.has(t.text)) {
      const before = ctx.tokens[j - 1];
      if (!before || before.text === ':' || isComma(before)) return j + 1;
      continue;
    }
    if (isClausePunct(t)) return j + 1;
    const w = ctx.word(j);
    if (SUBORDINATORS.has(w) && w !== 'as' && (w !== 'that' || isVerb(ctx.tokens[j - 1]) || isComma(ctx.tokens[j - 1]))) return j + 1;
  }
  return 0;
}

/**
 * Subjects of the verb at v, as entities. Tries, in order: the noun a participle hangs on; the antecedent of a
 * relative pronoun; the mention right before the verb group (climbing out of prepositional phrases); a pronoun;
 * the first mention of the clause that is not in a prepositional phrase.
 */
export function subjectsOf(ctx: SentenceContext, v: number): LocalEntity[] {
  const host = reducedRelativeHost(ctx, v);
  if (host) return [ctx.entity(climbToHead(ctx, host))];
  const a = verbGroupStart(ctx, v);
  let i = a;
  if (RELATIVE_PRONOUNS.has(ctx.word(i - 1))) {
    i--;
    if (isComma(ctx.tokens[i - 1])) i--;
    const antecedent = ctx.endingAt(i)[0];
    return antecedent ? coordinatedBefore(ctx, antecedent.end).map((m) => ctx.entity(m)) : [];
  }
  const adjacent = ctx.endingAt(i)[0];
  if (adjacent) {
    const head = climbToHead(ctx, adjacent);
    if (head !== adjacent) return [ctx.entity(head)];
    if (!isInPrepositionalPhrase(ctx, adjacent) || adjacent.origin === 'phrase') return coordinatedBefore(ctx, adjacent.end).map((m) => ctx.entity(m));
  }
  const pronoun = ctx.word(i - 1);
  if (PERSONAL.has(pronoun)) {
    const resolved = resolvePronoun(ctx, pronoun, i - 1);
    return resolved ? [resolved] : [];
  }
  const start = clauseStart(ctx, a);
  for (let j = start; j < a; j++) {
    const t = ctx.word(j);
    if (PERSONAL.has(t) && (j === start || isComma(ctx.tokens[j - 1]))) {
      const resolved = resolvePronoun(ctx, t, j);
      return resolved ? [resolved] : [];
    }
    const m = ctx.startingAt(j)[0];
    if (!m || isInPrepositionalPhrase(ctx, m) || POSSESSIVE(ctx, m)) continue;
    return coordinatedFrom(ctx, j).filter((x) => x.end <= a).map((x) => ctx.entity(x));
  }
  return [];
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
export function resolvePronoun(ctx: SentenceContext, pronoun: string, at: number): LocalEntity | undefined {
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

/**
 * Objects of a verb whose cue ends at token e: the first mention after it (determiners and adverbs skipped, no
 * clause boundary or other verb crossed) and those coordinated with it.
 */
export function objectsAfter(ctx: SentenceContext, e: number, window = 6): DraftMention[] {
  for (let j = e + 1; j < Math.min(ctx.tokens.length, e + 1 + window); j++) {
    const t = ctx.tokens[j]!;
    if (ctx.startingAt(skipToMention(ctx, j)).length) return coordinatedFrom(ctx, j);
    if (isClausePunct(t) || isComma(t) || (t.pos === 'VERB' && j > e + 1) || ctx.word(j) === 'that' || ctx.word(j) === 'to') return [];
    if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      // The object is something that is not an entity, unless a name in apposition says what it is
      // ("the main opposition group, the Freedom Front").
      let k = j;
      while (k + 1 < ctx.tokens.length && (ctx.tokens[k + 1]!.pos === 'NOUN' || ctx.tokens[k + 1]!.pos === 'PROPN') && !ctx.startingAt(k + 1).length) k++;
      if (isComma(ctx.tokens[k + 1])) {
        let a = k + 2;
        while (DETERMINERS.has(ctx.word(a)) && !ctx.startingAt(a).length) a++;
        const apposition = ctx.startingAt(a)[0];
        if (apposition && apposition.origin === 'name') return [apposition];
      }
      return [];
    }
  }
  return [];
}

/** Skips "the then Prime Minister," before a name: a title in apposition to the name that follows. */
function skipAppositiveTitle(ctx: SentenceContext, k: number): number {
  let j = k;
  while (j < ctx.tokens.length && j < k + 6 && !ctx.startingAt(j).length && !isComma(ctx.tokens[j]) && (ctx.tokens[j]!.pos === 'PROPN' || ctx.tokens[j]!.pos === 'NOUN' || ctx.tokens[j]!.pos === 'ADJ' || ctx.word(j) === 'then')) j++;
  if (j > k && isComma(ctx.tokens[j]) && ctx.startingAt(j + 1).some((m) => m.kind === 'person')) return j + 1;
  return k;
}

/** The by-agents of a passive verb at v (or of its cue ending at e). */
export function agentsOf(ctx: SentenceContext, e: number): DraftMention[] {
  for (let j = e + 1; j < Math.min(ctx.tokens.length, e + 4); j++) {
    if (ctx.word(j) === 'by') {
      let k = j + 1;
      while (k < ctx.tokens.length && (DETERMINERS.has(ctx.word(k)) || ctx.word(k) === 'then') && !ctx.startingAt(k).length) k++;
      return coordinatedFrom(ctx, skipAppositiveTitle(ctx, k));
    }
    if (isComma(ctx.tokens[j]) || isVerb(ctx.tokens[j])) break;
  }
  return [];
}

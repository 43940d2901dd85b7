/**
 * Relations stated by a verb from the relation table's cues: "X signed Y", "Y was issued by X", "X called on Y to",
 * with voice, coordination and negation.
 */
import { RELATION_IDS, RELATIONS, type RelationCue, type RelationId, type LocalEntity } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';
import { isPreposition } from '../tokens.js';
import type { Candidate, SentenceContext } from './context.js';
import { agentsOf, hasCopula, isNegated, isPassive, objectsAfter, subjectsOf } from './clauses.js';

interface IndexedCue {
  relation: RelationId;
  cue: RelationCue;
  words: string[];
}

export type CueTable = ReadonlyMap<string, readonly IndexedCue[]>;

/** Cues by their first lemma; extra cues (from the user's config) extend the schema's. */
export function buildCueTable(extra: ReadonlyArray<{ relation: RelationId; cue: RelationCue }> = []): CueTable {
  const table = new Map<string, IndexedCue[]>();
  const add = (relation: RelationId, cue: RelationCue) => {
    const words = cue.lemmas.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return;
    if (!table.has(words[0]!)) table.set(words[0]!, []);
    table.get(words[0]!)!.push({ relation, cue, words });
  };
  for (const id of RELATION_IDS) for (const cue of RELATIONS[id].cues) add(id, cue);
  for (const { relation, cue } of extra) add(relation, cue);
  return table;
}

/**
 * Cues for a verb; wink sometimes mis-lemmatises ("fined" → "fin"), so plain suffix stripping is the fallback.
 * `lowered` is `lower(t)`, which is the text in lower case unless it holds an apostrophe (then made plain).
 */
function cuesFor(table: CueTable, t: { text: string; lemma: string }, lowered: string): readonly IndexedCue[] | undefined {
  const byLemma = table.get(t.lemma);
  if (byLemma) return byLemma;
  const w = lowered.includes("'") ? t.text.toLowerCase() : lowered;
  return table.get(w) ??
    (w.endsWith('ed') ? table.get(w.slice(0, -1)) ?? table.get(w.slice(0, -2)) : w.endsWith('s') ? table.get(w.slice(0, -1)) : undefined);
}

/** Matches the rest of a cue after token v; returns the index of its last token, adverbs allowed between words. */
function matchRest(ctx: SentenceContext, v: number, words: string[]): number {
  let j = v;
  for (let n = 1; n < words.length; n++) {
    const w = words[n]!;
    let k = j + 1;
    while (ctx.tokens[k] && ctx.tokens[k]!.pos === 'ADV' && ctx.tokens[k]!.lemma !== w && k < j + 3) k++;
    const t = ctx.tokens[k];
    if (!t || (t.lemma !== w && ctx.word(k) !== w)) return -1;
    j = k;
  }
  return j;
}

const CALL_DETERMINERS = new Set(['the', 'a', 'this', 'its', 'their']);
const CALL_NOUNS = new Set(['call', 'appeal', 'demand', 'plea', 'request', 'proposal', 'initiative', 'efforts', 'work', 'actions', 'campaign']);

/** A noun phrase "the call of/by X (for Y)": the caller X is what a verb like "support" is really about. */
function callOwner(ctx: SentenceContext, e: number): { owner: DraftMention; forTarget?: DraftMention } | undefined {
  let j = e + 1;
  while (ctx.tokens[j] && CALL_DETERMINERS.has(ctx.word(j))) j++;
  if (!CALL_NOUNS.has(ctx.tokens[j]?.lemma ?? '')) return undefined;
  if (ctx.word(j + 1) !== 'of' && ctx.word(j + 1) !== 'by') return undefined;
  let until = -1;
  for (let k = j + 2; k < ctx.tokens.length; k++) {
    if (ctx.word(k) === 'for' || ctx.tokens[k]!.pos === 'VERB') { until = k; break; }
  }
  const limit = until < 0 ? ctx.tokens.length : until;
  const inside = ctx.mentions.filter((m) => m.start > j + 1 && m.end <= limit);
  const owner = inside.find((m) => m.kind === 'person') ?? inside.find((m) => m.kind !== 'event' && m.kind !== 'document');
  if (!owner) return undefined;
  const forTarget = until >= 0 && ctx.word(until) === 'for' ? ctx.startingAt(firstMentionIndex(ctx, until + 1))[0] : undefined;
  return forTarget ? { owner, forTarget } : { owner };
}

function firstMentionIndex(ctx: SentenceContext, from: number): number {
  for (let k = from; k < Math.min(ctx.tokens.length, from + 4); k++) if (ctx.startingAt(k).length) return k;
  return -1;
}

export function verbRelations(ctx: SentenceContext, table: CueTable): void {
  for (let v = 0; v < ctx.tokens.length; v++) {
    const t = ctx.tokens[v]!;
    if (t.pos !== 'VERB' && t.pos !== 'ADJ' && !verbTaggedAsNoun(ctx, v)) continue;
    const candidates = cuesFor(table, t, ctx.word(v));
    if (!candidates) continue;
    // The longest cue wins ("call for" over "call"); cues of equal length compete through their kinds.
    let best = -1;
    const matches: Array<{ ic: IndexedCue; end: number }> = [];
    for (const ic of candidates) {
      const end = matchRest(ctx, v, ic.words);
      if (end < 0) continue;
      if (ic.words.length > best) { best = ic.words.length; matches.length = 0; }
      if (ic.words.length === best) matches.push({ ic, end });
    }
    if (!matches.length || isNegated(ctx, v)) continue;
    // An adjective states a relation only after a copula: "X were responsible for Y", not "those responsible for Y".
    if (t.pos === 'ADJ' && !hasCopula(ctx, v)) continue;
    const passive = isPassive(ctx, v);
    const subjects = subjectsOf(ctx, v);
    for (const { ic, end } of matches) {
      const voice = ic.cue.voice ?? 'any';
      if ((voice === 'active' && passive) || (voice === 'passive' && !passive)) continue;
      // A bare cue ending in a preposition needs its object right there; a single-word cue takes the object after
      // the verb, but not one introduced by an unrelated preposition ("voted in favour").
      const objectStart = ic.words.length > 1 ? end : v;
      let sources: LocalEntity[];
      let targets: DraftMention[];
      if (passive && !ic.cue.patientIsSource) {
        sources = agentsOf(ctx, end).map((m) => ctx.entity(m));
        targets = [];
        if (!sources.length) continue;
        const patients = subjects;
        for (const s of sources) for (const p of patients) emitChecked(ctx, s, ic.relation, p, v, end, 0.75, 'verb-passive');
        continue;
      }
      sources = subjects;
      const afterVerb = ctx.tokens[objectStart + 1];
      if (ic.words.length === 1 && afterVerb && isPreposition(afterVerb) && ctx.word(objectStart + 1) !== 'to') targets = [];
      else targets = objectsAfter(ctx, objectStart);
      // "highlighted claims of X": what a document is about can sit inside an "of" phrase.
      if (!targets.length && ic.relation === 'mentions') {
        let j = objectStart + 1;
        while (ctx.tokens[j] && ['DET', 'ADJ', 'NOUN', 'ADV'].includes(ctx.tokens[j]!.pos) && !ctx.startingAt(j).length) j++;
        if (j > objectStart + 1 && ['of', 'by', 'against', 'on'].includes(ctx.word(j))) targets = objectsAfter(ctx, j);
      }
      // "was invited to take part", "attended": the event the sentence names is what they took part in.
      if (!targets.length && ic.relation === 'participated_in') {
        const events = ctx.mentions.filter((m) => m.kind === 'event');
        const nearest = events.sort((a, b) => Math.abs(a.head - v) - Math.abs(b.head - v))[0];
        if (nearest) targets = [nearest];
      }
      const call = callOwner(ctx, objectStart);
      if (call) {
        targets = [call.owner];
        if (call.forTarget) {
          emitChecked(ctx, ctx.entity(call.owner), 'called_for', ctx.entity(call.forTarget), v, call.forTarget.end - 1, 0.7, 'call-of-for');
        }
      }
      for (const s of actingFor(ctx, sources)) for (const m of targets) emitChecked(ctx, s, ic.relation, ctx.entity(m), v, m.end - 1, ic.words.length > 1 ? 0.8 : 0.7, 'verb');
      // "urged the government to hold an inquiry": asking someone to do something is calling for it.
      if (ic.relation === 'called_on' && targets.length) {
        const demanded = demandedAfter(ctx, targets[targets.length - 1]!.end);
        if (demanded) for (const s of sources) emitChecked(ctx, s, 'called_for', ctx.entity(demanded), v, demanded.coreEnd - 1, 0.6, 'verb-called-on-to');
      }
    }
  }
}

const OBJECT_POSSESSIVES = new Set(['its', 'their', 'his', 'her']);

/**
 * The tagger sometimes reads a verb as a noun: "and calls for the suspension", "We, the undersigned, support the
 * call". A noun followed by a determiner, after "and", a pronoun or an appositive comma, is taken as a verb.
 */
function verbTaggedAsNoun(ctx: SentenceContext, v: number): boolean {
  const t = ctx.tokens[v]!;
  if (t.pos !== 'NOUN') return false;
  const next = ctx.tokens[v + 1];
  const followedByObject = !!next && (next.pos === 'DET' || next.pos === 'ADP' || OBJECT_POSSESSIVES.has(ctx.word(v + 1)));
  if (!followedByObject) return false;
  const prev = ctx.word(v - 1);
  return prev === 'and' || ctx.tokens[v - 1]?.pos === 'PRON' || prev === ',';
}

/** Verbs that bring an event or a document about: asking someone to do them is calling for the thing. */
const BRING_ABOUT = new Set(['hold', 'order', 'open', 'launch', 'conduct', 'carry', 'set', 'establish', 'start', 'begin', 'organise', 'organize', 'call', 'convene', 'initiate', 'undertake', 'commission', 'allow', 'permit', 'publish', 'release', 'adopt', 'pass', 'sign', 'ratify', 'implement', 'draft', 'issue', 'hold', 'stage', 'arrange']);

/** "... to order an inquiry", "... to hold talks": the event or document a bring-about verb takes as object. */
function demandedAfter(ctx: SentenceContext, from: number): DraftMention | undefined {
  let j = from;
  if (ctx.word(j) === 'to') j++;
  while (ctx.tokens[j]?.pos === 'ADV') j++;
  const verb = ctx.tokens[j];
  if (!verb || verb.pos !== 'VERB' || !BRING_ABOUT.has(verb.lemma)) return undefined;
  const object = objectsAfter(ctx, ctx.word(j + 1) === 'out' || ctx.word(j + 1) === 'up' ? j + 1 : j)[0];
  return object && (object.kind === 'event' || object.kind === 'document') ? object : undefined;
}

const DELEGATIONS = new Set(['delegation', 'representative', 'envoy', 'delegate']);
const isDelegation = (s: LocalEntity): boolean => s.kind === 'group' && DELEGATIONS.has(s.category ?? '');

/** A delegation acts for the body it comes from: "a delegation from X took part" → X took part too. */
function actingFor(ctx: SentenceContext, sources: LocalEntity[]): LocalEntity[] {
  if (!sources.some(isDelegation)) return sources;
  const out = [...sources];
  for (const s of sources) {
    if (!isDelegation(s)) continue;
    for (const m of ctx.mentions) {
      if (ctx.entity(m) !== s || m.end <= m.coreEnd || (ctx.word(m.coreEnd) !== 'from' && ctx.word(m.coreEnd) !== 'of')) continue;
      const body = ctx.mentions.find((o) => o.start > m.coreEnd && o.end <= m.end && o.kind === 'organisation');
      if (body && !out.includes(ctx.entity(body))) out.push(ctx.entity(body));
    }
  }
  return out;
}

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

/**
 * Noun phrases that are not names but still things in the story: groups ("more than thirty British MPs"), events
 * ("the 1988 massacre"), documents ("a recent statement") and organisations described rather than named ("the
 * government", "the Dutch consulate"). Named by the article's own words.
 */
import type { Sentence, NameSpan, Token } from '../../schema/index.js';
import { lexicon } from '../../nlp/lexicon/index.js';
import { documentNouns, eventNouns, groupNouns, lookupNoun, nounClass, predicateClasses } from '../word-lists.js';
import { lower, wordKey, isPluralNoun, numberValue, isCoordinator, YEAR } from '../tokens.js';
import { chunk, type Chunk } from './chunks.js';
import { spanText, startsCapital, type DraftMention } from './draft.js';
import { remembered } from '../../memo.js';

/** Prepositions whose phrase belongs to an event's or document's name ("investigation by the UN"). */
const NAME_PREPOSITIONS = new Set(['of', 'by', 'on', 'into', 'against', 'over', 'from', 'about', 'for']);
/** Prepositions whose phrase says whom a relational group belongs to ("members of the party"). */
const RELATIONAL_PREPOSITIONS = new Set(['of', 'for', 'from']);
/** Nouns that only frame the noun after "of": "a state of emergency", "the outcome of the ballot". */
const FRAME_NOUNS = new Set(['state', 'wave', 'series', 'spate', 'round', 'result', 'outcome', 'start', 'end', 'anniversary', 'aftermath', 'day', 'eve', 'wake']);
/** Group heads that need their "of" phrase to say who they are ("members of the party"). */
const RELATIONAL_GROUPS = new Set(['member', 'representative', 'delegate', 'supporter', 'official', 'leader', 'lawyer', 'employee', 'staff', 'executive', 'shareholder', 'delegation', 'family', 'relative']);
/** Collective nouns that are groups in the singular. */
const COLLECTIVE_GROUPS = new Set(['delegation', 'crew', 'police', 'staff', 'people', 'undersigned']);
/** Epithets news uses for a company already named ("the iPhone maker", "the oil giant"). */
export const COMPANY_EPITHETS = new Set(['maker', 'manufacturer', 'giant', 'producer', 'operator', 'carrier', 'retailer', 'lender', 'insurer', 'automaker', 'carmaker', 'developer', 'supplier', 'conglomerate', 'group', 'firm', 'company']);
/** Common nouns that name an organisation when the article uses them as one ("the government"). */
const ORG_DESCRIPTIONS = new Set(['government', 'administration', 'cabinet', 'embassy', 'consulate', 'ministry', 'parliament', 'court', 'company', 'firm', 'army', 'military', 'navy', 'junta', 'union', 'party', 'council', 'committee', 'commission', 'agency', 'authority', 'bank', 'regulator']);
/** Ambiguous document nouns: documents only in the singular ("the claim", not "claims of"). */
const SINGULAR_ONLY_DOCUMENTS = new Set(['claim', 'filing', 'draft', 'paper', 'document', 'order', 'article', 'proposal', 'plan']);

/** The name covering each token (the first listed, should names overlap), so a lookup is one index. */
function nameAtTokens(names: readonly NameSpan[], length: number): Array<NameSpan | undefined> {
  const at: Array<NameSpan | undefined> = new Array(length);
  for (const n of names) for (let i = n.start; i < n.end; i++) at[i] ??= n;
  return at;
}

let multiwordTails: ReadonlySet<string> | undefined;

/**
 * Whether some multiword event or document entry ends in `lemma` after a space: only then can the two-word
 * reading ("hunger strike") match, so the other heads skip building it.
 */
function endsMultiwordEntry(lemma: string): boolean {
  if (!multiwordTails) {
    const tails = new Set<string>();
    for (const list of [eventNouns(), documentNouns()]) {
      for (const key of list.keys()) for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) tails.add(key.slice(i + 1));
    }
    multiwordTails = tails;
  }
  return multiwordTails.has(lemma);
}

/** What the word lists say about a head noun, by its lemma. */
interface HeadWord {
  /** The lemma as a word key. */
  key: string;
  event: string | undefined;
  document: string | undefined;
  group: string | undefined;
  /** An organisation description or a company epithet ("the government", "the carmaker"). */
  described: boolean;
  /** Some multiword event or document entry ends in this word. */
  endsMultiword: boolean;
}

/** The word lists' verdicts on a head lemma, remembered: every noun phrase asks, and most heads recur. */
const headWord = remembered((lemma: string): HeadWord => {
  const key = wordKey(lemma);
  // The general lists first (their categories group near-synonyms), then what WordNet says the noun mostly names.
  const wordNet = nounClass(key);
  return {
    key,
    event: lookupNoun(eventNouns(), key) ?? (wordNet?.kind === 'event' ? wordNet.category : undefined) ?? actEvent(key),
    document: lookupNoun(documentNouns(), key) ?? (wordNet?.kind === 'document' ? wordNet.category : undefined),
    group: lookupNoun(groupNouns(), key) ?? (wordNet?.kind === 'person' ? key : undefined),
    described: ORG_DESCRIPTIONS.has(key) || COMPANY_EPITHETS.has(key), endsMultiword: endsMultiwordEntry(key),
  };
});

/** Acts done to people or between them (the lexicon's nouns of harm, sanction and meeting: "eviction", "detention", "talks") are events. */
const EVENT_ACT_CLASSES = ['harm', 'sanction', 'meet'];

function actEvent(lemma: string): string | undefined {
  const classes = predicateClasses(lemma, 'n');
  return EVENT_ACT_CLASSES.some((c) => classes.includes(c)) ? lemma : undefined;
}

/** `[first, ...rest]` without repeats and without `label`, in order of first appearance. */
function otherForms(first: string, rest: readonly string[], label: string): string[] {
  const out: string[] = [];
  if (first !== label) out.push(first);
  for (const v of rest) if (v !== label && v !== first && !out.includes(v)) out.push(v);
  return out;
}

const MONTHS = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;

const stripDeterminer = (text: string): string => text.replace(/^(?:the|a|an|this|these|that|those)\s+/i, '');

/** The phrase mentions of a sentence, appended to `out` (returned). */
export function phraseMentions(sentence: Sentence, index: number, body: string, out: DraftMention[] = []): DraftMention[] {
  const tokens = sentence.tokens;
  const word = (i: number): string => lower(tokens[i]);
  const chunks = chunk(sentence);
  const text = (s: number, e: number) => spanText(sentence, body, s, e);
  const chunkStarting: Array<Chunk | undefined> = new Array(tokens.length);
  for (const c of chunks) chunkStarting[c.start] = c;
  const nameAt = nameAtTokens(sentence.names, tokens.length);

  // Trailing prepositional phrases (after token `end`) that belong to a name: up to two, never across a comma or verb.
  const extend = (end: number, prepositions: ReadonlySet<string>): number[] => {
    const ends: number[] = [];
    for (let k = 0; k < 2; k++) {
      if (!prepositions.has(word(end))) break;
      const next = chunkStarting[end + 1];
      if (!next) break;
      end = next.end;
      ends.push(end);
    }
    return ends;
  };

  for (let ci = 0; ci < chunks.length; ci++) {
    const c = chunks[ci]!;
    const headToken = tokens[c.head]!;
    // "The bank's chief executive": an organisation described in the possessor.
    if (c.possessor && c.definite && c.possessor.end - c.possessor.start <= 3) {
      const ownerHead = wordKey(tokens[c.possessor.end - 1]!.lemma);
      if ((ORG_DESCRIPTIONS.has(ownerHead) || COMPANY_EPITHETS.has(ownerHead)) && !nameAt[c.possessor.end - 1]) {
        out.push({
          sentence: index, start: c.possessor.start, end: c.possessor.end, coreStart: c.possessor.start, coreEnd: c.possessor.end,
          head: c.possessor.end - 1, definite: true, origin: 'phrase', kind: 'organisation', text: text(c.possessor.start, c.possessor.end),
          variants: [], category: ownerHead, attrs: { described: true, ...(COMPANY_EPITHETS.has(ownerHead) ? { epithet: true } : {}) },
        });
      }
    }
    const name = nameAt[c.head];
    if (name && name.type !== 'MISC') continue;
    const head = headWord(headToken.lemma);
    const lemma = head.key;
    const twoWord = c.head > c.coreStart && head.endsMultiword ? `${wordKey(tokens[c.head - 1]!.lemma)} ${lemma}` : '';
    const event = (twoWord && eventNouns().get(twoWord)) || head.event;
    const document = (twoWord && documentNouns().get(twoWord)) || head.document;
    const groupHead = event || document ? undefined : head.group;
    const described = !event && !document && groupHead === undefined && head.described;
    // Most noun phrases are none of these: decide before building any text for them.
    if (!event && !document && groupHead === undefined && !described) continue;
    // "in March": a month is a date, not a protest march.
    if (MONTHS.test(headToken.text)) continue;
    const core = text(c.coreStart, c.end);
    const attrs: DraftMention['attrs'] = {};
    const nationality = demonymIn(tokens, c.coreStart, c.head);
    if (nationality) attrs.nationality = nationality;
    const year = yearIn(tokens, c.coreStart, c.head);
    if (year !== undefined) attrs.year = year;

    if (event || document) {
      if (document && !event && SINGULAR_ONLY_DOCUMENTS.has(lemma) && isPluralNoun(headToken)) continue;
      const ends = extend(c.end, NAME_PREPOSITIONS);
      const variants = ends.map((e) => text(c.coreStart, e));
      // "a state of emergency", "the outcome of the ballot": the frame noun reads as part of the name.
      const prevChunk = chunks[ci - 1];
      let start = c.start;
      if (prevChunk && word(c.start - 1) === 'of' && prevChunk.end === c.start - 1 && FRAME_NOUNS.has(word(prevChunk.head))) {
        variants.push(stripDeterminer(text(prevChunk.coreStart, c.end)));
        start = prevChunk.start;
      }
      const full = c.definite ? core : stripDeterminer(text(c.start, c.end));
      if (full !== core) variants.push(full);
      // "a statement by the ministry" names the statement by its author; not "the signing of the accord by X".
      const ofAnAct = word(c.start - 1) === 'of' && c.start >= 2 && predicateClasses(wordKey(tokens[c.start - 2]!.lemma), 'n').length > 0;
      const label = variants[0] && word(c.end) === 'by' && !ofAnAct && variants[0].split(/\s+/).length <= 8 ? variants[0] : core;
      out.push({
        sentence: index, start, coreStart: c.coreStart, head: c.head, definite: c.definite, origin: 'phrase',
        kind: event ? 'event' : 'document', end: ends[ends.length - 1] ?? c.end, coreEnd: c.end, text: label,
        variants: otherForms(core, variants, label), category: (event ?? document)!, attrs,
      });
      continue;
    }

    // "X, one of the largest employers": a class the thing belongs to, not a group that acts.
    const oneOf = word(c.start - 1) === 'of' && word(c.start - 2) === 'one';
    const group = groupHead !== undefined && (isPluralNoun(headToken) || COLLECTIVE_GROUPS.has(lemma)) && !oneOf;
    if (group && !name) {
      let start = c.start;
      let end = c.end;
      let count = c.count;
      // "hundreds of striking nurses", "dozens of protesters"
      const prev = chunks[ci - 1];
      if (prev && word(c.start - 1) === 'of' && prev.end === c.start - 1 && prev.head === prev.end - 1) {
        const v = numberValue(tokens[prev.head]!.text);
        if (v) { count = { value: v.value, approx: true }; start = prev.start; }
      }
      // "nurses and doctors": coordinated group heads are one group.
      let coreEnd = c.end;
      const next = chunks[ci + 1];
      if (next && isCoordinator(tokens[c.end]) && next.start === c.end + 1 && next.coreStart === next.start &&
          lookupNoun(groupNouns(), tokens[next.head]!.lemma) !== undefined && isPluralNoun(tokens[next.head]!)) {
        end = coreEnd = next.end;
        ci++;
      }
      const relational = RELATIONAL_GROUPS.has(groupHead!);
      const ends = relational ? extend(coreEnd, RELATIONAL_PREPOSITIONS) : [];
      const coreText = text(c.coreStart, coreEnd);
      const withQuantity = stripDeterminer(text(start, coreEnd));
      const variants: string[] = [];
      for (const e of ends) variants.push(text(c.coreStart, e));
      for (const e of ends) variants.push(stripDeterminer(text(start, e)));
      if (withQuantity !== coreText) variants.push(withQuantity);
      if (count) { attrs.count = count.value; attrs.approx = count.approx; }
      // "Forty senators", "members of the party": the quantity or the body they belong to says which group.
      const label = relational && variants[0] ? variants[0] : count ? withQuantity : coreText;
      out.push({
        sentence: index, start, coreStart: c.coreStart, head: c.head, definite: c.definite, origin: 'phrase',
        kind: 'group', end: ends[ends.length - 1] ?? end, coreEnd, text: label,
        variants: otherForms(coreText, variants, label), category: groupHead!, attrs,
      });
      continue;
    }

    if ((ORG_DESCRIPTIONS.has(lemma) || (COMPANY_EPITHETS.has(lemma) && c.definite)) && !name && !isPluralNoun(headToken) && (c.definite || nationality || c.coreStart < c.head)) {
      attrs.described = true;
      if (COMPANY_EPITHETS.has(lemma)) attrs.epithet = true;
      out.push({
        sentence: index, start: c.start, coreStart: c.coreStart, head: c.head, definite: c.definite, origin: 'phrase',
        kind: 'organisation', end: c.end, coreEnd: c.end, text: core, variants: [], category: lemma, attrs,
      });
    }
  }
  return out;
}

/** The first year ("1988") among tokens [start, end), as a number. */
function yearIn(tokens: readonly Token[], start: number, end: number): number | undefined {
  for (let i = start; i < end; i++) if (YEAR.test(tokens[i]!.text)) return Number(tokens[i]!.text);
  return undefined;
}

/** The country of a nationality adjective among tokens [start, end) ("British" → United Kingdom). */
function demonymIn(tokens: readonly Token[], start: number, end: number): string | undefined {
  const demonyms = lexicon().demonyms;
  for (let i = start; i < end; i++) {
    const country = demonyms.get(tokens[i]!.lower);
    if (country && startsCapital(tokens[i]!.text)) return country;
  }
  return undefined;
}

/**
 * Noun phrases that are not names but still things in the story: groups ("more than thirty British MPs"), events
 * ("the 1988 massacre"), documents ("a recent statement") and organisations described rather than named ("the
 * government", "the Dutch consulate"). Named by the article's own words.
 */
import type { Sentence, NameSpan } from '../../schema/index.js';
import { lexicon } from '../../nlp/lexicon/index.js';
import { documentNouns, eventNouns, groupNouns, lookupNoun } from '../word-lists.js';
import { lower, wordKey, isPluralNoun, numberValue, isCoordinator, YEAR } from '../tokens.js';
import { chunk, type Chunk } from './chunks.js';
import { spanText, type DraftMention } from './draft.js';

/** Prepositions whose phrase belongs to an event's or document's name ("investigation by the UN"). */
const NAME_PREPOSITIONS = new Set(['of', 'by', 'on', 'into', 'against', 'over', 'from', 'about', 'for']);
/** Nouns that only frame the noun after "of": "a state of emergency", "the outcome of the ballot". */
const FRAME_NOUNS = new Set(['state', 'wave', 'series', 'spate', 'round', 'result', 'outcome', 'start', 'end', 'anniversary', 'aftermath', 'day', 'eve', 'wake']);
/** Group heads that need their "of" phrase to say who they are ("members of the party"). */
const RELATIONAL_GROUPS = new Set(['member', 'representative', 'delegate', 'supporter', 'official', 'leader', 'lawyer', 'employee', 'staff', 'executive', 'shareholder', 'delegation', 'family', 'relative']);
/** Collective nouns that are groups in the singular. */
const COLLECTIVE_GROUPS = new Set(['delegation', 'crew', 'police', 'staff', 'people', 'undersigned']);
/** Common nouns that name an organisation when the article uses them as one ("the government"). */
/** Epithets news uses for a company already named ("the iPhone maker", "the oil giant"). */
export const COMPANY_EPITHETS = new Set(['maker', 'manufacturer', 'giant', 'producer', 'operator', 'carrier', 'retailer', 'lender', 'insurer', 'automaker', 'carmaker', 'developer', 'supplier', 'conglomerate', 'group', 'firm', 'company']);
const ORG_DESCRIPTIONS = new Set(['government', 'administration', 'cabinet', 'embassy', 'consulate', 'ministry', 'parliament', 'court', 'company', 'firm', 'army', 'military', 'navy', 'junta', 'union', 'party', 'council', 'committee', 'commission', 'agency', 'authority', 'bank', 'regulator']);
/** Ambiguous document nouns: documents only in the singular ("the claim", not "claims of"). */
const SINGULAR_ONLY_DOCUMENTS = new Set(['claim', 'filing', 'draft', 'paper', 'document', 'order', 'article', 'proposal', 'plan']);

function insideName(names: readonly NameSpan[], i: number): NameSpan | undefined {
  return names.find((n) => n.start <= i && i < n.end);
}

const MONTHS = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;

const stripDeterminer = (text: string): string => text.replace(/^(?:the|a|an|this|these|that|those)\s+/i, '');

export function phraseMentions(sentence: Sentence, index: number, body: string): DraftMention[] {
  const tokens = sentence.tokens;
  const chunks = chunk(sentence);
  const out: DraftMention[] = [];
  const text = (s: number, e: number) => spanText(sentence, body, s, e);
  const chunkStarting: Array<Chunk | undefined> = new Array(tokens.length);
  for (const c of chunks) chunkStarting[c.start] = c;
  const chunkAt = (i: number) => chunkStarting[i];

  // Trailing prepositional phrases that belong to a name: up to two, never across a comma or verb.
  const extend = (c: Chunk, prepositions: ReadonlySet<string>): number[] => {
    const ends: number[] = [];
    let end = c.end;
    for (let k = 0; k < 2; k++) {
      const prep = tokens[end];
      if (!prep || !prepositions.has(lower(prep))) break;
      const next = chunkAt(end + 1);
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
      if ((ORG_DESCRIPTIONS.has(ownerHead) || COMPANY_EPITHETS.has(ownerHead)) && !insideName(sentence.names, c.possessor.end - 1)) {
        out.push({
          sentence: index, start: c.possessor.start, end: c.possessor.end, coreStart: c.possessor.start, coreEnd: c.possessor.end,
          head: c.possessor.end - 1, definite: true, origin: 'phrase', kind: 'organisation', text: text(c.possessor.start, c.possessor.end),
          variants: [], category: ownerHead, attrs: { described: true, ...(COMPANY_EPITHETS.has(ownerHead) ? { epithet: true } : {}) },
        });
      }
    }
    const name = insideName(sentence.names, c.head);
    if (name && name.type !== 'MISC') continue;
    // "in March": a month is a date, not a protest march.
    if (MONTHS.test(headToken.text)) continue;
    const lemma = wordKey(headToken.lemma);
    const twoWord = c.head > c.coreStart ? `${wordKey(tokens[c.head - 1]!.lemma)} ${lemma}` : '';
    const event = (twoWord && eventNouns().get(twoWord)) || lookupNoun(eventNouns(), lemma);
    const document = (twoWord && documentNouns().get(twoWord)) || lookupNoun(documentNouns(), lemma);
    const groupHead = event || document ? undefined : lookupNoun(groupNouns(), lemma);
    const described = !event && !document && groupHead === undefined && (ORG_DESCRIPTIONS.has(lemma) || COMPANY_EPITHETS.has(lemma));
    // Most noun phrases are none of these: decide before building any text for them.
    if (!event && !document && groupHead === undefined && !described) continue;
    const core = text(c.coreStart, c.end);
    const attrs: DraftMention['attrs'] = {};
    const nationality = demonymIn(sentence, c.coreStart, c.head);
    if (nationality) attrs.nationality = nationality;
    const year = tokens.slice(c.coreStart, c.head).find((t) => YEAR.test(t.text));
    if (year) attrs.year = Number(year.text);
    const base = { sentence: index, start: c.start, coreStart: c.coreStart, head: c.head, definite: c.definite, origin: 'phrase' as const };

    if (event || document) {
      if (document && !event && SINGULAR_ONLY_DOCUMENTS.has(lemma) && isPluralNoun(headToken)) continue;
      const ends = extend(c, NAME_PREPOSITIONS);
      const variants = ends.map((e) => text(c.coreStart, e));
      // "a state of emergency", "the outcome of the ballot": the frame noun reads as part of the name.
      const prevChunk = chunks[ci - 1];
      let start = c.start;
      if (prevChunk && lower(tokens[c.start - 1]) === 'of' && prevChunk.end === c.start - 1 && FRAME_NOUNS.has(lower(tokens[prevChunk.head]))) {
        variants.push(stripDeterminer(text(prevChunk.coreStart, c.end)));
        start = prevChunk.start;
      }
      const full = c.definite ? core : stripDeterminer(text(c.start, c.end));
      if (full !== core) variants.push(full);
      const label = variants[0] && variants[0].split(/\s+/).length <= 8 && lower(tokens[c.end]) === 'by' ? variants[0] : core;
      out.push({
        ...base, start, kind: event ? 'event' : 'document', end: ends[ends.length - 1] ?? c.end, coreEnd: c.end, text: label,
        variants: [...new Set([core, ...variants])].filter((v) => v !== label), category: (event ?? document)!, attrs,
      });
      continue;
    }

    const group = groupHead !== undefined && (isPluralNoun(headToken) || COLLECTIVE_GROUPS.has(lemma));
    if (group && !name) {
      let start = c.start;
      let end = c.end;
      let count = c.count;
      // "hundreds of striking nurses", "dozens of protesters"
      const prev = chunks[ci - 1];
      if (prev && lower(tokens[c.start - 1]) === 'of' && prev.end === c.start - 1 && prev.head === prev.end - 1) {
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
      const ends = RELATIONAL_GROUPS.has(groupHead!) ? extend({ ...c, end: coreEnd }, new Set(['of', 'for', 'from'])) : [];
      const coreText = text(c.coreStart, coreEnd);
      const withQuantity = stripDeterminer(text(start, coreEnd));
      const variants = [...ends.map((e) => text(c.coreStart, e)), ...ends.map((e) => stripDeterminer(text(start, e)))];
      if (withQuantity !== coreText) variants.push(withQuantity);
      if (count) { attrs.count = count.value; attrs.approx = count.approx; }
      // "Forty senators", "members of the party": the quantity or the body they belong to says which group.
      const label = RELATIONAL_GROUPS.has(groupHead!) && variants[0] ? variants[0] : count ? withQuantity : coreText;
      out.push({
        ...base, kind: 'group', start, end: ends[ends.length - 1] ?? end, coreEnd, text: label,
        variants: [...new Set([coreText, ...variants])].filter((v) => v !== label), category: groupHead!, attrs,
      });
      continue;
    }

    if ((ORG_DESCRIPTIONS.has(lemma) || (COMPANY_EPITHETS.has(lemma) && c.definite)) && !name && !isPluralNoun(headToken) && (c.definite || nationality || c.coreStart < c.head)) {
      out.push({ ...base, kind: 'organisation', end: c.end, coreEnd: c.end, text: core, variants: [], category: lemma, attrs: { ...attrs, described: true, ...(COMPANY_EPITHETS.has(lemma) ? { epithet: true } : {}) } });
    }
  }
  return out;
}

/** The country of a nationality adjective among tokens [start, end) ("British" → United Kingdom). */
function demonymIn(sentence: Sentence, start: number, end: number): string | undefined {
  const demonyms = lexicon().demonyms;
  for (let i = start; i < end; i++) {
    const country = demonyms.get(lower(sentence.tokens[i]));
    if (country && /^\p{Lu}/u.test(sentence.tokens[i]!.text)) return country;
  }
  return undefined;
}

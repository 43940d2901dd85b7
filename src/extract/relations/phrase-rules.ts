/**
 * Relations stated inside noun phrases rather than by a verb: "the report by X", "X's statement", "the massacre of
 * prisoners", "members of the party", "the embassy in Y", "US-based X", "a statement ... said in".
 */
import type { EntityKind } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';
import { DETERMINERS, POSSESSIVE_MARKERS, isComma } from '../tokens.js';
import type { SentenceContext } from './context.js';
import { emitChecked } from './emit.js';
import { skipToMention } from './clauses.js';
import { expandLeadingAcronym } from '../../resolve/name-forms.js';
import type { LocalEntity } from '../../schema/index.js';

interface OrganisationIndex {
  /** The article's organisations by every name form (leading acronyms expanded); built when first needed. */
  byName?: Map<string, LocalEntity[]>;
  /** For an organisation name, the organisations named by its leading words, shortest prefix first. */
  parentsByText: Map<string, LocalEntity[][]>;
}

const organisationIndex = new WeakMap<readonly LocalEntity[], OrganisationIndex>();

function organisationsByName(entities: readonly LocalEntity[]): Map<string, LocalEntity[]> {
  const byName = new Map<string, LocalEntity[]>();
  for (const e of entities) {
    if (e.kind !== 'organisation') continue;
    for (const a of new Set([e.label, ...e.aliases].map((a) => expandLeadingAcronym(a)))) {
      if (!byName.has(a)) byName.set(a, []);
      byName.get(a)!.push(e);
    }
  }
  return byName;
}

/** Organisations named by the leading words of `text` ("United Nations" for "UN Human Rights Council"). */
function parentOrganisations(ctx: SentenceContext, text: string): LocalEntity[][] {
  let index = organisationIndex.get(ctx.discourse.entities);
  if (!index) {
    index = { parentsByText: new Map() };
    organisationIndex.set(ctx.discourse.entities, index);
  }
  let parents = index.parentsByText.get(text);
  if (!parents) {
    parents = [];
    const words = expandLeadingAcronym(text).split(' ');
    if (words.length > 1) {
      const byName = index.byName ??= organisationsByName(ctx.discourse.entities);
      let prefix = '';
      for (let k = 1; k < words.length; k++) {
        prefix = k === 1 ? words[0]! : `${prefix} ${words[k - 1]}`;
        const named = byName.get(prefix);
        if (named) parents.push(named);
      }
    }
    index.parentsByText.set(text, parents);
  }
  return parents;
}

const ACTOR: ReadonlySet<EntityKind> = new Set(['person', 'organisation', 'group', 'place']);
const LOCATIVE = new Set(['in', 'at', 'near', 'off', 'inside', 'outside']);

/**
 * The mention that starts after token i (determiners and titles skipped). A possessor gives way to what it
 * possesses ("by Kenya's Water Resources Authority" → the authority), a place in a compound to the name it
 * qualifies ("by US-based Freedom House" → the organisation).
 */
function mentionAfter(ctx: SentenceContext, i: number): DraftMention | undefined {
  const m = ctx.startingAt(skipToMention(ctx, i))[0];
  if (!m) return undefined;
  if (m.attrs.compound) return ctx.startingAt(m.end)[0] ?? m;
  if (POSSESSIVE_MARKERS.has(ctx.word(m.end))) {
    const owned = ctx.startingAt(m.end + 1)[0];
    if (owned && owned.origin === 'name') return owned;
  }
  return m;
}

export function phraseRelations(ctx: SentenceContext): void {
  for (const m of ctx.mentions) {
    const e = ctx.entity(m);
    const afterCore = ctx.word(m.coreEnd);
    if (m.kind === 'document') {
      // "the complaint … in the U.S. Court for …", "filed before the tribunal"
      const pp = ['in', 'before', 'with', 'at'].includes(afterCore) ? mentionAfter(ctx, m.coreEnd + 1) : undefined;
      const ppEntity = pp ? ctx.entity(pp) : undefined;
      if (pp && ppEntity?.kind === 'organisation') emitChecked(ctx, e, 'related_to', ppEntity, m.coreStart, pp.coreEnd - 1, 0.5, 'document-in-organisation');
    }
    // "a collision in May in the North Sea": a place a few words after an event, whatever the parser made of them.
    if (m.kind === 'event') locatedAfter(ctx, m, 8);

    // "United Nations Human Rights Council" is part of the "United Nations" the article also names.
    if (m.kind === 'organisation' && m.origin === 'name') {
      for (const parents of parentOrganisations(ctx, m.text)) {
        for (const parent of parents) {
          if (parent !== e) emitChecked(ctx, e, 'member_of', parent, m.coreStart, m.coreEnd - 1, 0.6, 'organisation-part-of');
        }
      }
    }

    // "US-based X", "Kenya-born X"
    if (m.kind === 'place' && m.attrs.compound) {
      const host = ctx.startingAt(m.end)[0] ?? ctx.mentions.find((o) => o.start <= m.start && o.end > m.end && o !== m && o.origin === 'name');
      const target = host ?? mentionAfter(ctx, m.end);
      if (target && ctx.entity(target) !== e) {
        const how = String(m.attrs.compound);
        if (how === 'based' || how === 'born') emitChecked(ctx, ctx.entity(target), 'located_in', e, m.start, target.coreEnd - 1, 0.8, 'place-based');
        else if (how === 'backed' || how === 'funded') emitChecked(ctx, e, 'supports', ctx.entity(target), m.start, target.coreEnd - 1, 0.6, 'place-backed', true);
        else emitChecked(ctx, e, 'related_to', ctx.entity(target), m.start, target.coreEnd - 1, 0.5, 'place-compound');
      }
    }
  }
  membership(ctx);
}

/** "Russia's membership in the Council", "the membership of X in Y" → member_of (related_to for a country). */
function membership(ctx: SentenceContext): void {
  for (let i = 0; i < ctx.tokens.length; i++) {
    const w = ctx.word(i);
    if (w !== 'membership' && w !== 'seat' && w !== 'accession') continue;
    let member: DraftMention | undefined;
    if (POSSESSIVE_MARKERS.has(ctx.word(i - 1))) member = ctx.endingAt(i - 1)[0];
    let k = i + 1;
    if (!member && ctx.word(k) === 'of') { member = mentionAfter(ctx, k + 1); k = member ? member.end : k; }
    if (!member || !MEMBERSHIP_PREPOSITIONS.has(ctx.word(k))) continue;
    const body = mentionAfter(ctx, k + 1);
    if (body && ACTOR.has(ctx.entity(member).kind)) emitChecked(ctx, ctx.entity(member), 'member_of', ctx.entity(body), member.coreStart, body.coreEnd - 1, 0.7, 'membership', true);
  }
}

const MEMBERSHIP_PREPOSITIONS = new Set(['in', 'of', 'to', 'on']);

const TIME_WORDS = /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|fall|winter|\d{4}|\d{1,2})$/i;

/** "a collision in May in the North Sea", "the protest ... at Lima's Plaza Mayor and cathedral" */
function locatedAfter(ctx: SentenceContext, m: DraftMention, window: number): void {
  const e = ctx.entity(m);
  for (let j = m.end; j < Math.min(ctx.tokens.length, m.end + window); j++) {
    const t = ctx.tokens[j]!;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.text === ';' || (isComma(t) && j > m.end)) return;
    if (!LOCATIVE.has(ctx.word(j))) continue;
    if (TIME_WORDS.test(ctx.word(j + 1)) || TIME_WORDS.test(ctx.word(j + 2))) continue;
    let k = j + 1;
    const places: DraftMention[] = [];
    while (k < ctx.tokens.length) {
      while (DETERMINERS.has(ctx.word(k)) && !ctx.startingAt(k).length) k++;
      const inner = ctx.startingAt(k).filter((x) => ctx.entity(x).kind === 'place');
      const place = inner[0];
      if (!place) break;
      places.push(place);
      k = place.end;
      if (POSSESSIVE_MARKERS.has(ctx.word(k))) { k++; continue; } // "Lima's Plaza Mayor"
      while (k < ctx.tokens.length && ctx.tokens[k]!.pos === 'NOUN') k++; // "mosque", "square"
      if (ctx.word(k) === 'and' || isComma(ctx.tokens[k])) { k++; continue; }
      break;
    }
    for (const p of places) emitChecked(ctx, e, 'located_in', ctx.entity(p), m.coreStart, p.coreEnd - 1, 0.65, 'event-in-place');
    if (places.length) return;
  }
}

/**
 * Titles that tie a person to an organisation, group or place: "X executive director Y", "X's manager Y",
 * "President-elect of X, Y", "Y, Permanent Representative of X". A leader's title gives `leads`, any other title
 * `member_of` (or `related_to` when the other end is a place).
 */
import type { LocalEntity } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';
import { isTitle } from '../mentions/names.js';
import { leaderTitles, leadsPlace, SUBORDINATE_POSTS } from '../word-lists.js';
import { isHonorific } from '../../nlp/lexicon/index.js';
import { wordKey, isComma, POSSESSIVE_MARKERS, DETERMINERS } from '../tokens.js';
import type { SentenceContext } from './context.js';
import { emitChecked } from './emit.js';

/** Titles that name a company role, so they point at the article's main organisation when none is named. */
const CORPORATE = new Set(['ceo', 'co ceo', 'co ceos', 'chief executive', 'chief executive officer', 'chief financial officer', 'cfo', 'chief operating officer', 'coo', 'chairman', 'chairwoman', 'founder', 'co founder', 'managing director', 'chief technology officer', 'cto']);

interface Title {
  /** Token range of the title words. */
  start: number;
  end: number;
  words: string;
}

/**
 * `wordKey` of the texts of tokens [from, to) joined by spaces. When no token's own key is empty, joining the keys
 * gives the same string: lower-casing and the hyphen and space clean-up never reach across the joining space. The
 * sentence's token keys are computed once, so the title windows tried around every name cost a few joins.
 */
function spanKey(ctx: SentenceContext, from: number, to: number): string {
  let key = '';
  for (let i = from; i < to; i++) {
    const k = ctx.wordKey(i);
    if (!k) return wordKey(ctx.tokens.slice(from, to).map((t) => t.text).join(' '));
    key = i === from ? k : `${key} ${k}`;
  }
  return key;
}

/** The title ending just before token `end` (up to four words, honorifics and "then" skipped). */
function titleEndingAt(ctx: SentenceContext, end: number): Title | undefined {
  let stop = end;
  // Honorifics between a title and the name ("chief executive Dr Jane Holt", "President Sheikh X").
  while (stop > 0 && isHonorific(ctx.tokens[stop - 1]!.text)) stop--;
  for (let n = Math.min(4, stop); n >= 1; n--) {
    const words = spanKey(ctx, stop - n, stop);
    if (isTitle(words)) return { start: stop - n, end: stop, words };
  }
  return undefined;
}

/** The title of up to four words starting at token k and followed by "of", longest first. */
function titleBeforeOf(ctx: SentenceContext, k: number): { words: string; n: number } | undefined {
  for (let n = 4; n >= 1; n--) {
    if (ctx.word(k + n) !== 'of') continue;
    // As `tokens.slice(k, k + n)` would give them.
    const words = spanKey(ctx, k, Math.min(k + n, ctx.tokens.length));
    if (isTitle(words)) return { words, n };
  }
  return undefined;
}

function relationFor(title: string, other: LocalEntity): 'leads' | 'member_of' | 'related_to' {
  const t = title.replace(/s$/, '');
  const words = t.split(' ');
  // "vice president", "deputy head": the post under the leader's.
  const deputy = words.some((w) => SUBORDINATE_POSTS.has(w));
  const leader = !deputy && (leaderTitles().has(title) || leaderTitles().has(t) || words.some((w) => ['president', 'chairman', 'leader', 'head', 'ceo'].includes(w)));
  // "Turkmenistan's foreign minister": only a head of state or government leads a country.
  if (leader && (other.kind !== 'place' || leadsPlace(title))) return 'leads';
  return other.kind === 'place' ? 'related_to' : 'member_of';
}

export function roleRelations(ctx: SentenceContext): void {
  for (const p of ctx.mentions) {
    if (p.origin !== 'name' || ctx.entity(p).kind !== 'person') continue;
    const person = ctx.entity(p);
    // A. "[X]['s] [modifiers] TITLE PERSON"
    const title = titleEndingAt(ctx, p.coreStart);
    if (title) {
      let k = title.start;
      // role modifiers: "climate and energy manager", "executive director"
      while (k > 0 && (ctx.tokens[k - 1]!.pos === 'NOUN' || ctx.tokens[k - 1]!.pos === 'ADJ' || ctx.tokens[k - 1]!.pos === 'PROPN' || ctx.word(k - 1) === 'and') && !ctx.endingAt(k).length) k--;
      // "Deputy President", "regional director": the modifiers say whether the post is the leader's.
      const titleWords = k < title.start ? `${spanKey(ctx, k, title.start)} ${title.words}` : title.words;
      if (POSSESSIVE_MARKERS.has(ctx.word(k - 1))) k--;
      const holder = ctx.endingAt(k).find((m) => m !== p && ctx.entity(m).kind !== 'person');
      if (holder) {
        const other = ctx.entity(holder);
        emitChecked(ctx, person, relationFor(titleWords, other), other, holder.coreStart, p.coreEnd - 1, 0.75, 'title-before-name');
      } else if (CORPORATE.has(title.words) && ctx.discourse.mainOrganisation) {
        const other = ctx.discourse.mainOrganisation;
        emitChecked(ctx, person, relationFor(title.words, other), other, title.start, p.coreEnd - 1, 0.5, 'corporate-title');
      }
      // "co-CEOs A and B": the title covers coordinated names.
      coordinatedPeople(ctx, p).forEach((q) => {
        if (holder) emitChecked(ctx, ctx.entity(q), relationFor(titleWords, ctx.entity(holder)), ctx.entity(holder), holder.coreStart, q.coreEnd - 1, 0.7, 'title-before-names');
        else if (CORPORATE.has(title.words) && ctx.discourse.mainOrganisation) emitChecked(ctx, ctx.entity(q), relationFor(title.words, ctx.discourse.mainOrganisation), ctx.discourse.mainOrganisation, title.start, q.coreEnd - 1, 0.5, 'corporate-title');
      });
    }
    // B. "TITLE of X, PERSON" (a parenthesised acronym may follow X); "Its TITLE, PERSON" (X is the organisation
    //    the sentence before was about).
    let j = p.coreStart;
    while (j > 0 && /^(?:mr|mrs|ms|dr|sir)\.?$/i.test(ctx.tokens[j - 1]!.text)) j--;
    if (isComma(ctx.tokens[j - 1])) {
      const t = titleEndingAt(ctx, j - 1);
      if (t && (ctx.word(t.start - 1) === 'its' || ctx.word(t.start - 1) === 'their')) {
        let owner: LocalEntity | undefined;
        for (let k = ctx.previous.length - 1; k >= Math.max(0, ctx.previous.length - 3) && !owner; k--) {
          const subject = ctx.previous[k]!.subject;
          const e = subject && ctx.entityOfPrevious(subject);
          if (e && e.kind === 'organisation') owner = e;
        }
        if (owner) emitChecked(ctx, person, relationFor(t.words, owner), owner, t.start - 1, p.coreEnd - 1, 0.6, 'its-title-name');
      }
      // "The bank's chief executive, Olivia Grant,"
      if (t && POSSESSIVE_MARKERS.has(ctx.word(t.start - 1))) {
        const owner = ctx.endingAt(t.start - 1).find((m) => ctx.entity(m).kind !== 'person');
        if (owner) emitChecked(ctx, person, relationFor(t.words, ctx.entity(owner)), ctx.entity(owner), owner.coreStart, p.coreEnd - 1, 0.75, 'owner-title-comma-name');
      }
    }
    if (isComma(ctx.tokens[j - 1])) {
      let end = j - 1;
      if (ctx.tokens[end - 1]?.text === ')') {
        const open = ctx.tokens.findLastIndex((t, i) => i < end && t.text === '(');
        if (open > 0) end = open;
      }
      const holder = ctx.endingAt(end).find((m) => ctx.entity(m).kind !== 'person');
      if (holder) {
        let k = holder.start;
        while (DETERMINERS.has(ctx.word(k - 1))) k--;
        if (ctx.word(k - 1) === 'of') {
          const t = titleEndingAt(ctx, k - 1);
          if (t) emitChecked(ctx, person, relationFor(t.words, ctx.entity(holder)), ctx.entity(holder), t.start, p.coreEnd - 1, 0.8, 'title-of-comma-name');
        }
      }
    }
    // D. "Prime Minister X of Sweden": a titled name followed by "of" and its country or organisation.
    if (title && ctx.word(p.coreEnd) === 'of') {
      const holder = ctx.startingAt(p.coreEnd + 1).find((m) => ctx.entity(m).kind !== 'person') ??
        ctx.startingAt(p.coreEnd + 2).find((m) => ctx.entity(m).kind !== 'person' && ctx.word(p.coreEnd + 1) === 'the');
      if (holder) emitChecked(ctx, person, relationFor(title.words, ctx.entity(holder)), ctx.entity(holder), title.start, holder.coreEnd - 1, 0.75, 'title-name-of');
    }
    // C. "PERSON, (the) TITLE of X"
    if (isComma(ctx.tokens[p.coreEnd])) {
      let k = p.coreEnd + 1;
      while (DETERMINERS.has(ctx.word(k))) k++;
      const role = titleBeforeOf(ctx, k);
      if (role) {
        let h = k + role.n + 1;
        while (DETERMINERS.has(ctx.word(h)) && !ctx.startingAt(h).length) h++;
        const holder = ctx.startingAt(h).find((m) => ctx.entity(m).kind !== 'person');
        if (holder) emitChecked(ctx, person, relationFor(role.words, ctx.entity(holder)), ctx.entity(holder), p.coreStart, holder.coreEnd - 1, 0.8, 'name-comma-title-of');
      }
    }
  }
}

/** Names coordinated after `p` ("Ana Diaz and Tom Ward") that have no title of their own. */
function coordinatedPeople(ctx: SentenceContext, p: DraftMention): DraftMention[] {
  const out: DraftMention[] = [];
  let end = p.coreEnd;
  for (;;) {
    if (ctx.word(end) !== 'and' && !isComma(ctx.tokens[end])) break;
    const next = ctx.startingAt(end + 1).find((m) => ctx.entity(m).kind === 'person');
    if (!next) break;
    out.push(next);
    end = next.coreEnd;
  }
  return out;
}

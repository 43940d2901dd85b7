/**
 * Relations stated inside noun phrases, read off the tree: titles and appositions ("Ana Lima, the head of the
 * Alliance"), affiliations ("Tom Hale of the Farmers' Union"), places ("the strike in Valencia", "Croatia's
 * parliament"), who wrote a document ("a statement from the ministry") and who took part in an event ("talks
 * between X and Y", "the arrest of X by Y").
 */
import { ACTOR_KINDS, type LocalEntity, type RelationId } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';
import { isTitle } from '../mentions/names.js';
import { leaderTitles, leadsPlace, nounClass, predicateClasses, SUBORDINATE_POSTS } from '../word-lists.js';
import { wordKey } from '../tokens.js';
import { lexicon } from '../../nlp/lexicon/index.js';
import type { SentenceTree } from '../tree/sentence-tree.js';
import type { SentenceContext } from './context.js';
import { resolvePronoun, skipToMention } from './clauses.js';
import { emitChecked } from './emit.js';

/** Prepositions whose phrase right after a noun phrase belongs to it, whatever the parse says. */
const ADJACENT_PREPOSITIONS = new Set(['of', 'by', 'from', 'against', 'in', 'at', 'on', 'about', 'into', 'between']);
/** Event categories that someone holds: an organisation named with one organised it ("the Labour conference"). */
const HELD = new Set(['conference', 'summit', 'meeting', 'session', 'talks', 'election', 'vote', 'referendum', 'investigation', 'hearing', 'trial',
  'ceremony', 'campaign', 'operation', 'protest', 'strike', 'rally', 'march', 'festival', 'inquiry', 'congress', 'convention', 'forum']);
const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'throughout', 'through', 'off']);
const TOPIC = new Set(['on', 'about', 'into', 'regarding', 'concerning', 'over']);
const AUTHOR = new Set(['by', 'from']);
/** Words in a leader's title; the other titles make their holder a member. */
const LEADER_WORDS = new Set(['president', 'chairman', 'chairwoman', 'chair', 'leader', 'head', 'ceo', 'chief', 'governor', 'mayor', 'premier', 'king', 'queen']);

/** The tree head of a mention: the token of its core whose head lies outside the core. */
function treeHead(tree: SentenceTree, m: DraftMention): number {
  for (let i = m.coreStart; i < m.coreEnd; i++) {
    const h = tree.head(i);
    if (h < m.coreStart || h >= m.coreEnd) return i;
  }
  return m.head;
}

/** Whether an event noun names violence done to people: its "of" phrase is the victim, its "by" phrase the doer. */
function isViolent(lemma: string): boolean {
  return predicateClasses(lemma, 'n').includes('harm') || predicateClasses(lemma, 'v').includes('harm');
}

/** Event categories whose possessor does the act ("his resignation", "the council's decision")… */
const DONE_BY_POSSESSOR = new Set(['decision', 'resignation', 'withdrawal', 'reform']);
/** … and those whose possessor undergoes it ("her appointment", "his indictment"). */
const DONE_TO_POSSESSOR = new Set(['appointment', 'dismissal', 'nomination', 'impeachment', 'indictment', 'conviction', 'bail']);

/** Whether an event noun names a sanction against people (an arrest, an expulsion): who undergoes it is related to it. */
function isSanction(lemma: string): boolean {
  return predicateClasses(lemma, 'n').includes('sanction') || predicateClasses(lemma, 'v').includes('sanction');
}

/** Whether a noun is a title or a role ("spokesman", "co-chairs", "head"). */
export function isRole(tree: SentenceTree, i: number): boolean {
  const t = tree.tokens[i]!;
  if (t.upos !== 'NOUN' && t.upos !== 'PROPN') return false;
  const key = wordKey(t.lemma);
  return isTitle(key) || isTitle(wordKey(t.text)) || nounClass(key)?.kind === 'person';
}

/**
 * People who belong to the body named with them ("the embassy's employees", "activists from X"), unlike those who
 * only deal with it ("Acme investors", "the bank's customers").
 */
const MEMBER_NOUNS = new Set(['member', 'employee', 'staff', 'worker', 'official', 'officer', 'executive', 'director', 'manager', 'delegate',
  'delegation', 'representative', 'envoy', 'diplomat', 'activist', 'supporter', 'cadre', 'soldier', 'troop', 'fighter', 'militant', 'lawmaker',
  'legislator', 'mp', 'senator', 'minister', 'leader', 'spokesman', 'spokeswoman', 'spokesperson', 'lawyer', 'researcher', 'scientist',
  'student', 'player', 'volunteer', 'organiser', 'organizer', 'agent', 'commander', 'peacekeeper', 'police', 'policeman', 'negotiator', 'crew']);

function isMemberNoun(lemma: string): boolean {
  const l = lemma.toLowerCase();
  return MEMBER_NOUNS.has(l) || MEMBER_NOUNS.has(l.replace(/s$/, ''));
}

/** Words of the titles of offices of state, which a nationality before them attaches to the country. */
const STATE_OFFICES = new Set(['president', 'minister', 'premier', 'chancellor', 'king', 'queen', 'emir', 'sultan', 'monarch', 'emperor',
  'ambassador', 'envoy', 'senator', 'governor', 'vice-president', 'president-elect', 'secretary']);

function isStateOffice(tree: SentenceTree, role: number): boolean {
  return STATE_OFFICES.has(tree.lemma(role).replace(/s$/, '')) || STATE_OFFICES.has(tree.tokens[role]!.lower);
}

/** Whether a noun names a relative ("sister", "widower", "son"). */
export function isKin(tree: SentenceTree, i: number): boolean {
  return nounClass(wordKey(tree.tokens[i]!.lemma))?.category === 'kin' || nounClass(tree.tokens[i]!.lower)?.category === 'kin';
}


/** The words of a title in the tree: its noun modifiers and itself ("foreign minister"). */
function titleWords(tree: SentenceTree, role: number): string {
  const words: string[] = [];
  for (const c of tree.children(role)) if ((tree.base(c) === 'compound' || tree.base(c) === 'amod') && c < role) words.push(tree.tokens[c]!.lower);
  return [...words, tree.tokens[role]!.lower].join(' ');
}

/** A leader's title gives `leads`; other titles give `member_of`. */
export function roleRelation(tree: SentenceTree, role: number): 'leads' | 'member_of' {
  const words: string[] = [];
  for (const c of tree.children(role)) if (tree.base(c) === 'compound' && c < role && tree.tokens[c]!.upos === 'NOUN') words.push(wordKey(tree.tokens[c]!.lemma));
  // "regional director", "deputy head": a post under the leader's.
  if (tree.children(role).some((c) => SUBORDINATE_POSTS.has(tree.tokens[c]!.lower))) return 'member_of';
  const key = wordKey(tree.tokens[role]!.lemma);
  // Plural titles ("co-chairs") keep their plural in some lemmas.
  for (const k of [key, key.replace(/s$/, '')]) {
    const phrase = [...words, k].join(' ');
    if (leaderTitles().has(phrase) || leaderTitles().has(k) || k.split(' ').some((w) => LEADER_WORDS.has(w))) return 'leads';
  }
  return 'member_of';
}

export function nounPhraseRelations(ctx: SentenceContext, tree: SentenceTree): void {
  const entityAt = (i: number): LocalEntity | undefined => {
    const e = ctx.entityAt(i);
    if (e) return e;
    const t = tree.tokens[i]!;
    // "X, whose chief executive resigned": whose stands for the noun the clause hangs on.
    if (t.lower === 'whose') {
      for (let k = tree.head(i), n = 0; k >= 0 && n < 6; k = tree.head(k), n++) if (tree.deprel(k) === 'acl:relcl') return ctx.entityAt(tree.head(k));
      return undefined;
    }
    // "…, its chair, X, said": the body the sentence's main clause is about, before the latest one named.
    if (t.lower === 'its' || t.lower === 'their') {
      const root = tree.tokens.findIndex((_, k) => tree.head(k) < 0);
      const subjects = root >= 0 ? [...tree.childrenBy(root, 'nsubj')] : [];
      // "X will join the union, its minister said": the subject of the clause the main verb reports.
      for (let k = 0; k < i; k++) if (tree.base(k) === 'nsubj' && !subjects.includes(k)) subjects.push(k);
      for (const s of subjects) {
        const e = ctx.entityAt(s);
        if (e && s < i && (e.kind === 'organisation' || e.kind === 'group' || e.kind === 'place' && lexicon().countries.has(e.label.toLowerCase()))) return e;
      }
    }
    if (t.upos === 'PRON' && (t.lower === 'its' || t.lower === 'their' || t.lower === 'his' || t.lower === 'her')) {
      return resolvePronoun(ctx, t.lower === 'its' ? 'it' : t.lower === 'their' ? 'they' : t.lower === 'his' ? 'he' : 'she', i);
    }
    // "the retrial of the journalist Ana Ferraz": a role noun stands for the person named right after it.
    if (t.upos === 'NOUN' && isRole(tree, i)) {
      for (const c of tree.childrenBy(i, 'appos')) {
        const p = ctx.entityAt(c);
        if (p && p.kind === 'person' && ctx.isNamed(c) && c <= i + 3) return p;
      }
    }
    return undefined;
  };
  const emit = (s: LocalEntity, relation: RelationId, t: LocalEntity, a: number, b: number, confidence: number, rule: string) => {
    if (s !== t) emitChecked(ctx, s, relation, t, Math.min(a, b), Math.max(a, b), confidence, rule);
  };

  for (const m of ctx.mentions) {
    const e = ctx.entity(m);
    const h = treeHead(tree, m);
    if (h < 0 || h >= tree.length) continue;
    // Arguments of the phrase: the dependents of its words ("the bombing of a police station in Cochabamba": the
    // place under "station" is the event's too, below).
    for (const c of phraseDependents(m, h)) {
      if (c >= m.coreStart && c < m.coreEnd) {
        // Names inside the phrase's core: "the Nairobi attack", "the ICJ report", "Croatia's parliament".
        const d = tree.deprel(c);
        if (d !== 'compound' && d !== 'nmod:poss' && d !== 'amod') continue;
      }
      const d = tree.deprel(c);
      const marker = d.startsWith('nmod') && d !== 'nmod:poss' ? tree.marker(c) : '';
      // "talks between X and Y": every conjunct of the phrase.
      for (const k of d.startsWith('nmod') ? tree.conjuncts(c) : [c]) {
        const o = entityAt(k) ?? (d.startsWith('nmod') ? placeOfPlainNoun(k) : undefined);
        if (!o || o === e) {
          if (d.startsWith('nmod') && m.kind === 'event') placesBelow(k, 0);
          continue;
        }
        structural(m, e, h, d, marker, o, k);
      }
      if (marker === 'between' && m.kind === 'event' && predicateClasses(tree.lemma(h), 'n').includes('meet')) meetingBetween(tree.conjuncts(c));
    }
    adjacentPhrase(m, e, h);
    // Appositions: "Ana Lima, the head of X" and "the head of X, Ana Lima".
    if (m.kind === 'person') titleOf(m, e, h);
    // "the Nairobi High Court, Milimani": a place set after a body or an event says where it is.
    if (m.kind === 'organisation' || m.kind === 'event') {
      // The parser reads some of these as a conjunct without "and".
      const commaConjuncts = tree.childrenBy(h, 'conj').filter((c) => !tree.childrenBy(c, 'cc').length);
      for (const a of [...tree.childrenBy(h, 'appos'), ...commaConjuncts]) {
        const p = entityAt(a);
        if (p && p.kind === 'place' && p !== e) emit(e, 'located_in', p, h, a, 0.6, 'apposition-place');
      }
    }
    if (m.kind === 'organisation' && m.origin === 'name') placeInName(m, e);
    if (m.kind === 'person' && m.origin === 'name') placeInBrackets(m, e);
  }
  copularTitles();

  /** "X is the president of Y", "X, who has been RFEF president since 1988"; "X is the parent company of Y". */
  function copularTitles(): void {
    for (let r = 0; r < tree.length; r++) {
      if (tree.firstChild(r, 'cop') < 0 || ctx.entityAt(r) || tree.tokens[r]!.upos !== 'NOUN') continue;
      if (!isRole(tree, r)) { copularLink(r); continue; }
      const people: Array<{ entity: LocalEntity; token: number }> = [];
      for (const s of tree.childrenBy(r, 'nsubj')) {
        let k = s;
        if (/^(who|that)$/.test(tree.tokens[s]!.lower) && tree.deprel(r) === 'acl:relcl') k = tree.head(r);
        const p = ctx.entityAt(k);
        if (p && p.kind === 'person') people.push({ entity: p, token: k });
      }
      titleHeld(r, people, 'copular-title');
    }
    // "X, who is paid £2m as chief executive of Y", "the board named X as head of Y": a title taken "as".
    for (let r = 0; r < tree.length; r++) {
      if (tree.marker(r) !== 'as' || !/^(obl|advcl|xcomp)/.test(tree.deprel(r)) || ctx.entityAt(r) || !isRole(tree, r)) continue;
      const v = tree.head(r);
      if (v < 0 || tree.isNegated(v)) continue;
      const personAt = (s: number) => {
        const k = /^(who|that)$/.test(tree.tokens[s]!.lower) && tree.deprel(v) === 'acl:relcl' ? tree.head(v) : s;
        const p = ctx.entityAt(k);
        return p && p.kind === 'person' ? { entity: p, token: k } : undefined;
      };
      // The parser reads "named X as …" with X as the verb's object or its complement.
      const objects = [...tree.childrenBy(v, 'obj'), ...tree.childrenBy(v, 'xcomp')].map(personAt).filter((p) => p !== undefined);
      titleHeld(r, objects.length ? objects : tree.childrenBy(v, 'nsubj').map(personAt).filter((p) => p !== undefined), 'as-title');
    }
  }

  /** The people given a role hold it in what the role is of. */
  function titleHeld(r: number, people: ReadonlyArray<{ entity: LocalEntity; token: number }>, rule: string): void {
    if (!people.length) return;
    const relation = roleRelation(tree, r);
    for (const holder of holders(r)) {
      if (holder.entity.kind === 'place' && relation === 'member_of') continue;
      for (const p of people) emit(p.entity, relation, holder.entity, p.token, holder.token, 0.65, rule);
    }
  }

  /** "Ilke Wyludda (Germany) 66.60 metres", "Senator Ana Ruiz (Texas)": a place in brackets after a person's name. */
  function placeInBrackets(m: DraftMention, e: LocalEntity): void {
    if (ctx.tokens[m.coreEnd]?.text !== '(') return;
    const p = ctx.startingAt(m.coreEnd + 1).find((x) => ctx.entity(x).kind === 'place');
    if (p && ctx.tokens[p.coreEnd]?.text === ')') emit(e, 'located_in', ctx.entity(p), m.coreStart, p.coreEnd - 1, 0.6, 'place-in-brackets');
  }

  /** "Acme is the parent company of Zeta Radio": a link stated by a copula and a noun, kept open with the noun's words. */
  function copularLink(r: number): void {
    const subject = tree.childrenBy(r, 'nsubj').map((k) => ({ k, e: entityAt(k) })).find((x) => x.e && ACTOR_KINDS.has(x.e.kind));
    if (!subject || tree.isNegated(r)) return;
    for (const c of tree.childrenBy(r, 'nmod')) {
      const o = entityAt(c);
      if (!o || o === subject.e || !ACTOR_KINDS.has(o.kind) || tree.marker(c) !== 'of') continue;
      const words = [...tree.childrenBy(r, 'compound'), ...tree.childrenBy(r, 'amod')].filter((k) => k < r).sort((a, b) => a - b).map((k) => tree.tokens[k]!.lower);
      const label = `is ${[...words, tree.tokens[r]!.lower].join(' ')} of`;
      emitChecked(ctx, subject.e!, 'related_to', o, Math.min(subject.k, c), Math.max(subject.k, c), 0.5, 'open', false, label);
    }
  }

  /**
   * "the Central Bank of Kenya", "the Nairobi High Court": a body whose name begins with a place the article
   * names, or ends in "of" it.
   */
  function placeInName(m: DraftMention, e: LocalEntity): void {
    for (const p of ctx.discourse.entities) {
      if (p.kind !== 'place' || p === e) continue;
      for (const name of new Set([p.label, ...p.aliases])) {
        // Not a nationality ("the Russian Embassy" is in Berlin).
        if (lexicon().demonyms.has(name.toLowerCase()) && !lexicon().countries.has(name.toLowerCase())) continue;
        if (name.length >= 3 && name !== m.text && (m.text.endsWith(` of ${name}`) || m.text.startsWith(`${name} `))) {
          emit(e, 'located_in', p, m.coreStart, m.coreEnd - 1, 0.55, 'place-in-name');
          return;
        }
      }
    }
  }

  /**
   * "a lawsuit against the BlackBerry maker", "the Russian Embassy in Berlin": the prepositional phrase right after a
   * phrase, read as the phrase's own where the parser hung it higher up (the same rules as for a dependent).
   */
  function adjacentPhrase(m: DraftMention, e: LocalEntity, h: number): void {
    const p = m.coreEnd;
    const marker = ctx.word(p);
    if (!ADJACENT_PREPOSITIONS.has(marker) || tree.head(p) >= 0 && tree.head(tree.head(p)) === h) return;
    const o = ctx.startingAt(skipToMention(ctx, p + 1))[0];
    if (!o || o.coreStart > p + 4) return;
    // "between X and Y": the phrase's conjuncts too.
    const sides = [o.head, ...tree.conjuncts(o.head).filter((k) => k !== o.head)];
    for (const k of sides) {
      const oe = ctx.entityAt(k);
      if (oe && oe !== e) structural(m, e, h, 'nmod', marker, oe, k);
    }
    if (marker === 'between' && m.kind === 'event' && predicateClasses(tree.lemma(h), 'n').includes('meet')) meetingBetween(sides);
  }

  /** Dependents of the words of a mention's core that lie outside it, and the head's own. */
  function phraseDependents(m: DraftMention, h: number): number[] {
    const out = [...tree.children(h)];
    for (let i = m.coreStart; i < m.coreEnd; i++) {
      if (i === h) continue;
      for (const c of tree.children(i)) if ((c < m.coreStart || c >= m.coreEnd) && !out.includes(c)) out.push(c);
    }
    return out;
  }

  /** "the meeting between X and Y": X met Y. */
  function meetingBetween(tokens: readonly number[]): void {
    const sides = tokens.map((k) => ({ k, e: entityAt(k) })).filter((x): x is { k: number; e: LocalEntity } => !!x.e && ACTOR_KINDS.has(x.e.kind));
    for (let a = 0; a < sides.length; a++) for (let b = a + 1; b < sides.length; b++) emit(sides[a]!.e, 'met_with', sides[b]!.e, sides[a]!.k, sides[b]!.k, 0.6, 'meeting-between');
  }

  function placesBelow(c: number, depth: number): void {
    if (depth > 2) return;
    for (const k of tree.children(c)) {
      if (!tree.deprel(k).startsWith('nmod') || !LOCATIVE.has(tree.marker(k))) continue;
      const p = entityAt(k);
      const host = hostEvent(c);
      if (p && host && p.kind === 'place') emit(host, 'located_in', p, c, k, 0.55, 'event-in-place-below');
    }
  }

  /** "the port of Zeebrugge", "the town of Nydri": the place a plain noun names through its "of" phrase. */
  function placeOfPlainNoun(k: number): LocalEntity | undefined {
    if (tree.tokens[k]!.upos !== 'NOUN') return undefined;
    for (const c of tree.childrenBy(k, 'nmod')) {
      const p = tree.marker(c) === 'of' ? ctx.entityAt(c) : undefined;
      if (p && p.kind === 'place') return p;
    }
    return undefined;
  }

  /** Whether a noun is the "of" phrase of a noun naming an act ("the signing of the accord"). */
  function isOfAnAct(h: number): boolean {
    return tree.deprel(h).startsWith('nmod') && tree.marker(h) === 'of' && tree.head(h) >= 0 && predicateClasses(tree.lemma(tree.head(h)), 'n').length > 0;
  }

  /** The event whose phrase the token lies in. */
  function hostEvent(c: number): LocalEntity | undefined {
    for (let k = tree.head(c), n = 0; k >= 0 && n < 4; k = tree.head(k), n++) {
      const e = entityAt(k);
      if (e) return e.kind === 'event' ? e : undefined;
    }
    return undefined;
  }

  function structural(m: DraftMention, e: LocalEntity, h: number, d: string, marker: string, o: LocalEntity, c: number): void {
    const kind = e.kind;
    const lemma = tree.lemma(h);
    if (d === 'nmod:poss' || d === 'compound' || d === 'amod') {
      if (d === 'amod' && !tree.tokens[c]!.text.match(/^\p{Lu}/u)) return;
      if (kind === 'document' && ACTOR_KINDS.has(o.kind) && o.kind !== 'place') emit(o, 'authored', e, c, h, d === 'nmod:poss' ? 0.75 : 0.6, 'document-owner');
      else if (kind === 'document' && o.kind === 'place' && d === 'nmod:poss') emit(o, 'authored', e, c, h, 0.6, 'document-owner');
      else if (kind === 'event') {
        if (o.kind === 'place') emit(e, 'located_in', o, c, h, 0.6, 'event-place');
        else if (d === 'nmod:poss' && (isViolent(lemma) || isSanction(lemma))) {
          const hasOf = tree.childrenBy(h, 'nmod').some((k) => tree.marker(k) === 'of');
          emit(o, hasOf ? 'responsible_for' : isViolent(lemma) ? 'victim_of' : 'related_to', e, c, h, 0.6, 'event-possessor');
        } else if (d === 'nmod:poss' && DONE_BY_POSSESSOR.has(m.category ?? lemma) && ACTOR_KINDS.has(o.kind)) emit(o, 'responsible_for', e, c, h, 0.55, 'event-possessor');
        else if (d === 'nmod:poss' && DONE_TO_POSSESSOR.has(m.category ?? lemma) && (o.kind === 'person' || o.kind === 'group')) emit(o, 'related_to', e, c, h, 0.55, 'event-possessor');
        else if (o.kind === 'organisation' && HELD.has(m.category ?? lemma)) emit(o, 'organised', e, c, h, 0.55, 'event-organiser');
        else if (d === 'nmod:poss' && (o.kind === 'group' || o.kind === 'person')) emit(o, 'participated_in', e, c, h, 0.55, 'event-participant');
      // "Croatia's parliament", "the Kessington police"; not "the French embassy" (a nationality, not a place).
      } else if (kind === 'organisation' && o.kind === 'place' && d !== 'amod') emit(e, 'located_in', o, c, h, 0.6, 'organisation-place');
      // "the league's ethics committee": a body of the organisation that owns it.
      else if (kind === 'organisation' && o.kind === 'organisation' && d === 'nmod:poss') emit(e, 'member_of', o, c, h, 0.6, 'organisation-owner');
      else if (kind === 'group' && o.kind === 'organisation' && isMemberNoun(lemma)) emit(e, 'member_of', o, c, h, 0.6, 'group-organisation');
      return;
    }
    if (!d.startsWith('nmod')) return;
    switch (kind) {
      case 'person':
        if ((marker === 'of' || marker === 'from' || marker === 'at') && (o.kind === 'organisation' || o.kind === 'group')) emit(e, 'member_of', o, h, c, 0.7, 'person-of');
        // Not "Governor X of Valtierra": a title of the place says more, and the title rules read it.
        else if ((marker === 'of' || marker === 'from') && o.kind === 'place' && !m.attrs.title) emit(e, 'located_in', o, h, c, 0.65, 'person-of-place');
        break;
      case 'organisation':
        if ((LOCATIVE.has(marker) || marker === 'of') && o.kind === 'place') emit(e, 'located_in', o, h, c, 0.65, 'organisation-in');
        break;
      case 'group':
        // "residents of Marrowdale", "farmers from the Tarai region".
        if ((LOCATIVE.has(marker) || marker === 'of' || marker === 'from') && o.kind === 'place') emit(e, 'located_in', o, h, c, 0.6, 'group-in');
        else if ((marker === 'from' || marker === 'of' || marker === 'at') && (o.kind === 'organisation' || o.kind === 'group') && isMemberNoun(lemma)) emit(e, 'member_of', o, h, c, 0.65, 'group-from');
        // "lawyers for shareholders", "relatives of the victims"
        else if ((marker === 'for' || marker === 'of') && (o.kind === 'group' || o.kind === 'person')) emit(e, 'related_to', o, h, c, 0.5, 'group-for');
        break;
      case 'event':
        if (LOCATIVE.has(marker) && o.kind === 'place') emit(e, 'located_in', o, h, c, 0.65, 'event-in');
        else if (marker === 'by' && ACTOR_KINDS.has(o.kind)) emit(o, isViolent(lemma) || isSanction(lemma) ? 'responsible_for' : 'organised', e, c, h, 0.6, 'event-by');
        else if (marker === 'of' && (o.kind === 'person' || o.kind === 'group') && isViolent(lemma)) emit(o, 'victim_of', e, c, h, 0.65, 'event-of');
        // "the arrest of X", "the trial of X", "the release of X": what happened to someone.
        else if (marker === 'of' && (o.kind === 'person' || o.kind === 'group')) emit(o, 'related_to', e, c, h, isSanction(lemma) ? 0.6 : 0.5, 'event-of');
        else if ((marker === 'between' || marker === 'with' || marker === 'among') && ACTOR_KINDS.has(o.kind)) emit(o, 'participated_in', e, c, h, 0.6, 'event-between');
        break;
      case 'document':
        // Not "the signing of the accord by X": the by-phrase is the act's, read by its noun frame.
        if (AUTHOR.has(marker) && ACTOR_KINDS.has(o.kind) && !(marker === 'by' && isOfAnAct(h))) emit(o, 'authored', e, c, h, 0.7, 'document-by');
        else if (TOPIC.has(marker)) emit(e, 'mentions', o, h, c, 0.6, 'document-on');
        else if (marker === 'against') emit(e, 'opposes', o, h, c, 0.65, 'document-against');
        else if (marker === 'to' && (o.kind === 'person' || o.kind === 'organisation')) emit(e, 'called_on', o, h, c, 0.5, 'document-to');
        break;
    }
  }

  /** "X, the head of Y", "the chairman of Y, X", "Y's director, X", "X and Z, co-chairs of Y". */
  function titleOf(m: DraftMention, person: LocalEntity, h: number): void {
    const roles: number[] = [];
    // The parser reads some appositions after coordinated names as a list.
    // "X and Y, both members of Z": a group noun in apposition is a role too.
    const roleNoun = (a: number) => (!ctx.entityAt(a) || ctx.entityAt(a)!.kind === 'group') && isRole(tree, a);
    // The parser reads some appositions after coordinated names as a list, or as one more conjunct.
    const commaConjuncts = tree.childrenBy(h, 'conj').filter((c) => !tree.childrenBy(c, 'cc').length);
    for (const a of [...tree.childrenBy(h, 'appos'), ...tree.childrenBy(h, 'list'), ...commaConjuncts]) if (roleNoun(a)) roles.push(a);
    if ((tree.deprel(h) === 'appos' || tree.deprel(h) === 'list') && isRole(tree, tree.head(h)) && !ctx.entityAt(tree.head(h))) roles.push(tree.head(h));
    // Titles written into the name's phrase: "Brazilian President Ana Lima", "Kestrel Bank spokeswoman Imogen".
    for (const c of tree.children(h)) if (c < m.coreStart && tree.base(c) === 'compound' && isRole(tree, c) && !ctx.entityAt(c)) roles.push(c);
    for (let i = m.coreStart; i < h; i++) if (tree.head(i) === h && isRole(tree, i) && !ctx.entityAt(i) && !roles.includes(i)) roles.push(i);
    if (!roles.length) return;
    // "X's sister, Y", "Y, the widower of X": kin are related to each other.
    for (const r of roles) {
      if (!isKin(tree, r)) continue;
      for (const k of kinOf(r)) emit(person, 'related_to', k.entity, h, k.token, 0.65, 'kin');
    }
    const people = [person];
    for (const c of tree.conjuncts(h)) {
      const other = ctx.entityAt(c);
      if (other && other.kind === 'person' && !people.includes(other)) people.push(other);
    }
    for (const r of roles) {
      if (isKin(tree, r)) continue;
      const relation = roleRelation(tree, r);
      for (const holder of holders(r)) {
        // A minister of a country is related to it; only heads of state or government lead it.
        if (holder.entity.kind === 'place' && relation === 'leads' && !leadsPlace(titleWords(tree, r))) {
          if (isStateOffice(tree, r)) for (const p of people) emit(p, 'related_to', holder.entity, holder.token, h, 0.6, 'title');
          continue;
        }
        const rel: RelationId = holder.entity.kind === 'place' && relation === 'member_of' ? 'related_to' : relation;
        for (const p of people) if (rel !== 'related_to') emit(p, rel, holder.entity, holder.token, h, 0.7, 'title');
      }
    }
  }

  /** The people a kinship noun relates to: its possessor or its "of" phrase. */
  function kinOf(role: number): Array<{ entity: LocalEntity; token: number }> {
    const out: Array<{ entity: LocalEntity; token: number }> = [];
    for (const c of tree.children(role)) {
      const d = tree.deprel(c);
      if (d !== 'nmod:poss' && !(d.startsWith('nmod') && tree.marker(c) === 'of')) continue;
      const o = entityAt(c);
      if (o && o.kind === 'person') out.push({ entity: o, token: c });
    }
    return out;
  }

  /** What a title is held in: its "of/for/at" phrase, its possessor, its name or nationality modifiers. */
  function holders(role: number): Array<{ entity: LocalEntity; token: number }> {
    const out: Array<{ entity: LocalEntity; token: number }> = [];
    const add = (k: number) => {
      const o = entityAt(k);
      if (o && o.kind !== 'person' && o.kind !== 'event' && o.kind !== 'document' && !out.some((x) => x.entity === o)) out.push({ entity: o, token: k });
    };
    for (const c of tree.children(role)) {
      const d = tree.deprel(c);
      // A nationality names the country only for offices of state ("Kenyan President"), not "Spanish football chief".
      if (d === 'amod' && ctx.entityAt(c)?.kind === 'place' && !isStateOffice(tree, role)) continue;
      if (d === 'nmod:poss' || ((d === 'compound' || d === 'amod') && /^\p{Lu}/u.test(tree.tokens[c]!.text))) add(c);
      else if (d.startsWith('nmod') && ['of', 'for', 'at', 'to', 'with', 'from'].includes(tree.marker(c))) add(c);
    }
    // "Tarrow Mining chief executive Lionel": the holder's name before a compound title.
    for (let k = role - 1; k >= 0 && tree.head(k) !== -1 && k >= role - 6; k--) {
      const o = ctx.entityAt(k);
      if (o) { if (tree.dominates(role, k) || tree.head(k) === tree.head(role)) add(k); break; }
      if (tree.tokens[k]!.upos !== 'NOUN' && tree.tokens[k]!.upos !== 'ADJ') break;
    }
    return out;
  }
}

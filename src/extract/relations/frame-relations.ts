/**
 * Predicate frames → relations, through the relation table's frame rules (src/schema/relations.ts): the frame's
 * class picks the rules, the rule says which arguments are the ends, the table's kinds say whether the ends fit.
 * A verb that joins two entities and fits no rule gives an open `related_to` carrying its predicate phrase.
 */
import { ACTOR_KINDS, RELATION_IDS, RELATIONS, allowsKinds, type FrameRule, type LocalEntity, type RelationId } from '../../schema/index.js';
import type { Frame } from '../frames/frames.js';
import { predicateClasses } from '../word-lists.js';
import type { SentenceTree } from '../tree/sentence-tree.js';
import type { SentenceContext } from './context.js';
import { resolvePronoun } from './clauses.js';
import { emitChecked } from './emit.js';
import { isRole } from './np-relations.js';
import type { CueTable } from './user-cues.js';

interface IndexedRule {
  relation: RelationId;
  rule: FrameRule;
}

let rulesByClass: ReadonlyMap<string, readonly IndexedRule[]> | undefined;

function rulesFor(pos: 'v' | 'n', cls: string): readonly IndexedRule[] {
  if (!rulesByClass) {
    const table = new Map<string, IndexedRule[]>();
    for (const relation of RELATION_IDS) {
      for (const rule of RELATIONS[relation].frames) {
        const key = `${rule.pos}:${rule.class}`;
        if (!table.has(key)) table.set(key, []);
        table.get(key)!.push({ relation, rule });
      }
    }
    rulesByClass = table;
  }
  return rulesByClass.get(`${pos}:${cls}`) ?? NONE;
}

const NONE: readonly IndexedRule[] = Object.freeze([]);
/** Classes whose deed, when someone urges it, is what they call for ("urged X to hold an inquiry"). */
const BRING_ABOUT = new Set(['hold', 'cause', 'author', 'sign', 'harm', 'sanction']);
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'him', 'her', 'them', 'us']);

const isActor = (e: LocalEntity): boolean => e.kind === 'person' || e.kind === 'organisation' || e.kind === 'group';

interface End {
  entity: LocalEntity;
  token: number;
}

/**
 * The entities a token stands for: the mention it heads or lies in (or, for a description with names beside it,
 * those names: "charities Refugee Action and Citizens UK"), or what a personal pronoun refers to.
 */
export function entitiesOfToken(ctx: SentenceContext, tree: SentenceTree, i: number): LocalEntity[] {
  // A dateline names nobody's subject; a nationality adjective ("Kenyan President X") is nobody's argument either.
  if (i < ctx.datelineEnd || ctx.isDemonym(i)) return [];
  const e = ctx.entityAt(i);
  if (!e || !ctx.isNamed(i)) {
    const names: LocalEntity[] = [];
    for (const c of tree.children(i)) {
      const d = tree.base(c);
      // "charities Refugee Action and Citizens UK": the parser may read the names as a bare nmod of the noun.
      if ((d !== 'appos' && d !== 'flat' && d !== 'compound' && d !== 'nmod') || c < i && d !== 'compound' || tree.marker(c)) continue;
      // "the ICAC counsel": a body named before a role is where the role is held, not who holds it.
      if (c < i && isRole(tree, i)) continue;
      for (const k of tree.conjuncts(c)) {
        const n = ctx.entityAt(k);
        if (n && n !== e && ctx.isNamed(k) && n.kind !== 'place' && !names.includes(n)) names.push(n);
      }
    }
    // "the rebel movement of the Sahel Front": a body described and then named by its "of" phrase.
    if (e && e.kind === 'organisation') {
      for (const c of tree.childrenBy(i, 'nmod')) {
        const n = tree.marker(c) === 'of' ? ctx.entityAt(c) : undefined;
        if (n && n !== e && n.kind === 'organisation' && ctx.isNamed(c) && !names.includes(n)) names.push(n);
      }
    }
    // "the head of X, Y": a name in apposition stands for the noun it explains; so do names set beside a plural noun
    // or a description ("the main rural movement, the MST").
    if (names.length && (!e || e.kind === 'group' || isActor(e) && names.every(isActor))) return names;
    // "the President-elect of the Council, Ana Ruiz": the parser may hang the name on the title's "of" phrase,
    // as an apposition or a conjunct after a comma.
    if (!e && isRole(tree, i)) {
      const named = nameSetAside(ctx, tree, i, 0);
      if (named) return [named];
    }
  }
  if (e) return [e];
  const t = tree.tokens[i]!;
  if (t.upos === 'PRON' && PERSONAL_PRONOUNS.has(t.lower) && !ctx.inQuote(i)) {
    const p = t.lower === 'him' ? 'he' : t.lower === 'her' ? 'she' : t.lower === 'them' ? 'they' : t.lower === 'us' ? 'we' : t.lower;
    const speaker = reportingSpeaker(ctx, tree, i, p);
    if (speaker) return [speaker];
    const r = resolvePronoun(ctx, p, i, tree.base(i) === 'obj' ? 'object' : 'subject');
    return r ? [r] : [];
  }
  return [];
}

/** A person's name set aside by a comma somewhere in a title's "of" phrases. */
function nameSetAside(ctx: SentenceContext, tree: SentenceTree, i: number, depth: number): LocalEntity | undefined {
  if (depth > 2) return undefined;
  for (const c of tree.childrenBy(i, 'nmod')) {
    const aside = [...tree.childrenBy(c, 'appos'), ...tree.childrenBy(c, 'conj').filter((k) => !tree.childrenBy(k, 'cc').length)];
    for (const a of aside) {
      const n = ctx.entityAt(a);
      if (n && n.kind === 'person' && ctx.isNamed(a)) return n;
    }
    const deeper = nameSetAside(ctx, tree, c, depth + 1);
    if (deeper) return deeper;
  }
  return undefined;
}

/** "X said (that) it would …": a pronoun subject of a reported clause is, first of all, the reporter. */
function reportingSpeaker(ctx: SentenceContext, tree: SentenceTree, i: number, pronoun: string): LocalEntity | undefined {
  if (tree.base(i) !== 'nsubj') return undefined;
  const clause = tree.head(i);
  if (clause < 0 || tree.base(clause) !== 'ccomp') return undefined;
  const say = tree.head(clause);
  if (say < 0 || !predicateClasses(tree.lemma(say), 'v').includes('say')) return undefined;
  for (const s of tree.childrenBy(say, 'nsubj')) {
    const e = ctx.entityAt(s);
    if (e && fitsPronoun(e, pronoun)) return e;
  }
  return undefined;
}

export function fitsPronoun(e: LocalEntity, pronoun: string): boolean {
  switch (pronoun) {
    case 'he': case 'she': return e.kind === 'person';
    case 'it': return e.kind === 'organisation' || e.kind === 'place' || e.kind === 'document' || e.kind === 'event';
    case 'they': return e.kind === 'group' || e.kind === 'organisation';
    default: return e.kind !== 'event' && e.kind !== 'document';
  }
}

function ends(ctx: SentenceContext, tree: SentenceTree, f: Frame, roles: readonly string[], patientOverride?: number, viaOf = true): End[] {
  const out: End[] = [];
  const push = (token: number) => {
    let found = entitiesOfToken(ctx, tree, token);
    // "highlighted claims of X", "several of its members", "his candidacy": a plain word stands for its "of" phrase
    // or its possessor.
    // Not a stance named by a noun: welcoming "X's condemnation of Y" is not backing Y.
    if (!found.length && viaOf && tree.tokens[token]!.upos !== 'PROPN' && !isRole(tree, token) && !isStanceNoun(tree, token)) {
      for (const c of tree.childrenBy(token, 'nmod')) if (tree.marker(c) === 'of' || tree.deprel(c) === 'nmod:poss') found = found.concat(entitiesOfToken(ctx, tree, c));
    }
    for (const entity of found) if (!out.some((e) => e.entity === entity)) out.push({ entity, token });
  };
  for (const role of roles) {
    if (role === 'self') { push(f.predicate); continue; }
    if (role === 'patient' && patientOverride !== undefined) { push(patientOverride); continue; }
    for (const a of f.args) {
      if (a.role !== role) continue;
      if (role === 'clause' || role === 'reported') {
        // What a reported clause is about: its predicate's own arguments (the relation's kinds choose among them).
        for (const k of clauseArguments(tree, a.token)) if (k !== f.predicate) push(k);
      } else push(a.token);
    }
  }
  return out;
}

const STANCE_CLASSES = ['oppose', 'support', 'demand', 'urge'];

function isStanceNoun(tree: SentenceTree, i: number): boolean {
  return predicateClasses(tree.lemma(i), 'n').some((c) => STANCE_CLASSES.includes(c));
}

const CLAUSE_ARGUMENTS = new Set(['nsubj', 'obj', 'obl', 'iobj']);

/** The heads of a clause's subject, objects and prepositional phrases (and of their conjuncts). */
function clauseArguments(tree: SentenceTree, head: number): number[] {
  const out: number[] = [];
  for (const c of tree.children(head)) if (CLAUSE_ARGUMENTS.has(tree.base(c))) out.push(...tree.conjuncts(c));
  if (tree.tokens[head]!.upos === 'NOUN' || tree.tokens[head]!.upos === 'PROPN') out.push(head);
  return out;
}

const STANCES: ReadonlySet<RelationId> = new Set(['supports', 'opposes', 'called_for', 'called_on']);

export function frameRelations(ctx: SentenceContext, tree: SentenceTree, frames: readonly Frame[], cues: CueTable = NO_CUES): void {
  const byPredicate = new Map(frames.map((f) => [f.predicate, f]));
  for (const f of frames) {
    if (f.negated) continue;
    if (f.pos === 'v' && f.mood === 'asserted') anchor(ctx, tree, f);
    const related = new Set<string>();
    const emit = (s: End, relation: RelationId, t: End, confidence: number, rule: string) => {
      if (s.entity === t.entity || !allowsKinds(relation, s.entity.kind, t.entity.kind)) return;
      related.add(`${s.entity.id}|${t.entity.id}`);
      emitChecked(ctx, s.entity, relation, t.entity, Math.min(s.token, t.token, f.predicate), Math.max(s.token, t.token, f.predicate), confidence, rule);
    };
    // The frame's classes, and those of the verb with a preposition ("call on X", "vote for X", "appeal to X"),
    // where the prepositional phrase takes the object's place.
    const readings: Array<{ cls: string; patient?: number }> = f.classes.map((cls) => ({ cls }));
    // Any verb's subject takes part in the event it acts "in"; not a passive's by-agent ("criticised by X during Y"),
    // nor those who died in it (its victims).
    if (f.pos === 'v' && !f.passive && !f.classes.includes('die')) readings.push({ cls: '*' });
    if (f.pos === 'v') {
      for (const a of f.args) {
        if (!a.role.startsWith('obl:')) continue;
        for (const cls of predicateClasses(`${f.lemma} ${a.role.slice(4)}`, 'v')) readings.push({ cls, patient: a.token });
      }
    }
    if (f.mood !== 'irrealis') {
      for (const { cls, patient } of readings) {
        for (const { relation, rule } of rulesFor(f.pos, cls)) {
          let rel = relation;
          if (f.mood !== 'asserted' && !rule.stance) {
            // "agreed to sign the accord": undertaking to sign a text is backing it.
            if (f.mood === 'intended' && relation === 'signed') rel = 'supports';
            else continue;
          }
          for (const s of ends(ctx, tree, f, rule.source, patient)) for (const t of ends(ctx, tree, f, rule.target, patient)) emit(s, rel, t, 0.7, `frame-${f.pos}-${cls}`);
        }
      }
    }
    if (f.pos === 'v' && f.mood !== 'irrealis' && cues.size) userCues(ctx, tree, f, cues, emit);
    if (f.pos === 'v' && f.mood === 'asserted') eventPlaces(ctx, tree, f, emit);
    if (f.wantedBy?.length) wanted(ctx, tree, f, readings, emit);
    if (f.pos === 'v' && f.mood !== 'irrealis') stanceOnCalls(ctx, tree, f, byPredicate, emit);
    if (f.pos === 'v' && f.mood === 'asserted') openRelations(ctx, tree, f, related);
  }
}

const NO_CUES: CueTable = new Map();
const ANCHOR_ROLES = new Set(['agent', 'patient']);
const DESCRIBED = new Set(['event']);

/** Events a stated predicate takes as its subject or object are part of the story ("the shelling killed nine"). */
function anchor(ctx: SentenceContext, tree: SentenceTree, f: Frame): void {
  for (const a of f.args) {
    if (!ANCHOR_ROLES.has(a.role)) continue;
    const e = ctx.entityAt(a.token);
    if (e && DESCRIBED.has(e.kind)) ctx.discourse.anchored.add(e);
  }
}
const EVENT_ROLES = new Set(['agent', 'patient', 'obl:on', 'obl:in', 'obl:at', 'obl:during', 'obl:after', 'obl:for']);

/** "arrived in Cameroon on a three-day visit", "were killed in an attack in Kabul": the event happened where the verb did. */
function eventPlaces(ctx: SentenceContext, tree: SentenceTree, f: Frame, emit: (s: End, relation: RelationId, t: End, confidence: number, rule: string) => void): void {
  const places = ends(ctx, tree, f, ['obl:in', 'obl:at']).filter((e) => e.entity.kind === 'place');
  if (!places.length) return;
  const events = ends(ctx, tree, f, [...EVENT_ROLES]).filter((e) => e.entity.kind === 'event');
  for (const e of events) for (const p of places) emit(e, 'located_in', p, 0.5, 'event-verb-place');
}

/** The user's cues: the verb (or the verb and its preposition) from the subject to the object. */
function userCues(ctx: SentenceContext, tree: SentenceTree, f: Frame, cues: CueTable,
  emit: (s: End, relation: RelationId, t: End, confidence: number, rule: string) => void): void {
  for (const c of cues.get(f.lemma) ?? []) {
    const voice = c.cue.voice ?? 'any';
    if ((voice === 'active' && f.passive) || (voice === 'passive' && !f.passive)) continue;
    const target = c.preposition ? [`obl:${c.preposition}`] : ['patient'];
    const [source, to] = c.cue.patientIsSource ? [['patient'], target] : [['agent'], target];
    for (const s of ends(ctx, tree, f, source)) for (const t of ends(ctx, tree, f, to)) emit(s, c.relation, t, 0.7, 'user-cue');
  }
}

/** Classes of nouns that name a call (whose owner calls for something): backing the call backs both. */
const CALLS = new Set(['demand', 'urge']);

/** "backed X's call for an inquiry": a stance on a call is a stance on who made it and on what it asks for. */
function stanceOnCalls(ctx: SentenceContext, tree: SentenceTree, f: Frame, byPredicate: ReadonlyMap<number, Frame>,
  emit: (s: End, relation: RelationId, t: End, confidence: number, rule: string) => void): void {
  const stance: RelationId | undefined = f.classes.includes('support') ? 'supports' : f.classes.includes('oppose') ? 'opposes' : undefined;
  if (!stance) return;
  const agents = ends(ctx, tree, f, ['agent']);
  for (const a of f.args) {
    if (a.role !== 'patient') continue;
    const call = byPredicate.get(a.token);
    if (!call || call.pos !== 'n' || !call.classes.some((c) => CALLS.has(c))) continue;
    const parts = ends(ctx, tree, call, ['poss', 'nmod:by', 'nmod:from', 'nmod:of', 'nmod:for']);
    for (const s of agents) for (const t of parts) emit(s, stance, t, 0.6, 'stance-on-call');
  }
}

/** "X urged Y to reject Z": X opposes Z; "X urged Y to hold an inquiry": X called for the inquiry. */
function wanted(ctx: SentenceContext, tree: SentenceTree, f: Frame, readings: ReadonlyArray<{ cls: string; patient?: number }>,
  emit: (s: End, relation: RelationId, t: End, confidence: number, rule: string) => void): void {
  const wanters: End[] = [];
  for (const w of f.wantedBy!) for (const entity of entitiesOfToken(ctx, tree, w)) wanters.push({ entity, token: w });
  for (const { cls, patient } of readings) {
    const targets = ends(ctx, tree, f, ['patient'], patient);
    for (const { relation, rule } of rulesFor(f.pos, cls)) {
      if (!STANCES.has(relation) || !rule.source.includes('agent')) continue;
      for (const w of wanters) for (const t of targets) emit(w, relation, t, 0.6, `wanted-${cls}`);
    }
    if (BRING_ABOUT.has(cls)) for (const w of wanters) for (const t of targets) emit(w, 'called_for', t, 0.6, `wanted-${cls}`);
  }
}

/** Verbs too general to name a link by themselves ("have", "make"), and speech, which says things about its object. */
const LIGHT_VERBS = new Set(['be', 'have', 'get', 'make', 'do', 'take', 'give', 'go', 'come', 'see', 'put', 'keep', 'let', 'become', 'seem', 'include', 'use', 'need', 'want', 'know', 'think', 'find', 'leave', 'bring']);
const NOT_OPEN_CLASSES = new Set(['say', 'report', 'describe', 'refuse', 'attempt', 'intend', 'aspect']);

/** A verb joining its subject and object that no rule reads: the link the text states, with its words. */
function openRelations(ctx: SentenceContext, tree: SentenceTree, f: Frame, related: ReadonlySet<string>): void {
  if (LIGHT_VERBS.has(f.lemma) || f.classes.some((c) => NOT_OPEN_CLASSES.has(c))) return;
  // Named actors only: a verb between descriptions ("the court informed four men") says too little to keep.
  const named = (e: End) => ACTOR_KINDS.has(e.entity.kind) && e.entity.origin === 'name';
  const agents = ends(ctx, tree, f, ['agent'], undefined, false).filter(named);
  const patients = ends(ctx, tree, f, ['patient'], undefined, false).filter(named);
  if (!agents.length || !patients.length) return;
  // The verb as the text has it ("fined"), read from the agent to the patient whatever the voice.
  const prt = tree.particle(f.predicate);
  const label = prt ? `${tree.tokens[f.predicate]!.lower} ${prt}` : tree.tokens[f.predicate]!.lower;
  for (const s of agents) {
    for (const t of patients) {
      if (s.entity === t.entity || related.has(`${s.entity.id}|${t.entity.id}`) || related.has(`${t.entity.id}|${s.entity.id}`)) continue;
      emitChecked(ctx, s.entity, 'related_to', t.entity, Math.min(s.token, t.token, f.predicate), Math.max(s.token, t.token, f.predicate), 0.5, 'open', false, label);
    }
  }
}

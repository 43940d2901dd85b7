/**
 * Predicate frames → relations, through the relation table's frame rules (src/schema/relations.ts): the frame's
 * class picks the rules, the rule says which arguments are the ends, the table's kinds say whether the ends fit.
 * A verb that joins two entities and fits no rule gives an open `related_to` carrying its predicate phrase.
 */
import { RELATION_IDS, RELATIONS, allowsKinds, type FrameRule, type LocalEntity, type RelationId } from '../../schema/index.js';
import type { Frame } from '../frames/frames.js';
import { predicateClasses } from '../word-lists.js';
import type { SentenceTree } from '../tree/sentence-tree.js';
import type { SentenceContext } from './context.js';
import { resolvePronoun } from './clauses.js';
import { emitChecked } from './verb-rules.js';

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
const BRING_ABOUT = new Set(['hold', 'cause', 'author', 'sign', 'harm']);
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'him', 'her', 'them', 'us']);

interface End {
  entity: LocalEntity;
  token: number;
}

/** The entity a token stands for: the mention it heads or lies in, or what a personal pronoun refers to. */
function entityOfToken(ctx: SentenceContext, tree: SentenceTree, i: number): LocalEntity | undefined {
  const e = ctx.entityAt(i);
  if (e) return e;
  const t = tree.tokens[i]!;
  if (t.upos === 'PRON' && PERSONAL_PRONOUNS.has(t.lower) && !ctx.inQuote(i)) {
    const p = t.lower === 'him' ? 'he' : t.lower === 'her' ? 'she' : t.lower === 'them' ? 'they' : t.lower === 'us' ? 'we' : t.lower;
    return resolvePronoun(ctx, p, i);
  }
  // "the head of X, Y": a name in apposition stands for the noun it explains.
  for (const c of tree.childrenBy(i, 'appos')) {
    const a = ctx.entityAt(c);
    if (a) return a;
  }
  return undefined;
}

function ends(ctx: SentenceContext, tree: SentenceTree, f: Frame, roles: readonly string[], patientOverride?: number): End[] {
  const out: End[] = [];
  const push = (token: number) => {
    const entity = entityOfToken(ctx, tree, token);
    if (entity && !out.some((e) => e.entity === entity)) out.push({ entity, token });
  };
  for (const role of roles) {
    if (role === 'self') { push(f.predicate); continue; }
    if (role === 'patient' && patientOverride !== undefined) { push(patientOverride); continue; }
    for (const a of f.args) {
      if (a.role !== role) continue;
      if (role === 'clause') {
        // What a reported clause is about: everything it names (the relation's kinds choose among them).
        for (const k of tree.subtree(a.token)) {
          if (k === f.predicate || (a.token === tree.head(f.predicate) && tree.dominates(f.predicate, k))) continue;
          const e = ctx.entityAt(k);
          if (e && !out.some((x) => x.entity === e)) out.push({ entity: e, token: k });
        }
      } else push(a.token);
    }
  }
  return out;
}

const STANCES: ReadonlySet<RelationId> = new Set(['supports', 'opposes', 'called_for', 'called_on']);

export function frameRelations(ctx: SentenceContext, tree: SentenceTree, frames: readonly Frame[]): void {
  for (const f of frames) {
    if (f.negated) continue;
    const related = new Set<string>();
    const emit = (s: End, relation: RelationId, t: End, confidence: number, rule: string) => {
      if (s.entity === t.entity || !allowsKinds(relation, s.entity.kind, t.entity.kind)) return;
      related.add(`${s.entity.id}|${t.entity.id}`);
      emitChecked(ctx, s.entity, relation, t.entity, Math.min(s.token, t.token, f.predicate), Math.max(s.token, t.token, f.predicate), confidence, rule);
    };
    // The frame's classes, and those of the verb with a preposition ("call on X", "vote for X", "appeal to X"),
    // where the prepositional phrase takes the object's place.
    const readings: Array<{ cls: string; patient?: number }> = f.classes.map((cls) => ({ cls }));
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
    if (f.wantedBy?.length) wanted(ctx, tree, f, readings, emit);
    if (f.pos === 'v' && f.mood === 'asserted') openRelations(ctx, tree, f, related);
  }
}

/** "X urged Y to reject Z": X opposes Z; "X urged Y to hold an inquiry": X called for the inquiry. */
function wanted(ctx: SentenceContext, tree: SentenceTree, f: Frame, readings: ReadonlyArray<{ cls: string; patient?: number }>,
  emit: (s: End, relation: RelationId, t: End, confidence: number, rule: string) => void): void {
  const wanters: End[] = [];
  for (const w of f.wantedBy!) {
    const entity = entityOfToken(ctx, tree, w);
    if (entity) wanters.push({ entity, token: w });
  }
  for (const { cls, patient } of readings) {
    const targets = ends(ctx, tree, f, ['patient'], patient);
    for (const { relation, rule } of rulesFor(f.pos, cls)) {
      if (!STANCES.has(relation) || !rule.source.includes('agent')) continue;
      for (const w of wanters) for (const t of targets) emit(w, relation, t, 0.6, `wanted-${cls}`);
    }
    if (BRING_ABOUT.has(cls)) for (const w of wanters) for (const t of targets) emit(w, 'called_for', t, 0.6, `wanted-${cls}`);
  }
}

/** A verb joining its subject and object that no rule reads: the link the text states, with its words. */
function openRelations(ctx: SentenceContext, tree: SentenceTree, f: Frame, related: ReadonlySet<string>): void {
  const agents = ends(ctx, tree, f, ['agent']);
  const patients = ends(ctx, tree, f, ['patient']);
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

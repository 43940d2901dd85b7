/**
 * Predicate frames read off a sentence's dependency tree: who does what to whom, for verbs ("X urged Y to reject Z")
 * and for nouns that name an act ("X's call for Y", "the arrest of Y by X"). Arguments are token indices of the
 * argument phrases' heads; the relation rules turn them into entities.
 */
import type { Token } from '../../schema/index.js';
import { predicateClasses } from '../word-lists.js';
import { isNominal, SentenceTree } from '../tree/sentence-tree.js';

/**
 * Where an argument sits. Verbs: `agent` (the active subject, the passive by-phrase), `patient` (the object, the
 * passive subject), `recipient` (indirect object), `obl:<prep>` (a prepositional phrase), `xobj` (the object of a
 * controlled verb: "urged X to hold *an inquiry*"), `clause` (the head of a reported clause). Nouns: `poss`
 * ("X's call"), `nmod:<prep>` ("the call *for* Y"), `compound` ("the *Kenya* talks").
 */
export type ArgRole = string;

export interface Arg {
  role: ArgRole;
  /** Token index of the argument's head word. */
  token: number;
}

/**
 * `asserted`: the text says it happened. `attempt`: someone tried or sought to ("tried to block"): it shows their
 * stance. `intended`: agreed, planned or promised ("agreed to sign"). `irrealis`: a wish, a condition or a
 * possibility ("may join", "would oppose if", "urged Y to reject"): nothing the text asserts.
 */
export type Mood = 'asserted' | 'attempt' | 'intended' | 'irrealis';

export interface Frame {
  predicate: number;
  /** The predicate's lemma, with a particle or a governed preposition where the lexicon has the phrase ("carry out"). */
  lemma: string;
  /** The predicate classes of the lemma (lexicon). */
  classes: readonly string[];
  pos: 'v' | 'n';
  passive: boolean;
  negated: boolean;
  mood: Mood;
  args: Arg[];
  /**
   * Who wants it done, when the frame is what someone urged or demanded ("X urged Y to *reject* Z"): the urging
   * verb's agents. Their stance shows, though the deed is not asserted.
   */
  wantedBy?: number[];
}

/** The Y of "in collaboration with Y" phrases on a word. */
function jointDoers(tree: SentenceTree, x: number): number[] {
  const out: number[] = [];
  for (const c of tree.children(x)) {
    if (!/^(obl|nmod)/.test(tree.deprel(c)) || tree.marker(c) !== 'in' || !JOINT_WORK.has(tree.lemma(c))) continue;
    for (const w of tree.childrenBy(c, 'nmod')) if (tree.marker(w) === 'with') out.push(w);
  }
  return out;
}

/** "in collaboration with Y": nouns that make Y a doer of the verb beside its subject. */
const JOINT_WORK = new Set(['collaboration', 'partnership', 'cooperation', 'co-operation', 'conjunction', 'association', 'coordination', 'concert', 'alliance']);
const RESULT_VERBS = new Set(['leave', 'render']);
const HARMED_STATES = new Set(['dead', 'injured', 'wounded', 'hurt', 'homeless', 'displaced', 'stranded', 'paralysed', 'paralyzed', 'maimed', 'blind', 'destitute', 'missing']);
const RELATIVE_PRONOUNS = new Set(['who', 'whom', 'which', 'that', 'whose']);
const NO_ONE = new Set(['nobody', 'none', 'neither']);
const MODALS_IRREALIS = new Set(['may', 'might', 'could', 'would', 'should', 'must', 'can']);
const CONDITIONALS = new Set(['if', 'unless', 'whether', 'lest']);
const NEGATING_MARKS = new Set(['without']);

/** What a governing verb makes of the verb it controls ("refused to sign", "tried to block", "agreed to sign"). */
function controlledMood(governor: Frame): Mood {
  const c = governor.classes;
  if (governor.negated || governor.mood === 'irrealis' || c.includes('refuse')) return 'irrealis';
  if (c.includes('urge') || c.includes('demand')) return 'irrealis';
  if (c.includes('attempt')) return governor.mood === 'asserted' ? 'attempt' : governor.mood;
  if (c.includes('intend')) return governor.mood === 'asserted' ? 'intended' : governor.mood;
  return governor.mood;
}

export function findFrames(tree: SentenceTree): Frame[] {
  const frames: Frame[] = [];
  const byPredicate = new Map<number, Frame>();
  // Governors first: a controlled verb's mood depends on its governor's, and heads come before their dependents in
  // a walk down from the root.
  const order = walkOrder(tree);
  for (const i of order) {
    const t = tree.tokens[i]!;
    if (t.upos === 'VERB' || (t.upos === 'AUX' && tree.base(i) !== 'aux' && tree.base(i) !== 'cop') || isAdjectivalPredicate(tree, i)) {
      const f = verbFrame(tree, i, byPredicate);
      if (f) { frames.push(f); byPredicate.set(i, f); }
    } else if ((t.upos === 'NOUN' || t.upos === 'PROPN') && predicateClasses(t.lemma.toLowerCase(), 'n').length) {
      const f = nounFrame(tree, i, byPredicate);
      if (f.args.length) { frames.push(f); byPredicate.set(i, f); }
    }
  }
  return frames.sort((a, b) => a.predicate - b.predicate);
}

/** Tokens from the roots down, each after its head. */
function walkOrder(tree: SentenceTree): number[] {
  const out: number[] = [];
  const visit = (i: number, depth: number) => {
    out.push(i);
    if (depth > 200) return;
    for (const c of tree.children(i)) visit(c, depth + 1);
  };
  for (let i = 0; i < tree.length; i++) if (tree.head(i) < 0) visit(i, 0);
  return out;
}

/** "were responsible for", "is opposed to": an adjective or participle with a copula predicates like a verb. */
function isAdjectivalPredicate(tree: SentenceTree, i: number): boolean {
  return tree.tokens[i]!.upos === 'ADJ' && tree.firstChild(i, 'cop') >= 0;
}

/** The predicate's lemma, with a particle ("carry out") or with its preposition when the lexicon lists the phrase. */
function phraseLemma(tree: SentenceTree, i: number): { lemma: string; classes: readonly string[] } {
  const base = tree.lemma(i);
  const prt = tree.particle(i);
  if (prt) {
    const withParticle = `${base} ${prt}`;
    const classes = predicateClasses(withParticle, 'v');
    if (classes.length) return { lemma: withParticle, classes };
  }
  const classes = predicateClasses(base, 'v');
  if (classes.length || base !== tree.tokens[i]!.lower) return { lemma: base, classes };
  // A word the lemmatiser read as another part of speech ("after meeting the envoy") keeps its inflection.
  for (const stem of verbStems(base)) {
    const c = predicateClasses(stem, 'v');
    if (c.length) return { lemma: stem, classes: c };
  }
  return { lemma: base, classes };
}

/** The regular stems an inflected verb form may have: "meeting" → meet, "signed" → sign, "urges" → urge. */
function verbStems(w: string): string[] {
  const doubled = (s: string) => (s.length > 2 && s.at(-1) === s.at(-2) ? [s.slice(0, -1)] : []);
  if (w.endsWith('ing')) { const s = w.slice(0, -3); return [s, `${s}e`, ...doubled(s)]; }
  if (w.endsWith('ied')) return [`${w.slice(0, -3)}y`];
  if (w.endsWith('ed')) { const s = w.slice(0, -2); return [s, w.slice(0, -1), ...doubled(s)]; }
  if (w.endsWith('ies')) return [`${w.slice(0, -3)}y`];
  if (w.endsWith('es')) return [w.slice(0, -2), w.slice(0, -1)];
  if (w.endsWith('s')) return [w.slice(0, -1)];
  return [];
}

function verbFrame(tree: SentenceTree, v: number, frames: ReadonlyMap<number, Frame>): Frame | undefined {
  const t = tree.tokens[v]!;
  let { lemma, classes } = phraseLemma(tree, v);
  // "The blast left 12 people dead": leaving someone in a harmed state harms them.
  if (RESULT_VERBS.has(lemma) &&
      [...tree.childrenBy(v, 'xcomp'), ...tree.childrenBy(v, 'advmod'), ...tree.childrenBy(v, 'obj').flatMap((o) => tree.childrenBy(o, 'amod'))].some((x) => HARMED_STATES.has(tree.tokens[x]!.lower))) classes = ['harm'];
  // "held talks with X", "took part in X": a verb and its object that the lexicon lists as one predicate.
  let light = -1;
  for (const o of tree.childrenBy(v, 'obj')) {
    if (tree.childrenBy(o, 'det').length > 1) continue;
    for (const phrase of [`${lemma} ${tree.tokens[o]!.lower}`, `${lemma} ${tree.lemma(o)}`]) {
      const phraseClasses = predicateClasses(phrase, 'v');
      if (phraseClasses.length) { lemma = phrase; classes = phraseClasses; light = o; break; }
    }
    if (light >= 0) break;
  }
  const deprel = tree.deprel(v);
  const governor = frames.get(tree.head(v));
  const participle = deprel.startsWith('acl') && deprel !== 'acl:relcl' && tree.childrenBy(v, 'nsubj').length === 0;
  // A verb of dying has no passive: "23 people died in …" read as a participle is still active.
  const passive = !classes.includes('die') && (tree.isPassive(v) || (participle && t.tag === 'VBN'));
  const args: Arg[] = [];

  // Subjects: the verb's own, or those it shares with the verb it is coordinated with or controlled by.
  let subjects = tree.childrenBy(v, 'nsubj').concat(tree.childrenBy(v, 'csubj'));
  if (!subjects.length) subjects = inheritedSubjects(tree, v, frames);
  subjects = subjects.map((s) => antecedent(tree, s, v));
  const objects = tree.childrenBy(v, 'obj').filter((o) => o !== light).map((o) => antecedent(tree, o, v));
  // "left 2,000 villagers homeless" read as a small clause: the noun inside the state is what the verb acts on.
  if (classes.includes('harm') && RESULT_VERBS.has(lemma) && !objects.length) {
    for (const x of tree.childrenBy(v, 'xcomp')) for (const n of tree.children(x)) if (/^(nsubj|obl|obj|dep)/.test(tree.deprel(n)) && tree.tokens[n]!.upos === 'NOUN') objects.push(n);
  }
  // The parser sometimes labels "held in X" obl:agent; an agent has "by" or no preposition.
  const agents = tree.childrenBy(v, 'obl').filter((c) => {
    const m = tree.marker(c);
    return tree.deprel(c) === 'obl:agent' ? !m || m === 'by' : passive && m === 'by';
  });

  if (participle) {
    // "a report published by X": the noun is the patient of a past participle, the agent of an -ing form.
    const host = tree.head(v);
    if (host >= 0) args.push({ role: passive ? 'patient' : 'agent', token: host });
  } else if (deprel === 'acl:relcl' && !objects.length && subjects.length && !RELATIVE_PRONOUNS.has(tree.tokens[subjects[0]!]!.lower) && !passive) {
    // "the letter X signed": no relative pronoun; the noun is the object.
    const host = tree.head(v);
    if (host >= 0) args.push({ role: 'patient', token: host });
  }
  if (passive) {
    for (const s of subjects) args.push({ role: 'patient', token: s });
    for (const a of agents) args.push({ role: 'agent', token: a });
  } else {
    for (const s of subjects) args.push({ role: 'agent', token: s });
    for (const o of objects) args.push({ role: 'patient', token: o });
  }
  for (const c of tree.childrenBy(v, 'iobj')) args.push({ role: 'recipient', token: c });
  // "held talks with X": the phrases of a verb's object that is part of the predicate are the verb's.
  const obliques = [...tree.childrenBy(v, 'obl'), ...(light >= 0 ? tree.childrenBy(light, 'nmod') : [])];
  for (const c of obliques) {
    if (agents.includes(c)) continue;
    const marker = tree.marker(c);
    args.push({ role: marker ? `obl:${marker}` : 'obl', token: c });
  }
  // "X, in collaboration with Y, released a report": Y does it too, whether the phrase hangs on the verb or on X.
  for (const x of [v, ...subjects]) for (const w of jointDoers(tree, x)) args.push({ role: passive ? 'patient' : 'agent', token: w });
  // Shared objects of coordinated verbs: "signed and ratified the treaty" gives "ratified" the treaty too, and
  // "the treaty, which X signed and Y rejected" gives "rejected" the treaty.
  if (deprel === 'conj' && governor && !objects.length && !passive && light < 0) {
    const relative = tree.deprel(governor.predicate) === 'acl:relcl';
    for (const a of governor.args) if (a.role === 'patient' && (a.token > v || relative)) args.push(a);
  }
  // A clause before its verb of saying is what it reports ("Six were injured, the service said").
  for (const c of tree.childrenBy(v, 'ccomp')) args.push({ role: c < v ? 'reported' : 'clause', token: c });
  // "X was injured in a blaze, the fire service said": the report is the clause the verb closes.
  if (tree.base(v) === 'parataxis' && !args.some((a) => a.role === 'clause') && tree.head(v) >= 0) args.push({ role: 'reported', token: tree.head(v) });
  for (const c of tree.childrenBy(v, 'parataxis')) if (tree.tokens[c]!.upos === 'VERB') args.push({ role: 'clause', token: c });
  // "… to hold an inquiry": the object of the verb this one controls.
  for (const x of controlled(tree, v)) for (const o of tree.childrenBy(x, 'obj')) args.push({ role: 'xobj', token: o });

  // Arguments coordinated with an argument are arguments too.
  const expanded: Arg[] = [];
  for (const a of args) for (const c of tree.conjuncts(a.token)) expanded.push(c === a.token ? a : { role: a.role, token: c });

  const frame: Frame = {
    predicate: v, lemma, classes, pos: 'v', passive, args: expanded,
    negated: tree.isNegated(v) || subjects.some((s) => negativeSubject(tree, s)) || negatingMark(tree, v),
    mood: verbMood(tree, v, governor),
  };
  const base = tree.base(v);
  if (governor && (isControlledClause(tree, v) || base === 'ccomp') && !governor.negated && governor.mood !== 'irrealis' &&
      (governor.classes.includes('urge') || governor.classes.includes('demand'))) {
    frame.wantedBy = governor.args.filter((a) => a.role === (governor.passive ? 'patient' : 'agent')).map((a) => a.token);
  }
  return frame;
}

/**
 * Verbs a verb controls: its xcomp, and a "to" clause the parser hung on it as an adverbial ("urged X to reject Y"),
 * which reads the same way.
 */
function controlled(tree: SentenceTree, v: number): number[] {
  return [...tree.childrenBy(v, 'xcomp'), ...tree.childrenBy(v, 'advcl').filter((c) => isControlledClause(tree, c))];
}

function isControlledClause(tree: SentenceTree, c: number): boolean {
  const base = tree.base(c);
  if (base === 'xcomp') return true;
  if (tree.childrenBy(c, 'nsubj').length || tree.head(c) < 0) return false;
  // "denied organising the riot", "stopped funding it": a gerund the parser hung as an object or a clause.
  const gerund = tree.tokens[c]!.tag === 'VBG' && (base === 'ccomp' || base === 'obj' || base === 'advcl') && !tree.marker(c);
  const toClause = base === 'advcl' && tree.childrenBy(c, 'mark').some((m) => tree.tokens[m]!.lower === 'to');
  if (!gerund && !toClause) return false;
  const classes = predicateClasses(tree.lemma(tree.head(c)), 'v');
  return CONTROL_CLASSES.some((k) => classes.includes(k));
}

/** The prepositions that say what an act named by a noun is for or against, by the noun's class. */
const OBJECT_PREPOSITIONS: ReadonlyArray<[string, readonly string[]]> = [['demand', ['for']], ['support', ['for']], ['oppose', ['to', 'against']]];

const TEMPORAL_MARKS = new Set(['after', 'before', 'while', 'when', 'since', 'upon', 'without']);

/** Classes of verbs that take a "to" clause as what they urge, try, intend or refuse. */
const CONTROL_CLASSES = ['urge', 'demand', 'attempt', 'intend', 'refuse', 'aspect'];

/** Subjects a verb without its own takes from the verb it is coordinated with, controlled by or attached to. */
function inheritedSubjects(tree: SentenceTree, v: number, frames: ReadonlyMap<number, Frame>): number[] {
  const h = tree.head(v);
  if (h < 0) return [];
  const base = tree.base(v);
  const governor = frames.get(h);
  if (base === 'conj' && governor) {
    return governor.args.filter((a) => (governor.passive ? a.role === 'patient' : a.role === 'agent') && a.token < v).map((a) => a.token);
  }
  if (isControlledClause(tree, v) && governor) {
    // Object control ("urged X to reject"), else subject control ("agreed to sign").
    const object = governor.passive ? [] : governor.args.filter((a) => a.role === 'patient' && a.token < v).map((a) => a.token);
    if (object.length) return object;
    return governor.args.filter((a) => (governor.passive ? a.role === 'patient' : a.role === 'agent')).map((a) => a.token);
  }
  // "…, calling for a retrial", "said after meeting X": a participle clause shares the subject of the clause it
  // hangs on.
  if (base === 'advcl' && governor && (!tree.marker(v) || (tree.tokens[v]!.tag === 'VBG' && TEMPORAL_MARKS.has(tree.marker(v))))) {
    return governor.args.filter((a) => a.role === (governor.passive ? 'patient' : 'agent')).map((a) => a.token);
  }
  return [];
}

/** A relative pronoun stands for the noun its clause hangs on. */
function antecedent(tree: SentenceTree, arg: number, v: number): number {
  const t = tree.tokens[arg]!;
  if (!RELATIVE_PRONOUNS.has(t.lower)) return arg;
  // "backed by the leader Ana Ruiz, who met …": "who" after a name is about that name, wherever the parser hung it.
  // "Professor X of Y University, who led …": the nearest person's name before it, with no verb between.
  if (t.lower === 'who' || t.lower === 'whom') {
    for (let k = arg - 1; k >= 0 && k >= arg - 10 && tree.tokens[k]!.upos !== 'VERB'; k--) {
      const name = tree.sentence.names.find((n) => n.end === k + 1);
      if (name?.type === 'PER') return k;
    }
  }
  for (let k = v, n = 0; k >= 0 && n < 8; k = tree.head(k), n++) {
    if (tree.deprel(k) === 'acl:relcl') return tree.head(k);
    if (tree.base(k) !== 'conj' && k !== v) break;
  }
  // The parser did not hang the clause on its noun: a "which"/"who" right after a noun (and a comma) is about it.
  if (t.tag.startsWith('W')) {
    let k = arg - 1;
    if (k >= 0 && tree.tokens[k]!.text === ',') k--;
    if (k >= 0 && (tree.tokens[k]!.upos === 'NOUN' || tree.tokens[k]!.upos === 'PROPN')) return k;
  }
  return arg;
}

/** "No one from X attended", "None of them signed". */
function negativeSubject(tree: SentenceTree, s: number): boolean {
  const t = tree.tokens[s]!;
  if (NO_ONE.has(t.lower)) return true;
  return tree.childrenBy(s, 'det').some((d) => tree.tokens[d]!.lower === 'no');
}

/** "without signing": a clause that says it did not happen. */
function negatingMark(tree: SentenceTree, v: number): boolean {
  return tree.childrenBy(v, 'mark').some((m) => NEGATING_MARKS.has(tree.tokens[m]!.lower));
}

function verbMood(tree: SentenceTree, v: number, governor: Frame | undefined): Mood {
  if (tree.auxiliaries(v).some((a) => MODALS_IRREALIS.has(a))) return 'irrealis';
  const marks = tree.childrenBy(v, 'mark').map((m) => tree.tokens[m]!.lower);
  if (marks.some((m) => CONDITIONALS.has(m))) return 'irrealis';
  if (!governor) return 'asserted';
  const base = tree.base(v);
  if (isControlledClause(tree, v)) return controlledMood(governor);
  // "demanded that X resign": what is demanded has not happened; a reported clause is as real as its report.
  if (base === 'ccomp') return governor.classes.includes('urge') || governor.classes.includes('demand') ? 'irrealis' : governor.mood === 'irrealis' ? 'irrealis' : 'asserted';
  // "met Y to discuss Z": a purpose is not a fact.
  if (base === 'advcl' && marks.includes('to')) return 'irrealis';
  if (base === 'conj') return governor.mood;
  return 'asserted';
}

/** A noun that names an act: its possessor, its prepositional phrases and its name modifiers. */
function nounFrame(tree: SentenceTree, n: number, frames: ReadonlyMap<number, Frame>): Frame {
  const t: Token = tree.tokens[n]!;
  const args: Arg[] = [];
  for (const c of tree.children(n)) {
    const d = tree.deprel(c);
    if (d === 'nmod:poss') args.push({ role: 'poss', token: c });
    else if (d.startsWith('nmod')) {
      const marker = tree.marker(c);
      args.push({ role: marker ? `nmod:${marker}` : 'nmod', token: c });
    } else if (d === 'compound' && tree.tokens[c]!.upos === 'PROPN') args.push({ role: 'compound', token: c });
  }
  // "the killing of X by Y": a "by" phrase the parser hung on the "of" phrase is the act's agent.
  if (!args.some((a) => a.role === 'nmod:by')) {
    for (const a of args) {
      if (a.role !== 'nmod:of') continue;
      for (const c of tree.childrenBy(a.token, 'nmod')) if (tree.marker(c) === 'by') args.push({ role: 'nmod:by', token: c });
    }
  }
  // "the call of X … for an inquiry", "voiced support for Y": the parser often hangs the phrase that says what an act
  // is for or against on a verb above; after the noun's own words it belongs to the noun.
  const classes = predicateClasses(t.lemma.toLowerCase(), 'n');
  for (const [cls, markers] of OBJECT_PREPOSITIONS) {
    if (!classes.includes(cls) || args.some((a) => markers.includes(a.role.slice(5)))) continue;
    const last = Math.max(...tree.subtree(n));
    search: for (let h = tree.head(n), up = 0; h >= 0 && up < 3; h = tree.head(h), up++) {
      for (const c of tree.childrenBy(h, 'obl')) {
        const m = tree.marker(c);
        if (c > last && markers.includes(m)) { args.push({ role: `nmod:${m}`, token: c }); break search; }
      }
    }
  }
  // "X offered endorsements of Y", "X voiced support for Y": the object of a verb that names no act of its own is
  // owned by the verb's subject.
  const governor = frames.get(tree.head(n));
  if (governor && tree.base(n) === 'obj' && !args.some((a) => a.role === 'poss' || a.role === 'nmod:by') &&
      !governor.classes.some((c) => c !== 'say' && c !== 'aspect' && c !== 'intend')) {
    for (const a of governor.args) if (a.role === (governor.passive ? 'patient' : 'agent')) args.push({ role: 'poss', token: a.token });
  }
  const expanded: Arg[] = [];
  for (const a of args) for (const c of tree.conjuncts(a.token)) expanded.push(c === a.token ? a : { role: a.role, token: c });
  return {
    predicate: n, lemma: t.lemma.toLowerCase(), classes, pos: 'n', passive: false,
    args: expanded, negated: tree.childrenBy(n, 'det').some((d) => tree.tokens[d]!.lower === 'no'),
    mood: governor && governor.negated ? 'irrealis' : 'asserted',
  };
}

export { isNominal };

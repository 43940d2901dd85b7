/**
 * The relation table: the one place that spells relation names. The extractor reads the cue lemmas and the kind
 * constraints, the graph validator the ids, the exporters the labels, the viewer the labels and colours.
 */
import type { EntityKind } from './kinds.js';

export const RELATION_IDS = [
  'signed',
  'called_for',
  'called_on',
  'supports',
  'opposes',
  'authored',
  'reported_by',
  'mentions',
  'member_of',
  'leads',
  'participated_in',
  'organised',
  'responsible_for',
  'victim_of',
  'located_in',
  'met_with',
  'related_to',
] as const;

export type RelationId = (typeof RELATION_IDS)[number];

/** `'*'` stands for every kind. */
export type KindSet = readonly EntityKind[] | '*';

/**
 * A verb a user adds to state a relation (newsgraph.config.json, `extract.cues`): `lemmas` is the verb's lemma, with
 * the preposition that introduces the target if any ("rally behind"). The subject (the by-agent in the passive) is
 * the source and the object the target; `patientIsSource` makes the object (the passive subject) the source and the
 * prepositional object the target ("X was stationed in Y"). `voice` limits the cue to one voice.
 */
export interface RelationCue {
  readonly lemmas: string;
  readonly voice?: 'active' | 'passive' | 'any';
  readonly patientIsSource?: boolean;
}

/**
 * A way a predicate frame states the relation: the predicate's class (`*`: any verb) (src/extract/data/predicate-seeds.txt) and where
 * the two ends sit in the frame. Roles are those of src/extract/frames: `agent`, `patient`, `recipient`, `xobj`,
 * `clause` (a reported clause: its predicate's arguments), `reported` (the clause a "…, X said" closes),
 * `obl:<preposition>` for verbs; `poss`, `nmod:<preposition>`, `compound` for nouns; `self` is the
 * predicate noun itself, when it names an event ("the arrest of X": X is the victim of *the arrest*).
 */
export interface FrameRule {
  readonly class: string;
  readonly pos: 'v' | 'n';
  readonly source: readonly string[];
  readonly target: readonly string[];
  /**
   * Also holds for what the source tried or undertook to do ("tried to block Y" opposes Y): a stance, where a fact
   * ("signed") needs the deed.
   */
  readonly stance?: boolean;
}

export interface RelationInfo {
  readonly id: RelationId;
  /** Human words for the edge, read left to right: "X called for Y". */
  readonly label: string;
  readonly source: KindSet;
  readonly target: KindSet;
  /** Symmetric relations are stored once, with source and target in a canonical order. */
  readonly symmetric: boolean;
  readonly color: string;
  readonly description: string;
  /** The predicate frames that state the relation. */
  readonly frames: readonly FrameRule[];
}

/** `frame('sign', 'v', 'agent', 'patient')`; alternatives for an end are separated by `|`. */
function frame(cls: string, pos: 'v' | 'n', source: string, target: string, stance = false): FrameRule {
  const rule = { class: cls, pos, source: source.split('|'), target: target.split('|') };
  return stance ? { ...rule, stance } : rule;
}
const verbFrame = (cls: string, source: string, target: string, stance = false) => frame(cls, 'v', source, target, stance);
const nounFrame = (cls: string, source: string, target: string, stance = false) => frame(cls, 'n', source, target, stance);
/** Who owns an act named by a noun: "X's call", "the call by X", "a call from X". */
const OWNER = 'poss|nmod:by|nmod:from';


// A country or city named as an actor stays a place, so actor roles admit places.
const ACTORS: readonly EntityKind[] = ['person', 'group', 'organisation', 'place'];
/** The kinds that act: people, groups, organisations and places named as actors. */
export const ACTOR_KINDS: ReadonlySet<EntityKind> = new Set(ACTORS);
const ACTORS_AND_DOCS: readonly EntityKind[] = [...ACTORS, 'document'];

export const RELATIONS: Readonly<Record<RelationId, RelationInfo>> = {
  signed: {
    id: 'signed', label: 'signed', source: ACTORS, target: ['document'], symmetric: false, color: '#1f77b4',
    description: 'put their name to a document (signed, signatories, undersigned)',
    frames: [verbFrame('sign', 'agent', 'patient'), nounFrame('sign', OWNER, 'nmod:of')],
  },
  called_for: {
    id: 'called_for', label: 'called for', source: ACTORS_AND_DOCS, target: ['event', 'document'], symmetric: false,
    color: '#d62728', description: 'demanded an action or a text (called for, demanded, urged, requested, sought)',
    frames: [verbFrame('demand', 'agent', 'patient|obl:for', true), nounFrame('demand', `${OWNER}|nmod:of`, 'nmod:for', true)],
  },
  called_on: {
    id: 'called_on', label: 'called on', source: ACTORS_AND_DOCS, target: ['person', 'organisation', 'group', 'place'],
    symmetric: false, color: '#ff7f0e', description: 'addressed a demand to someone (called on X, urged X to, asked X to)',
    frames: [verbFrame('urge', 'agent', 'patient|recipient', true), nounFrame('urge', OWNER, 'nmod:to|nmod:on', true)],
  },
  supports: {
    id: 'supports', label: 'supports', source: ACTORS_AND_DOCS, target: ['person', 'organisation', 'group', 'place', 'event', 'document'],
    symmetric: false, color: '#2ca02c', description: 'supported, backed, endorsed or welcomed',
    frames: [verbFrame('support', 'agent', 'patient', true), nounFrame('support', OWNER, 'nmod:for|nmod:of|nmod:to', true)],
  },
  opposes: {
    id: 'opposes', label: 'opposes', source: ACTORS_AND_DOCS, target: '*', symmetric: false, color: '#8c564b',
    description: 'condemned, criticised, opposed or rejected',
    frames: [verbFrame('oppose', 'agent', 'patient|obl:against', true), nounFrame('oppose', OWNER, 'nmod:of|nmod:against|nmod:to|nmod:over', true)],
  },
  authored: {
    id: 'authored', label: 'authored', source: ACTORS, target: ['document'], symmetric: false, color: '#9467bd',
    description: 'issued, wrote, published, released, drafted or filed a document',
    frames: [verbFrame('author', 'agent', 'patient'),
      // "said in a statement", "condemned … in a letter": what one says in a text one wrote.
      ...['say', 'oppose', 'support', 'demand', 'urge', 'describe'].map((c) => verbFrame(c, 'agent', 'obl:in'))],
  },
  reported_by: {
    id: 'reported_by', label: 'reported by', source: ['document', 'event'], target: ['organisation', 'person', 'document'],
    symmetric: false, color: '#7f7f7f', description: 'attribution: reported by, according to, said by, the publisher line',
    frames: [verbFrame('say', 'reported', 'agent'), verbFrame('report', 'clause|reported', 'agent')],
  },
  mentions: {
    id: 'mentions', label: 'mentions', source: ['document'], target: '*', symmetric: false, color: '#bcbd22',
    description: 'what a document is about (documents, highlights, describes, names)',
    frames: [verbFrame('describe', 'agent', 'patient')],
  },
  member_of: {
    id: 'member_of', label: 'member of', source: ['person', 'group', 'organisation'], target: ['organisation', 'group'],
    symmetric: false, color: '#17becf', description: 'member of, MP for, of the party, joined',
    frames: [verbFrame('join', 'agent', 'patient'), nounFrame('join', OWNER, 'nmod:to|nmod:of|nmod:in')],
  },
  leads: {
    id: 'leads', label: 'leads', source: ['person'], target: ['organisation', 'group', 'place'], symmetric: false,
    color: '#e377c2', description: 'president, leader, chief, head, chair, CEO, minister of',
    frames: [verbFrame('lead', 'agent', 'patient')],
  },
  participated_in: {
    id: 'participated_in', label: 'participated in', source: ACTORS, target: ['event'], symmetric: false,
    color: '#aec7e8', description: 'took part in, attended, voted in, delegates to',
    frames: [verbFrame('attend', 'agent', 'patient|obl:in|obl:at'), verbFrame('join', 'agent', 'patient'), verbFrame('hold', 'obl:with', 'patient'),
      verbFrame('*', 'agent', 'obl:in|obl:at|obl:during')],
  },
  organised: {
    id: 'organised', label: 'organised', source: ACTORS, target: ['event'], symmetric: false, color: '#ffbb78',
    description: 'held, hosted, organised, convened',
    frames: [verbFrame('hold', 'agent', 'patient'), verbFrame('lead', 'agent', 'patient')],
  },
  responsible_for: {
    id: 'responsible_for', label: 'responsible for', source: ACTORS, target: ['event'], symmetric: false,
    color: '#ff9896', description: 'responsible for, carried out, ordered, declared, perpetrators',
    frames: [verbFrame('cause', 'agent', 'patient|obl:for'), nounFrame('harm', 'nmod:by', 'self'), nounFrame('sanction', 'nmod:by', 'self')],
  },
  victim_of: {
    id: 'victim_of', label: 'victim of', source: ['person', 'group'], target: ['event'], symmetric: false,
    color: '#c5b0d5', description: 'killed in, executed in, victims of',
    frames: [nounFrame('harm', 'nmod:of', 'self'), verbFrame('harm', 'patient', 'obl:in|obl:during|obl:at|agent'), verbFrame('die', 'agent', 'obl:in|obl:during|obl:at')],
  },
  located_in: {
    id: 'located_in', label: 'located in', source: ['event', 'organisation', 'group', 'person'], target: ['place'],
    symmetric: false, color: '#98df8a', description: 'in, held in, based in',
    frames: [verbFrame('locate', 'patient', 'obl:in|obl:at'), verbFrame('happen', 'agent', 'obl:in|obl:at|patient'), verbFrame('hold', 'patient', 'obl:in|obl:at')],
  },
  met_with: {
    id: 'met_with', label: 'met with', source: ACTORS, target: ACTORS, symmetric: true, color: '#c49c94',
    description: 'met, met with, held talks with',
    frames: [verbFrame('meet', 'agent', 'patient|obl:with'), nounFrame('meet', OWNER, 'nmod:with')],
  },
  related_to: {
    id: 'related_to', label: 'related to', source: '*', target: '*', symmetric: true, color: '#c7c7c7',
    description: 'a clear link the article states that fits no other relation',
    frames: [nounFrame('sanction', 'nmod:of|poss', 'self')],
  },
};

const RELATION_SET: ReadonlySet<string> = new Set(RELATION_IDS);

export function isRelationId(value: unknown): value is RelationId {
  return typeof value === 'string' && RELATION_SET.has(value);
}

function admits(set: KindSet, kind: EntityKind): boolean {
  return set === '*' || set.includes(kind);
}

/** Whether the table allows `relation` from a `source`-kind node to a `target`-kind node. */
export function allowsKinds(relation: RelationId, source: EntityKind, target: EntityKind): boolean {
  const info = RELATIONS[relation];
  return admits(info.source, source) && admits(info.target, target);
}

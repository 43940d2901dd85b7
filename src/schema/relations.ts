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
 * A verb (or adjective) that states a relation. `lemmas` are matched in order against token lemmas, adverbs allowed
 * between them; a final preposition introduces the target ("call for", "take part in").
 *
 * Roles: in the active voice the subject is the source and the object the target ("X signed Y"); in the passive
 * the by-agent is the source and the subject the target ("Y was signed by X"). `patientIsSource` marks passive
 * cues whose subject is the source and whose prepositional object is the target ("X was held in Y").
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
  /** Verbs and adjectives that state the relation; nominal and structural patterns live in the extractor. */
  readonly cues: readonly RelationCue[];
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

const verbs = (...lemmas: string[]): RelationCue[] => lemmas.map((l) => ({ lemmas: l }));
const passive = (...lemmas: string[]): RelationCue[] => lemmas.map((l) => ({ lemmas: l, voice: 'passive', patientIsSource: true }));

// A country or city named as an actor stays a place, so actor roles admit places.
const ACTORS: readonly EntityKind[] = ['person', 'group', 'organisation', 'place'];
const ACTORS_AND_DOCS: readonly EntityKind[] = [...ACTORS, 'document'];

export const RELATIONS: Readonly<Record<RelationId, RelationInfo>> = {
  signed: {
    id: 'signed', label: 'signed', source: ACTORS, target: ['document'], symmetric: false, color: '#1f77b4',
    description: 'put their name to a document (signed, signatories, undersigned)',
    cues: verbs('sign', 'co-sign', 'cosign', 'countersign', 'undersign'),
    frames: [verbFrame('sign', 'agent', 'patient'), nounFrame('sign', OWNER, 'nmod:of')],
  },
  called_for: {
    id: 'called_for', label: 'called for', source: ACTORS_AND_DOCS, target: ['event', 'document'], symmetric: false,
    color: '#d62728', description: 'demanded an action or a text (called for, demanded, urged, requested, sought)',
    cues: verbs('call for', 'demand', 'urge', 'request', 'seek', 'appeal for', 'press for', 'push for', 'ask for', 'advocate', 'recommend', 'call', 'plead for', 'lobby for', 'campaign for'),
    frames: [verbFrame('demand', 'agent', 'patient|obl:for', true), nounFrame('demand', OWNER, 'nmod:for', true)],
  },
  called_on: {
    id: 'called_on', label: 'called on', source: ACTORS_AND_DOCS, target: ['person', 'organisation', 'group', 'place'],
    symmetric: false, color: '#ff7f0e', description: 'addressed a demand to someone (called on X, urged X to, asked X to)',
    cues: verbs('call on', 'call upon', 'urge', 'ask', 'appeal to', 'press', 'implore', 'request', 'exhort', 'beg', 'lobby'),
    frames: [verbFrame('urge', 'agent', 'patient|recipient', true), nounFrame('urge', OWNER, 'nmod:to|nmod:on', true)],
  },
  supports: {
    id: 'supports', label: 'supports', source: ACTORS_AND_DOCS, target: ['person', 'organisation', 'group', 'place', 'event', 'document'],
    symmetric: false, color: '#2ca02c', description: 'supported, backed, endorsed or welcomed',
    cues: verbs('support', 'back', 'endorse', 'welcome', 'praise', 'applaud', 'defend', 'champion', 'favour', 'favor', 'vote for', 'stand with', 'side with', 'hail', 'commend'),
    frames: [verbFrame('support', 'agent', 'patient', true), nounFrame('support', OWNER, 'nmod:for|nmod:of|nmod:to', true)],
  },
  opposes: {
    id: 'opposes', label: 'opposes', source: ACTORS_AND_DOCS, target: '*', symmetric: false, color: '#8c564b',
    description: 'condemned, criticised, opposed or rejected',
    cues: verbs('condemn', 'criticise', 'criticize', 'oppose', 'reject', 'denounce', 'deplore', 'decry', 'accuse', 'blame', 'sue', 'slam', 'dispute', 'vote against', 'object to', 'protest against', 'rebuke', 'censure', 'fault', 'dismiss', 'attack', 'challenge', 'fine', 'penalise', 'penalize', 'sanction', 'punish'),
    frames: [verbFrame('oppose', 'agent', 'patient|obl:against', true), nounFrame('oppose', OWNER, 'nmod:of|nmod:against|nmod:to|nmod:over', true)],
  },
  authored: {
    id: 'authored', label: 'authored', source: ACTORS, target: ['document'], symmetric: false, color: '#9467bd',
    description: 'issued, wrote, published, released, drafted or filed a document',
    cues: verbs('issue', 'write', 'publish', 'release', 'draft', 'author', 'file', 'pass', 'adopt', 'produce', 'submit', 'table', 'compile', 'propose', 'sponsor', 'pen', 'lodge', 'bring'),
    frames: [verbFrame('author', 'agent', 'patient'), verbFrame('say', 'agent', 'obl:in')],
  },
  reported_by: {
    id: 'reported_by', label: 'reported by', source: ['document', 'event'], target: ['organisation', 'person', 'document'],
    symmetric: false, color: '#7f7f7f', description: 'attribution: reported by, according to, said by, the publisher line',
    cues: [],
    frames: [verbFrame('say', 'reported', 'agent'), verbFrame('report', 'clause|reported', 'agent')],
  },
  mentions: {
    id: 'mentions', label: 'mentions', source: ['document'], target: '*', symmetric: false, color: '#bcbd22',
    description: 'what a document is about (documents, highlights, describes, names)',
    cues: verbs('document', 'highlight', 'describe', 'mention', 'detail', 'cite', 'list', 'name', 'reference', 'outline', 'refer to', 'focus on', 'address'),
    frames: [verbFrame('describe', 'agent', 'patient')],
  },
  member_of: {
    id: 'member_of', label: 'member of', source: ['person', 'group', 'organisation'], target: ['organisation', 'group'],
    symmetric: false, color: '#17becf', description: 'member of, MP for, of the party, joined',
    cues: verbs('join', 'belong to', 'represent', 'serve on', 'sit on'),
    frames: [verbFrame('join', 'agent', 'patient'), nounFrame('join', OWNER, 'nmod:to|nmod:of|nmod:in')],
  },
  leads: {
    id: 'leads', label: 'leads', source: ['person'], target: ['organisation', 'group', 'place'], symmetric: false,
    color: '#e377c2', description: 'president, leader, chief, head, chair, CEO, minister of',
    cues: verbs('lead', 'head', 'chair', 'run', 'direct', 'command', 'preside over', 'govern', 'rule'),
    frames: [verbFrame('lead', 'agent', 'patient')],
  },
  participated_in: {
    id: 'participated_in', label: 'participated in', source: ACTORS, target: ['event'], symmetric: false,
    color: '#aec7e8', description: 'took part in, attended, voted in, delegates to',
    cues: verbs('take part in', 'attend', 'participate in', 'join', 'vote in', 'compete in', 'speak at', 'contest', 'boycott', 'take part'),
    frames: [verbFrame('attend', 'agent', 'patient|obl:in|obl:at'), verbFrame('join', 'agent', 'patient'), verbFrame('hold', 'obl:with', 'patient'),
      verbFrame('*', 'agent', 'obl:in|obl:at|obl:during')],
  },
  organised: {
    id: 'organised', label: 'organised', source: ACTORS, target: ['event'], symmetric: false, color: '#ffbb78',
    description: 'held, hosted, organised, convened',
    cues: verbs('hold', 'host', 'organise', 'organize', 'convene', 'stage', 'arrange', 'sponsor', 'launch', 'call'),
    frames: [verbFrame('hold', 'agent', 'patient'), verbFrame('lead', 'agent', 'patient')],
  },
  responsible_for: {
    id: 'responsible_for', label: 'responsible for', source: ACTORS, target: ['event'], symmetric: false,
    color: '#ff9896', description: 'responsible for, carried out, ordered, declared, perpetrators',
    cues: verbs('carry out', 'order', 'perpetrate', 'commit', 'declare', 'cause', 'mastermind', 'orchestrate', 'conduct', 'impose', 'announce', 'trigger', 'responsible for', 'be behind'),
    frames: [verbFrame('cause', 'agent', 'patient'), nounFrame('harm', 'nmod:by', 'self')],
  },
  victim_of: {
    id: 'victim_of', label: 'victim of', source: ['person', 'group'], target: ['event'], symmetric: false,
    color: '#c5b0d5', description: 'killed in, executed in, victims of',
    cues: [...passive('kill in', 'execute in', 'injure in', 'wound in', 'arrest in', 'kill during', 'kill at'), ...verbs('die in', 'die during', 'perish in', 'suffer in')],
    frames: [nounFrame('harm', 'nmod:of', 'self'), verbFrame('harm', 'patient', 'obl:in|obl:during|obl:at|agent')],
  },
  located_in: {
    id: 'located_in', label: 'located in', source: ['event', 'organisation', 'group', 'person'], target: ['place'],
    symmetric: false, color: '#98df8a', description: 'in, held in, based in',
    cues: [...passive('base in', 'hold in', 'hold at', 'locate in', 'headquarter in', 'station in'), ...verbs('take place in', 'take place at', 'occur in', 'happen in', 'break out in')],
    frames: [verbFrame('locate', 'patient', 'obl:in|obl:at'), verbFrame('happen', 'agent', 'obl:in|obl:at'), verbFrame('hold', 'patient', 'obl:in|obl:at')],
  },
  met_with: {
    id: 'met_with', label: 'met with', source: ACTORS, target: ACTORS, symmetric: true, color: '#c49c94',
    description: 'met, met with, held talks with',
    cues: verbs('meet', 'meet with', 'hold talks with', 'talk with', 'negotiate with', 'speak with', 'confer with'),
    frames: [verbFrame('meet', 'agent', 'patient|obl:with'), nounFrame('meet', OWNER, 'nmod:with')],
  },
  related_to: {
    id: 'related_to', label: 'related to', source: '*', target: '*', symmetric: true, color: '#c7c7c7',
    description: 'a clear link the article states that fits no other relation',
    cues: [],
    frames: [],
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

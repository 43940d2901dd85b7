/**
 * Entity kinds: the closed set every stage, exporter and the viewer legend read from here.
 */
export const ENTITY_KINDS = ['person', 'organisation', 'group', 'place', 'event', 'document'] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface KindInfo {
  readonly id: EntityKind;
  readonly label: string;
  readonly plural: string;
  /** Legend and node colour; chosen to stay distinguishable for common colour-vision deficiencies. */
  readonly color: string;
  /** What belongs to the kind, in a line: the language-model prompt is made from it. */
  readonly description: string;
}

export const KINDS: Readonly<Record<EntityKind, KindInfo>> = {
  person: { id: 'person', label: 'Person', plural: 'People', color: '#e15759', description: 'a named individual' },
  organisation: {
    id: 'organisation', label: 'Organisation', plural: 'Organisations', color: '#4e79a7',
    description: 'a named institution: party, company, government, ministry, agency, court, parliament, publisher, UN body',
  },
  group: {
    id: 'group', label: 'Group', plural: 'Groups', color: '#f28e2b',
    description: 'people acting or acted upon together that are not an organisation, named by the article\'s own words (protesters, political prisoners)',
  },
  place: { id: 'place', label: 'Place', plural: 'Places', color: '#59a14f', description: 'a country, city, region or venue' },
  event: {
    id: 'event', label: 'Event', plural: 'Events', color: '#b07aa1',
    description: 'something that happened or is planned or demanded: a massacre, conference, election, vote, strike, investigation, hearing',
  },
  document: {
    id: 'document', label: 'Document', plural: 'Documents', color: '#9c755f',
    description: 'a text: statement, letter, report, petition, law, resolution, treaty, lawsuit',
  },
};

const KIND_SET: ReadonlySet<string> = new Set(ENTITY_KINDS);

export function isEntityKind(value: unknown): value is EntityKind {
  return typeof value === 'string' && KIND_SET.has(value);
}

/** The `category` given to the node that stands for an article (kind `document`). */
export const ARTICLE_CATEGORY = 'article';

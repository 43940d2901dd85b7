/** Why grounding dropped an item of a model's answer, as the build summary words it. */
export const DROP_REASONS = {
  malformed: 'malformed item',
  kind: 'unknown kind',
  name: 'name not in the article',
  relation: 'unknown relation',
  end: 'end not a kept entity',
  kinds: 'kinds do not fit the relation',
  self: 'same entity at both ends',
  evidence: 'no evidence quote',
  quote: 'quote not in the article',
} as const;

export type DropReason = keyof typeof DROP_REASONS;
export type DropCounts = Partial<Record<DropReason, number>>;

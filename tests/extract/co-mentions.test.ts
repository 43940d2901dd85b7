/**
 * Co-mentions: entities named in the same sentence, counted per sentence, apart from the typed relations.
 */
import { describe, expect, it } from 'vitest';
import { coMentions } from '../../src/extract/co-mentions.js';
import { extractText } from '../helpers/extract.js';

describe('co-mentions', () => {
  it('pairs the entities of each sentence once, counting the sentences that name both', () => {
    const mentions = [{ sentence: 0 }, { sentence: 0 }, { sentence: 0 }, { sentence: 1 }, { sentence: 1 }, { sentence: 2 }];
    const entities = [
      { id: 'e2', mentions: [0, 3], origin: 'name' as const },
      { id: 'e1', mentions: [1, 4], origin: 'name' as const },
      // Twice in one sentence still counts that sentence once.
      { id: 'e3', mentions: [2, 5], origin: 'name' as const },
      // Descriptions are not paired.
      { id: 'd1', mentions: [0, 3], origin: 'description' as const },
      { id: 'article', mentions: [], origin: 'article' as const },
    ];
    expect(coMentions(mentions, entities)).toEqual([['e1', 'e2', 2], ['e1', 'e3', 1], ['e2', 'e3', 1]]);
  });

  it('joins named entities of one sentence whether or not a relation does, in an extraction', () => {
    const { extraction, labelOf } = extractText(
      'Mayor Odile Brandt toured the Kestrel Valley Dam with engineers from Norvale Water on Tuesday.\n\n' +
      'Later, Odile Brandt spoke in Port Ellery.');
    const pairs = (extraction.coMentions ?? []).map(([a, b, n]) => `${[labelOf(a), labelOf(b)].sort().join(' + ')}: ${n}`);
    expect(pairs).toContain('Norvale Water + Odile Brandt: 1');
    expect(pairs).toContain('Odile Brandt + Port Ellery: 1');
    // Not in one sentence: no pair.
    expect(pairs.some((p) => p.includes('Norvale Water') && p.includes('Port Ellery'))).toBe(false);
    // The relations are what they were: no relation is a co-mention.
    expect(extraction.relations.every((r) => (r.relation as string) !== 'co_mentioned')).toBe(true);
  });
});

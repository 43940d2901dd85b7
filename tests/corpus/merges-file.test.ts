import { describe, expect, it } from 'vitest';
import { mergePieces } from '../../src/corpus/merges-file.js';
import type { MergeDecision } from '../../src/resolve/corpus.js';

// merges.json is written in pieces; it must read exactly as the one-string form a user or a diff tool expects.
const whole = (merges: MergeDecision[]) => JSON.stringify(merges, null, 1) + '\n';

describe('merges.json', () => {
  it('is JSON.stringify(merges, null, 1) byte for byte, whatever the strings hold', () => {
    const merges: MergeDecision[] = [
      { into: 'person:ada lind', merged: ['a1: Ada Lind', 'a2: Mrs Lind'], reason: 'surname "Lind" has one full name in the corpus' },
      { into: 'organisation:x', merged: ['a3: Line\nbreak "quoted" \\ back\u2028slash', 'a4: ünïcödé 😀'], reason: 'same name "x"; sameAs ["X", "Y"] in newsgraph.config.json' },
      { into: 'place:y', merged: [], reason: '' },
    ];
    expect([...mergePieces(merges)].join('')).toBe(whole(merges));
    expect([...mergePieces(merges.slice(0, 1))].join('')).toBe(whole(merges.slice(0, 1)));
  });

  it('writes an empty list as []', () => {
    expect([...mergePieces([])].join('')).toBe(whole([]));
  });
});

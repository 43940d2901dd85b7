/**
 * Second-pass features: what the first pass decided about the same word elsewhere in the document (label votes,
 * the longest name it took part in) and the first-pass labels around the token. Names are usually written in full
 * once and then shortened, and a headline's "CLINTON" is the body's "Clinton", so these votes fix many
 * inconsistencies of a sentence-by-sentence tagger.
 */
import { LABELS, NAME_TYPES, bilouToSpans, labelPart, labelType, type NameType } from './bilou.js';
import type { TokenInfo } from './features.js';

interface Votes {
  /** Per name type, then O (last): first-pass labels of every occurrence. */
  counts: number[];
  /** Longest first-pass name containing the word: its length, type and the word's place in it. */
  longest: number;
  longestType?: NameType;
  longestPart?: string;
}

const O_SLOT = NAME_TYPES.length;

const countable = (t: TokenInfo): boolean => t.hasLetter && (t.cap || t.allCaps);

export function documentFeatures(doc: readonly (readonly TokenInfo[])[], firstPass: readonly ArrayLike<number>[]): string[][][] {
  const votes = new Map<string, Votes>();
  const get = (key: string): Votes => {
    let v = votes.get(key);
    if (!v) votes.set(key, (v = { counts: new Array<number>(NAME_TYPES.length + 1).fill(0), longest: 0 }));
    return v;
  };
  const own: number[][] = [];
  doc.forEach((infos, s) => {
    const labels = firstPass[s]!;
    const owns: number[] = [];
    infos.forEach((t, i) => {
      const type = labelType(labels[i]!);
      const slot = type ? NAME_TYPES.indexOf(type) : O_SLOT;
      owns.push(slot);
      if (countable(t)) get(t.lower).counts[slot]!++;
    });
    own.push(owns);
    for (const span of bilouToSpans(labels)) {
      const length = span.end - span.start;
      for (let i = span.start; i < span.end; i++) {
        const t = infos[i]!;
        if (!countable(t)) continue;
        const v = get(t.lower);
        if (length > v.longest) {
          v.longest = length;
          v.longestType = span.type;
          v.longestPart = length === 1 ? 'U' : i === span.start ? 'B' : i === span.end - 1 ? 'L' : 'I';
        }
      }
    }
  });

  return doc.map((infos, s) => {
    const labels = firstPass[s]!;
    const label = (i: number): string => (i < 0 || i >= infos.length ? '<s>' : LABELS[labels[i]!]!);
    const spanLength = spanLengths(labels, infos.length);
    return infos.map((t, i) => {
      const f = ['p1=' + label(i), 'p1-1=' + label(i - 1), 'p1+1=' + label(i + 1), 'p1-1|p1=' + label(i - 1) + '|' + label(i)];
      if (!countable(t)) return f;
      const v = votes.get(t.lower)!;
      const counts = v.counts.slice();
      counts[own[s]![i]!]!--;
      let total = 0;
      let bestSlot = -1;
      counts.forEach((c, slot) => {
        total += c;
        if (c > 0 && (bestSlot < 0 || c > counts[bestSlot]!)) bestSlot = slot;
      });
      if (total === 0) f.push('dv=none');
      else {
        f.push('dv=' + (bestSlot === O_SLOT ? 'O' : NAME_TYPES[bestSlot]));
        counts.forEach((c, slot) => {
          if (c > 0) f.push('dv+=' + (slot === O_SLOT ? 'O' : NAME_TYPES[slot]));
        });
        f.push('dv=' + (bestSlot === O_SLOT ? 'O' : NAME_TYPES[bestSlot]) + '|p1=' + labelPart(labels[i]!));
      }
      if (v.longestType && v.longest > spanLength[i]!) f.push('dl=' + v.longestType, 'dl=' + v.longestType + '|' + v.longestPart);
      return f;
    });
  });
}

/** For each token, the length of the first-pass name that covers it (0 when none). */
function spanLengths(labels: ArrayLike<number>, n: number): Int32Array {
  const lengths = new Int32Array(n);
  for (const span of bilouToSpans(labels)) lengths.fill(span.end - span.start, span.start, span.end);
  return lengths;
}

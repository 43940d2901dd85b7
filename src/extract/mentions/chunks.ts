/**
 * A shallow noun-phrase chunker over wink's POS tags. Enough structure to find heads, determiners, quantities and
 * possessors without a parser.
 */
import type { Sentence, Token } from '../../schema/index.js';
import { DETERMINERS, POSSESSIVE_MARKERS, lower, isNoun, numberValue, QUANTIFIER_WORDS, isCoordinator } from '../tokens.js';

export interface Chunk {
  /** Token range of the phrase [start, end). */
  start: number;
  end: number;
  /** First token after determiners, quantities and possessors: where the label starts. */
  coreStart: number;
  head: number;
  definite: boolean;
  /** Token range of a possessor ("Egypt's" in "Egypt's statement"), if any. */
  possessor?: { start: number; end: number };
  count?: { value: number; approx: boolean };
}

const PARTICIPLE = /(?:ed|ing|en)$/;
/** Participles that work as prepositions and never modify the noun after them. */
const PREPOSITIONAL_PARTICIPLES = new Set(['including', 'following', 'regarding', 'concerning', 'excluding', 'according', 'during', 'pending', 'considering', 'given', 'barring', 'involving']);

function isModifier(t: Token, next: Token | undefined, prev: Token | undefined): boolean {
  if (t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'NOUN' || t.pos === 'PROPN') return true;
  // "reported arrests", "increasing number", "ranking officials": a participle between a determiner (or an
  // adjective) and a noun.
  if (t.pos === 'VERB' && PARTICIPLE.test(lower(t)) && !PREPOSITIONAL_PARTICIPLES.has(lower(t)) && !!next && isNoun(next) &&
      (!prev || prev.pos === 'DET' || prev.pos === 'ADJ' || prev.pos === 'NUM' || prev.pos === 'ADP' || prev.pos === 'PUNCT')) return true;
  return false;
}

/** Whether token i can close a noun phrase: a noun not followed by more of the same phrase. */
function isHead(tokens: Token[], i: number, nameOf: ReadonlyMap<number, number>): boolean {
  const t = tokens[i]!;
  if (nameOf.has(i) && nameOf.get(i) === nameOf.get(i + 1)) return false;
  if (nameOf.has(i) && !isNoun(t)) return !isNoun(tokens[i + 1]) && !POSSESSIVE_MARKERS.has(lower(tokens[i + 1]));
  if (!isNoun(t) && !(t.pos === 'NUM' && i > 0 && tokens[i - 1]!.pos === 'DET')) return false;
  const next = tokens[i + 1];
  if (!next) return true;
  if (POSSESSIVE_MARKERS.has(lower(next))) return false;
  if (isNoun(next)) return false;
  if ((next.pos === 'ADJ' || next.pos === 'NUM') && tokens[i + 2] && isNoun(tokens[i + 2])) return false;
  return true;
}

/** Chunks of a sentence, left to right, not overlapping. */
export function chunk(sentence: Sentence): Chunk[] {
  const tokens = sentence.tokens;
  // Tokens inside a tagged name are proper nouns whatever their POS ("Amnesty International report").
  const nameOf = new Map<number, number>();
  sentence.names.forEach((n, k) => { for (let i = n.start; i < n.end; i++) nameOf.set(i, k); });
  const inName = { has: (i: number) => nameOf.has(i) };
  const chunks: Chunk[] = [];
  let floor = 0;
  for (let h = 0; h < tokens.length; h++) {
    if (!isHead(tokens, h, nameOf)) continue;
    let s = h;
    // Modifiers, possessors and coordinated modifiers ("climate and energy manager") to the left.
    let possessor: Chunk['possessor'];
    while (s > floor) {
      const prev = tokens[s - 1]!;
      if (isModifier(prev, tokens[s], tokens[s - 2]) || (inName.has(s - 1) && inName.has(s))) { s--; continue; }
      if (inName.has(s - 1) && tokens[s - 1]!.pos !== 'DET' && !POSSESSIVE_MARKERS.has(lower(prev))) { s--; continue; }
      if (POSSESSIVE_MARKERS.has(lower(prev)) && s - 2 >= floor && (isNoun(tokens[s - 2]) || tokens[s - 2]!.pos === 'PRON')) {
        const pEnd = s - 1;
        let pStart = s - 2;
        while (pStart > floor && (isNoun(tokens[pStart - 1]) || tokens[pStart - 1]!.pos === 'ADJ')) pStart--;
        possessor = { start: pStart, end: pEnd };
        s = pStart;
        continue;
      }
      if (isCoordinator(prev) && s - 2 >= floor && (tokens[s - 2]!.pos === 'ADJ' || tokens[s - 2]!.pos === 'NOUN') &&
          tokens[s]!.pos !== 'PROPN' && s < h) {
        s -= 2;
        continue;
      }
      break;
    }
    // Determiners and quantities ("more than thirty", "over 30,000", "some 4,000", "close to a thousand").
    let coreStart = s;
    let definite = false;
    let count: Chunk['count'];
    while (coreStart < h && (tokens[coreStart]!.pos === 'NUM' || numberValue(tokens[coreStart]!.text)) && tokens[coreStart + 1] &&
           !/^(1[89]\d\d|20\d\d)$/.test(tokens[coreStart]!.text)) {
      const v = numberValue(tokens[coreStart]!.text);
      if (v) count = count ? { value: count.value * v.value, approx: count.approx || v.approx } : v;
      coreStart++;
    }
    let q = s;
    let approx = false;
    while (q > floor) {
      const w = lower(tokens[q - 1]);
      if (DETERMINERS.has(w) || tokens[q - 1]!.pos === 'DET') {
        if (w === 'the' || w === 'this' || w === 'these' || w === 'that' || w === 'those') definite = true;
        q--;
        continue;
      }
      if (QUANTIFIER_WORDS.has(w) && (count || tokens[q]!.pos === 'NUM')) { approx = approx || !['of', 'just', 'only'].includes(w); q--; continue; }
      break;
    }
    if (count && approx) count = { ...count, approx: true };
    if (POSSESSIVE_MARKERS.has(lower(tokens[q - 1])) === false && possessor === undefined && q > floor && tokens[q - 1]!.pos === 'PRON' && ['its', 'their', 'his', 'her'].includes(lower(tokens[q - 1]))) {
      q--;
      definite = true;
    }
    if (possessor) definite = true;
    chunks.push({ start: q, end: h + 1, coreStart: possessor ? possessor.end + 1 : coreStart, head: h, definite, ...(possessor ? { possessor } : {}), ...(count ? { count } : {}) });
    floor = h + 1;
  }
  return chunks;
}

/**
 * A shallow noun-phrase chunker over wink's POS tags. Enough structure to find heads, determiners, quantities and
 * possessors without a parser.
 */
import type { Sentence, Token } from '../../schema/index.js';
import { remembered } from '../../memo.js';
import { DETERMINERS, POSSESSIVE_MARKERS, isNoun, lower, numberValue as parseNumber, QUANTIFIER_WORDS, isCoordinator } from '../tokens.js';

export interface Chunk {
  /** Token range of the phrase [start, end). */
  start: number;
  end: number;
  /** First token after determiners, quantities and possessors: where the label starts. */
  coreStart: number;
  head: number;
  definite: boolean;
  /** Token range of a possessor ("Kenya's" in "Kenya's statement"), if any. */
  possessor?: { start: number; end: number };
  count?: { value: number; approx: boolean };
}

const PARTICIPLE = /(?:ed|ing|en)$/;
/** Participles that work as prepositions and never modify the noun after them. */
const PREPOSITIONAL_PARTICIPLES = new Set(['including', 'following', 'regarding', 'concerning', 'excluding', 'according', 'during', 'pending', 'considering', 'given', 'barring', 'involving']);

function isModifier(t: Token, word: string, next: Token | undefined, prev: Token | undefined): boolean {
  if (t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'NOUN' || t.pos === 'PROPN') return true;
  // "reported arrests", "increasing number", "ranking officials": a participle between a determiner (or an
  // adjective) and a noun.
  if (t.pos !== 'VERB' || !isNoun(next)) return false;
  if (prev && prev.pos !== 'DET' && prev.pos !== 'ADJ' && prev.pos !== 'NUM' && prev.pos !== 'ADP' && prev.pos !== 'PUNCT') return false;
  return PARTICIPLE.test(word) && !PREPOSITIONAL_PARTICIPLES.has(word);
}

/** Whether token i can close a noun phrase: a noun not followed by more of the same phrase. */
function isHead(tokens: Token[], i: number, nameOf: readonly number[]): boolean {
  const t = tokens[i]!;
  const name = nameOf[i]!;
  if (name >= 0 && name === nameOf[i + 1]) return false;
  if (name >= 0 && !isNoun(t)) return !isNoun(tokens[i + 1]) && !POSSESSIVE_MARKERS.has(lower(tokens[i + 1]));
  if (!isNoun(t) && !(t.pos === 'NUM' && i > 0 && tokens[i - 1]!.pos === 'DET')) return false;
  const next = tokens[i + 1];
  if (!next) return true;
  if (isNoun(next)) return false;
  if (POSSESSIVE_MARKERS.has(lower(tokens[i + 1]))) return false;
  if ((next.pos === 'ADJ' || next.pos === 'NUM') && tokens[i + 2] && isNoun(tokens[i + 2])) return false;
  return true;
}

/**
 * For each token, the index of the tagged name it belongs to, or -1. Tokens inside a tagged name are proper nouns
 * whatever their POS ("Amnesty International report"). A later name wins where names overlap.
 */
function nameIndexByToken(sentence: Sentence): number[] {
  const nameOf: number[] = new Array<number>(sentence.tokens.length).fill(-1);
  sentence.names.forEach((n, k) => { for (let i = n.start; i < n.end; i++) nameOf[i] = k; });
  return nameOf;
}

/**
 * Every modifier of every phrase is tried as a number: remember the answers for the recurring words. The answers are
 * shared by every chunk that counts with them, so they are frozen.
 */
const numberValue = remembered((text: string) => {
  const value = parseNumber(text);
  return value && Object.freeze(value);
});

const YEAR_TEXT = /^(1[89]\d\d|20\d\d)$/;
const DEFINITE_DETERMINERS = new Set(['the', 'this', 'these', 'that', 'those']);
/** Quantifier words that leave a count exact ("of", "just 30"); the others make it approximate ("some 30"). */
const EXACT_QUANTIFIERS = new Set(['of', 'just', 'only']);
const POSSESSIVE_DETERMINERS = new Set(['its', 'their', 'his', 'her']);

/** Chunks of a sentence, left to right, not overlapping. */
export function chunk(sentence: Sentence): Chunk[] {
  const tokens = sentence.tokens;
  const nameOf = nameIndexByToken(sentence);
  const inName = (i: number) => nameOf[i]! >= 0;
  const chunks: Chunk[] = [];
  let floor = 0;
  for (let h = 0; h < tokens.length; h++) {
    if (!isHead(tokens, h, nameOf)) continue;
    let s = h;
    // Modifiers, possessors and coordinated modifiers ("climate and energy manager") to the left.
    let possessor: Chunk['possessor'];
    while (s > floor) {
      const prev = tokens[s - 1]!;
      const prevWord = lower(tokens[s - 1]);
      if (isModifier(prev, prevWord, tokens[s], tokens[s - 2]) || (inName(s - 1) && inName(s))) { s--; continue; }
      if (inName(s - 1) && prev.pos !== 'DET' && !POSSESSIVE_MARKERS.has(prevWord)) { s--; continue; }
      if (s - 2 >= floor && (isNoun(tokens[s - 2]) || tokens[s - 2]!.pos === 'PRON') && POSSESSIVE_MARKERS.has(prevWord)) {
        const pEnd = s - 1;
        let pStart = s - 2;
        while (pStart > floor && (isNoun(tokens[pStart - 1]) || tokens[pStart - 1]!.pos === 'ADJ')) pStart--;
        possessor = { start: pStart, end: pEnd };
        s = pStart;
        continue;
      }
      if (s - 2 >= floor && (tokens[s - 2]!.pos === 'ADJ' || tokens[s - 2]!.pos === 'NOUN') && tokens[s]!.pos !== 'PROPN' && s < h &&
          isCoordinator(prev)) {
        s -= 2;
        continue;
      }
      break;
    }
    // Determiners and quantities ("more than thirty", "over 30,000", "some 4,000", "close to a thousand").
    let coreStart = s;
    let definite = false;
    let count: Chunk['count'];
    while (coreStart < h) {
      const t = tokens[coreStart]!;
      const v = numberValue(t.text);
      if ((t.pos !== 'NUM' && !v) || YEAR_TEXT.test(t.text)) break;
      if (v) count = count ? { value: count.value * v.value, approx: count.approx || v.approx } : v;
      coreStart++;
    }
    let q = s;
    let approx = false;
    while (q > floor) {
      const w = lower(tokens[q - 1]);
      if (tokens[q - 1]!.pos === 'DET' || DETERMINERS.has(w)) {
        if (DEFINITE_DETERMINERS.has(w)) definite = true;
        q--;
        continue;
      }
      if (QUANTIFIER_WORDS.has(w) && (count || tokens[q]!.pos === 'NUM')) { approx = approx || !EXACT_QUANTIFIERS.has(w); q--; continue; }
      break;
    }
    if (count && approx) count = { ...count, approx: true };
    // "its report", "their statement": a possessive pronoun makes the phrase definite.
    if (possessor === undefined && q > floor && tokens[q - 1]!.pos === 'PRON' && POSSESSIVE_DETERMINERS.has(tokens[q - 1]!.lower)) {
      q--;
      definite = true;
    }
    if (possessor) definite = true;
    const found: Chunk = { start: q, end: h + 1, coreStart: possessor ? possessor.end + 1 : coreStart, head: h, definite };
    if (possessor) found.possessor = possessor;
    if (count) found.count = count;
    chunks.push(found);
    floor = h + 1;
  }
  return chunks;
}

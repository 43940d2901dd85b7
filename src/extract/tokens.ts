/**
 * Closed-class English words and token tests shared by the mention and relation rules.
 */
import type { Token } from '../schema/index.js';

/** Lower-case, with hyphens as spaces: the form every word list is keyed by. */
export function wordKey(s: string): string {
  const l = s.toLowerCase();
  // Most words have no hyphen or space: skip the regular expressions for them (this runs for every token).
  return /[-‐‑\s]/.test(l) ? l.replace(/[-‐‑]/g, ' ').replace(/\s+/g, ' ').trim() : l;
}

/** A token's text in lower case with a typographic apostrophe made plain ("’s" → "'s"); '' past either end. */
export function lower(t: Token | undefined): string {
  return t ? t.lower : '';
}

export const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'these', 'that', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'some', 'all', 'both', 'each', 'every', 'any', 'no', 'another', 'such']);
export const DEMONSTRATIVES = new Set(['this', 'these', 'that', 'those']);
export const POSSESSIVE_PRONOUNS = new Set(['its', 'their', 'his', 'her', 'our', 'my', 'your']);
export const POSSESSIVE_MARKERS = new Set(["'s", "'", '’s', '’']);
export const SUBORDINATORS = new Set(['that', 'which', 'who', 'whom', 'whose', 'because', 'although', 'though', 'while', 'whereas', 'when', 'after', 'before', 'since', 'if', 'unless', 'until', 'as', 'where']);
export const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whom', 'whose']);
export const NEGATIONS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'without', 'refused', 'declined', 'failed']);
export const QUANTIFIER_WORDS = new Set(['more', 'than', 'over', 'about', 'around', 'nearly', 'almost', 'some', 'roughly', 'approximately', 'least', 'at', 'up', 'to', 'close', 'fewer', 'less', 'under', 'just', 'only', 'estimated', 'several', 'many', 'dozens', 'hundreds', 'thousands', 'millions', 'tens']);
const CLAUSE_PUNCT = new Set([';', ':', '(', ')', '[', ']', '“', '”', '"', '—', '–', '„']);

export const isPunct = (t: Token | undefined): boolean => !!t && (t.pos === 'PUNCT' || /^[^\p{L}\p{N}]+$/u.test(t.text));
export const isComma = (t: Token | undefined): boolean => !!t && t.text === ',';
export const isClausePunct = (t: Token | undefined): boolean => !!t && CLAUSE_PUNCT.has(t.text);
export const isVerb = (t: Token | undefined): boolean => !!t && (t.pos === 'VERB' || t.pos === 'AUX');
/** A noun by wink's tag, or by the project's tagger where wink read a noun as a verb ("logging permits"). */
export const isNoun = (t: Token | undefined): boolean => !!t && (t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === 'VERB' && t.tag.startsWith('NN')));
export const isPreposition = (t: Token | undefined): boolean => !!t && t.pos === 'ADP';
export const isCoordinator = (t: Token | undefined): boolean => !!t && (lower(t) === 'and' || lower(t) === '&' || lower(t) === 'or');
export const isNegation = (t: Token | undefined): boolean => !!t && (lower(t) === 'not' || lower(t) === "n't" || lower(t) === 'never');
export const startsUpper = (t: Token | undefined): boolean => !!t && /^\p{Lu}/u.test(t.text);

/** A plural noun: wink lemmatises plurals to the singular, so a lemma that differs from the word gives it away. */
export function isPluralNoun(t: Token): boolean {
  const w = lower(t);
  if (t.pos !== 'NOUN' && t.pos !== 'PROPN') return false;
  if (t.lemma !== w && /s$/.test(w)) return true;
  return /(?:[^s]s|ies|men|people|children|police|forces|staff|crew|media)$/.test(w) && !/(?:ss|us|is)$/.test(w);
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000,
  million: 1_000_000, billion: 1_000_000_000, dozen: 12, a: 1,
};
const VAGUE_NUMBERS: Record<string, number> = { dozens: 24, scores: 40, hundreds: 200, thousands: 2000, millions: 2_000_000, tens: 20 };

/** The value of a number token ("30,000", "thirty", "thousands"), with `approx` for vague ones. */
export function numberValue(text: string): { value: number; approx: boolean } | undefined {
  const w = text.toLowerCase().replace(/,/g, '');
  if (/^\d+(?:\.\d+)?$/.test(w)) return { value: Number(w), approx: false };
  if (w in VAGUE_NUMBERS) return { value: VAGUE_NUMBERS[w]!, approx: true };
  const parts = w.split('-');
  if (parts.every((p) => p in NUMBER_WORDS)) return { value: parts.reduce((a, p) => a + NUMBER_WORDS[p]!, 0), approx: false };
  return undefined;
}

export const YEAR = /^(1[89]\d\d|20\d\d)$/;

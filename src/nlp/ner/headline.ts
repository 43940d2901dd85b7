/**
 * Title-case headlines ("Iran Calls On Allies To Act") capitalise every word, which a tagger trained on sentence
 * case reads as one long name. The training text has no such lines but many all-caps headlines, so a title-case
 * line is shown to the model in capitals, where it has learnt to rely on the words rather than their case.
 */
const SMALL_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'into',
  'onto', 'over', 'up', 'via', 'vs', 'vs.', 'v', 'per', 'than', 'off', 'out', "'s", "'", 'is', 'be', 'are',
]);

const LETTER = /\p{L}/u;
const LOWER_START = /^\p{Ll}/u;
const UPPER_START = /^\p{Lu}/u;

/** How a word counts towards a title-case headline. */
export const HeadlineWord = {
  /** No letter: ignored. */
  Ignored: 0,
  /** A short function word in lower case: allowed. */
  SmallWord: 1,
  /** Any other lower-case word: the line is not a headline. */
  LowerWord: 2,
  /** Capitalised with some lower-case letters ("Oil"). */
  Mixed: 3,
  /** Capitalised in capitals only ("UN"). */
  Capitals: 4,
  /** Starts with a letter that has no case. */
  Other: 5,
} as const;
export type HeadlineWord = (typeof HeadlineWord)[keyof typeof HeadlineWord];

export function headlineWord(t: string): HeadlineWord {
  if (!LETTER.test(t)) return HeadlineWord.Ignored;
  if (LOWER_START.test(t)) return SMALL_WORDS.has(t) ? HeadlineWord.SmallWord : HeadlineWord.LowerWord;
  if (UPPER_START.test(t)) return t !== t.toUpperCase() ? HeadlineWord.Mixed : HeadlineWord.Capitals;
  return HeadlineWord.Other;
}

/** Adds one word to a running (capitalised, mixed) count; returns false when the word rules a headline out. */
export function countHeadlineWord(kind: HeadlineWord, counts: Int32Array): boolean {
  if (kind === HeadlineWord.LowerWord) return false;
  if (kind === HeadlineWord.Mixed || kind === HeadlineWord.Capitals) counts[0]!++;
  if (kind === HeadlineWord.Mixed) counts[1]!++;
  return true;
}

/** Whether (capitalised, mixed) counts make a headline. */
export const isHeadlineCount = (counts: Int32Array): boolean => counts[0]! >= 4 && counts[1]! >= 2;

const scratch = new Int32Array(2);

/** At least four capitalised words and no lower-case word other than short function words. */
export function isTitleCaseHeadline(tokens: readonly string[]): boolean {
  scratch.fill(0);
  for (const t of tokens) if (!countHeadlineWord(headlineWord(t), scratch)) return false;
  return isHeadlineCount(scratch);
}

export function headlineForm(tokens: readonly string[]): string[] {
  return isTitleCaseHeadline(tokens) ? tokens.map((t) => t.toUpperCase()) : [...tokens];
}

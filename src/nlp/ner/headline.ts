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

/** At least four capitalised words and no lower-case word other than short function words. */
export function isTitleCaseHeadline(tokens: readonly string[]): boolean {
  let capitalised = 0;
  let mixed = 0;
  for (const t of tokens) {
    if (!LETTER.test(t)) continue;
    if (LOWER_START.test(t)) {
      if (!SMALL_WORDS.has(t)) return false;
      continue;
    }
    if (UPPER_START.test(t)) {
      capitalised++;
      if (t !== t.toUpperCase()) mixed++;
    }
  }
  return capitalised >= 4 && mixed >= 2;
}

export function headlineForm(tokens: readonly string[]): string[] {
  return isTitleCaseHeadline(tokens) ? tokens.map((t) => t.toUpperCase()) : [...tokens];
}

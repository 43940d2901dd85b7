/** Text matching for queries: case, accents, punctuation and spacing never decide whether two names match. */

/** Lower case, accents removed, every run of non-letters/digits one space: "Fact-Finding  Inquiry!" → "fact finding inquiry". */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokens(normalised: string): string[] {
  return normalised ? normalised.split(' ') : [];
}

/** Typos tolerated in a word of `length` characters: none for short words, where one edit changes the word. */
export function allowedTypos(length: number): number {
  return length <= 3 ? 0 : length <= 7 ? 1 : 2;
}

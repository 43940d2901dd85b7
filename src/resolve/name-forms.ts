/**
 * Comparing names: normal forms, acronyms, abbreviations and short forms. Shared by resolution inside an article
 * and across articles, so both agree on what "the same name" means.
 */
import { lexicon, isHonorific, type KnownBody } from '../nlp/lexicon/index.js';
import { remembered } from '../memo.js';

const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'to', 'a', 'an', 'at', 'by', '&', 'de', 'du', 'des', 'la', 'le', 'el', 'al']);

/**
 * Lower case, no punctuation or possessive, no leading article or honorific: the key names are compared by.
 * Remembered: names repeat across a corpus, and this saves most of the regular-expression work.
 */
export const normalName = remembered(computeNormalName, 200_000);

const ASCII = /^[\x00-\x7f]*$/;

/**
 * False when `text` cannot have the normal name `key`, found without normalising it; true when it may. For ASCII
 * text normalName only lower-cases, deletes and turns characters into spaces, so the first letter of its normal
 * name is in the text in one case or the other. Must follow the rules of computeNormalName.
 */
export function mayNormaliseTo(text: string, key: string): boolean {
  if (key === '' || !ASCII.test(text)) return true;
  const first = key[0]!;
  return text.includes(first) || text.includes(first.toUpperCase());
}

function computeNormalName(text: string): string {
  let t = text.normalize('NFKC').toLowerCase().replace(/[’‘ʼ]/g, "'").replace(/'s\b/g, '');
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const words = t.split(' ').filter(Boolean);
  // One slice at the end: slicing per dropped word took quadratic time on "A. A. A. …" (30,000 of them: 4 s).
  let start = 0;
  while (words.length - start > 1 && (words[start] === 'the' || words[start] === 'a' || words[start] === 'an' || isHonorific(words[start]!))) start++;
  return words.slice(start).join(' ');
}

export function words(text: string): string[] {
  return wordsOfNormal(normalName(text));
}

/** `words` for a name already in normal form (the result of `normalName`). */
export function wordsOfNormal(normal: string): string[] {
  // A normal name has single spaces and no spaces at its ends: only the empty name has no words.
  return normal === '' ? [] : normal.split(' ');
}

/** "NATO", "U.N.", "UN": a short all-capitals token that can stand for a longer name. */
export function isAcronym(text: string): boolean {
  // Most texts are ruled out by their length alone, before any copy or regex.
  if (text.length < 2 || (text.length > 9 && !text.includes('.'))) return false;
  const t = text.replace(/\./g, '');
  return /^[\p{Lu}&]{2,8}s?$/u.test(t) && t.length <= 9;
}

/** Initials of the significant words ("Union of Coastal Fishermen" → "ucf"). */
export function initials(text: string): string[] {
  const all = text.replace(/[^\p{L}\p{N}\s&-]/gu, ' ').split(/[\s-]+/).filter(Boolean);
  const significant = all.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  const forms = new Set<string>();
  forms.add(significant.map((w) => w[0]!.toLowerCase()).join(''));
  // Some acronyms keep the small words ("Organisation of the Petroleum..." is not one of them, "DoD" is).
  forms.add(all.filter((w) => !['the', 'a', 'an'].includes(w.toLowerCase())).map((w) => w[0]!.toLowerCase()).join(''));
  return [...forms];
}

/** `initials`, remembered: a corpus names the same bodies many times. Callers must not mutate the result. */
export const cachedInitials: (text: string) => readonly string[] = remembered(initials, 200_000);

/** What an acronym is matched by: its letters without and with a plural s, and the known body it stands for. */
interface AcronymLetters {
  singular: string;
  bare: string;
  body: KnownBody | undefined;
}

/** `short`'s letters and known body; undefined when it is no acronym. */
function acronymLetters(short: string): AcronymLetters | undefined {
  if (!isAcronym(short)) return undefined;
  const bare = short.replace(/\./g, '').toLowerCase();
  const bodies = lexicon().knownBodies;
  return { singular: bare.replace(/s$/, ''), bare, body: bodies.get(bare) ?? bodies.get(short.toLowerCase()) };
}

/** Whether `short` is an acronym of `long`, by initials or by a known body's acronym. */
export function isAcronymOf(short: string, long: string): boolean {
  const letters = acronymLetters(short);
  if (!letters) return false;
  const forms = cachedInitials(long);
  if (forms.includes(letters.singular) || forms.includes(letters.bare)) return true;
  return !!letters.body && letters.body === lexicon().knownBodies.get(normalName(long));
}

/**
 * Names indexed by what acronyms match: `expansionsOf(short)` is every added name `long` with
 * `isAcronymOf(short, long)`, in the order added, found without trying each one.
 */
export class AcronymIndex<T> {
  private readonly byInitials = new Map<string, Array<[number, T]>>();
  private readonly byBody = new Map<KnownBody, Array<[number, T]>>();
  private added = 0;

  add(long: string, value: T): void {
    const entry: [number, T] = [this.added++, value];
    for (const form of cachedInitials(long)) pushTo(this.byInitials, form, entry);
    const body = lexicon().knownBodies.get(normalName(long));
    if (body) pushTo(this.byBody, body, entry);
  }

  expansionsOf(short: string): T[] {
    const letters = acronymLetters(short);
    if (!letters) return [];
    const found = new Map<number, T>();
    for (const [n, v] of this.byInitials.get(letters.singular) ?? []) found.set(n, v);
    for (const [n, v] of this.byInitials.get(letters.bare) ?? []) found.set(n, v);
    if (letters.body) for (const [n, v] of this.byBody.get(letters.body) ?? []) found.set(n, v);
    return [...found.keys()].sort((a, b) => a - b).map((n) => found.get(n)!);
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

/** "Soc Dems" for "Social Democrats": every word a prefix of the matching word, one at least shortened. */
export function isAbbreviationOf(short: string, long: string): boolean {
  return isAbbreviationOfWords(words(short), words(long));
}

/** `isAbbreviationOf` on the names' `words`, for callers that already have them. */
export function isAbbreviationOfWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  let shortened = false;
  for (let i = 0; i < a.length; i++) {
    const stem = a[i]!.replace(/s$/, '');
    if (!b[i]!.startsWith(stem)) return false;
    if (stem.length < b[i]!.length - 1) shortened = true;
  }
  return shortened;
}

/** Singular and plural of the last word ("Social Democrat" / "Social Democrats"). */
export function sameUpToPlural(a: string, b: string): boolean {
  const x = normalName(a);
  const y = normalName(b);
  return x === y || x + 's' === y || y + 's' === x;
}

/**
 * Expands a leading known acronym ("UN General Assembly" → "united nations general assembly"). Remembered like
 * normalName: every name of every article goes through here, in resolution and in relations.
 */
export const expandLeadingAcronym = remembered(computeExpandLeadingAcronym, 200_000);

function computeExpandLeadingAcronym(text: string): string {
  const [first, ...rest] = text.trim().split(/\s+/);
  if (!first || !rest.length || !isAcronym(first)) return normalName(text);
  const body = lexicon().knownBodies.get(first.replace(/\./g, '').toLowerCase());
  return body ? normalName(`${body.name} ${rest.join(' ')}`) : normalName(text);
}

/** Whether the words of `short` are the last words of `long` ("Human Rights Council" in "United Nations Human Rights Council"). */
export function isTailOf(short: string, long: string): boolean {
  const a = words(short);
  const b = words(long);
  if (a.length >= b.length || !a.length) return false;
  return a.every((w, i) => w === b[b.length - a.length + i]);
}

/** Whether the words of `short` begin `long` ("United Nations" in "United Nations Human Rights Council"). */
export function isHeadOf(short: string, long: string): boolean {
  const a = expandLeadingAcronym(short).split(' ');
  const b = expandLeadingAcronym(long).split(' ');
  if (a.length >= b.length || !a.length) return false;
  return a.every((w, i) => w === b[i]);
}

/**
 * Comparing names: normal forms, acronyms, abbreviations and short forms. Shared by resolution inside an article
 * and across articles, so both agree on what "the same name" means.
 */
import { lexicon, isHonorific } from '../nlp/lexicon/index.js';

const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'to', 'a', 'an', 'at', 'by', '&', 'de', 'du', 'des', 'la', 'le', 'el', 'al']);

const normalCache = new Map<string, string>();

/** Lower case, no punctuation or possessive, no leading article or honorific: the key names are compared by. */
export function normalName(text: string): string {
  let hit = normalCache.get(text);
  if (hit === undefined) {
    // Names repeat across a corpus; a bounded memo saves most of the regex work.
    if (normalCache.size > 200_000) normalCache.clear();
    hit = computeNormalName(text);
    normalCache.set(text, hit);
  }
  return hit;
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
  return normalName(text).split(' ').filter(Boolean);
}

/** "NATO", "U.N.", "UN": a short all-capitals token that can stand for a longer name. */
export function isAcronym(text: string): boolean {
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

/** Whether `short` is an acronym of `long`, by initials or by a known body's acronym. */
export function isAcronymOf(short: string, long: string): boolean {
  if (!isAcronym(short)) return false;
  const s = short.replace(/\./g, '').toLowerCase().replace(/s$/, '');
  if (initials(long).includes(s) || initials(long).includes(short.replace(/\./g, '').toLowerCase())) return true;
  const bodies = lexicon().knownBodies;
  const a = bodies.get(short.replace(/\./g, '').toLowerCase()) ?? bodies.get(short.toLowerCase());
  const b = bodies.get(normalName(long));
  return !!a && a === b;
}

/** "Soc Dems" for "Social Democrats": every word a prefix of the matching word, one at least shortened. */
export function isAbbreviationOf(short: string, long: string): boolean {
  const a = words(short);
  const b = words(long);
  if (a.length !== b.length || a.length < 2) return false;
  let shortened = false;
  for (let i = 0; i < a.length; i++) {
    if (!b[i]!.startsWith(a[i]!.replace(/s$/, ''))) return false;
    if (a[i]!.replace(/s$/, '').length < b[i]!.length - 1) shortened = true;
  }
  return shortened;
}

/** Singular and plural of the last word ("Social Democrat" / "Social Democrats"). */
export function sameUpToPlural(a: string, b: string): boolean {
  const x = normalName(a);
  const y = normalName(b);
  return x === y || x + 's' === y || y + 's' === x;
}

/** Expands a leading known acronym ("UN General Assembly" → "united nations general assembly"). */
export function expandLeadingAcronym(text: string): string {
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

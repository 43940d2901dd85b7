/**
 * Longest-match lookup of the general lexicon over a sentence, giving the tagger dictionary features
 * ("this token is the last word of a known country name").
 */
import { lexicon } from '../lexicon/index.js';

export const GAZ = {
  country: 'cty',
  demonym: 'dem',
  city: 'cit',
  region: 'reg',
  body: 'bod',
  acronym: 'acr',
  given: 'giv',
  title: 'tit',
  honorific: 'hon',
  orgSuffix: 'osf',
  orgHead: 'ohd',
} as const;
type GazCategory = (typeof GAZ)[keyof typeof GAZ];

/** Categories that name things and so are only trusted on capitalised surface forms. */
const NAMING: ReadonlySet<GazCategory> = new Set([GAZ.country, GAZ.demonym, GAZ.city, GAZ.region, GAZ.body, GAZ.given, GAZ.orgSuffix, GAZ.orgHead]);

interface Dictionary {
  phrases: Map<string, GazCategory[]>;
  /** First words of phrases of two words or more: only these start a multiword lookup. */
  starts: Set<string>;
  maxWords: number;
}

let dictionary: Dictionary | undefined;

function build(): Dictionary {
  const lex = lexicon();
  const phrases = new Map<string, GazCategory[]>();
  const starts = new Set<string>();
  let maxWords = 1;
  const add = (phrase: string, category: GazCategory): void => {
    const words = splitPhrase(phrase);
    if (!words.length) return;
    const k = words.join(' ');
    maxWords = Math.max(maxWords, words.length);
    if (words.length > 1) starts.add(words[0]!);
    const list = phrases.get(k);
    if (!list) phrases.set(k, [category]);
    else if (!list.includes(category)) list.push(category);
  };
  for (const name of lex.countries.keys()) add(name, GAZ.country);
  for (const name of lex.demonyms.keys()) add(name, GAZ.demonym);
  for (const name of lex.cities) add(name, GAZ.city);
  for (const name of lex.regions) add(name, GAZ.region);
  for (const [form, body] of lex.knownBodies) add(form, body.acronym && form === body.acronym.toLowerCase() ? GAZ.acronym : GAZ.body);
  for (const name of lex.givenNames) add(name, GAZ.given);
  for (const title of lex.titles) add(title, GAZ.title);
  for (const h of lex.honorifics) add(h, GAZ.honorific);
  for (const s of lex.orgSuffixes) add(s, GAZ.orgSuffix);
  for (const h of lex.orgHeads) add(h, GAZ.orgHead);
  return { phrases, starts, maxWords };
}

/** Words of a lexicon phrase, split the way news tokenisers split them ("people's" → "people", "'s"). */
function splitPhrase(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .replace(/'s\b/g, " 's")
    .split(/\s+/)
    .filter(Boolean);
}

const isCapitalised = (t: string): boolean => /^\p{Lu}/u.test(t);
const isAllCaps = (t: string): boolean => /\p{L}/u.test(t) && t === t.toUpperCase() && t.length > 1;

/**
 * For each token, the categories of the longest dictionary phrases covering it, as `cat:B|I|L|U` strings.
 * Naming categories need a capitalised first word; acronyms need an all-caps token.
 */
export function gazetteerMatches(tokens: readonly string[]): string[][] {
  dictionary ??= build();
  const { phrases, starts, maxWords } = dictionary;
  const out: string[][] = tokens.map(() => []);
  const keys = tokens.map((t) => t.toLowerCase());
  for (let i = 0; i < tokens.length; i++) {
    const seen = new Set<GazCategory>();
    const longest = starts.has(keys[i]!) ? Math.min(maxWords, tokens.length - i) : 1;
    for (let n = longest; n >= 1; n--) {
      let phrase = keys[i]!;
      for (let k = 1; k < n; k++) phrase += ' ' + keys[i + k]!;
      let cats = phrases.get(phrase);
      // Single cue words also match with a trailing dot ("Corp.", "Mr.").
      if (!cats && n === 1 && phrase.length > 1 && phrase.endsWith('.')) cats = phrases.get(phrase.slice(0, -1));
      if (!cats) continue;
      for (const cat of cats) {
        if (seen.has(cat)) continue;
        if (cat === GAZ.acronym ? !isAllCaps(tokens[i]!) || n > 1 : NAMING.has(cat) && !isCapitalised(tokens[i]!)) continue;
        seen.add(cat);
        if (n === 1) out[i]!.push(`${cat}:U`);
        else {
          out[i]!.push(`${cat}:B`);
          for (let k = 1; k < n - 1; k++) out[i + k]!.push(`${cat}:I`);
          out[i + n - 1]!.push(`${cat}:L`);
        }
      }
    }
  }
  return out;
}

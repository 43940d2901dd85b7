/**
 * The extractor's general English word lists (event, document and group head nouns, leader titles), kept as data
 * files beside the code so they can be read and extended without touching the rules.
 */
import { readFileSync } from 'node:fs';

const cache = new Map<string, ReadonlyMap<string, string>>();

/**
 * `data/<name>.txt`: one entry per line, `#` comments; an optional second column gives the entry's category
 * (the entry itself otherwise). Multiword entries join their words with `-` in the first column.
 */
export function wordList(name: string): ReadonlyMap<string, string> {
  let map = cache.get(name);
  if (!map) {
    const text = readFileSync(new URL(`./data/${name}.txt`, import.meta.url), 'utf8');
    const entries = new Map<string, string>();
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (!line) continue;
      const [word, category] = line.split(/\s+/);
      entries.set(word!.toLowerCase().replace(/-/g, ' '), (category ?? word!).toLowerCase());
    }
    map = entries;
    cache.set(name, map);
  }
  return map;
}

const COMPOUND_TAILS = ['workers', 'worker', 'fighters', 'fighter', 'keepers', 'keeper', 'makers', 'maker', 'men', 'women', 'people'];

/**
 * Looks a noun up by its lemma, falling back to a singular of its own when the tagger gave none (proper-noun
 * readings of common words, "Members" at the start of a sentence).
 */
export function lookupNoun(list: ReadonlyMap<string, string>, lemma: string): string | undefined {
  const key = lemma.toLowerCase().replace(/[-‐‑]/g, ' ');
  const hit = list.get(key);
  if (hit !== undefined) return hit;
  if (key.endsWith('ies')) return list.get(`${key.slice(0, -3)}y`);
  if (key.endsWith('s') && !key.endsWith('ss')) {
    const singular = list.get(key.slice(0, -1));
    if (singular !== undefined) return singular;
  }
  // Closed compounds of a listed head: "dockworkers", "firefighters", "peacekeepers".
  for (const tail of COMPOUND_TAILS) if (key.length > tail.length + 2 && key.endsWith(tail) && list.has(tail)) return list.get(tail);
  return undefined;
}

export const eventNouns = () => wordList('event-nouns');
export const documentNouns = () => wordList('document-nouns');
export const groupNouns = () => wordList('group-nouns');
export const leaderTitles = () => wordList('leader-titles');

/** Words of the titles of those who lead a country, region or city ("President", "Governor", "Mayor"). */
const HEAD_OF_PLACE_WORDS: ReadonlySet<string> = new Set(['president', 'premier', 'chancellor', 'king', 'queen', 'emir', 'sultan', 'monarch', 'emperor',
  'governor', 'mayor', 'ruler', 'dictator', 'taoiseach', 'president-elect', 'leader']);

/** Whether a title leads the place it is of: a head of state or government, not a minister ("foreign minister"). */
export function leadsPlace(title: string): boolean {
  const words = title.toLowerCase();
  if (/\b(prime|first|chief) minister\b|\bhead of (state|government)\b/.test(words)) return true;
  return words.split(/\s+/).some((w) => HEAD_OF_PLACE_WORDS.has(w.replace(/s$/, '')));
}

/** Modifiers that make a leader's title a post under the leader ("deputy head", "regional director"). */
export const SUBORDINATE_POSTS: ReadonlySet<string> = new Set(['regional', 'deputy', 'assistant', 'associate', 'local', 'junior', 'vice', 'area', 'district', 'provincial']);

export type PredicatePos = 'v' | 'n';
let predicateTable: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * The predicate classes of a word (`condemn` → oppose), from data/predicate-classes.tsv (WordNet-grown, see
 * predicate-seeds.txt). Keys are `pos:word`, multiword entries spaced ("call for").
 */
export function predicateClasses(word: string, pos: PredicatePos): readonly string[] {
  if (!predicateTable) {
    const table = new Map<string, readonly string[]>();
    for (const line of readFileSync(new URL('./data/predicate-classes.tsv', import.meta.url), 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [w, p, classes] = line.split('\t');
      table.set(`${p}:${w}`, classes!.split(','));
    }
    predicateTable = table;
  }
  return predicateTable.get(`${pos}:${word}`) ?? NO_CLASSES;
}

const NO_CLASSES: readonly string[] = Object.freeze([]);

export interface NounClass {
  kind: 'event' | 'document' | 'person';
  /** The listed noun it was found below ("ambush" → attack), which groups near-synonyms. */
  category: string;
}
let nounTable: ReadonlyMap<string, NounClass> | undefined;

/** What a common noun names by its most frequent sense (data/noun-classes.tsv, grown through WordNet). */
export function nounClass(lemma: string): NounClass | undefined {
  if (!nounTable) {
    const table = new Map<string, NounClass>();
    for (const line of readFileSync(new URL('./data/noun-classes.tsv', import.meta.url), 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [w, kind, category] = line.split('\t');
      table.set(w!, { kind: kind as NounClass['kind'], category: category! });
    }
    nounTable = table;
  }
  return nounTable.get(lemma);
}

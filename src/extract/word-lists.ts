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

/**
 * General-purpose gazetteers (countries, demonyms, cities, regions, honorifics, titles, organisation cue words,
 * well-known bodies, given names), kept as plain data files in ./data and loaded once, on first use.
 *
 * Every key is lower case. Some keys are ordinary words in lower case ("us", "guardian", "bank"), so callers that
 * care must check the surface form (e.g. require "US" in capitals) before trusting a hit.
 */
import { readFileSync } from 'node:fs';

export interface KnownBody {
  name: string;
  acronym?: string;
}

export interface Lexicon {
  /** Lower-case country name or common short form ("us", "u.s.", "uk", "united states") → canonical name. */
  countries: ReadonlyMap<string, string>;
  /** Lower-case demonym or nationality adjective ("british", "iranians") → canonical country. */
  demonyms: ReadonlyMap<string, string>;
  /** Lower-case world capitals and major cities. */
  cities: ReadonlySet<string>;
  /** Lower-case continents, oceans, seas and well-known regions. */
  regions: ReadonlySet<string>;
  /** Lower-case courtesy titles without the trailing dot; use `isHonorific` to test a token. */
  honorifics: ReadonlySet<string>;
  /** Lower-case role words and multiword titles ("president", "prime minister", "chief executive"). */
  titles: ReadonlySet<string>;
  /** Lower-case words that end organisation names ("inc", "party", "ministry"). */
  orgSuffixes: ReadonlySet<string>;
  /** More words that end organisation names, for the extractor's kind decision only (not the tagger's features). */
  orgEndings: ReadonlySet<string>;
  /** Lower-case words that begin organisation names when followed by "of" ("ministry", "bank"). */
  orgHeads: ReadonlySet<string>;
  /** Well-known international bodies and news organisations, by lower-case name, alias and acronym. */
  knownBodies: ReadonlyMap<string, KnownBody>;
  /** Lower-case common given names across cultures. */
  givenNames: ReadonlySet<string>;
  /** ISO codes and nouns of currencies (lower case): a name made of one is an amount's unit. */
  currencies: ReadonlySet<string>;
}

const DATA_DIR = new URL('./data/', import.meta.url);

/** Data lines without comments and blank lines, each trimmed. */
function dataLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(new URL(file, DATA_DIR), 'utf8');
  } catch (error) {
    throw new Error(`lexicon: cannot read data file ${file}: ${(error as Error).message}`);
  }
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    lines.push(line);
  }
  return lines;
}

const key = (s: string): string => s.trim().toLowerCase();

function readSet(file: string): Set<string> {
  return new Set(dataLines(file).map(key));
}

/** Lines `canonical | alias | alias ...`: every name (the canonical one too) maps to the canonical name. */
function readAliasMap(file: string, includeCanonical: boolean): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of dataLines(file)) {
    const [canonical, ...aliases] = line.split('|').map((s) => s.trim());
    if (!canonical) continue;
    // The first line that names a key wins, so the file order settles ambiguous forms ("congolese").
    for (const name of includeCanonical ? [canonical, ...aliases] : aliases) {
      if (name && !map.has(key(name))) map.set(key(name), canonical);
    }
  }
  return map;
}

/** Lines `name | acronym or - | alias ...`. */
function readBodies(file: string): Map<string, KnownBody> {
  const map = new Map<string, KnownBody>();
  for (const line of dataLines(file)) {
    const [name, acronymField, ...aliases] = line.split('|').map((s) => s.trim());
    if (!name) continue;
    const acronym = acronymField && acronymField !== '-' ? acronymField : undefined;
    const body: KnownBody = acronym ? { name, acronym } : { name };
    for (const form of [name, acronym, ...aliases]) {
      if (form && !map.has(key(form))) map.set(key(form), body);
    }
  }
  return map;
}

let cached: Lexicon | undefined;

/** The lexicon, read from disk on the first call and shared afterwards. */
export function lexicon(): Lexicon {
  cached ??= Object.freeze({
    countries: readAliasMap('countries.txt', true),
    demonyms: readAliasMap('demonyms.txt', false),
    cities: readSet('cities.txt'),
    regions: readSet('regions.txt'),
    honorifics: readSet('honorifics.txt'),
    titles: readSet('titles.txt'),
    orgSuffixes: readSet('org-suffixes.txt'),
    orgEndings: readSet('org-endings.txt'),
    orgHeads: readSet('org-heads.txt'),
    knownBodies: readBodies('known-bodies.txt'),
    givenNames: readSet('given-names.txt'),
    currencies: readSet('currencies.txt'),
  });
  return cached;
}

/** True when the module has read its data files (for tests of lazy loading). */
export function lexiconLoaded(): boolean {
  return cached !== undefined;
}

/** "Mr", "mr.", "DR." → true. */
export function isHonorific(word: string): boolean {
  const w = key(word).replace(/\.$/, '');
  return w !== '' && lexicon().honorifics.has(w);
}

import { describe, expect, it } from 'vitest';
import { isHonorific, lexicon, lexiconLoaded } from '../../src/nlp/lexicon/index.js';

describe('lexicon', () => {
  it('loads lazily, once', () => {
    expect(lexiconLoaded()).toBe(false);
    const a = lexicon();
    expect(lexiconLoaded()).toBe(true);
    expect(lexicon()).toBe(a);
  });

  it('maps country names and short forms to one canonical name', () => {
    const { countries } = lexicon();
    for (const form of ['us', 'u.s.', 'usa', 'united states', 'united states of america']) expect(countries.get(form)).toBe('United States');
    for (const form of ['uk', 'u.k.', 'britain', 'united kingdom']) expect(countries.get(form)).toBe('United Kingdom');
    expect(countries.get('iran')).toBe('Iran');
    expect(countries.get('russian federation')).toBe('Russia');
    expect(countries.get('côte d\'ivoire')).toBe('Ivory Coast');
    expect(countries.get('france')).toBe('France');
    expect(countries.size).toBeGreaterThan(200);
  });

  it('maps demonyms to their country', () => {
    const { demonyms, countries } = lexicon();
    expect(demonyms.get('british')).toBe('United Kingdom');
    expect(demonyms.get('iranian')).toBe('Iran');
    expect(demonyms.get('iranians')).toBe('Iran');
    expect(demonyms.get('french')).toBe('France');
    expect(demonyms.get('filipino')).toBe('Philippines');
    // Every demonym points at a country the country table knows.
    for (const [form, country] of demonyms) expect(countries.get(country.toLowerCase()), form).toBe(country);
  });

  it('has cities, regions, titles and organisation cue words', () => {
    const lex = lexicon();
    for (const c of ['paris', 'new delhi', 'são paulo', 'washington', 'nairobi']) expect(lex.cities.has(c), c).toBe(true);
    for (const r of ['middle east', 'latin america', 'indian ocean', 'europe']) expect(lex.regions.has(r), r).toBe(true);
    for (const t of ['president', 'president-elect', 'prime minister', 'foreign minister', 'secretary-general', 'ceo', 'co-ceo',
      'chief executive', 'chief financial officer', 'spokeswoman', 'permanent representative', 'mayor']) expect(lex.titles.has(t), t).toBe(true);
    for (const s of ['inc', 'corp', 'ltd', 'plc', 'party', 'ministry', 'council', 'university', 'times']) expect(lex.orgSuffixes.has(s), s).toBe(true);
    for (const h of ['ministry', 'department', 'university', 'bank', 'council', 'office', 'house']) expect(lex.orgHeads.has(h), h).toBe(true);
    expect(lex.cities.size).toBeGreaterThan(300);
  });

  it('finds known bodies by name, alias and acronym, sharing one record', () => {
    const { knownBodies } = lexicon();
    expect(knownBodies.get('un')).toEqual({ name: 'United Nations', acronym: 'UN' });
    expect(knownBodies.get('united nations')).toBe(knownBodies.get('un'));
    expect(knownBodies.get('associated press')).toBe(knownBodies.get('ap'));
    expect(knownBodies.get('nato')?.acronym).toBe('NATO');
    expect(knownBodies.get('who')?.name).toBe('World Health Organization');
    expect(knownBodies.get('world bank')).toEqual({ name: 'World Bank' });
    expect(knownBodies.get('reuters')?.name).toBe('Reuters');
  });

  it('knows common given names across cultures and stays a general list', () => {
    const { givenNames } = lexicon();
    for (const n of ['angela', 'emmanuel', 'mohammed', 'fatima', 'hiroshi', 'priya', 'olga', 'kwame', 'jean-paul']) expect(givenNames.has(n), n).toBe(true);
    expect(givenNames.size).toBeGreaterThan(1000);
    expect(givenNames.size).toBeLessThan(5000);
    // Surnames of well-known people are not given names.
    for (const n of ['merkel', 'macron', 'obama', 'putin']) expect(givenNames.has(n), n).toBe(false);
  });

  it('keeps every key lower case, trimmed and non-empty', () => {
    const lex = lexicon();
    const keys = [
      ...lex.countries.keys(), ...lex.demonyms.keys(), ...lex.cities, ...lex.regions, ...lex.honorifics, ...lex.titles,
      ...lex.orgSuffixes, ...lex.orgHeads, ...lex.knownBodies.keys(), ...lex.givenNames,
    ];
    for (const k of keys) {
      expect(k).toBe(k.toLowerCase().trim());
      expect(k).not.toBe('');
      expect(k.startsWith('#')).toBe(false);
    }
  });

  it('recognises honorifics with or without a dot, in any case', () => {
    for (const h of ['Mr', 'Mr.', 'mrs', 'MS.', 'Dr.', 'Sir', 'Dame', 'Prof.', 'Rev.']) expect(isHonorific(h), h).toBe(true);
    for (const w of ['', '.', 'Mister.', 'president', 'Angela', 'Mr..']) expect(isHonorific(w), w).toBe(false);
  });
});

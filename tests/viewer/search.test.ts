import { describe, expect, it } from 'vitest';
import { normaliseForSearch, SearchIndex, type SearchEntry } from '../../viewer/src/logic/search.js';

const entries: SearchEntry[] = [
  { key: 'p:ana', label: 'Ana Lima', aliases: ['Ana Lima', 'Minister Lima'], weight: 3 },
  { key: 'p:analia', label: 'Analía Souza', aliases: ['Analía Souza'], weight: 10 },
  { key: 'o:nla', label: 'National Lima Agency', aliases: ['NLA', 'the agency'], weight: 1 },
  { key: 'o:banana', label: 'Banana Union', aliases: [], weight: 50 },
  { key: 'p:lima2', label: 'Lima', aliases: ['Lima'], weight: 2 },
  { key: 'g:ana-fans', label: 'Ana fans', aliases: [], weight: 1 },
];
const index = new SearchIndex(entries);
const keys = (q: string, accept?: (k: string) => boolean) => index.query(q, 10, accept).map((s) => s.key);

describe('search suggestions', () => {
  it('ranks an exact label first, then prefixes, then word starts, then substrings', () => {
    expect(keys('lima')).toEqual(['p:lima2', 'p:ana', 'o:nla']);
    // Three label prefixes, ordered by degree; the substring inside "Banana" comes last despite its 50 links.
    expect(keys('ana')).toEqual(['p:analia', 'p:ana', 'g:ana-fans', 'o:banana']);
    // A word start beats a substring: "agency" starts a word in "National Lima Agency".
    expect(keys('agen')).toEqual(['o:nla']);
    expect(index.query('union')[0]).toMatchObject({ key: 'o:banana', rank: 4 });
    expect(index.query('nan')[0]).toMatchObject({ key: 'o:banana', rank: 6 });
  });

  it('finds a node by an alias and says which alias matched', () => {
    const [first] = index.query('nla');
    expect(first).toEqual({ key: 'o:nla', label: 'National Lima Agency', alias: 'NLA', rank: 1 });
    expect(keys('minister')).toEqual(['p:ana']);
    expect(index.query('minister')[0]!.alias).toBe('Minister Lima');
  });

  it('ignores case, accents and extra spaces', () => {
    expect(keys('ANALIA')).toEqual(['p:analia']);
    expect(keys('  ana   lima ')).toEqual(['p:ana']);
    expect(normaliseForSearch('Zoë  Ndlovu')).toBe('zoe ndlovu');
  });

  it('prefers a label match to the same match on an alias', () => {
    const idx = new SearchIndex([
      { key: 'alias-hit', label: 'Something else', aliases: ['Delta'], weight: 100 },
      { key: 'label-hit', label: 'Delta', aliases: [], weight: 1 },
    ]);
    expect(idx.query('delta').map((s) => s.key)).toEqual(['label-hit', 'alias-hit']);
  });

  it('leaves out keys the caller rejects (hidden nodes) and respects the limit', () => {
    expect(keys('lima', (k) => k !== 'p:lima2')).toEqual(['p:ana', 'o:nla']);
    expect(index.query('a', 2)).toHaveLength(2);
    expect(index.query('   ')).toEqual([]);
    expect(index.query('zzz')).toEqual([]);
  });

  it('treats regex and markup characters as text', () => {
    const idx = new SearchIndex([{ key: 'x', label: '<img src=x onerror=alert(1)>', aliases: ['a.*b'], weight: 1 }]);
    expect(idx.query('<img').map((s) => s.key)).toEqual(['x']);
    expect(idx.query('a.*b')[0]!.alias).toBe('a.*b');
    expect(idx.query('.*')).toHaveLength(1);
    expect(idx.query('(1)')).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { normalName, isAcronymOf, AcronymIndex, isAbbreviationOf, isAbbreviationOfWords, words, wordsOfNormal, mayNormaliseTo } from '../../src/resolve/name-forms.js';

// Names written many ways: honorifics, articles, possessives, punctuation, other scripts and compatibility forms.
const NAMES = [
  'Union of Coastal Fishermen', 'UCF', 'U.C.F.', 'the Union', 'The Harbour Board', 'Mr Green', 'Dr. Amal Osei', 'Mrs Okafor’s',
  "the council's report", 'A Team', 'a', 'An Post', 'Soc Dems', 'Social Democrats', 'Social Democrat party', 'NATO', 'Nato',
  'UN General Assembly', 'United Nations General Assembly', '  Lagos  State ', 'Café Müller', 'ÉCOLE NORMALE', 'Ｆｕｌｌｗｉｄｔｈ Ｃｏ',
  'ﬁnance ministry', 'İstanbul Port', 'Ωmega Group', '3M', '9/11 commission', '—', '', "O'Neill & Sons", 'St. Kitts', 'K-Pop Inc',
];

describe('name forms used by resolution', () => {
  it('mayNormaliseTo never rules out a text that has the normal name', () => {
    for (const a of NAMES) for (const prefix of ['', 'the ', 'Mr ', 'Dr. ', 'a ']) {
      const text = prefix + a;
      expect(mayNormaliseTo(text, normalName(text)), text).toBe(true);
    }
  });

  it('mayNormaliseTo rules out ASCII names without the first letter of the key', () => {
    expect(mayNormaliseTo('Harbor Board', normalName('Union of Coastal Fishermen'))).toBe(false);
    expect(mayNormaliseTo('UNION', 'union')).toBe(true);
    expect(mayNormaliseTo('Café Board', 'union')).toBe(true);
  });

  it('an AcronymIndex finds, in the order added, the names isAcronymOf holds for', () => {
    const names = [...NAMES, 'United Nations', 'North Atlantic Treaty Organization', 'Union of Coastal Farmers', 'Urban Coastal Fund'];
    const index = new AcronymIndex<string>();
    for (const l of names) index.add(l, l);
    for (const s of [...names, 'UN', 'UNs', 'U.N.', 'UCFs', 'NATO']) expect(index.expansionsOf(s), s).toEqual(names.filter((l) => isAcronymOf(s, l)));
    expect(index.expansionsOf('UCF')).toEqual(['Union of Coastal Fishermen', 'U.C.F.', 'Union of Coastal Farmers', 'Urban Coastal Fund']);
    expect(isAcronymOf('UCF', 'Union of Coastal Fishermen')).toBe(true);
    expect(isAcronymOf('U.C.F.', 'Union of Coastal Fishermen')).toBe(true);
    expect(isAcronymOf('UCF', 'Harbour Board')).toBe(false);
  });

  it('the word-level forms give what the text-level ones give', () => {
    for (const a of NAMES) {
      expect(wordsOfNormal(normalName(a))).toEqual(words(a));
      for (const b of NAMES) expect(isAbbreviationOfWords(words(a), words(b)), `${a} / ${b}`).toBe(isAbbreviationOf(a, b));
    }
    expect(isAbbreviationOf('Soc Dems', 'Social Democrats')).toBe(true);
    expect(words('—')).toEqual([]);
  });
});

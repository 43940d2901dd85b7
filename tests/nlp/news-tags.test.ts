import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/nlp/analyse.js';
import { alignTags, winkCodes } from '../../src/nlp/parse/wink-tags.js';

/** Invented news sentences, each followed by its hand-checked universal tags ("A|B": either is right). */
function newsSentences(): { text: string; gold: string[][] }[] {
  const lines = readFileSync(new URL('../fixtures/nlp/news-tags.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const out: { text: string; gold: string[][] }[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) out.push({ text: lines[i]!, gold: lines[i + 1]!.split(' ').map((g) => g.split('|')) });
  return out;
}

describe('the tagger on news', () => {
  const sentences = newsSentences();
  const analysed = sentences.map((s) => analyse(s.text).sentences.flatMap((x) => x.tokens));

  it('reads every invented sentence as the fixture tokenises it', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(40);
    analysed.forEach((tokens, k) => expect(tokens.length, sentences[k]!.text).toBe(sentences[k]!.gold.length));
  });

  it('tags nouns after and inside names as the treebank would, on nearly every token', () => {
    let right = 0;
    let total = 0;
    const wrong: string[] = [];
    analysed.forEach((tokens, k) => tokens.forEach((t, i) => {
      total++;
      if (sentences[k]!.gold[i]!.includes(t.upos)) right++;
      else wrong.push(`${t.text}/${t.upos}`);
    }));
    expect(right / total, wrong.join(' ')).toBeGreaterThanOrEqual(0.98);
  });

  it('gets the words web text misleads it on: titles before names, verbs after long subjects', () => {
    const upos = (text: string, word: string): string | undefined =>
      analyse(text).sentences.flatMap((s) => s.tokens).find((t) => t.text === word)?.upos;
    expect(upos('Opposition health critic Maria Lopez said the plan would fail.', 'critic')).toBe('NOUN');
    expect(upos('The detention of Ali Hassan by the army drew sharp criticism.', 'drew')).toBe('VERB');
    expect(upos('Oil prices rose after OPEC agreed to cut output.', 'output')).toBe('NOUN');
    expect(upos('The Northern Rivers Health Board closed two clinics last year.', 'Rivers')).toBe('PROPN');
  });
});

describe("aligning wink's tokens to other tokens", () => {
  it('gives each token the tag of the wink token covering its first character, and counts exact matches', () => {
    // "can't stop ?": a treebank splits "ca" + "n't" where this wink keeps one token, and wink has no token for "?".
    const wink = [{ start: 0, end: 5, pos: 'AUX' }, { start: 6, end: 10, pos: 'VERB' }];
    const tokens = [{ start: 0, end: 2 }, { start: 2, end: 5 }, { start: 6, end: 10 }, { start: 11, end: 12 }];
    expect(alignTags(tokens, wink)).toEqual({ tags: ['AUX', 'AUX', 'VERB', ''], exact: 1 });
  });

  it('codes unknown and missing tags apart from the known ones', () => {
    const codes = winkCodes(['NOUN', '', 'XYZ', undefined, 'NOUN']);
    expect(codes[0]).toBe(codes[4]);
    expect(codes[1]).toBe(0);
    expect(codes[3]).toBe(0);
    expect(new Set(codes).size).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { parseConllu } from '../../src/nlp/parse/conllu.js';
import { defaultParser, parseTokens } from '../../src/nlp/parse/parser.js';
import { tokenCues } from '../../src/nlp/parse/pos-features.js';
import { FastTagger, tagWords } from '../../src/nlp/parse/pos-tagger.js';
import { TagSet } from '../../src/nlp/parse/tag-set.js';
import { TRAIN_DEFAULTS, prepareSentences, tagAccuracy, trainTagger } from '../../src/nlp/parse/train.js';
import { WeightTable } from '../../src/nlp/parse/weight-table.js';
import { WordCache, wordInfo } from '../../src/nlp/parse/word-atoms.js';
import { seededRandom } from '../../src/random.js';

const tagsOf = (sentence: string): string[] => {
  const tokens = sentence.split(' ');
  const p = parseTokens(tokens);
  return tokens.map((t, i) => `${t}/${p.xpos[i]}/${p.upos[i]}`);
};

describe('the shipped tagger', () => {
  it('tells a passive participle from a past tense, and an auxiliary from a verb', () => {
    expect(tagsOf('The treaty was signed in Vienna .')).toEqual(
      expect.arrayContaining(['was/VBD/AUX', 'signed/VBN/VERB', 'Vienna/NNP/PROPN']),
    );
    expect(tagsOf('Both countries signed the treaty .')).toContain('signed/VBD/VERB');
    expect(tagsOf('They have signed it and are now waiting .')).toEqual(
      expect.arrayContaining(['have/VBP/AUX', 'signed/VBN/VERB', 'are/VBP/AUX', 'waiting/VBG/VERB']),
    );
  });

  it('tags typographic quotes and dashes as their ASCII forms', () => {
    const plain = parseTokens(['He', 'said', '"', 'no', '"', '-', 'twice', '.']);
    const typographic = parseTokens(['He', 'said', '“', 'no', '”', '—', 'twice', '.']);
    expect(typographic.xpos).toEqual(plain.xpos);
  });

  it('tags words the run time joins at a hyphen as one word', () => {
    const tags = tagsOf('A US-based group sent a fact-finding mission .');
    expect(tags).toContain('US-based/VBN/VERB');
    // The treebank reads such a modifier either way: a noun in a compound or a participle.
    expect(['fact-finding/NN/NOUN', 'fact-finding/VBG/VERB']).toContain(tags[5]);
  });

  it('tags as training defined it, feature by feature, on the fast path', () => {
    const parser = defaultParser();
    const random = seededRandom(5);
    const vocabulary = 'the a of Smith said , . was signed protest in Paris ( 1990 ) and to reject "'.split(' ');
    const winkTags = ['NOUN', 'VERB', 'PROPN', 'ADJ', 'DET', 'PUNCT', ''];
    const cache = new WordCache();
    const table = new WeightTable(parser.model.tagger);
    const fast = new FastTagger(table);
    const keys = new Int32Array(256);
    const scores = new Int32Array(parser.tags.size);
    for (let k = 0; k < 200; k++) {
      const n = 1 + Math.floor(random() * 25);
      const words = Array.from({ length: n }, () => cache.get(vocabulary[Math.floor(random() * vocabulary.length)]!));
      const wink = words.map(() => winkTags[Math.floor(random() * winkTags.length)]!);
      const cues = tokenCues(n, random() < 0.5 ? [{ start: 0, end: 1, type: 'PER' }] : [], wink);
      const reference = new Int32Array(n);
      const quick = new Int32Array(n);
      tagWords(table, words, cues, reference, keys, scores);
      fast.tag(words, cues, quick);
      expect(quick).toEqual(reference);
    }
  });
});

describe('tagger training', () => {
  // A toy language where "flies" and "like" change tags with their neighbours.
  const corpus = (n: number): string => {
    const random = seededRandom(n);
    const out: string[] = [];
    for (let s = 0; s < n; s++) {
      const lines = random() < 0.5
        ? [['time', 'NN', 'NOUN'], ['flies', 'VBZ', 'VERB'], ['like', 'IN', 'ADP'], ['an', 'DT', 'DET'], ['arrow', 'NN', 'NOUN']]
        : [['fruit', 'NN', 'NOUN'], ['flies', 'NNS', 'NOUN'], ['like', 'VBP', 'VERB'], ['a', 'DT', 'DET'], ['banana', 'NN', 'NOUN']];
      out.push(lines.map(([w, x, u], i) => `${i + 1}\t${w}\t${w}\t${u}\t${x}\t_\t0\tdep\t_\t_`).join('\n'));
    }
    return out.join('\n\n') + '\n';
  };

  it('learns tags that depend on the neighbours, and gets them all right on new sentences', () => {
    const train = parseConllu(corpus(40));
    const test = parseConllu(corpus(10));
    const pairs = train.flatMap((s) => s.tokens.map((t) => ({ xpos: t.xpos, upos: t.upos })));
    const tags = TagSet.fromCounts(pairs, 1);
    const cache = new WordCache();
    const prepared = prepareSentences(train, tags, ['dep', 'root'], cache, []);
    const weights = trainTagger(prepared, tags.size, 3, 1, TRAIN_DEFAULTS);
    const accuracy = tagAccuracy(new WeightTable(weights), tags, prepareSentences(test, tags, ['dep', 'root'], cache, []));
    expect(accuracy.both).toBe(1);
  });

  it('keeps a pair too rare to learn under the commonest pair with its XPOS', () => {
    const tags = TagSet.fromCounts([...Array(5).fill({ xpos: 'NN', upos: 'NOUN' }), { xpos: 'NN', upos: 'X' }], 2);
    expect(tags.tags).toEqual([{ xpos: 'NN', upos: 'NOUN' }]);
    expect(tags.id('NN', 'X')).toBe(0);
  });

  it('reads the same word the same way however it is spelled typographically', () => {
    expect(wordInfo('don’t').word).toBe(wordInfo("don't").word);
    expect(wordInfo('1996').word).toBe(wordInfo('2023').word);
    expect(wordInfo('Paris').word).toBe(wordInfo('paris').word);
    expect(wordInfo('Paris').form).not.toBe(wordInfo('paris').form);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEFT, ParseState, RIGHT, SHIFT, TRANSITIONS, goldTree, isProjective, projectivise, transitionCost } from '../../src/nlp/parse/arc-hybrid.js';
import { formatConllu, parseConllu } from '../../src/nlp/parse/conllu.js';
import { AttachmentScorer } from '../../src/nlp/parse/evaluate.js';
import { mergeHyphens } from '../../src/nlp/parse/hyphen-merge.js';
import type { ParseModel } from '../../src/nlp/parse/model.js';
import { decodeParseModel, encodeParseModel } from '../../src/nlp/parse/model-file.js';
import { defaultParser, parseTokens, parserLoadCount } from '../../src/nlp/parse/parser.js';
import { LEFT_ARC, RIGHT_ARC, SentenceAtoms, labelFeatures, transitionFeatures } from '../../src/nlp/parse/parse-features.js';
import { WordCache } from '../../src/nlp/parse/word-atoms.js';
import { tokenCues } from '../../src/nlp/parse/pos-features.js';
import { TagSet } from '../../src/nlp/parse/tag-set.js';
import { WeightTable, quantise, type QuantisedWeights } from '../../src/nlp/parse/weight-table.js';
import { seededRandom } from '../../src/random.js';
import { gunzipSync, gzipSync } from 'node:zlib';

const CONLLU = `# sent_id = a1
# text = The committee wasn't told by the mayor.
1	The	the	DET	DT	_	2	det	_	_
2	committee	committee	NOUN	NN	_	5	nsubj:pass	_	_
3-4	wasn't	_	_	_	_	_	_	_	_
3	was	be	AUX	VBD	_	5	aux:pass	_	_
4	n't	not	PART	RB	_	5	advmod	_	_
5	told	tell	VERB	VBN	_	0	root	_	_
6	by	by	ADP	IN	_	8	case	_	_
7	the	the	DET	DT	_	8	det	_	_
8	mayor	mayor	NOUN	NN	_	5	obl:agent	_	SpaceAfter=No
9	.	.	PUNCT	.	_	5	punct	_	_

# sent_id = a2
# text = Rita left early.
1	Rita	Rita	PROPN	NNP	_	2	nsubj	_	_
2	left	leave	VERB	VBD	_	0	root	_	_
2.1	left	leave	VERB	VBD	_	_	_	2:conj	_
3	early	early	ADV	RB	_	2	advmod	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_
`;

describe('conllu', () => {
  it('reads the basic tree, skipping multiword-token and empty-node lines', () => {
    const [a, b] = parseConllu(CONLLU);
    expect(a!.comments).toEqual(['sent_id = a1', "text = The committee wasn't told by the mayor."]);
    expect(a!.tokens.map((t) => t.form)).toEqual(['The', 'committee', 'was', "n't", 'told', 'by', 'the', 'mayor', '.']);
    expect(a!.tokens.map((t) => t.head)).toEqual([1, 4, 4, 4, -1, 7, 7, 4, 4]);
    expect(a!.tokens[7]!.deprel).toBe('obl:agent');
    expect(b!.tokens.map((t) => t.form)).toEqual(['Rita', 'left', 'early', '.']);
  });

  it('writes what it reads, and reads what it writes', () => {
    const sentences = parseConllu(CONLLU);
    const text = formatConllu(sentences);
    expect(text).not.toMatch(/^3-4|^2\.1/m);
    expect(parseConllu(text)).toEqual(sentences);
    expect(formatConllu(parseConllu(text))).toBe(text);
  });

  it('names the file and line of a malformed token', () => {
    expect(() => parseConllu('1\tA\ta\tX\tX\t_\t0\troot\t_\n', 'bad.conllu')).toThrow(/bad\.conllu: line 1: expected 10 tab-separated columns/);
    expect(() => parseConllu('1\tA\ta\tX\tX\t_\t7\troot\t_\t_\n', 'bad.conllu')).toThrow(/bad\.conllu: .*head 7, outside the sentence/);
  });
});

/** Random projective trees (-1: root) of n tokens: each span's subtree root splits it into dependents' spans. */
function projectiveTree(n: number, random: () => number): number[] {
  const heads = new Array<number>(n).fill(-1);
  const build = (lo: number, hi: number, parent: number): void => {
    if (lo >= hi) return;
    const r = lo + Math.floor(random() * (hi - lo));
    heads[r] = parent;
    for (const [a, b] of [[lo, r], [r + 1, hi]] as const) {
      let at = a;
      while (at < b) {
        const end = at + 1 + Math.floor(random() * (b - at));
        build(at, end, r);
        at = end;
      }
    }
  };
  build(0, n, -1);
  return heads;
}

/** Follows the dynamic oracle's cheapest valid transition from the start; returns the tree it builds. */
function oracleParse(heads: readonly number[]): number[] {
  const n = heads.length;
  const gold = goldTree(projectivise(heads));
  const st = new ParseState();
  st.reset(n);
  let steps = 0;
  while (!st.done()) {
    let best = -1;
    let bestCost = Infinity;
    for (let t = 0; t < TRANSITIONS; t++) {
      if (!st.valid(t)) continue;
      const c = transitionCost(st, gold, t);
      if (c < bestCost) (best = t), (bestCost = c);
    }
    st.apply(best, 0);
    steps++;
  }
  expect(steps).toBe(2 * n);
  return Array.from(st.head.subarray(0, n), (h) => (h === n ? -1 : h));
}

describe('arc-hybrid transitions and dynamic oracle', () => {
  it('parses "She saw the man with a telescope" back from its gold tree', () => {
    // saw(1) is the root; She→saw, man→saw, the→man, with→telescope, a→telescope, telescope→saw.
    const heads = [1, -1, 3, 1, 6, 6, 1];
    expect(oracleParse(heads)).toEqual(heads);
  });

  it('runs a sentence by hand: SHIFT, LEFT onto the next word, RIGHT, LEFT onto the root', () => {
    // "dogs bark loudly": dogs ← bark → loudly, bark the root.
    const st = new ParseState();
    st.reset(3);
    expect(st.valid(LEFT)).toBe(false);
    expect(st.valid(RIGHT)).toBe(false);
    st.apply(SHIFT, -1);
    st.apply(LEFT, 7);
    expect(st.head[0]).toBe(1);
    st.apply(SHIFT, -1);
    st.apply(SHIFT, -1);
    expect(st.valid(SHIFT)).toBe(false);
    // Two words on the stack: LEFT onto the root would leave a second root, so only RIGHT is valid.
    expect(st.valid(LEFT)).toBe(false);
    st.apply(RIGHT, 3);
    expect(st.head[2]).toBe(1);
    expect(st.valid(LEFT)).toBe(true);
    st.apply(LEFT, 0);
    expect(st.done()).toBe(true);
    expect(Array.from(st.head.subarray(0, 3))).toEqual([1, 3, 1]);
    expect(st.lc1[1]).toBe(0);
    expect(st.rc1[1]).toBe(2);
    expect(st.nl[1]).toBe(1);
    expect(st.lsetLo[1]).toBe(1 << 7);
  });

  it('reproduces every projective gold tree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), (n, seed) => {
        const heads = projectiveTree(n, seededRandom(seed));
        expect(isProjective(heads)).toBe(true);
        expect(oracleParse(heads)).toEqual(heads);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a wrong transition a cost and a right one none', () => {
    const heads = [1, -1, 1];
    const gold = goldTree(heads);
    const st = new ParseState();
    st.reset(3);
    st.apply(SHIFT, -1);
    // s0 = "dogs", b0 = "bark": LEFT is right, SHIFT loses dogs ← bark.
    expect(transitionCost(st, gold, LEFT)).toBe(0);
    expect(transitionCost(st, gold, SHIFT)).toBe(1);
  });

  it('lifts crossing arcs to a projective tree of the same words', () => {
    // The arc 3 → 1 crosses 0 → 2: token 2 lies between 3 and 1 but hangs from 0.
    const heads = [-1, 3, 0, 0];
    expect(isProjective(heads)).toBe(false);
    const lifted = projectivise(heads);
    expect(isProjective(lifted)).toBe(true);
    expect(lifted.filter((h) => h === -1)).toHaveLength(1);
    expect(oracleParse(heads)).toEqual(Array.from(lifted));
  });

  it('always ends in one single-rooted tree, whatever the transitions chosen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer(), (n, seed) => {
        const random = seededRandom(seed);
        const st = new ParseState();
        st.reset(n);
        while (!st.done()) {
          const valid = [SHIFT, LEFT, RIGHT].filter((t) => st.valid(t));
          st.apply(valid[Math.floor(random() * valid.length)]!, 0);
        }
        const heads = Array.from(st.head.subarray(0, n));
        expect(heads.filter((h) => h === n)).toHaveLength(n ? 1 : 0);
        for (let i = 0; i < n; i++) {
          // Following heads reaches the root without a cycle.
          let x = i;
          for (let steps = 0; x !== n; steps++) {
            expect(steps).toBeLessThan(n);
            x = heads[x]!;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('hyphen merging', () => {
  it('joins "a - b" written without spaces into one token, as the run-time tokens are', () => {
    const [s] = parseConllu(`1	a	a	DET	DT	_	5	det	_	_
2	fact	fact	NOUN	NN	_	4	compound	_	SpaceAfter=No
3	-	-	PUNCT	HYPH	_	4	punct	_	SpaceAfter=No
4	finding	finding	NOUN	NN	_	5	compound	_	_
5	visit	visit	NOUN	NN	_	0	root	_	_
6	-	-	PUNCT	HYPH	_	5	punct	_	_
7	today	today	NOUN	NN	_	5	obl:unmarked	_	_
`);
    const merged = mergeHyphens(s!)!;
    expect(merged.tokens.map((t) => t.form)).toEqual(['a', 'fact-finding', 'visit', '-', 'today']);
    expect(merged.tokens.map((t) => t.head)).toEqual([2, 2, -1, 2, 2]);
    expect(merged.tokens[1]!.deprel).toBe('compound');
    expect(mergeHyphens(parseConllu('1\tno\tno\tINTJ\tUH\t_\t0\troot\t_\t_\n')[0]!)).toBeUndefined();
  });
});

describe('attachment scores', () => {
  it('counts punctuation and compares the universal part of labels for LAS', () => {
    const scorer = new AttachmentScorer();
    scorer.add([1, -1, 1, 1], ['nsubj:pass', 'root', 'obl:agent', 'punct'], [1, -1, 1, 0], ['nsubj', 'root', 'obl', 'punct']);
    const r = scorer.report();
    expect(r.uas).toBe(0.75);
    expect(r.las).toBe(0.75);
    expect(r.lasFull).toBe(0.25);
  });
});

describe('model file', () => {
  const weights = (seed: number, classes = 5): QuantisedWeights => {
    const random = seededRandom(seed);
    const rows = 50;
    const frozen = {
      classes,
      hi: Int32Array.from({ length: rows }, () => (random() * 2 ** 32) | 0),
      lo: Int32Array.from({ length: rows }, () => (random() * 2 ** 32) | 0),
      weights: Float64Array.from({ length: rows * classes }, () => (random() < 0.6 ? 0 : (random() - 0.5) * 10)),
    };
    return quantise(frozen);
  };
  const model = (): ParseModel => ({
    tags: new TagSet([{ xpos: 'NN', upos: 'NOUN' }, { xpos: 'VBD', upos: 'VERB' }]),
    labels: ['root', 'nsubj', 'obj'],
    tagger: weights(1),
    transitions: weights(2),
    labeller: weights(3),
    meta: { seed: 7 },
  });

  it('encodes deterministically and decodes to the same weights', () => {
    const bytes = encodeParseModel(model());
    expect(encodeParseModel(model()).equals(bytes)).toBe(true);
    const back = decodeParseModel(bytes);
    expect(back.tags.tags).toEqual(model().tags.tags);
    expect(back.labels).toEqual(['root', 'nsubj', 'obj']);
    for (const name of ['tagger', 'transitions', 'labeller'] as const) {
      expect(back[name].hi).toEqual(model()[name].hi);
      expect(back[name].entries).toEqual(model()[name].entries);
      expect(back[name].scale).toBe(model()[name].scale);
    }
    expect(encodeParseModel(back).equals(bytes)).toBe(true);
  });

  it('refuses a file that is not a parser model, in one line naming it', () => {
    expect(() => decodeParseModel(Buffer.from('hello'), 'x.bin.gz')).toThrow('parse model-file: x.bin.gz is not a gzip file');
    expect(() => decodeParseModel(gzipSync(Buffer.from('NGNER4\nxx')), 'x.bin.gz')).toThrow(/x\.bin\.gz is not a newsgraph parser model/);
    const bytes = gunzipSync(encodeParseModel(model()));
    expect(() => decodeParseModel(gzipSync(bytes.subarray(0, bytes.length - 10)), 'cut.gz')).toThrow(/cut\.gz is truncated/);
  });

  it('looks weights up by key and sums them as integers, in sparse and inline (3-class) tables alike', () => {
    for (const classes of [2, 3, 5]) {
      const w = weights(4, classes);
      const table = new WeightTable(w);
      // Every row once, then keys that are absent (another hi, or the same hi with another lo).
      const rows = w.hi.length;
      const keys = new Int32Array(2 * (rows + 2));
      for (let r = 0; r < rows; r++) (keys[2 * r] = w.hi[r]!), (keys[2 * r + 1] = w.lo[r]!);
      keys[2 * rows] = w.hi[3]! ^ 0x5555;
      keys[2 * rows + 1] = 9;
      keys[2 * rows + 2] = w.hi[3]!;
      keys[2 * rows + 3] = (w.lo[3]! + 1) & 0xff;
      const scores = new Int32Array(classes).fill(7);
      table.addScores(keys, rows + 2, scores);
      const expected = new Int32Array(classes).fill(7);
      for (let e = 0; e < w.entries.length; e++) expected[w.entries[e]! & 0xff]! += w.entries[e]! >> 8;
      expect(scores, `${classes} classes`).toEqual(expected);
    }
  });
});

/** The shipped model's tree as "label(head, dependent)" strings. */
function arcs(sentence: string): string[] {
  const tokens = sentence.split(' ');
  const p = parseTokens(tokens);
  return tokens.map((t, i) => `${p.deprels[i]}(${p.heads[i]! < 0 ? 'ROOT' : tokens[p.heads[i]!]}, ${t})`);
}

describe('the shipped parser', () => {
  it('finds subject and object', () => {
    const a = arcs('The mayor signed the new budget on Tuesday .');
    expect(a).toContain('root(ROOT, signed)');
    expect(a).toContain('nsubj(signed, mayor)');
    expect(a).toContain('obj(signed, budget)');
    expect(a).toContain('det(mayor, The)');
  });

  it('finds a passive subject and its agent, and tags the participle VBN', () => {
    const tokens = 'The bridge was built by local engineers in 1990 .'.split(' ');
    const p = parseTokens(tokens);
    const a = arcs(tokens.join(' '));
    expect(a).toContain('nsubj:pass(built, bridge)');
    expect(a).toContain('aux:pass(built, was)');
    expect(a).toContain('obl:agent(built, engineers)');
    expect(p.xpos[3]).toBe('VBN');
    expect(parseTokens('Local engineers built the bridge .'.split(' ')).xpos[2]).toBe('VBD');
  });

  it('finds open clausal complements (xcomp) and their objects', () => {
    expect(arcs('The minister refused to resign .')).toEqual(expect.arrayContaining(['xcomp(refused, resign)', 'mark(resign, to)']));
    const a = arcs('The union told its members to reject the offer .');
    expect(a).toContain('xcomp(told, reject)');
    expect(a).toContain('obj(reject, offer)');
    expect(a).toContain('nmod:poss(members, its)');
  });

  it('reads a relative clause and a phrasal verb particle', () => {
    expect(arcs('The report , which was published on Monday , criticised the police .')).toEqual(
      expect.arrayContaining(['acl:relcl(report, published)', 'nsubj:pass(published, which)', 'nsubj(criticised, report)']),
    );
    expect(arcs('They gave up the fight .')).toContain('compound:prt(gave, up)');
  });

  it('gives any input one root, heads inside the sentence, and the same tree twice', () => {
    const random = seededRandom(11);
    const junk = ['the', ',', 'of', 'Smith', '(', '12', 'zz', '-', 'ran', '...', '"', 'and', 'x'];
    for (const n of [0, 1, 2, 7, 80, 3000]) {
      const tokens = Array.from({ length: n }, () => junk[Math.floor(random() * junk.length)]!);
      const p = parseTokens(tokens);
      expect(p.heads.filter((h) => h === -1)).toHaveLength(n ? 1 : 0);
      expect(p.heads.every((h, i) => h >= -1 && h < n && h !== i)).toBe(true);
      expect(p.deprels.filter((l) => l === 'root')).toHaveLength(n ? 1 : 0);
      expect(parseTokens(tokens)).toEqual(p);
    }
  });

  it('parses as training defined it, feature by feature, on the fast path', () => {
    const parser = defaultParser();
    const table = new WeightTable(parser.model.transitions);
    const labeller = new WeightTable(parser.model.labeller);
    const random = seededRandom(9);
    const vocabulary = 'the a of Smith said , . was signed protest in Paris ( 1990 ) and to reject " who'.split(' ');
    const cache = new WordCache();
    const keys = new Int32Array(1024);
    for (let k = 0; k < 100; k++) {
      const n = 1 + Math.floor(random() * 30);
      const words = Array.from({ length: n }, () => cache.get(vocabulary[Math.floor(random() * vocabulary.length)]!));
      const tags = new Int32Array(n);
      parser.tag(words, tokenCues(n), tags);
      const heads = new Int32Array(n);
      const labels = new Int32Array(n);
      parser.parse(words, tags, heads, labels);
      // The reference: every feature's key looked up, every state.
      const atoms = new SentenceAtoms();
      atoms.set(words, tags, n, parser.tags.size);
      const st = new ParseState();
      st.reset(n);
      while (!st.done()) {
        const scores = new Int32Array(4);
        table.addScores(keys, transitionFeatures(st, atoms, keys), scores);
        const valid = [SHIFT, LEFT, RIGHT].filter((t) => st.valid(t));
        const best = valid.reduce((a, b) => (scores[b]! > scores[a]! ? b : a));
        let label = -1;
        if (best !== SHIFT) {
          const d = st.s(0);
          const h = best === LEFT ? st.b : st.s(1);
          if (h === n) label = parser.rootLabel;
          else {
            const ls = new Int32Array(parser.labels.length);
            labeller.addScores(keys, labelFeatures(st, atoms, d, h, best === LEFT ? LEFT_ARC : RIGHT_ARC, keys), ls);
            label = ls.reduce((b, v, l) => (l !== parser.rootLabel && (b < 0 || v > ls[b]!) ? l : b), -1);
          }
        }
        st.apply(best, label);
      }
      expect(Array.from(heads)).toEqual(Array.from(st.head.subarray(0, n), (h) => (h === n ? -1 : h)));
      expect(Array.from(labels)).toEqual(Array.from(st.label.subarray(0, n)));
    }
  });

  it('reads the weights once, on first use', () => {
    parseTokens(['One', 'more', '.']);
    const loads = parserLoadCount();
    parseTokens(['And', 'another', '.']);
    expect(parserLoadCount()).toBe(loads);
    expect(loads).toBe(1);
  });
});

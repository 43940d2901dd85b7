import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { augmentHyphens } from '../../src/nlp/ner/augment.js';
import {
  LABELS, LABEL_COUNT, VALID, bilouToSpans, iobToBilou, iobToSpans, labelId, spansToBilou, spansToIob, validEnd, validTransition,
  type Span,
} from '../../src/nlp/ner/bilou.js';
import { parseConll, readConll } from '../../src/nlp/ner/conll.js';
import { emissions, forwardBackward, resolveRows, spanProbability, viterbi } from '../../src/nlp/ner/decode.js';
import { SpanScorer } from '../../src/nlp/ner/evaluate.js';
import { HashedIndex, hashPair } from '../../src/nlp/ner/feature-hash.js';
import { isTitleCaseHeadline } from '../../src/nlp/ner/headline.js';
import { decodeModel, encodeModel } from '../../src/nlp/ner/model-file.js';
import { normaliseToken } from '../../src/nlp/ner/normalise.js';
import { FeatureTable, Perceptron, countFeatures, seededRandom } from '../../src/nlp/ner/perceptron.js';
import { modelLoadCount, tagDocument, type NameSpan } from '../../src/nlp/ner/tagger.js';

const words = (s: string): string[] => s.split(' ');
const named = (tokens: string[], spans: NameSpan[]): string[] => spans.map((s) => `${tokens.slice(s.start, s.end).join(' ')}/${s.type}`);

describe('bilou', () => {
  it('encodes IOB2 as BILOU and decodes back to the same spans', () => {
    const tags = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-ORG', 'I-ORG', 'I-ORG', 'O', 'B-MISC'];
    const labels = iobToBilou(tags).map((l) => LABELS[l]);
    expect(labels).toEqual(['B-PER', 'L-PER', 'O', 'U-LOC', 'B-ORG', 'I-ORG', 'L-ORG', 'O', 'U-MISC']);
    expect(bilouToSpans(iobToBilou(tags))).toEqual(iobToSpans(tags));
    expect(spansToIob(iobToSpans(tags), tags.length)).toEqual(tags);
  });

  it('round-trips any set of non-overlapping spans', () => {
    const spanSets = fc.integer({ min: 0, max: 30 }).chain((n) =>
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { maxLength: n }).map((parts) => {
        const spans: Span[] = [];
        let at = 0;
        for (const [gap, len] of parts) {
          at += gap;
          spans.push({ start: at, end: at + len + 1, type: (['PER', 'ORG', 'LOC', 'MISC'] as const)[(at + len) % 4]! });
          at += len + 1;
        }
        return { spans, length: at + 1 };
      }),
    );
    fc.assert(
      fc.property(spanSets, ({ spans, length }) => {
        expect(bilouToSpans(spansToBilou(spans, length))).toEqual(spans);
        expect(iobToSpans(spansToIob(spans, length))).toEqual(spans);
      }),
    );
  });

  it('has the BILOU transition rules', () => {
    const id = labelId;
    expect(validTransition(id('B-PER'), id('I-PER'))).toBe(true);
    expect(validTransition(id('B-PER'), id('L-PER'))).toBe(true);
    expect(validTransition(id('B-PER'), id('L-ORG'))).toBe(false);
    expect(validTransition(id('B-PER'), id('O'))).toBe(false);
    expect(validTransition(id('I-LOC'), id('U-LOC'))).toBe(false);
    expect(validTransition(id('L-LOC'), id('B-LOC'))).toBe(true);
    expect(validTransition(id('O'), id('I-MISC'))).toBe(false);
    expect(validTransition(id('U-ORG'), id('L-ORG'))).toBe(false);
    expect(validEnd(id('B-PER'))).toBe(false);
    expect(validEnd(id('L-PER'))).toBe(true);
    // The start row allows exactly what may follow O.
    for (let l = 0; l < LABEL_COUNT; l++) expect(VALID[LABEL_COUNT * LABEL_COUNT + l]).toBe(validTransition(0, l) ? 1 : 0);
  });

  it('repairs invalid label sequences into well-formed spans', () => {
    const spans = (ls: string[]): Span[] => bilouToSpans(ls.map(labelId));
    expect(spans(['I-PER', 'L-PER'])).toEqual([{ start: 0, end: 2, type: 'PER' }]);
    expect(spans(['B-PER', 'O', 'L-ORG'])).toEqual([{ start: 0, end: 1, type: 'PER' }, { start: 2, end: 3, type: 'ORG' }]);
    expect(spans(['B-LOC', 'I-LOC'])).toEqual([{ start: 0, end: 2, type: 'LOC' }]);
    expect(spans(['B-LOC', 'I-ORG', 'L-ORG'])).toEqual([{ start: 0, end: 1, type: 'LOC' }, { start: 1, end: 3, type: 'ORG' }]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: LABEL_COUNT - 1 }), { maxLength: 40 }), (labels) => {
        let last = 0;
        for (const s of bilouToSpans(labels)) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(labels.length);
          last = s.end;
        }
      }),
    );
  });
});

describe('decoding', () => {
  it('Viterbi only produces valid sequences, and span probabilities are probabilities', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer(), (n, seed) => {
        const random = seededRandom(seed);
        const emit = Float64Array.from({ length: n * LABEL_COUNT }, () => (random() - 0.5) * 20);
        const trans = Float64Array.from({ length: (LABEL_COUNT + 1) * LABEL_COUNT }, () => (random() - 0.5) * 4);
        const labels = viterbi(emit, trans, n);
        expect(VALID[LABEL_COUNT * LABEL_COUNT + labels[0]!]).toBe(1);
        for (let t = 1; t < n; t++) expect(validTransition(labels[t - 1]!, labels[t]!)).toBe(true);
        expect(validEnd(labels[n - 1]!)).toBe(true);
        const lattice = forwardBackward(emit, trans, n, 1);
        let total = 0;
        for (const s of bilouToSpans(labels)) {
          const p = spanProbability(lattice, labels, s.start, s.end);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          total += p;
        }
        expect(Number.isFinite(total)).toBe(true);
      }),
    );
  });

  it('gives the single best path of a sharply peaked lattice probability near 1', () => {
    const n = 3;
    const emit = new Float64Array(n * LABEL_COUNT);
    const gold = ['B-ORG', 'I-ORG', 'L-ORG'].map(labelId);
    gold.forEach((l, t) => (emit[t * LABEL_COUNT + l] = 50));
    const trans = new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT);
    const labels = viterbi(emit, trans, n);
    expect([...labels]).toEqual(gold);
    expect(spanProbability(forwardBackward(emit, trans, n, 1), labels, 0, 3)).toBeGreaterThan(0.999);
    // A flat lattice spreads the probability.
    expect(spanProbability(forwardBackward(new Float64Array(n * LABEL_COUNT), trans, n, 1), labels, 0, 3)).toBeLessThan(0.1);
  });
});

describe('training and the model file', () => {
  // A toy language: a capitalised word after "mr" is a person, after "in" a place.
  const toy = (count: number, seed: number): { tokens: string[]; tags: string[] }[] => {
    const random = seededRandom(seed);
    const names = ['Abel', 'Bora', 'Cato', 'Dara', 'Eno', 'Faro', 'Gila', 'Hume'];
    return Array.from({ length: count }, () => {
      const name = names[Math.floor(random() * names.length)]!;
      return random() < 0.5
        ? { tokens: ['we', 'met', 'mr', name, 'today'], tags: ['O', 'O', 'O', 'B-PER', 'O'] }
        : { tokens: ['we', 'live', 'in', name, 'now'], tags: ['O', 'O', 'O', 'B-LOC', 'O'] };
    });
  };
  const featuresOf = (tokens: string[]): string[][] =>
    tokens.map((t, i) => ['b', `w=${t.toLowerCase()}`, `w-1=${tokens[i - 1] ?? '<s>'}`, `cap=${/^[A-Z]/.test(t)}`]);

  it('a structured perceptron learns a separable toy task, deterministically', () => {
    const train = toy(200, 1);
    const table = FeatureTable.fromCounts(countFeatures(train.map((s) => featuresOf(s.tokens))), 1);
    const fit = () => new Perceptron(table).train(train.map((s) => table.instance(featuresOf(s.tokens), iobToBilou(s.tags))), { epochs: 3, seed: 7 });
    const model = fit();
    const again = fit();
    expect(Array.from(again.weights)).toEqual(Array.from(model.weights));

    const scorer = new SpanScorer();
    for (const s of toy(50, 2)) {
      const rows = table.instance(featuresOf(s.tokens), iobToBilou(s.tags));
      const emit = new Float64Array(s.tokens.length * LABEL_COUNT);
      for (let t = 0; t < s.tokens.length; t++) {
        for (let k = rows.offsets[t]!; k < rows.offsets[t + 1]!; k++) {
          for (let l = 0; l < LABEL_COUNT; l++) emit[t * LABEL_COUNT + l]! += model.weights[rows.rows[k]! * LABEL_COUNT + l]!;
        }
      }
      scorer.add(iobToSpans(s.tags), bilouToSpans(viterbi(emit, model.transitions, s.tokens.length)));
    }
    expect(scorer.report().micro.f1).toBe(1);
  });

  it('encodes to the same bytes every time and decodes to the same predictions', () => {
    const train = toy(100, 3);
    const table = FeatureTable.fromCounts(countFeatures(train.map((s) => featuresOf(s.tokens))), 1);
    const model = new Perceptron(table).train(train.map((s) => table.instance(featuresOf(s.tokens), iobToBilou(s.tags))), { epochs: 2, seed: 1 });
    const trained = { first: model, second: model, temperature: 2, meta: { note: 'toy' } };
    const bytes = encodeModel(trained);
    expect(encodeModel(trained).equals(bytes)).toBe(true);
    const decoded = decodeModel(bytes);
    expect(decoded.temperature).toBe(2);
    expect(decoded.meta).toEqual({ note: 'toy' });
    // Features that carry weight survive under their hashes; the quantised model decodes like the float one.
    expect(decoded.first.index.get('w-1=mr')).toBeTypeOf('number');
    expect(decoded.first.index.get('w=never-seen')).toBeUndefined();
    for (const s of toy(30, 4)) {
      const features = featuresOf(s.tokens);
      const best = (m: typeof decoded.first) => [...viterbi(emissions(m, resolveRows(m.index, features)), m.transitions, s.tokens.length)];
      expect(best(decoded.second)).toEqual(best(model));
      expect(best(decoded.second)).toEqual(iobToBilou(s.tags));
    }
    expect(() => decodeModel(Buffer.from('not a model'))).toThrow(/not a gzip file/);
  });
});

describe('feature hashing', () => {
  it('finds every stored feature and no unseen one', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `w=word${i}`);
    const pair = new Uint32Array(2);
    const hi = new Uint32Array(names.length);
    const lo = new Uint8Array(names.length);
    names.forEach((name, i) => {
      hashPair(name, pair);
      hi[i] = pair[0]!;
      lo[i] = pair[1]! & 0xff;
    });
    const index = new HashedIndex(hi, lo);
    names.forEach((name, i) => expect(index.get(name)).toBe(i));
    for (let i = 0; i < 20_000; i++) expect(index.get(`w=other${i}`)).toBeUndefined();
  });
});

describe('helpers', () => {
  it('normalises typographic punctuation to the training conventions', () => {
    expect(normaliseToken('\u201C')).toBe('"');
    expect(normaliseToken('\u2019s')).toBe("'s");
    expect(normaliseToken('\u2014')).toBe('-');
    expect(normaliseToken('\u200B')).toBe('_');
    expect(normaliseToken('x'.repeat(10_000)).length).toBeLessThanOrEqual(64);
  });

  it('tells title-case headlines from sentences', () => {
    expect(isTitleCaseHeadline(words('Markets Slide As Oil Prices Surge'))).toBe(true);
    expect(isTitleCaseHeadline(words('Angela Merkel met Emmanuel Macron in Paris'))).toBe(false);
    expect(isTitleCaseHeadline(words('SHARES FALL IN TOKYO'))).toBe(false);
  });

  it('re-tokenises hyphenated names the run-time way in every other document', () => {
    const doc = [{ tokens: ['Jean-Paul', 'Sartre', 'and', 'Toronto-based', 'well-known'], tags: ['B-PER', 'I-PER', 'O', 'B-MISC', 'O'] }];
    const split = (t: string): string[] => t.split(/(-)/);
    const [kept, changed] = augmentHyphens([doc, doc], split);
    expect(kept).toBe(doc);
    expect(changed![0]!.tokens).toEqual(['Jean', '-', 'Paul', 'Sartre', 'and', 'Toronto-based', 'well', '-', 'known']);
    expect(changed![0]!.tags).toEqual(['B-PER', 'I-PER', 'I-PER', 'I-PER', 'O', 'B-MISC', 'O', 'O', 'O']);
  });

  it('reads CoNLL text and rejects malformed lines naming the file', () => {
    const docs = parseConll('-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n-DOCSTART- -X- O O\n\nPeter NNP B-NP B-PER\n');
    expect(docs).toEqual([[{ tokens: ['EU', 'rejects'], tags: ['B-ORG', 'O'] }], [{ tokens: ['Peter'], tags: ['B-PER'] }]]);
    expect(() => parseConll('lonely\n', 'x.txt')).toThrow(/^x\.txt: line 1/);
  });
});

describe('tagDocument', () => {
  it('loads the weights lazily, once', () => {
    expect(modelLoadCount()).toBe(0);
    expect(tagDocument([[], []])).toEqual([[], []]);
    expect(modelLoadCount()).toBe(0);
    tagDocument([words('Hello there .')]);
    tagDocument([words('Goodbye .')]);
    expect(modelLoadCount()).toBe(1);
  });

  it('finds people, places and organisations in plain sentences', () => {
    const s1 = words('Angela Merkel met Emmanuel Macron in Paris on Tuesday .');
    const s2 = words('Shares of Acme Corp fell 3 percent on Wednesday .');
    const s3 = words('The European Union and the United Nations sent observers to Kenya .');
    const [t1, t2, t3] = tagDocument([s1, s2, s3]);
    expect(named(s1, t1!)).toEqual(['Angela Merkel/PER', 'Emmanuel Macron/PER', 'Paris/LOC']);
    expect(named(s2, t2!)).toEqual(['Acme Corp/ORG']);
    expect(named(s3, t3!)).toEqual(['European Union/ORG', 'United Nations/ORG', 'Kenya/LOC']);
    for (const span of [...t1!, ...t2!, ...t3!]) expect(span.confidence).toBeGreaterThan(0.5);
  });

  it('reads nationality adjectives as MISC and handles wink-style clitics and curly quotes', () => {
    const s = ['\u201C', 'We', 'will', 'not', 'give', 'up', ',', '\u201D', 'the', 'French', 'minister', 'told', 'Olga', 'Petrova', '\u2019s', 'staff', '.'];
    const [spans] = tagDocument([s]);
    expect(named(s, spans!)).toEqual(['French/MISC', 'Olga Petrova/PER']);
  });

  it('uses the rest of the document: a surname alone takes the type of the full name', () => {
    const doc = [
      words('Talvikki Haapanen , the new chair of the committee , spoke on Monday .'),
      words('Haapanen said the vote would be held in June .'),
    ];
    const [first, second] = tagDocument(doc);
    expect(named(doc[0]!, first!)).toContain('Talvikki Haapanen/PER');
    expect(named(doc[1]!, second!)).toEqual(['Haapanen/PER']);
  });

  it('keeps acronym titles out of names', () => {
    const s = words('The CEO of Acme Holdings met the CFO on Friday .');
    const [spans] = tagDocument([s]);
    expect(named(s, spans!)).toEqual(['Acme Holdings/ORG']);
  });

  it('does not read a title-case headline as one long name', () => {
    const s = words('Markets Slide In Tokyo As Oil Prices Surge');
    const [spans] = tagDocument([s]);
    expect(named(s, spans!)).toEqual(['Tokyo/LOC']);
  });

  it('is deterministic', () => {
    const doc = [words('Kofi Annan flew from New York to Geneva .'), words('Annan met Red Cross officials .')];
    expect(tagDocument(doc)).toEqual(tagDocument(doc));
  });

  it('never throws on arbitrary tokens and keeps spans in range, ordered and disjoint', () => {
    const token = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
      fc.constantFrom('\u202E', '\u0000', '\uD800', '😀', 'مرحبا', 'שלום', 'U.S.', "'s", 'n\'t', '\u201C', 'Paris', 'Mr.'),
    );
    fc.assert(
      fc.property(fc.array(fc.array(token, { maxLength: 25 }), { maxLength: 5 }), (doc) => {
        const result = tagDocument(doc);
        expect(result).toHaveLength(doc.length);
        result.forEach((spans, i) => {
          let last = 0;
          for (const s of spans) {
            expect(s.start).toBeGreaterThanOrEqual(last);
            expect(s.end).toBeGreaterThan(s.start);
            expect(s.end).toBeLessThanOrEqual(doc[i]!.length);
            expect(s.confidence).toBeGreaterThanOrEqual(0);
            expect(s.confidence).toBeLessThanOrEqual(1);
            last = s.end;
          }
        });
      }),
      { numRuns: 200 },
    );
    expect(tagDocument([])).toEqual([]);
    expect(tagDocument([['x'.repeat(100_000), 'Paris']])).toHaveLength(1);
    expect(tagDocument([Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? 'London' : 'and'))])[0]!.length).toBeGreaterThan(0);
  });
});

const TEST_FILE = fileURLToPath(new URL('../../../shared/data/conll2003/test.txt', import.meta.url));

describe('CoNLL-2003 test set', () => {
  const present = existsSync(TEST_FILE);
  if (!present) console.log(`skipping the CoNLL-2003 accuracy check: ${TEST_FILE} is absent`);
  it.skipIf(!present)('the shipped model scores at least 0.85 entity F1 on test.txt', () => {
    const scorer = new SpanScorer();
    for (const doc of readConll(TEST_FILE)) {
      const predicted = tagDocument(doc.map((s) => s.tokens));
      doc.forEach((s, i) => scorer.add(iobToSpans(s.tags), predicted[i]!));
    }
    expect(scorer.report().micro.f1).toBeGreaterThanOrEqual(0.85);
  });
});

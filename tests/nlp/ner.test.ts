import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { augmentHyphens } from '../../src/nlp/ner/augment.js';
import {
  LABELS, LABEL_COUNT, VALID, bilouToSpans, iobToBilou, iobToSpans, labelId, spansToBilou, spansToIob, validEnd, validTransition,
  type Span,
} from '../../src/nlp/ner/bilou.js';
import { parseConll, readConll } from '../../src/nlp/ner/conll.js';
import {
  createLattice, emissions, forwardBackward, reserveLattice, resolveRows, runForwardBackward, scaleTransitions, spanProbability, viterbi,
} from '../../src/nlp/ner/decode.js';
import { SpanScorer } from '../../src/nlp/ner/evaluate.js';
import { HashPrefix, HashedIndex, addPart, addSeparator, beginName, findName, finishName, hashPair } from '../../src/nlp/ner/feature-hash.js';
import { firstOf, pack, secondOf } from '../../src/nlp/ner/compiled-model.js';
import { GAZ, GAZ_CATEGORIES, gazMatchName, gazetteerMatches, gazetteerPhrases } from '../../src/nlp/ner/gazetteer.js';
import { tokenInfo } from '../../src/nlp/ner/features.js';
import { isTitleCaseHeadline } from '../../src/nlp/ner/headline.js';
import { decodeModel, encodeModel } from '../../src/nlp/ner/model-file.js';
import { normaliseToken } from '../../src/nlp/ner/normalise.js';
import { FeatureTable, Perceptron, countFeatures } from '../../src/nlp/ner/perceptron.js';
import { seededRandom } from '../../src/random.js';
import { sharedFile } from '../helpers/required-tools.js';
import { defaultModel, modelLoadCount, tagDocument, tagWithModel, tagWithModelReference, type NameSpan } from '../../src/nlp/ner/tagger.js';

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
  // The textbook recursions over all label pairs, which the structured ones in decode.ts must match exactly.
  const denseViterbi = (emit: ArrayLike<number>, trans: ArrayLike<number>, n: number): number[] => {
    const L = LABEL_COUNT;
    const score = new Float64Array(n * L);
    const back = new Int32Array(n * L);
    for (let l = 0; l < L; l++) score[l] = VALID[L * L + l] ? emit[l]! + trans[L * L + l]! : -Infinity;
    for (let t = 1; t < n; t++) {
      for (let l = 0; l < L; l++) {
        let best = -Infinity;
        let arg = 0;
        for (let p = 0; p < L; p++) {
          if (!VALID[p * L + l]) continue;
          const v = score[(t - 1) * L + p]! + trans[p * L + l]!;
          if (v > best) (best = v), (arg = p);
        }
        score[t * L + l] = best + emit[t * L + l]!;
        back[t * L + l] = arg;
      }
    }
    let best = -Infinity;
    let arg = 0;
    for (let l = 0; l < L; l++) if (validEnd(l) && score[(n - 1) * L + l]! > best) (best = score[(n - 1) * L + l]!), (arg = l);
    const labels = [arg];
    for (let t = n - 1; t > 0; t--) labels.unshift(back[t * L + labels[0]!]!);
    return labels;
  };

  it('Viterbi gives exactly the dense recursion\'s path, ties broken the same way', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), fc.boolean(), (n, seed, coarse) => {
        const random = seededRandom(seed);
        // Coarse integer scores make ties common; fine ones exercise the pruning of dominated predecessors.
        const draw = (range: number) => (coarse ? Math.round((random() - 0.5) * 4) : (random() - 0.5) * range);
        const emit = Float64Array.from({ length: n * LABEL_COUNT }, () => draw(40));
        const trans = Float64Array.from({ length: (LABEL_COUNT + 1) * LABEL_COUNT }, () => draw(8));
        expect([...viterbi(emit, trans, n)]).toEqual(denseViterbi(emit, trans, n));
      }),
      { numRuns: 500 },
    );
  });

  it('span probabilities equal brute-force sums over all label sequences, whatever the range of the recursions', () => {
    const L = LABEL_COUNT;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer(), (n, seed) => {
        const random = seededRandom(seed);
        const emit = Float64Array.from({ length: n * L }, () => (random() - 0.5) * 12);
        const trans = Float64Array.from({ length: (L + 1) * L }, () => (random() - 0.5) * 4);
        const temperature = 0.5 + 2 * random();
        const labels = viterbi(emit, trans, n);
        // Every valid sequence and its weight.
        const weights: { seq: number[]; w: number }[] = [];
        const walk = (seq: number[]): void => {
          if (seq.length === n) {
            if (!validEnd(seq[n - 1]!)) return;
            let score = 0;
            seq.forEach((l, t) => (score += emit[t * L + l]! + trans[(t === 0 ? L : seq[t - 1]!) * L + l]!));
            weights.push({ seq, w: Math.exp(score / temperature) });
            return;
          }
          for (let l = 0; l < L; l++) if (VALID[(seq.length === 0 ? L : seq[seq.length - 1]!) * L + l]) walk([...seq, l]);
        };
        walk([]);
        const z = weights.reduce((a, x) => a + x.w, 0);
        const full = forwardBackward(emit, trans, n, temperature);
        for (const span of bilouToSpans(labels)) {
          const exact = weights.filter((x) => x.seq.slice(span.start, span.end).every((l, i) => l === labels[span.start + i])).reduce((a, x) => a + x.w, 0) / z;
          expect(spanProbability(full, labels, span.start, span.end)).toBeCloseTo(exact, 10);
          // The tagger runs the forward recursion only to the last span's end and the backward one only to the first's.
          const partial = createLattice();
          reserveLattice(partial, n);
          partial.emit.set(full.emit.subarray(0, n * L));
          runForwardBackward(partial, scaleTransitions(trans, temperature), n, span.end - 1, span.end - 1);
          expect(spanProbability(partial, labels, span.start, span.end)).toBeCloseTo(exact, 10);
        }
      }),
      { numRuns: 60 },
    );
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
  it('hashes a name given in parts exactly as the whole string, and finds rows in batches as one by one', () => {
    const part = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('\uD800', '\uDC00', '😀', 'x'.repeat(700), ''),
    );
    const prefix = new HashPrefix('w-1|w=');
    const pair = new Uint32Array(2);
    const names = new Int32Array(2);
    fc.assert(
      fc.property(part, part, (a, b) => {
        hashPair(`w-1|w=${a}|${b}`, pair);
        beginName(prefix, prefix.text.length + a.length + 1 + b.length);
        addPart(a);
        addSeparator();
        addPart(b);
        finishName(names, 0);
        expect(names[0]! >>> 0).toBe(pair[0]);
        expect(names[1]).toBe(pair[1]! & 0xff);
      }),
      { numRuns: 400 },
    );
    const stored = Array.from({ length: 5000 }, (_, i) => `f=${i}`);
    const hi = new Uint32Array(stored.length);
    const lo = new Uint8Array(stored.length);
    stored.forEach((name, i) => {
      hashPair(name, pair);
      hi[i] = pair[0]!;
      lo[i] = pair[1]! & 0xff;
    });
    const index = new HashedIndex(hi, lo);
    const queries = [...stored.slice(0, 300), ...Array.from({ length: 300 }, (_, i) => `g=${i}`)];
    const batch = new Int32Array(2 * queries.length);
    queries.forEach((name, k) => {
      hashPair(name, pair);
      batch[2 * k] = pair[0]! | 0;
      batch[2 * k + 1] = pair[1]! & 0xff;
    });
    const rows = new Int32Array(queries.length);
    index.findAll(batch, queries.length, rows, 0);
    expect([...rows]).toEqual(queries.map((name) => index.get(name) ?? -1));
    expect(rows.slice(0, 300).every((r, i) => r === i)).toBe(true);
    const f = new HashPrefix('f=');
    beginName(f, f.text.length + 4);
    addPart('4999');
    expect(findName(index)).toBe(4999);
  });

  it('packs both passes\' sums in one int and takes them apart again', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -127, max: 127 }), fc.integer({ min: -127, max: 127 })), { maxLength: 250 }), (weights) => {
        let packed = 0;
        for (const [a, b] of weights) packed = (packed + pack(a, b)) | 0;
        expect(firstOf(packed)).toBe(weights.reduce((s, [a]) => s + a, 0));
        expect(secondOf(packed)).toBe(weights.reduce((s, [, b]) => s + b, 0));
      }),
    );
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
  it('computes word shapes as the per-character case tests define them', () => {
    const LETTER = /\p{L}/u;
    const reference = (word: string): { shape: string; short: string } => {
      let shape = '';
      let short = '';
      let last = '';
      let run = 0;
      for (const ch of word) {
        const c = ch >= '0' && ch <= '9' ? 'd' : ch.toLowerCase() !== ch ? 'X' : ch.toUpperCase() !== ch || LETTER.test(ch) ? 'x' : ch;
        run = c === last ? run + 1 : 1;
        if (run <= 4) shape += c;
        if (c !== last) short += c;
        last = c;
      }
      return { shape, short };
    };
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 16 }), fc.string({ maxLength: 16 }), fc.constantFrom('McDonald', 'U.S.', '1996', 'ÉTAT', 'ǅemal', '😀x')), (word) => {
        const { shape, short } = tokenInfo(word);
        expect({ shape, short }).toEqual(reference(word));
      }),
      { numRuns: 500 },
    );
  });

  it('finds dictionary phrases as joining the words with spaces would, also across tokens that hold spaces', () => {
    const phrases = gazetteerPhrases();
    const naming = new Set<string>([GAZ.country, GAZ.demonym, GAZ.city, GAZ.region, GAZ.body, GAZ.given, GAZ.orgSuffix, GAZ.orgHead]);
    const starts = new Set([...phrases.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!));
    const maxWords = Math.max(...[...phrases.keys()].map((k) => k.split(' ').length));
    // gazetteer.ts before its trie: every window of words joined by spaces, longest first.
    const reference = (tokens: string[]): string[][] => {
      const out: string[][] = tokens.map(() => []);
      const keys = tokens.map((t) => t.toLowerCase());
      for (let i = 0; i < tokens.length; i++) {
        const seen = new Set<number>();
        const longest = starts.has(keys[i]!) ? Math.min(maxWords, tokens.length - i) : 1;
        for (let n = longest; n >= 1; n--) {
          const phrase = keys.slice(i, i + n).join(' ');
          let cats = phrases.get(phrase);
          if (!cats && n === 1 && phrase.length > 1 && phrase.endsWith('.')) cats = phrases.get(phrase.slice(0, -1));
          for (const cat of cats ?? []) {
            const name = GAZ_CATEGORIES[cat]!;
            if (seen.has(cat)) continue;
            if (name === GAZ.acronym ? !(/\p{L}/u.test(tokens[i]!) && tokens[i] === tokens[i]!.toUpperCase() && tokens[i]!.length > 1) || n > 1 : naming.has(name) && !/^\p{Lu}/u.test(tokens[i]!)) continue;
            seen.add(cat);
            if (n === 1) out[i]!.push(gazMatchName(cat * 4 + 3));
            else {
              out[i]!.push(gazMatchName(cat * 4));
              for (let k = 1; k < n - 1; k++) out[i + k]!.push(gazMatchName(cat * 4 + 1));
              out[i + n - 1]!.push(gazMatchName(cat * 4 + 2));
            }
          }
        }
      }
      return out;
    };
    const multiword = [...phrases.keys()].filter((k) => k.split(' ').length >= 2);
    const random = seededRandom(11);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const variants = (w: string): string[] => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase(), w + '.'];
    for (let run = 0; run < 3000; run++) {
      const tokens: string[] = [];
      while (tokens.length < 8) {
        const words = pick([...multiword, ...[...phrases.keys()].slice(0, 400), 'the', 'of', 'said']).split(' ');
        // Sometimes a whole phrase, or part of one, arrives as one token with spaces inside.
        if (words.length > 1 && random() < 0.2) {
          const cut = 1 + Math.floor(random() * (words.length - 1));
          tokens.push(pick(variants(words[0]!)), ...(cut > 1 ? [words.slice(1, cut).join(' ')] : []), words.slice(cut).join(' '));
        } else tokens.push(...words.map((w) => pick(variants(w))));
      }
      expect(gazetteerMatches(tokens)).toEqual(reference(tokens));
    }
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

describe('the fast path', () => {
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('Kofi', 'Annan', 'Talvikki', 'Haapanen', 'Acme', 'Corp', 'Corp.', 'Holdings', 'Mr.', 'Paris', 'Kenya', 'New', 'York', 'United', 'Nations', 'European', 'Union', 'French') },
    { weight: 6, arbitrary: fc.constantFrom('the', 'of', 'at', 'said', 'in', 'and', 'met', 'on', 'Tuesday', ',', '.', '"', "'s", '(', ')', '-') },
    { weight: 2, arbitrary: fc.constantFrom('CEO', 'CFO', 'UN', 'U.S.', 'NATO', 'ACME', 'PARIS', 'SAID', 'IN') },
    { weight: 2, arbitrary: fc.constantFrom('1996', '3.5', '10-15', 'well-known', 'Jean-Paul', 'x'.repeat(30), 'y'.repeat(70), 'Zürich', 'São', 'ǅemal', '😀', '\uD800', '\u2019s', '\u201C', '\u00A0', '\u200B', '', 'new york', ' x') },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  );
  const sentence = fc.tuple(fc.array(token, { maxLength: 25 }), fc.constantFrom('as is', 'as is', 'as is', 'capitals', 'title case')).map(([tokens, form]) =>
    form === 'capitals' ? tokens.map((t) => t.toUpperCase()) : form === 'title case' ? tokens.map((t) => (t ? t[0]!.toUpperCase() + t.slice(1) : t)) : tokens,
  );
  const agree = (doc: string[][]): void => {
    const model = defaultModel();
    const fast = tagWithModel(model, doc);
    const reference = tagWithModelReference(model, doc);
    expect(fast.map((s) => s.map(({ start, end, type }) => ({ start, end, type })))).toEqual(reference.map((s) => s.map(({ start, end, type }) => ({ start, end, type }))));
    fast.forEach((s, i) => s.forEach((span, k) => expect(span.confidence).toBeCloseTo(reference[i]![k]!.confidence, 9)));
  };

  it('tags exactly as the feature-string reference', () => {
    fc.assert(fc.property(fc.array(sentence, { maxLength: 6 }), agree), { numRuns: 300 });
  });

  it('gives the same results after its word cache has started over', () => {
    const doc = [words('Kofi Annan met Talvikki Haapanen of Acme Corp in Paris .'), words('ANNAN SAID THE UN WOULD ACT'), words('Haapanen said on Tuesday .')];
    agree(doc);
    // More distinct words than the cache keeps, in one document; the cache starts over before the next one.
    const many = Array.from({ length: 2000 }, (_, s) => Array.from({ length: 20 }, (_, i) => `Zq${s}x${i}`));
    tagWithModel(defaultModel(), many);
    agree(doc);
    agree(many.slice(0, 50));
  });
});

describe('CoNLL-2003 test set', () => {
  it('the fast path tags the whole of test.txt exactly as the reference', () => {
    const model = defaultModel();
    for (const doc of readConll(sharedFile('data/conll2003/test.txt'))) {
      const sentences = doc.map((s) => s.tokens);
      const fast = tagWithModel(model, sentences);
      const reference = tagWithModelReference(model, sentences);
      fast.forEach((spans, i) => {
        expect(spans.map(({ start, end, type }) => `${start}:${end}:${type}`)).toEqual(reference[i]!.map(({ start, end, type }) => `${start}:${end}:${type}`));
        spans.forEach((span, k) => expect(Math.abs(span.confidence - reference[i]![k]!.confidence)).toBeLessThan(1e-12));
      });
    }
  });

  it('the shipped model scores at least 0.85 entity F1 on test.txt', () => {
    const scorer = new SpanScorer();
    for (const doc of readConll(sharedFile('data/conll2003/test.txt'))) {
      const predicted = tagDocument(doc.map((s) => s.tokens));
      doc.forEach((s, i) => scorer.add(iobToSpans(s.tags), predicted[i]!));
    }
    expect(scorer.report().micro.f1).toBeGreaterThanOrEqual(0.85);
  });
});

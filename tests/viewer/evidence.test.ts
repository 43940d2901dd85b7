import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citedSpan, snapToCodePoints, splitSentence } from '../../viewer/src/logic/evidence.js';

function place(body: string, sentence: string, cited: string) {
  const sentenceStart = body.indexOf(sentence);
  const start = body.indexOf(cited, sentenceStart);
  if (sentenceStart < 0 || start < 0) throw new Error('bad fixture');
  return { article: 'a1', sentence, sentenceStart, start, end: start + cited.length };
}

describe('cited span in an evidence sentence', () => {
  it('uses body offsets minus the sentence offset', () => {
    const body = 'Intro line. The council urged the mayor to resign on Monday. Outro.';
    const ev = place(body, 'The council urged the mayor to resign on Monday.', 'council urged the mayor');
    const { span, method } = citedSpan(ev);
    expect(method).toBe('offsets');
    expect(splitSentence(ev.sentence, span)).toEqual({ before: 'The ', mark: 'council urged the mayor', after: ' to resign on Monday.' });
  });

  it('counts astral characters (emoji) as two code units, like the pipeline does', () => {
    const body = '🙂🙂 Héllo. 🇫🇷 Zoë 👩‍👩‍👧 met 𝒜lice in Paris. End.';
    const ev = place(body, '🇫🇷 Zoë 👩‍👩‍👧 met 𝒜lice in Paris.', 'Zoë 👩‍👩‍👧 met 𝒜lice');
    const pieces = splitSentence(ev.sentence, citedSpan(ev).span);
    expect(pieces.mark).toBe('Zoë 👩‍👩‍👧 met 𝒜lice');
    expect(pieces.before).toBe('🇫🇷 ');
    expect(pieces.after).toBe(' in Paris.');
  });

  it('never cuts a surrogate pair in half', () => {
    const text = 'a😀b';
    expect(snapToCodePoints(text, { start: 2, end: 3 })).toEqual({ start: 1, end: 3 });
    expect(snapToCodePoints(text, { start: 0, end: 2 })).toEqual({ start: 0, end: 3 });
    const ev = { article: 'x', sentence: text, sentenceStart: 10, start: 12, end: 13 };
    const { mark } = splitSentence(text, citedSpan(ev).span);
    expect(mark).toBe('😀');
    expect(mark!.isWellFormed()).toBe(true);
  });

  it('property: with sentenceStart the mark is exactly body.slice(start, end)', () => {
    const unit = fc.constantFrom('a', 'Z', ' ', 'é', '😀', '👩‍👩‍👧', '𝒜', '中', '.', '\u0301');
    const text = fc.array(unit, { minLength: 1, maxLength: 30 }).map((a) => a.join(''));
    fc.assert(fc.property(text, text, text, fc.nat(), fc.nat(), (pre, sentence, post, i, j) => {
      const body = `${pre}${sentence}${post}`;
      const sentenceStart = pre.length;
      // Spans on code point boundaries, as the pipeline produces them.
      const cps = [...sentence];
      const bounds = [0];
      for (const cp of cps) bounds.push(bounds.at(-1)! + cp.length);
      const a = bounds[i % bounds.length]!;
      const b = bounds[j % bounds.length]!;
      const [s, e] = a <= b ? [a, b] : [b, a];
      fc.pre(s < e);
      const ev = { article: 'x', sentence, sentenceStart, start: sentenceStart + s, end: sentenceStart + e };
      const pieces = splitSentence(sentence, citedSpan(ev).span);
      expect(pieces.mark).toBe(body.slice(sentenceStart + s, sentenceStart + e));
      expect(pieces.before + pieces.mark + pieces.after).toBe(sentence);
    }), { numRuns: 500 });
  });

  it('without sentenceStart, places the span by the names of the edge ends', () => {
    const sentence = 'On Tuesday the Harbour Trust criticised Mayor Okafor over the delay.';
    const cited = 'Harbour Trust criticised Mayor Okafor';
    const ev = { article: 'a', sentence, start: 500, end: 500 + cited.length };
    const result = citedSpan(ev, ['Harbour Trust', 'Mayor Okafor', 'Okafor']);
    expect(result.method).toBe('search');
    expect(splitSentence(sentence, result.span).mark).toBe(cited);
  });

  it('without sentenceStart, marks the whole sentence when the span is as long as it', () => {
    const sentence = 'Ana met Bo.';
    expect(citedSpan({ article: 'a', sentence, start: 40, end: 40 + sentence.length })).toEqual({ span: { start: 0, end: 11 }, method: 'whole' });
  });

  it('marks nothing rather than the wrong words when it cannot place the span', () => {
    const sentence = 'Nothing here names either end of the edge.';
    expect(citedSpan({ article: 'a', sentence, start: 5, end: 12 }, ['Ana', 'Bo'])).toEqual({ span: null, method: 'none' });
    expect(splitSentence(sentence, null)).toEqual({ before: sentence, mark: null, after: '' });
    // Offsets that do not fit the sentence fall back to the search, here with nothing to find.
    expect(citedSpan({ article: 'a', sentence, sentenceStart: 100, start: 90, end: 95 }).method).toBe('none');
    expect(citedSpan({ article: 'a', sentence, start: 7, end: 7 }).method).toBe('none');
  });
});

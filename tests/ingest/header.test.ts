import { describe, expect, it } from 'vitest';
import { splitHeader, checkIsoDate } from '../../src/ingest/header.js';
import { parseTextArticle } from '../../src/ingest/text-article.js';

describe('date line', () => {
  it('reads date and publisher from " date YYYY-MM-DD Publisher Name"', () => {
    const { header, rest } = splitHeader(' date 2019-03-07 The Daily Planet\n\nBody text.', 'a.txt');
    expect(header).toEqual({ date: '2019-03-07', publisher: 'The Daily Planet' });
    expect(rest).toBe('\nBody text.');
  });

  it('accepts a date line without a publisher', () => {
    expect(splitHeader('date 2020-02-29\nBody', 'a.txt').header).toEqual({ date: '2020-02-29' });
  });

  it('leaves text without a date line alone', () => {
    const text = 'Dates matter.\n\nMore text.';
    expect(splitHeader(text, 'a.txt')).toEqual({ header: {}, rest: text });
  });

  it.each([
    [' date 2019-13-01 Paper', 'a.txt: malformed date line: month 13 out of range in 2019-13-01'],
    [' date 2019-02-30 Paper', 'a.txt: malformed date line: day 30 out of range in 2019-02-30'],
    [' date yesterday Paper', 'a.txt: malformed date line: expected YYYY-MM-DD, got "yesterday"'],
    [' date', 'a.txt: malformed date line: no date after "date" (expected " date YYYY-MM-DD Publisher")'],
  ])('refuses %j with a one-line error naming the file', (line, message) => {
    expect(() => splitHeader(`${line}\n\nBody.`, 'a.txt')).toThrow(message);
  });

  it('knows leap years', () => {
    expect(checkIsoDate('2024-02-29')).toBeNull();
    expect(checkIsoDate('2023-02-29')).toMatch(/day 29/);
  });
});

describe('text articles', () => {
  it('takes a short first paragraph without closing punctuation as the headline and keeps it in the body', () => {
    const a = parseTextArticle(' date 2021-05-01 Wire\n\nCouncil backs new plan\n\nThe council voted on Monday.', { id: 'x', file: 'x.txt' });
    expect(a).toMatchObject({ id: 'x', date: '2021-05-01', publisher: 'Wire', title: 'Council backs new plan' });
    expect(a.body).toBe('Council backs new plan\n\nThe council voted on Monday.');
  });

  it('does not take a first sentence for a headline', () => {
    const a = parseTextArticle('London, 4 May - The council voted on Monday.\n\nMore.', { id: 'x', file: 'x.txt' });
    expect(a.title).toBeUndefined();
  });

  it('normalises Windows line endings so offsets are stable', () => {
    const a = parseTextArticle(' date 2021-05-01 Wire\r\n\r\nFirst para.\r\n\r\nSecond para.', { id: 'x', file: 'x.txt' });
    expect(a.body).toBe('First para.\n\nSecond para.');
  });
});

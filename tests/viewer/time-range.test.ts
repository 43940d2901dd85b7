import { describe, expect, it } from 'vitest';
import { binStart, dayOf, histogram, parseRange, formatRange, stepRange, unitFor } from '../../viewer/src/logic/time-range.js';

describe('time bins', () => {
  it('bins by day over two months, by week up to two years, by month beyond', () => {
    expect(unitFor('2024-01-01', '2024-03-01')).toBe('day');
    expect(unitFor('2024-01-01', '2024-03-05')).toBe('week');
    expect(unitFor('2024-01-01', '2025-12-20')).toBe('week');
    expect(unitFor('2015-01-01', '2024-12-31')).toBe('month');
  });

  it('starts weeks on Monday and months on the first', () => {
    // 2024-03-07 is a Thursday.
    expect(binStart('2024-03-07', 'week')).toBe('2024-03-04');
    expect(binStart('2024-03-04', 'week')).toBe('2024-03-04');
    expect(binStart('2024-03-07', 'month')).toBe('2024-03-01');
  });

  it('counts articles per bin with the empty bins between, and undated ones apart', () => {
    const h = histogram(['2024-01-08', '2024-01-10', null, '2024-02-19', '2024-03-25', 'not a date']);
    expect(h.unit).toBe('week');
    expect(h.dated).toBe(4);
    expect(h.undated).toBe(2);
    expect(h.bins[0]).toEqual({ from: '2024-01-08', to: '2024-01-14', count: 2 });
    expect(h.bins.at(-1)).toEqual({ from: '2024-03-25', to: '2024-03-31', count: 1 });
    expect(h.bins.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(h.bins.filter((b) => b.count === 0).length).toBe(h.bins.length - 3);
  });

  it('reads a day from a date or a timestamp, and refuses what is not one', () => {
    expect(dayOf('2024-02-29T10:00:00Z')).toBe('2024-02-29');
    expect(dayOf('2023-02-29')).toBeNull();
    expect(dayOf(20240101)).toBeNull();
  });

  it('writes and reads a range, in either order, and ignores a broken one', () => {
    expect(parseRange(formatRange({ from: '2024-01-01', to: '2024-02-01' }))).toEqual({ from: '2024-01-01', to: '2024-02-01' });
    expect(parseRange('2024-02-01..2024-01-01')).toEqual({ from: '2024-01-01', to: '2024-02-01' });
    expect(parseRange('2024-01-01..')).toBeNull();
  });

  it('plays a window of the same width one bin at a time, stopping at the end', () => {
    const { bins } = histogram(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04']);
    expect(stepRange(null, bins)).toEqual({ from: '2024-01-01', to: '2024-01-01' });
    expect(stepRange({ from: '2024-01-01', to: '2024-01-02' }, bins)).toEqual({ from: '2024-01-02', to: '2024-01-03' });
    expect(stepRange({ from: '2024-01-03', to: '2024-01-04' }, bins)).toBeNull();
  });
});

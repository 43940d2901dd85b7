/**
 * Time: the articles' dates binned by day, week or month (chosen from the span, so the histogram has a readable
 * number of bars), and the chosen range, whole days from `from` to `to` inclusive, as ISO dates.
 */

export type BinUnit = 'day' | 'week' | 'month';

export interface DateRange {
  from: string;
  to: string;
}

export interface Bin {
  /** First and last day of the bin (ISO). */
  from: string;
  to: string;
  /** Articles dated in the bin. */
  count: number;
}

export interface Histogram {
  unit: BinUnit;
  bins: Bin[];
  /** Dated articles in all; articles without a usable date are counted apart. */
  dated: number;
  undated: number;
}

const DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The article's day as an ISO date, or null (a timestamp is cut to its day). */
export function dayOf(date: unknown): string | null {
  if (typeof date !== 'string') return null;
  const day = date.slice(0, 10);
  const m = ISO_DATE.exec(day);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day ? day : null;
}

const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Up to about this many bars: days for two months, weeks for about two years, months beyond. */
export function unitFor(first: string, last: string): BinUnit {
  const days = (toTime(last) - toTime(first)) / DAY + 1;
  if (days <= 62) return 'day';
  if (days <= 7 * 104) return 'week';
  return 'month';
}

/** The first day of the bin holding `day` (weeks start on Monday). */
export function binStart(day: string, unit: BinUnit): string {
  if (unit === 'day') return day;
  if (unit === 'month') return `${day.slice(0, 7)}-01`;
  const t = toTime(day);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return toDay(t - weekday * DAY);
}

/** The first day of the next bin. */
export function nextBin(start: string, unit: BinUnit): string {
  if (unit === 'day') return toDay(toTime(start) + DAY);
  if (unit === 'week') return toDay(toTime(start) + 7 * DAY);
  const d = new Date(toTime(start));
  return toDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

export const previousDay = (day: string) => toDay(toTime(day) - DAY);

/** Articles per bin over the whole span, empty bins included. */
export function histogram(days: Iterable<string | null | undefined>): Histogram {
  const counts = new Map<string, number>();
  let undated = 0;
  let first: string | null = null;
  let last: string | null = null;
  const all: string[] = [];
  for (const raw of days) {
    const day = dayOf(raw);
    if (!day) { undated++; continue; }
    all.push(day);
    if (first === null || day < first) first = day;
    if (last === null || day > last) last = day;
  }
  if (first === null || last === null) return { unit: 'day', bins: [], dated: 0, undated };
  const unit = unitFor(first, last);
  for (const day of all) {
    const start = binStart(day, unit);
    counts.set(start, (counts.get(start) ?? 0) + 1);
  }
  const bins: Bin[] = [];
  for (let start = binStart(first, unit); start <= last; start = nextBin(start, unit)) {
    bins.push({ from: start, to: previousDay(nextBin(start, unit)), count: counts.get(start) ?? 0 });
  }
  return { unit, bins, dated: all.length, undated };
}

export function inRange(day: string | null, range: DateRange | null): boolean {
  if (!range) return true;
  return day !== null && day >= range.from && day <= range.to;
}

/** `from..to`, as the URL holds it. */
export function formatRange(range: DateRange): string {
  return `${range.from}..${range.to}`;
}

export function parseRange(text: string | null): DateRange | null {
  if (!text) return null;
  const [from, to] = text.split('..');
  const a = dayOf(from);
  const b = dayOf(to);
  if (!a || !b) return null;
  return a <= b ? { from: a, to: b } : { from: b, to: a };
}

/**
 * The next window of a playback: the same number of bins, one bin later; null once the window would pass the last
 * bin. Without a range the window is the first bin.
 */
export function stepRange(range: DateRange | null, bins: readonly Bin[]): DateRange | null {
  if (!bins.length) return null;
  if (!range) return { from: bins[0]!.from, to: bins[0]!.to };
  const first = bins.findIndex((b) => b.to >= range.from);
  const last = bins.findIndex((b) => b.to >= range.to);
  if (first < 0 || last < 0 || last + 1 >= bins.length) return null;
  return { from: bins[first + 1]!.from, to: bins[last + 1]!.to };
}

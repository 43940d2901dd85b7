/**
 * The timeline under the graph: articles per day, week or month as bars, a brush to pick a range of bins (drag
 * across them; a click picks one), a play button that steps the range through time, and a button to clear it.
 * It only reports ranges; the app filters.
 */
import { stepRange, type DateRange, type Histogram } from '../logic/time-range.js';
import { byId, clear, svgEl } from './dom.js';

export interface TimelineOptions {
  histogram: Histogram;
  range: DateRange | null;
  stepMs: number;
  change(range: DateRange | null): void;
  signal: AbortSignal;
}

const UNIT_WORD = { day: 'day', week: 'week', month: 'month' } as const;
const HEIGHT = 48;

export class Timeline {
  private range: DateRange | null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly chart: SVGElement;
  private readonly brush: SVGElement;
  private readonly bars: SVGElement[] = [];

  constructor(private readonly o: TimelineOptions) {
    this.range = o.range;
    const root = byId('timeline');
    const { bins } = o.histogram;
    root.hidden = bins.length === 0;
    document.body.classList.toggle('has-timeline', bins.length > 0);
    const holder = byId('timeline-chart');
    clear(holder);
    this.chart = svgEl('svg', { viewBox: `0 0 ${Math.max(1, bins.length)} ${HEIGHT}`, preserveAspectRatio: 'none', role: 'img',
      'aria-label': `Articles per ${UNIT_WORD[o.histogram.unit]}; drag to choose a range` });
    const max = Math.max(1, ...bins.map((b) => b.count));
    bins.forEach((bin, i) => {
      const h = bin.count ? Math.max(2, (bin.count / max) * (HEIGHT - 4)) : 0;
      const bar = svgEl('rect', { x: i + 0.1, y: HEIGHT - h, width: 0.8, height: h, class: 'bar', 'data-from': bin.from });
      const tip = svgEl('title');
      tip.textContent = `${bin.from === bin.to ? bin.from : `${bin.from} – ${bin.to}`}: ${bin.count} article${bin.count === 1 ? '' : 's'}`;
      bar.appendChild(tip);
      this.bars.push(bar);
      this.chart.appendChild(bar);
    });
    this.brush = svgEl('rect', { x: 0, y: 0, width: 0, height: HEIGHT, class: 'brush' });
    this.chart.appendChild(this.brush);
    holder.appendChild(this.chart);
    this.wireBrush(holder);
    const play = byId<HTMLButtonElement>('timeline-play');
    const reset = byId<HTMLButtonElement>('timeline-clear');
    play.addEventListener('click', () => (this.timer ? this.stop() : this.play()), { signal: o.signal });
    reset.addEventListener('click', () => { this.stop(); this.emit(null); }, { signal: o.signal });
    o.signal.addEventListener('abort', () => this.stop());
    this.show();
  }

  /** Reflects a range set elsewhere (the URL). */
  set(range: DateRange | null): void {
    this.range = range;
    this.show();
  }

  get playing(): boolean {
    return this.timer !== undefined;
  }

  private emit(range: DateRange | null): void {
    this.range = range;
    this.show();
    this.o.change(range);
  }

  private binAt(holder: HTMLElement, clientX: number): number {
    const box = holder.getBoundingClientRect();
    const n = this.o.histogram.bins.length;
    return Math.min(n - 1, Math.max(0, Math.floor(((clientX - box.left) / Math.max(1, box.width)) * n)));
  }

  private wireBrush(holder: HTMLElement): void {
    let start: number | null = null;
    let end = 0;
    const bins = this.o.histogram.bins;
    const preview = () => {
      const [a, b] = start! <= end ? [start!, end] : [end, start!];
      this.drawBrush(a, b);
    };
    holder.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      this.stop();
      holder.setPointerCapture(event.pointerId);
      start = end = this.binAt(holder, event.clientX);
      preview();
    }, { signal: this.o.signal });
    holder.addEventListener('pointermove', (event) => {
      if (start === null) return;
      end = this.binAt(holder, event.clientX);
      preview();
    }, { signal: this.o.signal });
    const finish = (event: PointerEvent) => {
      if (start === null) return;
      end = this.binAt(holder, event.clientX);
      const [a, b] = start <= end ? [start, end] : [end, start];
      start = null;
      this.emit({ from: bins[a]!.from, to: bins[b]!.to });
    };
    holder.addEventListener('pointerup', finish, { signal: this.o.signal });
    holder.addEventListener('pointercancel', () => { start = null; this.show(); }, { signal: this.o.signal });
  }

  private drawBrush(a: number, b: number): void {
    this.brush.setAttribute('x', String(a));
    this.brush.setAttribute('width', String(b - a + 1));
    this.bars.forEach((bar, i) => bar.classList.toggle('in', i >= a && i <= b));
  }

  private show(): void {
    const { bins } = this.o.histogram;
    const label = byId('timeline-label');
    byId<HTMLButtonElement>('timeline-clear').disabled = !this.range;
    byId('timeline-play').textContent = this.timer ? '❚❚' : '▶';
    byId('timeline-play').setAttribute('aria-label', this.timer ? 'Pause' : 'Play through time');
    if (!this.range) {
      this.brush.setAttribute('width', '0');
      this.bars.forEach((bar) => bar.classList.remove('in'));
      const { dated, undated } = this.o.histogram;
      label.textContent = bins.length ? `${bins[0]!.from} – ${bins.at(-1)!.to} · ${dated} articles${undated ? ` (${undated} undated)` : ''} · drag to choose a range` : '';
      return;
    }
    const a = bins.findIndex((bin) => bin.to >= this.range!.from);
    let b = bins.findIndex((bin) => bin.to >= this.range!.to);
    if (b < 0) b = bins.length - 1;
    if (a >= 0) this.drawBrush(a, b);
    let count = 0;
    for (const bin of bins) if (bin.from <= this.range.to && bin.to >= this.range.from) count += bin.count;
    label.textContent = `${this.range.from} – ${this.range.to} · ${count} article${count === 1 ? '' : 's'}`;
  }

  play(): void {
    if (this.timer) return;
    const step = () => {
      const next = stepRange(this.range, this.o.histogram.bins);
      if (!next) { this.stop(); return; }
      this.emit(next);
    };
    // From the start when the range already reached the end.
    if (this.range && !stepRange(this.range, this.o.histogram.bins)) this.range = null;
    this.timer = setInterval(step, this.o.stepMs);
    step();
    this.show();
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.show();
  }
}

/**
 * Entity-level exact-span precision, recall and F1 per type and micro-averaged, as conlleval computes them.
 */
import { NAME_TYPES, type NameType, type Span } from './bilou.js';

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

export type Report = Record<NameType | 'micro', Score>;

export class SpanScorer {
  private readonly gold = new Map<string, number>();
  private readonly predicted = new Map<string, number>();
  private readonly correct = new Map<string, number>();

  add(gold: readonly Span[], predicted: readonly Span[]): void {
    const keys = new Set(gold.map((s) => `${s.start}:${s.end}:${s.type}`));
    for (const s of gold) bump(this.gold, s.type);
    for (const s of predicted) {
      bump(this.predicted, s.type);
      if (keys.has(`${s.start}:${s.end}:${s.type}`)) bump(this.correct, s.type);
    }
  }

  report(): Report {
    const score = (g: number, p: number, c: number): Score => {
      const precision = p ? c / p : 0;
      const recall = g ? c / g : 0;
      const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
      return { precision, recall, f1, gold: g, predicted: p, correct: c };
    };
    const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
    const out = {} as Report;
    for (const t of NAME_TYPES) out[t] = score(this.gold.get(t) ?? 0, this.predicted.get(t) ?? 0, this.correct.get(t) ?? 0);
    out.micro = score(sum(this.gold), sum(this.predicted), sum(this.correct));
    return out;
  }
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

export function formatReport(report: Report): string {
  const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
  const lines = ['type    precision  recall      F1   gold'];
  for (const k of [...NAME_TYPES, 'micro'] as const) {
    const s = report[k];
    lines.push(`${k.padEnd(6)}  ${pct(s.precision)}    ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.gold).padStart(5)}`);
  }
  return lines.join('\n');
}

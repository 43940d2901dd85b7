/**
 * positions.json: every node's position after the last build, so the next build continues its layout instead of
 * starting again (graph/layout.ts `previous`).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../graph/atomic-write.js';

export type Positions = Map<string, { x: number; y: number }>;

/** A missing or damaged file means no earlier positions. */
export function readPositions(file: string): Positions | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, [number, number]>;
    return new Map(Object.entries(data).map(([k, [x, y]]) => [k, { x, y }]));
  } catch {
    return undefined;
  }
}

/** Written in pieces, like graph.json: whole, it was a string of many megabytes made at a build's memory peak. */
export function writePositions(file: string, entries: Iterable<[string, { x: number; y: number }]>): void {
  writeFileAtomic(file, (function* () {
    let first = true;
    yield '{';
    for (const [key, p] of entries) {
      yield `${first ? '' : ','}${JSON.stringify(key)}:[${JSON.stringify(p.x)},${JSON.stringify(p.y)}]`;
      first = false;
    }
    yield '}';
  })(), { durable: false });
}

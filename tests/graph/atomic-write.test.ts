import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/graph/atomic-write.js';
import { NewsgraphError } from '../../src/errors.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

/** Byte equality of megabytes: `toEqual` compares them element by element, which takes seconds. */
function expectBytes(actual: Buffer, expected: Buffer): void {
  expect(actual.length).toBe(expected.length);
  const at = actual.findIndex((byte, i) => byte !== expected[i]);
  expect(at, 'first differing byte').toBe(-1);
}

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file behind', () => {
    const dir = tmp();
    const file = join(dir, 'graph.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, ['new ', 'content']);
    expect(readFileSync(file, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['graph.json']);
  });

  it('writes pieces of any size and script exactly, across its buffer boundaries', () => {
    const file = join(tmp(), 'pieces.json');
    const pieces: string[] = [];
    // Small pieces of one-, two-, three- and four-byte characters, a piece bigger than the buffer, then more small ones.
    for (let i = 0; i < 60_000; i++) pieces.push(`{"n":${i},"s":"Zoë 東京 😀 ${'x'.repeat(i % 17)}"}`);
    pieces.push('é'.repeat(700_000));
    for (let i = 0; i < 1000; i++) pieces.push(`,${i}ß`);
    writeFileAtomic(file, pieces);
    expectBytes(readFileSync(file), Buffer.from(pieces.join(''), 'utf8'));
  });

  it('writes byte pieces, small and bigger than its buffer, in order with the text around them', () => {
    const file = join(tmp(), 'mixed.json');
    const big = Buffer.alloc(3_000_000, 'b');
    const copied = Buffer.from('[copied ünïcode line]');
    const pieces: Array<string | Uint8Array> = [];
    for (let i = 0; i < 50_000; i++) pieces.push(i % 3 ? `text ${i} 東京;` : copied.subarray(1, 20));
    pieces.push(big, 'after the big one', new Uint8Array([0x7b, 0x7d]));
    writeFileAtomic(file, pieces);
    expectBytes(readFileSync(file), Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p))));
  });

  it('says in one line naming the file why it cannot write, and leaves no temporary file', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'taken.json'));
    expect(() => writeFileAtomic(join(dir, 'taken.json'), 'x')).toThrow(new NewsgraphError(`${join(dir, 'taken.json')}: cannot write: is a folder`));
    writeFileSync(join(dir, 'plain'), 'x');
    expect(() => writeFileAtomic(join(dir, 'plain', 'g.json'), 'x')).toThrow(`${join(dir, 'plain', 'g.json')}: cannot write: part of the path is a file, not a folder`);
    expect(readdirSync(dir).sort()).toEqual(['plain', 'taken.json']);
  });

  it('removes temporaries left by writers that were killed, and keeps those of running ones', () => {
    const dir = tmp();
    const file = join(dir, 'graph.json');
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: never a running process
    writeFileSync(join(dir, `.graph.json.${dead}.0.tmp`), 'half');
    writeFileSync(join(dir, `.graph.json.${process.pid}.99.tmp`), 'mine, in flight');
    writeFileSync(join(dir, `.other.json.${dead}.0.tmp`), 'not ours');
    writeFileAtomic(file, 'x');
    expect(readdirSync(dir).sort()).toEqual([`.graph.json.${process.pid}.99.tmp`, `.other.json.${dead}.0.tmp`, 'graph.json']);
  });
});

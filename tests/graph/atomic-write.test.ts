import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/graph/atomic-write.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file behind', () => {
    const dir = tmp();
    const file = join(dir, 'graph.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, ['new ', 'content']);
    expect(readFileSync(file, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['graph.json']);
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

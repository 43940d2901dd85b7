import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus } from '../../src/corpus/build-corpus.js';
import { NewsgraphError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

function setUp(): { input: string; out: string; lock: string } {
  const dir = tmp();
  const input = join(dir, 'in');
  mkdirSync(input);
  writeFileSync(join(input, 'a.txt'), 'The Green Alliance signed the climate pledge in Oslo.');
  mkdirSync(join(dir, 'out'));
  return { input, out: join(dir, 'out', 'graph.json'), lock: join(dir, 'out', '.graph.json.lock') };
}

describe('one build at a time per output', () => {
  it('refuses to write a graph another running build holds, in one line naming both, and writes nothing', async () => {
    const { input, out, lock } = setUp();
    // This test's own process stands for the other build: it is running.
    writeFileSync(lock, `${process.pid}\n`);
    await expect(buildCorpus({ paths: [input], out, jobs: 1 })).rejects.toThrow(NewsgraphError);
    await expect(buildCorpus({ paths: [input], out, jobs: 1 })).rejects.toThrow(`${out}: another build (process ${process.pid}) is writing it; wait for it, or delete ${lock} if no build runs`);
    expect(existsSync(out)).toBe(false);

    const r = runCli(['build', input, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`newsgraph: ${out}: another build (process ${process.pid}) is writing it; wait for it, or delete ${lock} if no build runs\n`);
  });

  it('takes over the lock of a build that was killed, and leaves no lock behind', async () => {
    const { input, out, lock } = setUp();
    writeFileSync(lock, `${2 ** 22 + 12345}\n`); // above Linux's default pid_max: never a running process
    const { summary } = await buildCorpus({ paths: [input], out, jobs: 1 });
    expect(summary.articles).toBe(1);
    expect(existsSync(lock)).toBe(false);
    expect(readdirSync(join(out, '..')).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });

  it('lets go of the lock when a build fails after taking it', async () => {
    const { input, out, lock } = setUp();
    // A folder where merges.json should go: the build gets as far as writing, then fails.
    const merges = join(out, '..', 'merges.json');
    mkdirSync(merges);
    const problem = `${merges}: cannot write: is a folder`;
    await expect(buildCorpus({ paths: [input], out, jobs: 1 })).rejects.toThrow(problem);
    expect(existsSync(lock)).toBe(false);
    // The lock is free: the next build takes it and stops at the same folder, not at the lock.
    await expect(buildCorpus({ paths: [input], out, jobs: 1 })).rejects.toThrow(problem);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { spawnSync } from 'node:child_process';
import { useTmp } from '../helpers/tmp.js';
import { requireScript } from '../helpers/required-tools.js';
import { loadGraph } from '../../src/graph/io.js';
import { generateArticleText, generateCorpus } from '../../bench/lib/corpus-generator.js';

const tmp = useTmp();

describe('newsgraph build', () => {
  it('builds the seeds into the given file, prints one summary line, exits 0', () => {
    const out = join(tmp(), 'g', 'graph.json');
    const r = runCli(['build', 'seeds', '--out', out, '--no-cache']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 1 articles \\(1 extracted, 0 cached\\), \\d+ nodes, \\d+ edges in \\d+\\.\\d\\d s\\n$`));
    expect(loadGraph(out).order).toBeGreaterThan(10);
    expect(JSON.parse(readFileSync(join(out, '..', 'merges.json'), 'utf8'))).toBeInstanceOf(Array);
  });

  it('reuses cached extractions on a second build', () => {
    const out = join(tmp(), 'graph.json');
    runCli(['build', 'seeds', '--out', out]);
    const r = runCli(['build', 'seeds', '--out', out]);
    expect(r.stdout).toContain('(0 extracted, 1 cached)');
  });

  it('updates the last graph when an article is added, says so, and does nothing when nothing changed', () => {
    const dir = tmp();
    const input = join(dir, 'in');
    generateCorpus({ dir: input, articles: 25, seed: 3 });
    const out = join(dir, 'out', 'graph.json');
    expect(runCli(['build', input, '--out', out]).stdout).toMatch(/ edges in \d+\.\d\d s\n$/);
    writeFileSync(join(input, 'article-000025.txt'), generateArticleText(25, 3));
    const added = runCli(['build', input, '--out', out, '--verbose']);
    expect(added.stdout).toMatch(/: 26 articles \(1 extracted, 25 cached\), \d+ nodes, \d+ edges in \d+\.\d\d s \(updated the last graph\)\n$/);
    // --verbose breaks the update down into its steps, which account for its time.
    // A graph this small is read before a worker could start: the new article is extracted in this thread.
    expect(added.stderr).toContain('newsgraph: extracted 1 in this thread\n');
    const line = /timings: read [\d.]+ s, state [\d.]+ s, extract [\d.]+ s, update ([\d.]+) s \(table ([\d.]+) s, identities ([\d.]+) s, changes ([\d.]+) s, describe ([\d.]+) s, write ([\d.]+) s\)\n/.exec(added.stderr);
    expect(line, added.stderr).not.toBeNull();
    const [update, ...steps] = line!.slice(1).map(Number);
    expect(Math.abs(steps.reduce((a, b) => a + b, 0) - update!)).toBeLessThanOrEqual(0.1);
    expect(runCli(['build', input, '--out', out]).stdout).toMatch(/\(nothing changed\)\n$/);
    const full = runCli(['build', input, '--out', out, '--no-incremental', '--verbose']);
    expect(full.stdout).toMatch(/ edges in \d+\.\d\d s\n$/);
    expect(full.stderr).toContain('newsgraph: built whole: asked to build in full\n');
  }, 60_000);

  it('an output that is a folder, or cannot be written, is one line naming it, exit 2', () => {
    const dir = tmp();
    const folder = join(dir, 'graph.json');
    mkdirSync(folder);
    const r = runCli(['build', 'seeds', '--out', folder]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`newsgraph: ${folder}: is a folder, not a graph file\n`);
    // A file where the output's folder should be.
    writeFileSync(join(dir, 'plain'), 'x');
    const blocked = join(dir, 'plain', 'graph.json');
    const w = runCli(['build', 'seeds', '--out', blocked, '--no-cache']);
    expect(w.code).toBe(2);
    expect(w.stderr).toBe(`newsgraph: ${blocked}: cannot write: part of the path is a file, not a folder\n`);
  });

  it('on a terminal shows a progress bar with articles/s and ETA, then each later phase; with --quiet nothing', () => {
    const script = requireScript();
    const dir = tmp();
    const input = join(dir, 'in');
    generateCorpus({ dir: input, articles: 12, seed: 5 });
    const out = join(dir, 'out', 'graph.json');
    // script(1) runs the command on a pseudo-terminal and copies what it shows.
    const onTerminal = (...flags: string[]) => {
      const command = [process.execPath, CLI, 'build', input, '--out', out, ...flags].map((a) => `'${a}'`).join(' ');
      const r = spawnSync(script, ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(r.status).toBe(0);
      return r.stdout.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '').replace(/\r/g, '');
    };
    const shown = onTerminal('--no-cache');
    expect(shown).toMatch(/extracting \|.+\| 12\/12 articles \| \d+ articles\/s \| ETA \d+s/);
    expect(shown).toContain('merging identities across articles…\nbuilding the graph…\nlaying out the graph…\nwriting the graph…\n');
    expect(shown).toMatch(/: 12 articles \(12 extracted, 0 cached\), \d+ nodes, \d+ edges in \d+\.\d\d s\n$/);
    expect(onTerminal('--quiet')).toBe('');
  }, 120_000);

  it('names a missing path in one line and exits 2', () => {
    const r = runCli(['build', '/no/such/folder', '--out', join(tmp(), 'g.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('newsgraph: /no/such/folder: no such file or folder\n');
  });

  it('refuses unknown flags with one line and exit 2', () => {
    const r = runCli(['build', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toBe("newsgraph: unknown option '--bogus'");
  });

  it('skips a bad file with a warning and builds the rest; --strict makes it fatal', () => {
    const dir = tmp();
    const input = join(dir, 'in');
    mkdirSync(input);
    writeFileSync(join(input, 'good.txt'), ' date 2020-01-01 Wire\n\nThe Green Party signed the declaration in Paris.');
    writeFileSync(join(input, 'bad.txt'), ' date 2020-14-01 Wire\n\nText.');
    const out = join(dir, 'graph.json');
    const r = runCli(['build', input, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`newsgraph: warning: ${join(input, 'bad.txt')}: malformed date line: month 14 out of range in 2020-14-01; skipped\n`);
    expect(r.stdout).toContain('1 articles (1 extracted, 0 cached, 1 skipped)');
    const strict = runCli(['build', input, '--out', join(dir, 'strict.json'), '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toBe(`newsgraph: ${join(input, 'bad.txt')}: malformed date line: month 14 out of range in 2020-14-01\n`);
    expect(existsSync(join(dir, 'strict.json'))).toBe(false);
  });

  it('leaves an existing graph untouched when a build fails', () => {
    const dir = tmp();
    const out = join(dir, 'graph.json');
    runCli(['build', 'seeds', '--out', out, '--no-cache']);
    const before = readFileSync(out);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'a.txt'), '');
    const r = runCli(['build', empty, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`newsgraph: ${empty}: no readable articles (1 skipped; first: ${join(empty, 'a.txt')}: empty file)\n`);
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('prints help for every command and exits 0', () => {
    for (const args of [['--help'], ['build', '--help'], ['extract', '--help'], ['serve', '--help']]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: newsgraph/);
    }
  });
});

describe('newsgraph extract', () => {
  it('prints the article extraction as JSON with evidence offsets', () => {
    const file = join(tmp(), 'a.txt');
    const body = 'The Liberty Party signed the accord. Its leader, Omar Haddad, praised it.';
    writeFileSync(file, ` date 2021-02-03 Wire\n\n${body}`);
    const r = runCli(['extract', file, '--json']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.article).toMatchObject({ id: 'a', date: '2021-02-03', publisher: 'Wire' });
    const label = (id: string) => x.entities.find((e: { id: string }) => e.id === id).label;
    const signed = x.relations.find((rel: { relation: string }) => rel.relation === 'signed');
    expect([label(signed.source), label(signed.target)]).toEqual(['Liberty Party', 'accord']);
    expect(body.slice(signed.evidence.start, signed.evidence.end)).toBe('Liberty Party signed the accord');
  });

  it('names an unreadable file', () => {
    const r = runCli(['extract', '/no/file.txt', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('newsgraph: /no/file.txt: no such file\n');
  });
});

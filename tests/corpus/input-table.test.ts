/**
 * The input table lets a build skip reading files unchanged since the last build. It must never trust a file that
 * changed: not one rewritten in place with the same size, not one replaced by another file, not one changed so soon
 * after the last build read it that its time stamps could hide the change.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputTable } from '../../src/corpus/input-table.js';
import { runCli } from '../helpers/cli.js';
import { generateArticleText, generateCorpus } from '../../bench/lib/corpus-generator.js';

const root = mkdtempSync(join(tmpdir(), 'newsgraph-input-table-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const article = (raw: string) => [{ raw, file: `${raw}.txt`, hash: `h-${raw}`, id: raw, key: `k-${raw}` }];

/** The latest time any of `files` was changed (its content or its times), as the table compares them. */
const lastChange = (...files: string[]) => Math.max(...files.map((f) => statSync(f)).map((s) => Math.max(s.mtimeMs, s.ctimeMs)));

/** Dates the files' modification times an hour back, so that rewriting one changes its mtime whatever the clock's tick. */
const makeOld = (...files: string[]) => {
  const then = new Date(Date.now() - 3_600_000);
  for (const file of files) utimesSync(file, then, then);
};

describe('InputTable', () => {
  const dir = join(root, 'unit');
  mkdirSync(dir);
  const table = join(dir, 'inputs.json');
  const a = join(dir, 'a.txt');
  const b = join(dir, 'b.txt');

  /**
   * A table recording a.txt and b.txt as they are now, as a build that began reading a minute after their last change
   * writes it: a change made after it (within that minute) is not caught by the racy window, only by the fingerprint.
   */
  const record = () => {
    const t = InputTable.load(table, 'v1', { racyMs: 0, readFrom: lastChange(a, b) + 60_000 });
    t.record(a, t.lookup(a).stats, article('a'), ['a warning']);
    t.record(b, t.lookup(b).stats, article('b'), []);
    t.save();
  };

  it('vouches for an unchanged file, with what was read from it', () => {
    writeFileSync(a, 'date 2024-01-01\n\nAda spoke.\n');
    writeFileSync(b, 'date 2024-01-01\n\nBo spoke.\n');
    makeOld(a, b);
    record();
    const t = InputTable.load(table, 'v1', { racyMs: 0 });
    expect(t.lookup(a).recorded).toMatchObject({ articles: article('a'), warnings: ['a warning'] });
    expect(t.lookup(b).recorded?.articles).toEqual(article('b'));
  });

  it('does not vouch for a file rewritten with the same size, replaced by another, or gone', () => {
    makeOld(a, b);
    record();
    const size = statSync(a).size;
    writeFileSync(a, 'date 2024-01-01\n\nAdo spoke.\n');
    expect(statSync(a).size).toBe(size);
    // Replaced by a copy with the same bytes and, set back, the same mtime: its inode and change time tell.
    const other = join(dir, 'other.txt');
    writeFileSync(other, readFileSync(b));
    const { atime, mtime } = statSync(b);
    utimesSync(other, atime, mtime);
    renameSync(other, b);
    const t = InputTable.load(table, 'v1', { racyMs: 0 });
    expect(t.lookup(a).recorded).toBeUndefined();
    expect(t.lookup(a).stats?.size).toBe(size);
    expect(t.lookup(b).recorded).toBeUndefined();
    rmSync(b);
    expect(t.lookup(b)).toEqual({});
    writeFileSync(b, 'date 2024-01-01\n\nBo spoke.\n');
  });

  it('vouches for a file whose times were touched but whose fingerprint is as recorded', () => {
    // The counterpart of the test above: with the window out of the way, an unchanged file still passes.
    makeOld(a, b);
    record();
    const t = InputTable.load(table, 'v1', { racyMs: 0 });
    expect(t.lookup(a).recorded?.articles).toEqual(article('a'));
    expect(t.lookup(b).recorded?.articles).toEqual(article('b'));
  });

  it('does not vouch for a file changed within the racy window before the last build read it', () => {
    record();
    // The last change was a minute before the recording build began reading.
    expect(InputTable.load(table, 'v1', { racyMs: 59_000 }).lookup(a).recorded).toBeDefined();
    expect(InputTable.load(table, 'v1', { racyMs: 61_000 }).lookup(a).recorded).toBeUndefined();
  });

  it('records files named like object properties as any other', () => {
    // Paths are recorded as given: `newsgraph build constructor` in the folder that holds it records "constructor".
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const odd = ['constructor', '__proto__', 'toString'];
      for (const file of odd) writeFileSync(file, 'date 2024-01-01\n\nAda spoke.\n');
      writeFileSync('hasOwnProperty', 'date 2024-01-01\n\nBo spoke.\n');
      const t = InputTable.load(table, 'v1', { racyMs: 0, readFrom: lastChange(...odd, 'hasOwnProperty') + 60_000 });
      for (const file of odd) t.record(file, t.lookup(file).stats, article('odd'), []);
      t.save();
      const again = InputTable.load(table, 'v1', { racyMs: 0 });
      for (const file of odd) expect(again.lookup(file).recorded?.articles).toEqual(article('odd'));
      expect(again.lookup('hasOwnProperty').recorded).toBeUndefined();
    } finally {
      process.chdir(cwd);
    }
  });

  it('ignores a table made for other keys, a damaged table, and the last table when asked to start afresh', () => {
    record();
    expect(InputTable.load(table, 'v2', { racyMs: 0 }).lookup(a).recorded).toBeUndefined();
    expect(InputTable.load(table, 'v1', { racyMs: 0, fresh: true }).lookup(a).recorded).toBeUndefined();
    writeFileSync(table, '{"format":1,"version":"v1","readFrom":');
    expect(InputTable.load(table, 'v1', { racyMs: 0 }).lookup(a).recorded).toBeUndefined();
  });

  it('is written only when it would say something new', () => {
    record();
    const before = readFileSync(table, 'utf8');
    const t = InputTable.load(table, 'v1', { racyMs: 0 });
    for (const [file, raw] of [[a, 'a'], [b, 'b']] as const) {
      const look = t.lookup(file);
      t.record(file, look.stats, look.recorded!.articles, look.recorded!.warnings);
    }
    writeFileSync(table, before.replace('"readFrom":', '"readFrom": '));
    t.save();
    expect(readFileSync(table, 'utf8')).toBe(before.replace('"readFrom":', '"readFrom": '));
    const changed = InputTable.load(table, 'v1', { racyMs: 0 });
    changed.record(a, changed.lookup(a).stats, article('a'), []);
    changed.save();
    expect(Object.keys(JSON.parse(readFileSync(table, 'utf8')).files)).toEqual([a]);
  });
});

describe('a build with an input table', () => {
  const corpus = join(root, 'corpus');
  const out = join(root, 'out', 'graph.json');
  generateCorpus({ dir: corpus, articles: 12, seed: 3 });
  writeFileSync(join(corpus, 'copy.txt'), generateArticleText(0, 3));
  // Several articles in one file, one of them on a line that warns; and an id that another file also has.
  writeFileSync(join(corpus, 'feed.jsonl'), [
    { id: 'wire-1', title: 'Port talks', date: '2024-02-01', text: 'The Harbour Pilots Guild called on the Telvian government to reopen the port.' },
    { id: 'article-000003', title: 'Quay strike', date: '2024-02-02', text: 'The Dockworkers Federation of Telvia supports the strike in Marlon.' },
  ].map((a) => JSON.stringify(a)).join('\n') + '\nnot json\n');
  const build = (...flags: string[]) => {
    const r = runCli(['build', corpus, '--out', out, '--verbose', ...flags]);
    expect(r.code, r.stderr).toBe(0);
    return { files: /files: (\d+) read, (\d+) unchanged/.exec(r.stderr)!.slice(1).map(Number), stdout: r.stdout, stderr: r.stderr };
  };
  /**
   * Makes the last build's record say it began reading a minute from now, as when the files' clock lags the
   * machine's: a change made since is then inside no racy window, and only the file's fingerprint can reveal it.
   */
  const lastBuildReadLater = () => {
    const inputs = join(root, 'out', '.cache', 'state', 'graph.inputs.json');
    const recorded = JSON.parse(readFileSync(inputs, 'utf8')) as { readFrom: number };
    writeFileSync(inputs, JSON.stringify({ ...recorded, readFrom: Date.now() + 60_000 }));
  };
  const labels = () => (JSON.parse(readFileSync(out, 'utf8')) as { nodes: Array<{ attributes: { label: string } }> }).nodes.map((n) => n.attributes.label);

  it('reads only the files changed since the last build, and still reports what the others said', async () => {
    // The corpus must be older than the racy window when the first build reads it.
    await new Promise((resolve) => setTimeout(resolve, 2600));
    const first = build();
    expect(first.files).toEqual([14, 0]);
    const again = build();
    expect(again.files).toEqual([0, 14]);
    expect(again.stdout).toContain('(nothing changed)');
    expect(again.stdout).toContain(': 14 articles (');
    // What reading the unchanged files said is said again, in the same order.
    const warnings = (stderr: string) => stderr.split('\n').filter((line) => line.includes('warning:'));
    expect(warnings(again.stderr)).toEqual(warnings(first.stderr));
    expect(warnings(again.stderr)).toEqual([expect.stringContaining('feed.jsonl:3: not valid JSON'), expect.stringContaining('copy.txt: same text as')]);

    writeFileSync(join(corpus, 'extra.txt'), 'date 2024-03-01 Wire\n\nThe Zorvanian Shipping Authority signed the Kelmar Accord in Telvia.\n');
    const added = build();
    expect(added.files).toEqual([1, 14]);
    expect(added.stdout).toContain('(updated the last graph)');
    expect(labels()).toContain('Zorvanian Shipping Authority');
    // The articles known from the table kept their ids: the JSONL one named like a text file is still told apart.
    const articles = (JSON.parse(readFileSync(out, 'utf8')) as { nodes: Array<{ key: string }> }).nodes.map((n) => n.key).filter((k) => k.startsWith('article:'));
    expect(articles).toEqual(expect.arrayContaining(['article:wire-1', 'article:article-000003', 'article:article-000003~2']));
  }, 60_000);

  it('reads again a file rewritten in place with the same size', () => {
    const file = join(corpus, 'extra.txt');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('Kelmar', 'Qelmar'));
    lastBuildReadLater();
    const changed = build();
    expect(changed.files).toEqual([1, 14]);
    expect(labels()).toContain('Qelmar Accord');
    expect(labels()).not.toContain('Kelmar Accord');
    appendFileSync(file, 'The Qelmar Accord was signed by Telvia.\n');
    lastBuildReadLater();
    expect(build().files).toEqual([1, 14]);
    // With nothing changed since, the same trust passes every file.
    lastBuildReadLater();
    expect(build().files).toEqual([0, 15]);
  }, 60_000);

  it('--no-incremental reads every file', () => {
    expect(build('--no-incremental').files).toEqual([15, 0]);
  }, 60_000);
});

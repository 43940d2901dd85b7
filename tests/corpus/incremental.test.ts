/**
 * Incremental rebuilds against their oracle: after each change to a corpus, the updated graph must be byte for byte
 * what a full build from the same starting point writes (graph.json with its layout positions, merges.json and the next
 * build's index), and the update must really have run where it should.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildCorpus, type BuildOptions, type BuildSummary } from '../../src/corpus/build-corpus.js';
import { generateArticleText, generateCorpus } from '../../bench/lib/corpus-generator.js';
import { DEFAULT_SETTINGS } from '../../src/config/settings.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

const OUTPUTS = ['graph.json', 'merges.json', 'co-mentions.json', '.cache/state/graph.index.jsonl'];

/**
 * Builds `input` into `dir` twice from the same state: once as an update, once in full in a copy. Returns the
 * update's summary after checking both wrote the same bytes.
 */
async function rebuildBothWays(input: string, dir: string, options: Pick<BuildOptions, 'jobs' | 'extractAhead'> = { jobs: 1 }): Promise<BuildSummary> {
  const twin = `${dir}-full`;
  rmSync(twin, { recursive: true, force: true });
  cpSync(dir, twin, { recursive: true, preserveTimestamps: true });
  const updated = await buildCorpus({ paths: [input], out: join(dir, 'graph.json'), ...options });
  const full = await buildCorpus({ paths: [input], out: join(twin, 'graph.json'), jobs: 1, incremental: false });
  expect(full.summary.mode).toBe('full');
  for (const file of OUTPUTS) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(join(twin, file), 'utf8'));
  expect({ nodes: updated.summary.nodes, edges: updated.summary.edges }).toEqual({ nodes: full.summary.nodes, edges: full.summary.edges });
  return updated.summary;
}

/** A generated corpus built once into out/graph.json. */
async function builtCorpus(articles: number, seed: number): Promise<{ root: string; input: string; out: string }> {
  const root = tmp();
  const input = join(root, 'in');
  generateCorpus({ dir: input, articles, seed });
  const out = join(root, 'out', 'graph.json');
  await buildCorpus({ paths: [input], out, jobs: 1 });
  return { root, input, out };
}

describe('incremental rebuilds', () => {
  it.each([1, 2, 3])('write what a full build writes, article added, removed, changed or moved (seed %i)', async (seed) => {
    const root = tmp();
    const input = join(root, 'in');
    const out = join(root, 'out');
    generateCorpus({ dir: input, articles: 40, seed });
    const first = await buildCorpus({ paths: [input], out: join(out, 'graph.json'), jobs: 1 });
    expect(first.summary).toMatchObject({ mode: 'full', fullBecause: 'no state from an earlier build' });

    const modes: string[] = [];
    const step = async (change: () => void) => {
      change();
      modes.push((await rebuildBothWays(input, out)).mode);
    };
    // Appended, as dated file names are.
    await step(() => writeFileSync(join(input, 'article-000040.txt'), generateArticleText(40, seed)));
    // Sorting first and in the middle: the new article's names come before earlier mentions of the same names.
    await step(() => writeFileSync(join(input, '0-early.txt'), generateArticleText(41, seed)));
    await step(() => writeFileSync(join(input, 'article-000020b.txt'), generateArticleText(42, seed)));
    await step(() => rmSync(join(input, 'article-000005.txt')));
    await step(() => writeFileSync(join(input, 'article-000010.txt'), generateArticleText(43, seed)));
    await step(() => {
      mkdirSync(join(input, 'moved'));
      renameSync(join(input, 'article-000012.txt'), join(input, 'moved', 'article-000012.txt'));
    });
    await step(() => {
      rmSync(join(input, 'article-000030.txt'));
      writeFileSync(join(input, 'article-000044.txt'), generateArticleText(44, seed));
    });
    // The update must really run: an update that always declined would pass the comparison above.
    expect(modes.filter((m) => m === 'incremental').length, modes.join(', ')).toBeGreaterThanOrEqual(5);
    expect(modes).not.toContain('unchanged');
  }, 120_000);

  it('with two threads, extracts the changed articles in a worker while it reads the last build, and writes the same', async () => {
    const { input, out } = await builtCorpus(30, 4);
    // Graphs this small are read before a worker starts: by default the update extracts in its own thread.
    writeFileSync(join(input, 'article-000030.txt'), generateArticleText(30, 4));
    const small = (await buildCorpus({ paths: [input], out, jobs: 2 })).summary;
    expect(small, small.fullBecause).toMatchObject({ mode: 'incremental', extracted: 1, workers: 0 });
    const ahead = { jobs: 2, extractAhead: { minLastGraphBytes: 0 } };
    writeFileSync(join(input, 'article-000031.txt'), generateArticleText(31, 4));
    writeFileSync(join(input, 'article-000032.txt'), generateArticleText(32, 4));
    const summary = await rebuildBothWays(input, dirname(out), ahead);
    expect(summary).toMatchObject({ mode: 'incremental', extracted: 2, cached: 31, workers: 1 });
    expect(summary.timings.state).toBeGreaterThan(0);
    // A full build that follows an update declining uses what the worker extracted: here the settings changed.
    writeFileSync(join(input, 'article-000033.txt'), generateArticleText(33, 4));
    const settings = { ...DEFAULT_SETTINGS, style: { ...DEFAULT_SETTINGS.style, maxNodeSize: 33 } };
    const restyled = await buildCorpus({ paths: [input], out, ...ahead, settings });
    expect(restyled.summary).toMatchObject({ mode: 'full', fullBecause: 'the settings changed', extracted: 1, workers: 1 });
  }, 120_000);

  it('does nothing when nothing changed, and leaves the files as they were', async () => {
    const { root, input, out } = await builtCorpus(15, 4);
    const before = statSync(out).mtimeMs;
    const again = await buildCorpus({ paths: [input], out, jobs: 1 });
    expect(again.summary).toMatchObject({ mode: 'unchanged', articles: 15, extracted: 0, cached: 15 });
    expect(statSync(out).mtimeMs).toBe(before);
    // The result still gives the graph and the merge decisions, read from the files.
    expect(again.graph.order).toBe(again.summary.nodes);
    expect(again.merges).toEqual(JSON.parse(readFileSync(join(root, 'out', 'merges.json'), 'utf8')));
  }, 60_000);

  it('tells a progress display which phase begins after extraction', async () => {
    const { input, out } = await builtCorpus(20, 8);
    const phases: string[] = [];
    writeFileSync(join(input, 'article-000020.txt'), generateArticleText(20, 8));
    await buildCorpus({ paths: [input], out, jobs: 1, onPhase: (p) => phases.push(p) });
    expect(phases).toEqual(['update']);
    phases.length = 0;
    await buildCorpus({ paths: [input], out, jobs: 1, incremental: false, onPhase: (p) => phases.push(p) });
    expect(phases).toEqual(['resolve', 'graph', 'layout', 'write']);
  }, 60_000);

  it('builds in full, saying why, when the last graph was edited, the settings changed or too much changed', async () => {
    const { input, out } = await builtCorpus(20, 5);
    writeFileSync(out, readFileSync(out, 'utf8').replace('"nodes":[', '"nodes":[ '));
    writeFileSync(join(input, 'article-000020.txt'), generateArticleText(20, 5));
    const edited = await buildCorpus({ paths: [input], out, jobs: 1 });
    expect(edited.summary).toMatchObject({ mode: 'full', fullBecause: `${out} changed since the last build`, extracted: 1 });

    const settings = { ...DEFAULT_SETTINGS, style: { ...DEFAULT_SETTINGS.style, maxNodeSize: 30 } };
    writeFileSync(join(input, 'article-000021.txt'), generateArticleText(21, 5));
    const restyled = await buildCorpus({ paths: [input], out, jobs: 1, settings });
    expect(restyled.summary).toMatchObject({ mode: 'full', fullBecause: 'the settings changed' });

    generateCorpus({ dir: input, articles: 10, seed: 5, first: 22 });
    const many = await buildCorpus({ paths: [input], out, jobs: 1, settings });
    expect(many.summary).toMatchObject({ mode: 'full', fullBecause: 'too many articles changed for an update', extracted: 10 });

    // An index line damaged past its leading fields, and a manifest that vouches for the index as it is now.
    const state = join(dirname(out), '.cache', 'state');
    const index = join(state, 'graph.index.jsonl');
    const lines = readFileSync(index, 'utf8').split('\n');
    const whole = lines[3]!;
    lines[3] = whole.replace(',"r":[[', ',"r":[[[');
    expect(lines[3]).not.toBe(whole);
    writeFileSync(index, lines.join('\n'));
    const manifest = JSON.parse(readFileSync(join(state, 'graph.manifest.json'), 'utf8'));
    const { size, mtimeMs } = statSync(index);
    manifest.files.index = { size, mtimeMs };
    writeFileSync(join(state, 'graph.manifest.json'), JSON.stringify(manifest));
    // An update reads a line's relations only where it needs them: here, because the article changed.
    const victim = JSON.parse(/"file":("(?:[^"\\]|\\.)*")/.exec(lines[3]!)![1]!) as string;
    writeFileSync(victim, generateArticleText(32, 5));
    const damaged = await buildCorpus({ paths: [input], out, jobs: 1, settings });
    expect(damaged.summary).toMatchObject({ mode: 'full', fullBecause: expect.stringMatching(/^the last build's files are damaged \(.*JSON/) });

    // An identity table cut short, vouched for as it is now.
    const identities = join(state, 'graph.identities.bin');
    writeFileSync(identities, readFileSync(identities).subarray(0, 5000));
    const vouched = JSON.parse(readFileSync(join(state, 'graph.manifest.json'), 'utf8'));
    vouched.files.identities = { size: statSync(identities).size, mtimeMs: statSync(identities).mtimeMs };
    writeFileSync(join(state, 'graph.manifest.json'), JSON.stringify(vouched));
    writeFileSync(join(input, 'article-000033.txt'), generateArticleText(33, 5));
    const cut = await buildCorpus({ paths: [input], out, jobs: 1, settings });
    expect(cut.summary).toMatchObject({ mode: 'full', fullBecause: `${identities}: unreadable (identity table: truncated)` });
  }, 60_000);

  it('moves an entity of an unchanged article when a new article makes its name ambiguous, as a full build does', async () => {
    const root = tmp();
    const input = join(root, 'in');
    generateCorpus({ dir: input, articles: 30, seed: 6 });
    // "Halvorsen" alone joins the one full name ending in it; a second such name makes it ambiguous again.
    writeFileSync(join(input, 'x1.txt'), ' date 2020-03-01 Wire\n\nThe mayor, Ingrid Halvorsen, opened the new harbour bridge on Monday.\n');
    writeFileSync(join(input, 'x2.txt'), ' date 2020-03-02 Wire\n\nMrs Halvorsen said the bridge had cost less than planned.\n');
    const out = join(root, 'out');
    const first = await buildCorpus({ paths: [input], out: join(out, 'graph.json'), jobs: 1 });
    const ingrid = () => first.graph.findNode((_, a) => a.label === 'Ingrid Halvorsen')!;
    expect(first.graph.getNodeAttribute(ingrid(), 'articles')).toEqual(['x1', 'x2']);

    writeFileSync(join(input, 'x3.txt'), ' date 2020-03-03 Wire\n\nThe engineer Petter Halvorsen inspected the bridge.\n');
    const summary = await rebuildBothWays(input, out);
    expect(summary.mode).toBe('incremental');
    const graph = (await buildCorpus({ paths: [input], out: join(out, 'graph.json'), jobs: 1 })).graph;
    const articlesOf = (label: string) => graph.getNodeAttribute(graph.findNode((_, a) => a.label === label)!, 'articles');
    expect(articlesOf('Ingrid Halvorsen')).toEqual(['x1']);
    expect(articlesOf('Petter Halvorsen')).toEqual(['x3']);
    expect(articlesOf('Halvorsen')).toEqual(['x2']);
  }, 60_000);
});

/**
 * Extraction started ahead (src/corpus/extract-ahead.ts): it runs only where it can overlap with reading the last
 * build, and a worker that fails leaves the articles to be extracted where the build extracts them.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractAhead } from '../../src/corpus/extract-ahead.js';
import { DEFAULT_SETTINGS } from '../../src/config/settings.js';
import type { Settings } from '../../src/config/settings.js';
import type { Article } from '../../src/schema/index.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

const article = (id: string, body: string): Article => ({ id, file: `${id}.txt`, title: id, body } as Article);

describe('extractAhead', () => {
  it('extracts in a worker, by cache key, when the last graph is large enough', async () => {
    const lastGraph = join(tmp(), 'graph.json');
    writeFileSync(lastGraph, 'x'.repeat(1000));
    const ahead = extractAhead([article('a', 'Ada Lovelace met Charles Babbage in London.')], {
      keys: ['k1'], lastGraph, minLastGraphBytes: 1000, threads: 2, workerData: { settings: DEFAULT_SETTINGS },
    });
    const results = await ahead;
    const r = results?.get('k1');
    expect(r?.ok).toBe(true);
    if (r?.ok) expect(r.extraction.entities.map((e) => e.label)).toEqual(expect.arrayContaining(['Ada Lovelace', 'London']));
  }, 60_000);

  it('does not start without a last graph, with a small one, with one thread, or with nothing to extract', () => {
    const lastGraph = join(tmp(), 'graph.json');
    const one = [article('a', 'Ada Lovelace spoke.')];
    const options = { keys: ['k1'], lastGraph, minLastGraphBytes: 0, threads: 2, workerData: { settings: DEFAULT_SETTINGS } };
    expect(extractAhead(one, options)).toBeUndefined();
    writeFileSync(lastGraph, 'x'.repeat(999));
    expect(extractAhead(one, { ...options, minLastGraphBytes: 1000 })).toBeUndefined();
    expect(extractAhead(one, { ...options, threads: 1 })).toBeUndefined();
    expect(extractAhead([], options)).toBeUndefined();
    // The default threshold: a graph of a thousand articles or so is read before a worker starts.
    expect(extractAhead(one, { ...options, minLastGraphBytes: undefined })).toBeUndefined();
  });

  it('gives undefined, not an error, when the worker cannot start', async () => {
    const lastGraph = join(tmp(), 'graph.json');
    writeFileSync(lastGraph, '{}');
    // Settings a worker cannot read: it dies building its cue table.
    const broken = { ...DEFAULT_SETTINGS, extract: null } as unknown as Settings;
    const ahead = extractAhead([article('a', 'Ada Lovelace spoke.')], { keys: ['k1'], lastGraph, minLastGraphBytes: 0, threads: 2, workerData: { settings: broken } });
    await expect(ahead).resolves.toBeUndefined();
  }, 60_000);
});

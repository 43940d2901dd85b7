import { describe, expect, it } from 'vitest';
import { readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExtractionCache } from '../../src/corpus/cache.js';
import type { CorpusExtraction } from '../../src/schema/index.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

const extraction = (id: string, text = 'ünïcode 東京'): CorpusExtraction => ({
  article: { id, file: `${id}.txt`, bodyHash: 'h', bodyLength: 3, title: text },
  entities: [], relations: [], extractorVersion: 'v1',
});

describe('extraction cache', () => {
  it('gives back what any writer stored, from one pack per writer, to a reader opened later', () => {
    const dir = join(tmp(), 'extractions');
    const a = new ExtractionCache(dir);
    const b = new ExtractionCache(dir);
    for (let i = 0; i < 50; i++) (i % 2 ? a : b).put(`key${i}`, extraction(`x${i}`));
    expect(readdirSync(dir).map((n) => n.replace(/^.*\./, '')).sort()).toEqual(['keys', 'keys', 'pack', 'pack']);
    const reader = new ExtractionCache(dir);
    for (let i = 0; i < 50; i++) expect(reader.get(`key${i}`)).toEqual(extraction(`x${i}`));
    expect(reader.get('never stored')).toBeUndefined();
    expect(new ExtractionCache(join(dir, 'missing')).get('key1')).toBeUndefined();
  });

  it('stores a batch at once, between single entries, and every entry reads back where it lies', () => {
    const dir = join(tmp(), 'extractions');
    const cache = new ExtractionCache(dir);
    cache.put('before', extraction('before'));
    cache.putAll([['b1', extraction('b1')], ['b2', extraction('b2', 'ß'.repeat(300))], ['b3', extraction('b3')]]);
    cache.putAll([]);
    cache.put('after', extraction('after'));
    for (const reader of [cache, new ExtractionCache(dir)]) {
      for (const id of ['before', 'b1', 'b2', 'b3', 'after']) expect(reader.get(id)).toEqual(extraction(id, id === 'b2' ? 'ß'.repeat(300) : undefined));
    }
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('the last entry stored under a key wins, also in the writer that stored it', () => {
    const dir = join(tmp(), 'extractions');
    const cache = new ExtractionCache(dir);
    cache.put('k', extraction('old'));
    expect(cache.get('k')).toEqual(extraction('old'));
    cache.put('k', extraction('new'));
    expect(cache.get('k')).toEqual(extraction('new'));
    expect(new ExtractionCache(dir).get('k')).toEqual(extraction('new'));
  });

  it('an entry cut short (a writer killed mid-write) reads as missing, the others still read', () => {
    const dir = join(tmp(), 'extractions');
    const cache = new ExtractionCache(dir);
    cache.put('first', extraction('first'));
    cache.put('second', extraction('second', 'x'.repeat(5000)));
    const pack = readdirSync(dir).find((n) => n.endsWith('.pack'))!;
    truncateSync(join(dir, pack), statSync(join(dir, pack)).size - 100);
    const reader = new ExtractionCache(dir);
    expect(reader.get('first')).toEqual(extraction('first'));
    expect(reader.get('second')).toBeUndefined();
  });
});

describe('extraction cache pruning', () => {
  it('keeps every pack holding a live key, whoever wrote it, and deletes the rest and old-format files', () => {
    const dir = join(tmp(), 'extractions');
    const [a, b, c] = [new ExtractionCache(dir), new ExtractionCache(dir), new ExtractionCache(dir)];
    a.put('live-a', extraction('a'));
    // `pruner` looks at the cache before b and c write (as a build's lead thread does before its workers do).
    const pruner = new ExtractionCache(dir);
    expect(pruner.get('live-a')).toEqual(extraction('a'));
    b.put('dead-b', extraction('b'));
    c.put('live-c', extraction('c'));
    c.put('dead-c', extraction('c2'));
    writeFileSync(join(dir, '0123abcd.json'), '{}');
    pruner.prune(['live-a', 'live-c']);
    const left = new ExtractionCache(dir);
    expect(left.get('live-a')).toEqual(extraction('a'));
    expect(left.get('live-c')).toEqual(extraction('c'));
    expect(left.get('dead-b')).toBeUndefined();
    expect(readdirSync(dir).filter((n) => n.endsWith('.pack')).length).toBe(2);
    expect(readdirSync(dir).some((n) => n.endsWith('.json'))).toBe(false);
  });
});

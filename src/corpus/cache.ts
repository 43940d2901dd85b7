/**
 * Per-article extraction cache: a rebuild after adding one article costs about one article. Entries are keyed by a
 * hash of the article (body and metadata) and the extractor version, so a changed article or a changed extractor
 * never reads a stale entry. Entries hold what a corpus build reads (the extraction without its mention list, a third
 * of its size), since a cached rebuild spends much of its time parsing them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, CorpusExtraction } from '../schema/index.js';
import { writeFileAtomic } from '../graph/atomic-write.js';

export function cacheKey(article: Article, extractorVersion: string): string {
  const { file: _file, ...rest } = article;
  return createHash('sha256').update(extractorVersion).update('\0').update(JSON.stringify(rest)).digest('hex').slice(0, 32);
}

export class ExtractionCache {
  private ready = false;
  constructor(readonly dir: string) {}

  get(key: string): CorpusExtraction | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8')) as CorpusExtraction;
    } catch {
      // Missing or damaged entries are simply rebuilt.
      return undefined;
    }
  }

  put(key: string, extraction: CorpusExtraction): void {
    if (!this.ready) {
      mkdirSync(this.dir, { recursive: true });
      this.ready = true;
    }
    writeFileAtomic(join(this.dir, `${key}.json`), JSON.stringify(extraction), { durable: false });
  }
}

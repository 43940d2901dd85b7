/**
 * The extractor's version: the cache key part that says "these rules and weights made this extraction". It is a
 * hash of the code and data of every stage that shapes an extraction (ingest, nlp, extract, resolve, schema), read
 * from the installed files, so editing a rule or retraining the tagger can never serve stale cached results.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';

const STAGES = ['ingest', 'nlp', 'extract', 'resolve', 'schema'];
let cached: string | undefined;

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path);
    else if (!name.endsWith('.map') && !name.endsWith('.d.ts')) hash.update(name).update(readFileSync(path));
  }
}

export function extractorVersion(): string {
  if (!cached) {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const hash = createHash('sha256');
    for (const stage of STAGES) hashTree(hash, join(root, stage));
    cached = `${VERSION}+${hash.digest('hex').slice(0, 12)}`;
  }
  return cached;
}

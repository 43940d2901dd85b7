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
/** The language-model back-end shapes only its own extractions: editing it leaves the offline cache valid. */
const LLM_DIR = join('extract', 'llm');
const versions = new Map<boolean, string>();

function hashTree(hash: ReturnType<typeof createHash>, root: string, dir: string, skip: string | undefined): void {
  for (const name of readdirSync(join(root, dir)).sort()) {
    const path = join(dir, name);
    if (path === skip) continue;
    if (statSync(join(root, path)).isDirectory()) hashTree(hash, root, path, skip);
    else if (!name.endsWith('.map') && !name.endsWith('.d.ts')) hash.update(name).update(readFileSync(join(root, path)));
  }
}

function codeVersion(withLlm: boolean): string {
  let version = versions.get(withLlm);
  if (!version) {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const hash = createHash('sha256');
    for (const stage of STAGES) hashTree(hash, root, stage, withLlm ? undefined : LLM_DIR);
    version = `${VERSION}+${hash.digest('hex').slice(0, 12)}`;
    versions.set(withLlm, version);
  }
  return version;
}

/** The offline extractor's version. */
export function extractorVersion(): string {
  return codeVersion(false);
}

/** The version of the code that grounds a language model's answers: every stage, the LLM back-end included. */
export function llmCodeVersion(): string {
  return codeVersion(true);
}

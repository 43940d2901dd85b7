/**
 * The outside tools the export tests check against: xmllint with the official GEXF 1.3 RELAX NG schema (read from
 * ../shared, never copied) and networkx. Each says why when it is missing, so a skipped check is never silent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const GEXF_SCHEMA = resolve(root, '../shared/data/gexf-1.3/gexf.rng');

export function gexfSchemaMissing(): string | undefined {
  if (!existsSync(GEXF_SCHEMA)) return `GEXF schema not found at ${GEXF_SCHEMA} (../shared absent)`;
  if (spawnSync('xmllint', ['--version']).status !== 0) return 'xmllint is not installed (apt-get install libxml2-utils)';
  return undefined;
}

/** Validates a GEXF file with xmllint; returns xmllint's complaints ('' when valid). */
export function validateGexf(file: string): { ok: boolean; output: string } {
  // The RELAX NG schema does not list the xsi attributes Gephi writes; SOURCE.md says to drop them first.
  const stripped = readFileSync(file, 'utf8').replace(/\s+xmlns:xsi="[^"]*"/, '').replace(/\s+xsi:schemaLocation="[^"]*"/, '');
  const copy = `${file}.novalidate-attrs.gexf`;
  writeFileSync(copy, stripped);
  const run = spawnSync('xmllint', ['--noout', '--relaxng', GEXF_SCHEMA, copy], { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

export function networkxMissing(): string | undefined {
  const run = spawnSync('python3', ['-c', 'import networkx'], { encoding: 'utf8' });
  return run.status === 0 ? undefined : `python3 with networkx is not available (${(run.stderr || run.error?.message || '').trim().split('\n').pop()})`;
}

export interface NetworkxGraph {
  directed: boolean;
  multigraph: boolean;
  graph: Record<string, unknown>;
  nodes: Record<string, Record<string, unknown>>;
  edges: Array<{ source: string; target: string; key: string | null; data: Record<string, unknown> }>;
}

export function readWithNetworkx(format: 'gexf' | 'graphml', file: string): NetworkxGraph {
  const out = execFileSync('python3', [join(root, 'tests/export/networkx_dump.py'), format, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out) as NetworkxGraph;
}

/** Reports a skipped outside check on the test output, with its reason. */
export function skipNote(reason: string | undefined): boolean {
  if (reason) console.warn(`skipped: ${reason}`);
  return Boolean(reason);
}

/**
 * The outside tools the export tests check against: xmllint with the official GEXF 1.3 RELAX NG schema (read from
 * ../shared, never copied) and networkx. Each fails the test that needs it when missing, naming the fix.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { networkxPython, requireXmllint, sharedFile } from '../helpers/required-tools.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Validates a GEXF file with xmllint; returns xmllint's complaints ('' when valid). */
export function validateGexf(file: string): { ok: boolean; output: string } {
  const schema = sharedFile('data/gexf-1.3/gexf.rng');
  // The RELAX NG schema does not list the xsi attributes Gephi writes; SOURCE.md says to drop them first.
  const stripped = readFileSync(file, 'utf8').replace(/\s+xmlns:xsi="[^"]*"/, '').replace(/\s+xsi:schemaLocation="[^"]*"/, '');
  const copy = `${file}.novalidate-attrs.gexf`;
  writeFileSync(copy, stripped);
  const run = spawnSync(requireXmllint(), ['--noout', '--relaxng', schema, copy], { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

export interface NetworkxGraph {
  directed: boolean;
  multigraph: boolean;
  graph: Record<string, unknown>;
  nodes: Record<string, Record<string, unknown>>;
  edges: Array<{ source: string; target: string; key: string | null; data: Record<string, unknown> }>;
}

export function readWithNetworkx(format: 'gexf' | 'graphml', file: string): NetworkxGraph {
  const out = execFileSync(networkxPython(), [join(root, 'tests/export/networkx_dump.py'), format, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out) as NetworkxGraph;
}
